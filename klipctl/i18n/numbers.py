"""Numbers as people read them in each language (Babel): file sizes for now."""

from __future__ import annotations


def size_text(size: int, lang: str) -> str:
    """A file size: "2,4 MB", "830 kB", "12 bait" (decimal units, as file managers show them)."""
    from babel.numbers import format_decimal  # loaded only when a size is shown

    for unit, scale in (("MB", 1_000_000), ("kB", 1_000)):
        if size >= scale:
            return f"{format_decimal(round(size / scale, 1), locale=lang)} {unit}"
    from klipctl.i18n.messages import Messages

    return Messages(lang)("size_bytes", n=size)
