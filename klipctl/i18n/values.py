"""The values people type, in either language: stages, roles and severities by their Indonesian
names (as the board and `show` print them) and the short forms an office uses, turned into the
one canonical value klipctl stores. What is not known is passed on as typed, for the check that
refuses it to name the choices."""

from __future__ import annotations

from collections.abc import Mapping

from klipctl.i18n.messages import ROLE_NAMES, SEVERITY_NAMES, STAGE_NAMES

# What offices say besides the catalogue's names (the SOP's titles are long).
_ROLE_SHORT = {
    "kasubbag": "supervisor",
    "kasubag": "supervisor",
    "kepala-subbagian": "supervisor",
    "pelaksana": "clerk",
    "petugas": "operator",
    "operator-console": "operator",
    "staf": "staff",
    "pegawai": "staff",
    "kepala": "head",
    "kepala-kantor": "head",
    "kakanwil": "head",
}


def _key(text: str) -> str:
    return "-".join(text.strip().casefold().replace("_", " ").split())


def _table(names: Mapping[str, tuple[str, str]]) -> dict[str, str]:
    table = {_key(value): value for value in names}
    for value, (indonesian, english) in names.items():
        table.setdefault(_key(indonesian), value)
        table.setdefault(_key(english), value)
    return table


_TABLES = {
    "stage": _table(STAGE_NAMES),
    "severity": _table(SEVERITY_NAMES),
    "role": {**_table(ROLE_NAMES), **_ROLE_SHORT},
}


def canonical(kind: str, text: str) -> str:
    """``text`` as the stored value of ``kind`` (stage, role, severity), or unchanged."""
    return _TABLES[kind].get(_key(text), text)
