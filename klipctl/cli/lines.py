"""Messages on standard error, the one path they take, without Rich where it would add nothing.

Into a file or a pipe Rich neither colours a sentence nor wraps it (``output`` prints them with
soft wrapping there): it only drops control characters. So there a sentence is written as it is,
and a refusal or a usage error does not wait for Rich to load (a third of ``klipctl lsit``). At
a terminal, where colour is forced (FORCE_COLOR, TTY_COMPATIBLE), or for a tab (which Rich
expands by the columns it has drawn), ``output``'s Rich console says it: colour, wrapping at the
terminal's width, Windows consoles.
"""

from __future__ import annotations

import os
import sys
from typing import TextIO

PREFIX = "klipctl: "  # before an error, bold red where colour is shown
_FORCING = ("FORCE_COLOR", "TTY_COMPATIBLE", "TTY_INTERACTIVE")
_DROPPED = dict.fromkeys((7, 8, 11, 12, 13))  # what Rich's Text drops: BEL BS VT FF CR


def plain(stream: TextIO, text: str) -> bool:
    """Would Rich write ``text`` to ``stream`` exactly as it is (but its control characters)?"""
    return "\t" not in text and not stream.isatty() and not any(os.environ.get(v) for v in _FORCING)


def error(text: str) -> None:
    if plain(sys.stderr, text):
        sys.stderr.write(PREFIX + text.translate(_DROPPED) + "\n")
        return
    from klipctl.cli import output

    output.say_styled(text, error=True)


def info(text: str) -> None:
    sys.stdout.flush()  # keep data and messages in order on a shared terminal
    if plain(sys.stderr, text):
        sys.stderr.write(text.translate(_DROPPED) + "\n")
        return
    from klipctl.cli import output

    output.say_styled(text, error=False)
