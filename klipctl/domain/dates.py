"""Reading a day or a moment as people type it (ISO dates, WIB unless an offset is given), and
as offices write them in a spreadsheet (day first, or in words, Indonesian or English)."""

from __future__ import annotations

import re
from datetime import date, datetime, time

from klipctl.domain.model import JAKARTA
from klipctl.domain.validate import FIRST_YEAR, LAST_YEAR
from klipctl.errors import UsageError


def parse_day(text: str) -> date:
    try:
        day = date.fromisoformat(text.strip())
    except ValueError:
        raise UsageError("bad_date", value=text) from None
    check_year(day.year, text)
    return day


def parse_moment(text: str) -> datetime:
    """A date (the start of that day, WIB) or an ISO date-time (WIB when no offset is given)."""
    raw = text.strip()
    try:
        if "T" in raw or " " in raw:
            moment = datetime.fromisoformat(raw)
        else:
            moment = datetime.combine(date.fromisoformat(raw), time(0, 0))
    except ValueError:
        raise UsageError("bad_date", value=text) from None
    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=JAKARTA)
    check_year(moment.astimezone(JAKARTA).year, text)
    return moment


def check_year(year: int, text: str) -> None:
    if not FIRST_YEAR <= year <= LAST_YEAR:
        raise UsageError("date_out_of_range", value=text, first=FIRST_YEAR, last=LAST_YEAR)


# Month names as offices write them in a Log Book: Indonesian and English, in full and short
# (and the spellings met in practice: Pebruari, Agustus as Agt or Ags, Nopember).
_MONTHS = {
    name: n
    for n, names in enumerate(
        (
            ("januari", "january", "jan"),
            ("februari", "pebruari", "february", "feb", "peb"),
            ("maret", "march", "mar"),
            ("april", "apr"),
            ("mei", "may"),
            ("juni", "june", "jun"),
            ("juli", "july", "jul"),
            ("agustus", "august", "agu", "agt", "ags", "aug"),
            ("september", "sep", "sept"),
            ("oktober", "october", "okt", "oct"),
            ("november", "nopember", "nov", "nop"),
            ("desember", "december", "des", "dec"),
        ),
        start=1,
    )
    for name in names
}
_DAY_FIRST = re.compile(r"(\d{1,2})[/.-](\d{1,2})[/.-](\d{4})")
_WRITTEN = re.compile(r"(\d{1,2})\s+([A-Za-z]+)\.?\s+(\d{4})")
_TIME = re.compile(r"(?:pukul\s+|jam\s+|at\s+)?(\d{1,2})[:.](\d{2})(?:[:.]\d{2})?(?:\s*WIB)?")
_WEEKDAY = re.compile(r"^[A-Za-z']+,\s*")


def parse_written(text: str) -> tuple[date, time | None]:
    """A day (and a time of day, if one is given) as an office writes it in a spreadsheet:
    ISO (2025-03-04, 2025-03-04 10:15), day first (04/03/2025, 4-3-2025, 04.03.2025) or in
    words, Indonesian or English (4 Maret 2025, Selasa, 4 Maret 2025 pukul 10.15). Times are
    WIB. Raises ``UsageError("bad_date")`` for anything else."""
    raw = _WEEKDAY.sub("", " ".join(text.split()))
    try:
        moment = datetime.fromisoformat(raw)
    except ValueError:
        moment = None
    if moment is not None:
        check_year(moment.year, text)
        has_time = "T" in raw or " " in raw or ":" in raw
        if moment.tzinfo is not None:
            moment = moment.astimezone(JAKARTA)
        return moment.date(), moment.time().replace(tzinfo=None) if has_time else None
    found = _DAY_FIRST.match(raw) or _WRITTEN.match(raw)
    if found is None:
        raise UsageError("bad_date", value=text)
    day_text, month_text, year_text = found.groups()
    month = int(month_text) if month_text.isdigit() else _MONTHS.get(month_text.lower())
    rest = raw[found.end() :].strip()
    clock = _TIME.fullmatch(rest) if rest else None
    if month is None or (rest and clock is None):
        raise UsageError("bad_date", value=text)
    try:
        day = date(int(year_text), month, int(day_text))
        at = time(int(clock.group(1)), int(clock.group(2))) if clock else None
    except ValueError:
        raise UsageError("bad_date", value=text) from None
    check_year(day.year, text)
    return day, at
