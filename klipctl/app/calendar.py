"""The core of the calendar and the due board: office calendar changes, deadlines, what is due.

Kept apart from ``steps`` (the SOP's steps) because it is about time, not the procedure: the
office's own closures and working days (each one commit), the deadline of an assignment explained
day by day, working days between dates, months to draw, and every open failure by days left.
Like every use case, nothing here prints.
"""

from __future__ import annotations

import calendar as stdcal
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date, datetime

from klipctl.app import sharing
from klipctl.app.context import Context, author_of, commit_signer
from klipctl.domain.dates import check_year, parse_day, parse_moment
from klipctl.domain.model import JAKARTA, Failure
from klipctl.domain.standing import Status, deadline_start
from klipctl.domain.validate import SHORT_MAX, TITLE_MAX, check_text
from klipctl.domain.workdays import (
    CalendarChange,
    CountedDay,
    DayInfo,
    DeadlineRule,
    WorkCalendar,
    explain,
    office_days,
)
from klipctl.errors import InvalidInput, Refused, UsageError
from klipctl.storage import commitmsg, store
from klipctl.storage.layout import CALENDAR_FILE
from klipctl.storage.logbook import Problem

SOON = 2  # working days left at which a deadline is shown as coming soon
EMPTY_CALENDAR = (
    "# klipctl office calendar: append-only, change it only with `klipctl calendar`.\n"
    "schema: 1\nchanges: []\n"
)


# --- deadlines that the national calendar may still move ----------------------------------------


def uncertain_years(cal: WorkCalendar, pairs: list[tuple[date, date]]) -> dict[int, str]:
    """Years touched by any (start, end) whose national calendar is not settled, with why."""
    found: dict[int, str] = {}
    for start, end in pairs:
        found.update(cal.uncertain_years(start, end))
    return dict(sorted(found.items()))


def status_warnings(ctx: Context, statuses: list[Status]) -> dict[int, str]:
    rule = ctx.rule
    pairs = [
        (start.astimezone(JAKARTA).date(), s.deadline)
        for s in statuses
        if s.deadline is not None and (start := deadline_start(s.failure, rule)) is not None
    ]
    return uncertain_years(ctx.calendar, pairs) if pairs else {}


# --- the office's own calendar changes ----------------------------------------------------------


@dataclass(frozen=True)
class Moved:
    """An open failure whose deadline a calendar change moved."""

    failure: Failure
    old: date
    new: date


@dataclass(frozen=True)
class CalendarResult:
    change: CalendarChange
    commit: str
    moved: list[Moved]
    # True when the change is the office working on a national holiday or cuti bersama.
    overrides_national: bool = False


def change_calendar(
    ctx: Context, action: str, day: date, name: str | None, reason: str | None, working: bool
) -> CalendarResult:
    """``add`` a closure (or, with ``working``, a working day) or ``remove`` a day off."""
    lb = ctx.logbook
    with sharing.around_write(ctx):  # the roster and calendar as the centre has them
        actor = ctx.actor()
        if not actor.has_role("supervisor"):
            raise Refused("calendar_needs_supervisor", handle=actor.handle)
        signer = ctx.signer(actor.handle, actor.key)  # before the lock: it may ask a passphrase
        reason_text = check_text(reason, "reason", limit=TITLE_MAX) if reason else ""
        with lb.transaction() as tx:
            path = lb.root / CALENDAR_FILE
            changes = lb.calendar_changes  # read under the lock
            old_office = office_days(changes)
            before = ctx.calendar.with_office_days(old_office)
            national = before.national_info(day)
            existing = old_office.get(day)
            overrides = False
            if action == "add":
                if existing is not None:
                    raise Refused("calendar_day_taken", day=day.isoformat(), name=existing.name)
                label = check_text(name or "", "name", limit=SHORT_MAX)
                if working and national.working:
                    raise Refused("calendar_already_working", day=day.isoformat())
                if not working and not national.working:
                    raise Refused(
                        "calendar_already_closed", day=day.isoformat(), name=national.name or ""
                    )
                change = CalendarChange(
                    "add", day, label, working, reason_text, actor.handle, ctx.now
                )
            else:
                if not reason_text:
                    raise InvalidInput("empty_field", field="reason")
                if existing is not None:
                    change = CalendarChange(
                        "remove",
                        day,
                        existing.name,
                        existing.working,
                        reason_text,
                        actor.handle,
                        ctx.now,
                    )
                elif national.kind in ("holiday", "joint"):
                    # Removing a national day off (a cancelled cuti bersama): the office
                    # works that day.
                    overrides = True
                    change = CalendarChange(
                        "add", day, national.name, True, reason_text, actor.handle, ctx.now
                    )
                else:
                    raise Refused("calendar_nothing_to_remove", day=day.isoformat())
            after = before.with_office_days(office_days([*changes, change]))
            moved = _moved_deadlines(ctx, before, after)
            text = (tx.read(path) or EMPTY_CALENDAR.encode("utf-8")).decode("utf-8")
            tx.write(path, store.append_calendar_change(text, change).encode("utf-8"))
            sha = tx.commit(
                _calendar_message(change, actor.handle), author_of(actor), ctx.now,
                commit_signer(signer),
            )  # fmt: skip
        ctx.calendar_changed()  # later reads in this process see the change
        return CalendarResult(change, sha, moved, overrides)


def _moved_deadlines(ctx: Context, before: WorkCalendar, after: WorkCalendar) -> list[Moved]:
    from klipctl.storage import index

    failures, _ = index.query(ctx.logbook, index.Query(), ctx.env)
    rule = ctx.rule
    moved = []
    for failure in failures:
        start = deadline_start(failure, rule)
        if failure.is_open and start is not None:
            old = before.deadline(start, rule)
            new = after.deadline(start, rule)
            if old != new:
                moved.append(Moved(failure, old, new))
    return sorted(moved, key=lambda m: (m.new, m.failure.id))


def _calendar_message(change: CalendarChange, actor: str) -> str:
    if change.action == "remove":
        subject = f"Calendar: withdraw the office change on {change.day}: {change.name}"
    elif change.working:
        subject = f"Calendar: {change.day} is a working day: {change.name}"
    else:
        subject = f"Calendar: office closed on {change.day}: {change.name}"
    return commitmsg.message(
        subject,
        [f"Reason: {commitmsg.typed(change.reason)}"] if change.reason else [],
        [
            (commitmsg.ACTION, f"calendar-{change.action}"),
            (commitmsg.DATE, str(change.day)),
            (commitmsg.ACTOR, actor),
        ],
    )


# --- questions about dates ----------------------------------------------------------------------


@dataclass(frozen=True)
class DeadlineAnswer:
    at: datetime
    received: date
    deadline: date
    rule: DeadlineRule
    steps: list[CountedDay]
    warnings: dict[int, str] = field(default_factory=dict)


def deadline_for(ctx: Context, when: str, days: int | None) -> DeadlineAnswer:
    at = parse_moment(when)
    rule = ctx.rule
    if days is not None:
        if not 1 <= days <= 100:
            raise UsageError("bad_days", value=days)
        rule = DeadlineRule(days, rule.receipt_day_counts, rule.office_hours_end)
    cal = ctx.calendar
    deadline = cal.deadline(at, rule)
    day = at.astimezone(JAKARTA).date()
    return DeadlineAnswer(
        at,
        cal.received_on(at, rule),
        deadline,
        rule,
        explain(cal, at, rule),
        cal.uncertain_years(day, deadline),
    )


@dataclass(frozen=True)
class WorkdaysAnswer:
    start: date
    end: date
    days: int
    warnings: dict[int, str] = field(default_factory=dict)


def workdays(ctx: Context, start_text: str, end_text: str) -> WorkdaysAnswer:
    start, end = parse_day(start_text), parse_day(end_text)
    cal = ctx.calendar
    return WorkdaysAnswer(
        start, end, cal.workdays_between(start, end), cal.uncertain_years(start, end)
    )


@dataclass(frozen=True)
class Month:
    year: int
    month: int
    weeks: list[list[DayInfo | None]]  # Monday first; None pads days of other months
    named: list[DayInfo]  # the days in the month with a name: holidays, cuti bersama, office's


@dataclass(frozen=True)
class CalendarView:
    months: list[Month]
    warnings: dict[int, str]


def calendar_view(ctx: Context, spec: str | None) -> CalendarView:
    """The month of today, a month ("2026-03") or a whole year ("2026")."""
    if spec is None:
        year, months = ctx.today.year, [ctx.today.month]
    else:
        text = spec.strip()
        try:
            if len(text) == 4:
                year, months = int(text), list(range(1, 13))
            else:
                first = date.fromisoformat(f"{text}-01")
                year, months = first.year, [first.month]
        except ValueError:
            raise UsageError("bad_month", value=spec) from None
        check_year(year, spec)
    cal = ctx.calendar
    result = []
    for month in months:
        weeks: list[list[DayInfo | None]] = []
        for week in stdcal.Calendar(firstweekday=0).monthdatescalendar(year, month):
            weeks.append([cal.day_info(d) if d.month == month else None for d in week])
        named = [i for w in weeks for i in w if i is not None and i.name]
        result.append(Month(year, month, weeks, named))
    return CalendarView(result, cal.uncertain_years(date(year, 1, 1), date(year, 1, 1)))


# --- the due board ------------------------------------------------------------------------------


@dataclass(frozen=True)
class DueBoard:
    statuses: list[Status]
    problems: list[Problem]
    warnings: dict[int, str]

    @property
    def overdue(self) -> int:
        return sum(1 for s in self.statuses if s.overdue)

    @property
    def soon(self) -> int:
        return sum(1 for s in self.statuses if s.days_left is not None and 0 <= s.days_left <= SOON)

    @property
    def unassigned(self) -> int:
        return sum(1 for s in self.statuses if s.deadline is None)


def due(ctx: Context) -> DueBoard:
    """Every open failure, most urgent first; those not yet assigned (no deadline) last."""
    from klipctl.app import sharing
    from klipctl.storage import index

    sharing.catch_up(ctx)
    failures, problems = index.query(ctx.logbook, index.Query(), ctx.env)
    statuses = most_urgent_first(ctx.status(f) for f in failures if f.is_open)
    return DueBoard(statuses, problems, status_warnings(ctx, statuses))


def most_urgent_first(statuses: Iterable[Status]) -> list[Status]:
    """By working days left (overdue first), then by deadline; not yet assigned last."""

    def urgency(s: Status) -> tuple[int, int, date, str]:
        if s.days_left is None:
            return (1, 0, date.max, s.failure.id)
        assert s.deadline is not None
        return (0, s.days_left, s.deadline, s.failure.id)

    return sorted(statuses, key=urgency)
