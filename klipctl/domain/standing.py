"""The standing of a failure on a given day: its deadline, working days left, who acts next.

Derived, never stored: every layer above (queries, the due board, documents, the terminal) reads
a failure's standing from here, given the calendar, the deadline rule and the day.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime

from klipctl.domain.model import Failure
from klipctl.domain.procedure import NextStep, next_step
from klipctl.domain.verdict import Verdict, verdict
from klipctl.domain.workdays import DeadlineRule, WorkCalendar


@dataclass(frozen=True)
class Status:
    """A failure with what is derived from it on a given day."""

    failure: Failure
    deadline: date | None
    # working days until the deadline; negative when late; None once the verdict is final
    days_left: int | None
    next: NextStep | None
    verdict: Verdict

    @property
    def overdue(self) -> bool:
        return self.days_left is not None and self.days_left < 0


def deadline_start(failure: Failure, rule: DeadlineRule) -> datetime | None:
    """When the failure's deadline period began: the first assignment, or under an office's
    ``reassign_restarts`` the latest (re)assignment; None before it is assigned."""
    return failure.last_assigned_at if rule.reassign_restarts else failure.assigned_at


def status_of(failure: Failure, cal: WorkCalendar, rule: DeadlineRule, today: date) -> Status:
    v = verdict(failure, cal, rule, today)
    days_left = None
    if v.state == "running" and v.deadline is not None:
        days_left = cal.workdays_between(today, v.deadline)
    elif v.state == "overdue":
        days_left = -v.late_by
    return Status(failure, v.deadline, days_left, next_step(failure), v)


def stage_durations(failure: Failure, cal: WorkCalendar) -> list[int]:
    """Working days each entry took since the previous one (0 for the first)."""
    days = [0]
    for prev, entry in zip(failure.entries, failure.entries[1:], strict=False):
        days.append(cal.workdays_between(prev.day, entry.day))
    return days
