"""Reading a day or a moment as people type it (ISO dates, WIB unless an offset is given)."""

from __future__ import annotations

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
