"""Working days of an Indonesian government office, and the SOP's deadline arithmetic.

A working day is Monday to Friday, minus national holidays and cuti bersama (the ``holidays``
package, categories public and government), minus the office's own closures, plus any day the
office declares a working day. The holiday table is passed in, so everything here is pure; where
the holiday dates come from (and how they are cached) is ``holidaycache``.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator, Mapping
from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta
from functools import cached_property

from klipctl.domain.model import JAKARTA

HolidayTable = Callable[[int], Mapping[date, str]]


@dataclass(frozen=True)
class HolidayYear:
    """One year of the national calendar: holidays, cuti bersama and which dates are estimated."""

    year: int
    public: Mapping[date, str]  # libur nasional
    joint: Mapping[date, str]  # cuti bersama (the package's "government" category)
    estimated: frozenset[date] = frozenset()  # dates the package only estimates (lunar calendars)

    @cached_property
    def days(self) -> dict[date, str]:
        merged = dict(self.public)
        for day, name in self.joint.items():
            merged[day] = f"{merged[day]}; {name}" if day in merged else name
        return dict(sorted(merged.items()))

    @property
    def uncertain(self) -> str | None:
        """Why this year's dates may still move: "no_joint" (no cuti bersama decreed yet),
        "estimated" (lunar holidays only estimated), "no_joint_estimated"; None when settled."""
        reasons = [
            r for r, bad in (("no_joint", not self.joint), ("estimated", self.estimated)) if bad
        ]
        return "_".join(reasons) or None


YearTable = Callable[[int], HolidayYear]


@dataclass(frozen=True)
class DeadlineRule:
    """How the SOP's "10 hari kerja sejak penugasan diterima" is counted."""

    days: int = 10
    # False (default): the day the assignment is received is not counted; day 1 is the next
    # working day (the general Indonesian rule that the day a period starts is not counted).
    receipt_day_counts: bool = False
    # An assignment received after this time (Asia/Jakarta) counts as received the next working day.
    office_hours_end: time | None = None
    # False (default): a reassignment keeps the deadline of the first assignment, as the SOP
    # counts from when the assignment was first received. True: the new operator gets a full
    # period from the reassignment.
    reassign_restarts: bool = False
    # Where the period ends (see ``domain.verdict``): "archived" (default), the SOP's end of the
    # procedure, step 9, the report filed; or "accepted", the repair accepted at step 5.
    ends_at: str = "archived"


@dataclass(frozen=True)
class OfficeDay:
    """The office's own change to the national calendar: a closure or an extra working day."""

    day: date
    name: str
    working: bool
    reason: str = ""


@dataclass(frozen=True)
class CalendarChange:
    """One change to the office's calendar, as kept (append-only) in the log book.

    ``add`` records a closure (``working`` false) or a working day on a weekend or holiday
    (``working`` true); ``remove`` withdraws the office's earlier change on that date.
    """

    action: str  # add | remove
    day: date
    name: str
    working: bool
    reason: str
    actor: str
    at: datetime


def office_days(changes: Iterable[CalendarChange]) -> dict[date, OfficeDay]:
    """The office's calendar as it stands after ``changes``, by date."""
    days: dict[date, OfficeDay] = {}
    for change in changes:
        if change.action == "add":
            days[change.day] = OfficeDay(change.day, change.name, change.working, change.reason)
        else:
            days.pop(change.day, None)
    return days


# What kind of day a date is, for the calendar and for explanations.
WORKING = "working"
WEEKEND = "weekend"
HOLIDAY = "holiday"  # libur nasional
JOINT = "joint"  # cuti bersama
OFFICE_CLOSED = "office_closed"
OFFICE_WORKING = "office_working"  # a weekend or holiday the office declared a working day


@dataclass(frozen=True)
class DayInfo:
    day: date
    kind: str
    name: str = ""  # the holiday or office change's name, else empty
    reason: str = ""  # an office change's decree or reason

    @property
    def working(self) -> bool:
        return self.kind in (WORKING, OFFICE_WORKING)


@dataclass
class WorkCalendar:
    holidays: HolidayTable
    office_days: Mapping[date, OfficeDay] = field(default_factory=dict)
    # The full national calendar by year (which days are cuti bersama, which are estimated);
    # optional so a bare table of holidays still makes a calendar.
    years: YearTable | None = None
    # Each day's answer once known: a list counts the same weeks for every failure in it.
    _working: dict[date, bool] = field(default_factory=dict, init=False, repr=False,
                                       compare=False)  # fmt: skip

    @classmethod
    def from_years(
        cls, years: YearTable, office: Mapping[date, OfficeDay] | None = None
    ) -> WorkCalendar:
        return cls(lambda y: years(y).days, dict(office or {}), years)

    def with_office_days(self, office: Mapping[date, OfficeDay]) -> WorkCalendar:
        return WorkCalendar(self.holidays, dict(office), self.years)

    def day_info(self, day: date) -> DayInfo:
        """What ``day`` is and why: the office's change first, then the nation's, then weekday."""
        office = self.office_days.get(day)
        if office is not None:
            kind = OFFICE_WORKING if office.working else OFFICE_CLOSED
            return DayInfo(day, kind, office.name, office.reason)
        if self.years is not None:
            year = self.years(day.year)
            if day in year.public:
                return DayInfo(day, HOLIDAY, year.days[day])
            if day in year.joint:
                return DayInfo(day, JOINT, year.joint[day])
        else:
            name = self.holidays(day.year).get(day)
            if name:
                return DayInfo(day, HOLIDAY, name)
        if day.weekday() >= 5:
            return DayInfo(day, WEEKEND)
        return DayInfo(day, WORKING)

    def national_info(self, day: date) -> DayInfo:
        """What ``day`` would be without the office's own changes."""
        return self.with_office_days({}).day_info(day)

    def uncertain_years(self, start: date, end: date) -> dict[int, str]:
        """Years from ``start`` to ``end`` whose national calendar may still move, with why."""
        if self.years is None:
            return {}
        found = {}
        for year in range(min(start, end).year, max(start, end).year + 1):
            why = self.years(year).uncertain
            if why:
                found[year] = why
        return found

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
        known = self._working.get(day)
        if known is None:
            known = self._working[day] = self.why_closed(day) is None
        return known

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
        """The day an assignment made at ``at`` counts as received.

        After office hours it counts as received the next day, like one made that morning.
        (Not "the next working day": an assignment on Friday evening would then count from
        Tuesday, later than one made on Sunday, which counts from Monday.)
        """
        local = at.astimezone(JAKARTA)
        day = local.date()
        if rule.office_hours_end is not None and local.time() > rule.office_hours_end:
            return day + timedelta(days=1)
        return day

    def deadline(self, at: datetime, rule: DeadlineRule) -> date:
        """The last working day on which the procedure may finish."""
        day = self.received_on(at, rule)
        if rule.receipt_day_counts and self.is_working_day(day):
            return self.add_working_days(day, rule.days - 1)
        return self.add_working_days(day, rule.days)


@dataclass(frozen=True)
class CountedDay:
    """One day on the way from an assignment to its deadline, and how the rule treats it."""

    info: DayInfo
    # "received": the day of receipt, not counted; "received_counted": day 1 under the choice that
    # a working day of receipt counts; "after_hours": assigned after office hours, counting starts
    # later; "counted": a working day; "skipped": not a working day.
    role: str
    number: int | None = None  # which working day of the period, for counted days


def explain(cal: WorkCalendar, at: datetime, rule: DeadlineRule) -> list[CountedDay]:
    """Every day from the assignment to its deadline, counted or skipped, and why."""
    assigned = at.astimezone(JAKARTA).date()
    received = cal.received_on(at, rule)
    last = cal.deadline(at, rule)
    steps: list[CountedDay] = []
    n = 0
    day = assigned
    while day <= max(last, received):
        info = cal.day_info(day)
        if day < received:
            role = "after_hours" if day == assigned else "skipped"
        elif day == received:
            role = "received"
            if rule.receipt_day_counts and info.working:
                n += 1
                role = "received_counted"
        elif info.working:
            n += 1
            role = "counted"
        else:
            role = "skipped"
        steps.append(CountedDay(info, role, n if role in ("counted", "received_counted") else None))
        day += timedelta(days=1)
    return steps
