"""The Log Book register: every failure of a period, one row each, with its deadline verdict."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date
from typing import Any

from klipctl.documents.shared import (
    Labels,
    Letterhead,
    World,
    letterhead,
    lines,
    long_date,
    month_name,
    short_date,
)
from klipctl.domain.model import Entry, Failure
from klipctl.domain.standing import Status
from klipctl.i18n.messages import Messages


@dataclass(frozen=True)
class RegisterRow:
    n: int
    id: str
    reported: str
    reporter: str
    system: str
    title: str
    operator: str
    stage: str
    deadline: str
    finished: str
    used: str
    within: str
    late: bool
    # The same values as values, for spreadsheets (``sheets.py``): real dates and numbers.
    reported_on: date
    deadline_on: date | None
    finished_on: date | None
    used_days: int | None
    recorded: str = ""  # the day the clerk recorded it in the Log Book (step 2)
    number: str = ""  # the result report's number (LAP-n/…/year), once signed
    recorded_on: date | None = None


@dataclass(frozen=True)
class RegisterGroup:
    heading: str
    rows: tuple[RegisterRow, ...]
    month: str = ""  # YYYY-MM of the failures reported in it


@dataclass(frozen=True)
class RegisterView:
    lang: str
    t: Labels
    letterhead: Letterhead
    title_lines: tuple[str, ...]
    period: str
    groups: tuple[RegisterGroup, ...]
    total: str
    legend: str
    printed: str
    doc_title: str

    def as_vars(self) -> dict[str, Any]:
        return {"doc": self, "t": self.t}


@dataclass(frozen=True)
class Standing:
    """Where one failure stands against its deadline, counted for the documents."""

    deadline: date | None
    finished: date | None
    used: int | None
    late_by: int  # working days past the deadline (so far, when still open)
    within: str  # yes | no | running | late | none


_WITHIN = {"met": "yes", "missed": "no", "running": "running", "overdue": "late"}


def standing(status: Status, w: World) -> Standing:
    """The failure's verdict (``domain.verdict``, the same as every view's) for the documents."""
    v = status.verdict
    within = _WITHIN.get(v.state, v.state)  # none | withdrawn stay as they are
    return Standing(v.deadline if v.state != "none" else None, v.ended, v.used, v.late_by, within)


def _stage_text(f: Failure, m: Messages) -> str:
    """The stage, and for a withdrawn failure why (the register is where the office sees it)."""
    withdrawn = f.withdrawn
    if withdrawn is None:
        return m.stage(f.stage)
    reason = str(withdrawn.details.get("reason") or "")
    if f.duplicate_of:
        return m("doc_withdrawn_duplicate", reason=reason, other=f.duplicate_of)
    return m("doc_withdrawn", reason=reason)


def register_view(
    statuses: Sequence[Status], w: World, start: date | None, end: date | None
) -> RegisterView:
    m, lang = w.m, w.lang
    none = m("doc_none")
    groups: dict[str, list[RegisterRow]] = {}
    months: dict[str, str] = {}
    finished = late = 0
    for n, status in enumerate(statuses, start=1):
        f = status.failure
        s = standing(status, w)
        finished += s.finished is not None
        late += s.late_by > 0
        recorded, signed = f.first("record"), f.last("sign")
        row = RegisterRow(
            n=n,
            id=f.id,
            reported=short_date(f.report.day, lang),
            reporter=w.name(f.reporter),
            system=f.system,
            title=f.title,
            operator=w.name(f.assignee) if f.assignee else none,
            stage=_stage_text(f, m),
            deadline=short_date(s.deadline, lang) if s.deadline else none,
            finished=short_date(s.finished, lang) if s.finished else none,
            used=str(s.used) if s.used is not None else none,
            within=m(f"doc_within_{s.within}") if s.within != "none" else none,
            late=s.late_by > 0,
            reported_on=f.report.day,
            deadline_on=s.deadline,
            finished_on=s.finished,
            used_days=s.used,
            recorded=_recorded_text(recorded, w) if recorded else none,
            number=str(signed.details.get("number") or none) if signed else none,
            recorded_on=recorded.day if recorded else None,
        )
        heading = month_name(f.report.day, lang).capitalize()
        months.setdefault(heading, f.report.day.strftime("%Y-%m"))
        groups.setdefault(heading, []).append(row)
    if start or end:
        first = statuses[0].failure.report.day if statuses else w.today
        period = m(
            "doc_period",
            start=long_date(start or first, lang),
            end=long_date(end or w.today, lang),
        )
    else:
        period = m("doc_period_all")
    title_lines = lines(m("doc_register_title"))
    return RegisterView(
        lang=lang,
        t=Labels(m),
        letterhead=letterhead(w),
        title_lines=title_lines,
        period=period,
        groups=tuple(RegisterGroup(h, tuple(rows), months[h]) for h, rows in groups.items()),
        total=m("doc_register_total", n=len(statuses), finished=finished, late=late),
        legend=m("doc_register_legend", end=m(f"doc_ends_at_{w.rule.ends_at}")),
        printed=m("doc_printed", date=long_date(w.today, lang)),
        doc_title=" ".join(title_lines),
    )


def _recorded_text(recorded: Entry, w: World) -> str:
    """The day recorded in the Log Book; "(diimpor)" when it came from the earlier one."""
    day = short_date(recorded.day, w.lang)
    return w.m("doc_imported_day", date=day) if recorded.imported is not None else day
