"""The values people type, in either language: stages, roles and severities by their Indonesian
names (as the board and `show` print them) and the short forms an office uses, turned into the
one canonical value klipctl stores. What is not known is passed on as typed, for the check that
refuses it to name the choices (said as a person types them: ``messages.typed_name``)."""

from __future__ import annotations

from collections.abc import Mapping
from functools import cache

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


@cache
def _tables(kind: str) -> dict[str, str]:
    """Built when first asked (they read both catalogues; most commands type no value)."""
    if kind == "role":
        return {**_table(ROLE_NAMES), **_ROLE_SHORT}
    return _table({"stage": STAGE_NAMES, "severity": SEVERITY_NAMES}[kind])


def canonical(kind: str, text: str) -> str:
    """``text`` as the stored value of ``kind`` (stage, role, severity), or unchanged."""
    return _tables(kind).get(_key(text), text)


def spellings(kind: str) -> dict[str, str]:
    """Every spelling ``canonical`` knows for ``kind`` (in its typed form, words joined by
    "-"), each with the value it stands for: what shell completion can offer."""
    return dict(_tables(kind))


def offered(kind: str, lang: str) -> dict[str, str]:
    """One spelling per value, the one to offer first: in Indonesian the short form an office
    uses (else the catalogue's name), in English the stored value itself."""
    names = {"stage": STAGE_NAMES, "severity": SEVERITY_NAMES, "role": ROLE_NAMES}[kind]
    if lang == "en":
        return {value: value for value in names}
    short = {v: s for s, v in reversed(_ROLE_SHORT.items())} if kind == "role" else {}
    return {short.get(value) or _key(indonesian): value for value, (indonesian, _) in names.items()}
