"""Where the files shipped with klipctl live: the log book skeleton and the templates.

In a wheel they are packaged under ``klipctl/_data``; in a source checkout (editable install)
they are the top-level ``logbook/`` and ``templates/`` folders.
"""

from __future__ import annotations

from pathlib import Path

_PACKAGE = Path(__file__).resolve().parent.parent  # klipctl/, above storage/


def data_dir(name: str) -> Path:
    packaged = _PACKAGE / "_data" / name
    if packaged.is_dir():
        return packaged
    return _PACKAGE.parent / name
