"""Failure IDs: unique across clones without coordination, short, sortable by time.

An ID is 12 characters of Crockford base32 (lower case, no i, l, o, u): 7 for the second it was
made (good until the year 3058) and 5 random ones (33 million choices per second, so two clones
reporting in the same second collide about once in 33 million). Time comes first, so names sort by
time and failures of different days differ within the first four or five characters.
"""

from __future__ import annotations

import re
import secrets
from bisect import bisect_left
from collections.abc import Iterable, Sequence
from datetime import datetime
from os.path import commonprefix

ALPHABET = "0123456789abcdefghjkmnpqrstvwxyz"
ID_LENGTH = 12
TIME_CHARS = 7
ID_RE = re.compile(rf"[{ALPHABET}]{{{ID_LENGTH}}}")
PREFIX_RE = re.compile(rf"[{ALPHABET}]{{1,{ID_LENGTH}}}")
# Crockford's rule: letters that look like digits are read as those digits.
_NORMALISE = str.maketrans({"i": "1", "l": "1", "o": "0"})


def _encode(number: int, width: int) -> str:
    chars = []
    for _ in range(width):
        number, digit = divmod(number, 32)
        chars.append(ALPHABET[digit])
    return "".join(reversed(chars))


def new_id(now: datetime, random_bits: int | None = None) -> str:
    seconds = int(now.timestamp())
    rand = secrets.randbits(25) if random_bits is None else random_bits
    return _encode(seconds, TIME_CHARS) + _encode(rand, ID_LENGTH - TIME_CHARS)


def id_time(failure_id: str) -> datetime:
    """The moment encoded in an ID (UTC)."""
    from datetime import UTC

    seconds = 0
    for ch in failure_id[:TIME_CHARS]:
        seconds = seconds * 32 + ALPHABET.index(ch)
    return datetime.fromtimestamp(seconds, UTC)


def prefix_span(prefix: str) -> tuple[datetime, datetime]:
    """The first and last moment (UTC) an ID starting with ``prefix`` can have been made."""
    part = prefix[:TIME_CHARS]
    low = id_time(part + ALPHABET[0] * (TIME_CHARS - len(part)))
    high = id_time(part + ALPHABET[-1] * (TIME_CHARS - len(part)))
    return low, high


def normalise_prefix(text: str) -> str | None:
    """The canonical form of what a person typed as an ID, or None when it cannot be one."""
    prefix = text.strip().lower().translate(_NORMALISE)
    return prefix if PREFIX_RE.fullmatch(prefix) else None


def is_id(text: str) -> bool:
    return bool(ID_RE.fullmatch(text))


SHORT_MIN = 5  # a shortened ID keeps at least this much: a day's failures differ by here


def unique_prefix_length(shown: Iterable[str], every: Sequence[str], least: int = SHORT_MIN) -> int:
    """How many leading characters tell each of ``shown`` apart from every other ID of
    ``every`` (sorted): one width for a whole column, at least ``least``."""
    width = least
    for failure_id in shown:
        at = bisect_left(every, failure_id)
        for other in every[max(at - 1, 0) : at + 2]:
            if other != failure_id:
                width = max(width, len(commonprefix([failure_id, other])) + 1)
    return min(width, ID_LENGTH)
