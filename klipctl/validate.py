"""Checks on free text people type, shared by the roster and the procedure.

Limits keep one careless paste (or a hostile script) from bloating a file every command reads.
"""

from __future__ import annotations

import unicodedata

from klipctl.errors import InvalidInput

TITLE_MAX = 200
SHORT_MAX = 100
TEXT_MAX = 10_000


def check_text(value: str, field: str, *, limit: int, multiline: bool = False) -> str:
    """Strip ``value`` and refuse it when empty, too long, or holding control characters."""
    text = value.strip()
    if not text:
        raise InvalidInput("empty_field", field=field)
    if len(text) > limit:
        raise InvalidInput("field_too_long", field=field, limit=limit)
    allowed = {"\n", "\t"} if multiline else set()
    for ch in text:
        if ch in allowed:
            continue
        if unicodedata.category(ch) in ("Cc", "Cs") or ch in "\u2028\u2029\ufeff":
            raise InvalidInput(
                "field_multiline" if ch in "\r\n\u2028\u2029" else "field_control", field=field
            )
    if multiline:
        text = "\n".join(line.rstrip() for line in text.splitlines())
    return text
