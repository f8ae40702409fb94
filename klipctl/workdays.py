"""Working days of an Indonesian government office, and the SOP's deadline arithmetic.

A working day is Monday to Friday, minus national holidays and cuti bersama (the ``holidays``
package, categories public and government), minus the office's own closures, plus any day the
office declares a working day. The holiday table is passed in, so everything here is pure.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator, Mapping
from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta

from klipctl.model import JAKARTA

HolidayTable = Callable[[int], Mapping[date, str]]


@dataclass(frozen=True)
class DeadlineRule:
    """How the SOP's "10 hari kerja sejak penugasan diterima" is counted."""

    days: int = 10
    # False (default): the day the assignment is received is not counted; day 1 is the next
    # working day (the general Indonesian rule that the day a period starts is not counted).
    receipt_day_counts: bool = False
    # An assignment received after this time (Asia/Jakarta) counts as received the next working day.
    office_hours_end: time | None = None


@dataclass(frozen=True)
class OfficeDay:
    """The office's own change to the national calendar: a closure or an extra working day."""

    day: date
    name: str
    working: bool
    reason: str = ""


@dataclass
class WorkCalendar:
    holidays: HolidayTable
    office_days: Mapping[date, OfficeDay] = field(default_factory=dict)

    def why_closed(self, day: date) -> str | None:
        """Why ``day`` is not a working day (holiday or closure name, "weekend"); None if it is."""
        office = self.office_days.get(day)
        if office is not None:
            return None if office.working else office.name
        name = self.holidays(day.year).get(day)
        if name:
            return name
        if day.weekday() >= 5:
            return "weekend"
        return None

    def is_working_day(self, day: date) -> bool:
        return self.why_closed(day) is None

    def working_days_after(self, day: date) -> Iterator[date]:
        """Working days strictly after ``day``, in order."""
        current = day
        while True:
            current += timedelta(days=1)
            if self.is_working_day(current):
                yield current

    def add_working_days(self, day: date, n: int) -> date:
        """The ``n``-th working day strictly after ``day`` (``day`` itself when n is 0)."""
        if n <= 0:
            return day
        for i, current in enumerate(self.working_days_after(day), start=1):
            if i == n:
                return current
        raise AssertionError("unreachable")

    def workdays_between(self, start: date, end: date) -> int:
        """Working days in (start, end]; negative when ``end`` is before ``start``."""
        if end < start:
            return -self.workdays_between(end, start)
        count = 0
        current = start
        while current < end:
            current += timedelta(days=1)
            if self.is_working_day(current):
                count += 1
        return count

    def received_on(self, at: datetime, rule: DeadlineRule) -> date:
        """The day an assignment made at ``at`` counts as received."""
        local = at.astimezone(JAKARTA)
        day = local.date()
        if (
            rule.office_hours_end is not None
            and local.time() > rule.office_hours_end
            and self.is_working_day(day)
        ):
            return next(self.working_days_after(day))
        return day

    def deadline(self, at: datetime, rule: DeadlineRule) -> date:
        """The last working day on which the procedure may finish."""
        day = self.received_on(at, rule)
        if rule.receipt_day_counts and self.is_working_day(day):
            return self.add_working_days(day, rule.days - 1)
        return self.add_working_days(day, rule.days)


def indonesian_holidays(language: str = "id") -> HolidayTable:
    """National holidays and cuti bersama from the ``holidays`` package, one year at a time."""
    cache: dict[int, dict[date, str]] = {}

    def table(year: int) -> Mapping[date, str]:
        if year not in cache:
            import holidays  # heavy: imported only when a date is actually checked

            found = holidays.country_holidays(
                "ID",
                years=year,
                categories=("public", "government"),
                language="id" if language == "id" else "en_US",
            )
            cache[year] = {d: str(n) for d, n in found.items()}
        return cache[year]

    return table
