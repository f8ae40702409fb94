"""The one deadline verdict: for a failure and a day, how many working days have been used and
whether the deadline was (or is being) met.

Every view and document asks here (``show``, ``list``, ``due``, ``inbox``, the result report,
the register, the recap, the board), so they cannot disagree. The period starts when the
assignment is received (``deadline_start``) and ends at one documented point, the office's
``deadline.ends_at``: by default the SOP's end of the procedure, the report filed (step 9,
``archive``); or the repair accepted at the quality check (step 5). Before the end point the
verdict is "running" or "overdue" as of the day asked, never a final one it cannot know yet.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from klipctl.domain.model import JAKARTA, Failure
from klipctl.domain.workdays import DeadlineRule, WorkCalendar

# What the end point is, for each ``deadline.ends_at``: the step whose entry ends the period.
END_STEPS = {"archived": "archive", "accepted": "accept"}


@dataclass(frozen=True)
class Verdict:
    """Where a failure stands against its deadline on a day."""

    state: str  # none (not assigned) | withdrawn | running | overdue | met | missed
    deadline: date | None
    ended: date | None  # the day the end point was reached; None before it
    used: int | None  # working days from receipt of the assignment to ``ended`` (or the day)
    late_by: int  # working days past the deadline (so far, while still running)
    ends_at: str  # archived | accepted: what ``ended`` is

    @property
    def final(self) -> bool:
        return self.state in ("met", "missed")

    @property
    def late(self) -> bool:
        return self.late_by > 0


def days_used(cal: WorkCalendar, rule: DeadlineRule, start_day: date, end: date) -> int:
    """Working days from the day the assignment counts as received to ``end``, counted as the
    deadline is counted (with ``receipt_day_counts`` the day of receipt is day 1)."""
    used = cal.workdays_between(start_day, end)
    if rule.receipt_day_counts and cal.is_working_day(start_day):
        used += 1
    return max(used, 0)


def verdict(failure: Failure, cal: WorkCalendar, rule: DeadlineRule, today: date) -> Verdict:
    """The verdict for ``failure`` as of ``today``."""
    start = failure.last_assigned_at if rule.reassign_restarts else failure.assigned_at
    if failure.stage == "withdrawn":
        deadline = cal.deadline(start, rule) if start is not None else None
        return Verdict("withdrawn", deadline, None, None, 0, rule.ends_at)
    if start is None:
        return Verdict("none", None, None, None, 0, rule.ends_at)
    deadline = cal.deadline(start, rule)
    received = cal.received_on(start, rule)
    end_entry = failure.last(END_STEPS[rule.ends_at])
    ended = end_entry.at.astimezone(JAKARTA).date() if end_entry is not None else None
    upto = ended or today
    used = days_used(cal, rule, received, upto)
    late_by = _late_by(cal, deadline, upto)
    if ended is not None:
        return Verdict("missed" if late_by else "met", deadline, ended, used, late_by, rule.ends_at)
    return Verdict("overdue" if late_by else "running", deadline, None, used, late_by, rule.ends_at)


def _late_by(cal: WorkCalendar, deadline: date, day: date) -> int:
    """Working days ``day`` is past ``deadline``: 0 on or before it; a weekend or holiday after
    it counts to the next working day (late is late, even on a Saturday)."""
    if day <= deadline:
        return 0
    if not cal.is_working_day(day):
        day = next(cal.working_days_after(day))
    return max(1, cal.workdays_between(deadline, day))
