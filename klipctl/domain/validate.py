"""Checks on free text, shared by the roster, the procedure, the stored files and the CLI.

Limits keep one careless paste (or a hostile script) from bloating a file every command reads.
Text must be valid Unicode (a lone surrogate is what Python makes of bytes that are not UTF-8,
e.g. in a command-line argument) and hold no control characters: only multi-line fields may hold
a newline or a tab.
"""

from __future__ import annotations

import re

from klipctl.errors import InvalidInput

TITLE_MAX = 200
SHORT_MAX = 100
TEXT_MAX = 10_000
FIRST_YEAR, LAST_YEAR = 1970, 2100  # dates beyond these mean nothing to the holiday tables
# A file given for text (--description-file, a public key) is read no further than this.
TEXT_FILE_MAX_BYTES = 4 * TEXT_MAX

_SURROGATE = re.compile("[\ud800-\udfff]")
# C0 and C1 controls (Unicode category Cc) but newline and tab; line and paragraph separators; the
# byte order mark; bidirectional embeddings, overrides and isolates, which can make text display
# in a different order than it is stored.
_CONTROL = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\u2028\u2029\ufeff\u202a-\u202e\u2066-\u2069]")
_BREAK = re.compile("[\r\n\u2028\u2029]")
_UNSAFE = re.compile(f"[\t\n{_CONTROL.pattern[1:-1]}{_SURROGATE.pattern[1:-1]}]")


def problem(text: str, *, multiline: bool = False) -> str | None:
    """Why ``text`` cannot be stored: a message key, or None when it is clean."""
    if _SURROGATE.search(text):
        return "field_not_utf8"
    if not multiline and _BREAK.search(text):
        return "field_multiline"
    if _CONTROL.search(text) or (not multiline and "\t" in text):
        return "field_control"
    return None


def check_text(value: str, field: str, *, limit: int, multiline: bool = False) -> str:
    """Strip ``value`` and refuse it when empty, too long, or holding control characters."""
    text = value.strip()
    if not text:
        raise InvalidInput("empty_field", field=field)
    if len(text) > limit:
        raise InvalidInput("field_too_long", field=field, limit=limit)
    if multiline:
        text = text.replace("\r\n", "\n")  # a file written on Windows
    key = problem(text, multiline=multiline)
    if key is not None:
        raise InvalidInput(key, field=field)
    if multiline:
        text = "\n".join(line.rstrip() for line in text.split("\n"))
    return text


def check_argument(text: str) -> None:
    """Refuse a command-line argument that no shell can give as text (undecodable bytes, NUL)."""
    if _SURROGATE.search(text) or "\x00" in text:
        raise InvalidInput("argument_not_text", value=text)


def decode_text(data: bytes, source: str) -> str:
    """The UTF-8 text of a file a person gave (a description, a public key), or refuse it."""
    if len(data) > TEXT_FILE_MAX_BYTES:
        raise InvalidInput("text_file_too_large", path=source, limit=TEXT_FILE_MAX_BYTES)
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise InvalidInput("text_file_not_utf8", path=source, byte=exc.start + 1) from None


def printable(value: str, limit: int) -> str:
    """``value`` safe to echo in one line of a message: controls and undecodable bytes escaped,
    long text cut, so a hostile value can neither break the line nor drive the terminal."""
    if len(value) > limit:
        value = value[:limit] + "…"
    return _UNSAFE.sub(_escape, value)


def _escape(found: re.Match[str]) -> str:
    ch = found.group()
    if "\udc80" <= ch <= "\udcff":  # a byte that was not UTF-8, as surrogateescape keeps it
        return f"\\x{ord(ch) - 0xDC00:02x}"
    return ch.encode("unicode_escape").decode("ascii")
