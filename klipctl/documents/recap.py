"""The recap of a month or a year: counts by stage and system, the late ones, a weekly chart."""

from __future__ import annotations

import re
import statistics
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date, timedelta
from typing import Any

from klipctl.documents.register import standing
from klipctl.documents.shared import (
    Labels,
    Letterhead,
    Signature,
    World,
    days_used,
    letterhead,
    lines,
    long_date,
    month_name,
    number_text,
    percent_text,
    shares_text,
    signature,
)
from klipctl.domain.model import STAGES
from klipctl.domain.standing import Status, deadline_start
from klipctl.errors import UsageError


@dataclass(frozen=True)
class CountRow:
    label: str
    count: int
    share: str


@dataclass(frozen=True)
class OverdueRow:
    id: str
    title: str
    operator: str
    deadline: str
    late_by: int
    state: str
    deadline_on: date | None = None  # the deadline as a date, for spreadsheets


@dataclass(frozen=True)
class WeekBar:
    label: str  # "2 – 8 Mar"
    short: str  # under the bar: the label, or the week's number in a year's chart
    count: int
    text_bar: str  # "███" for the Markdown
    x: int  # SVG geometry, in user units
    y: int
    height: int
    width: int
    label_y: int


@dataclass(frozen=True)
class Chart:
    width: int
    height: int
    baseline: int
    bars: tuple[WeekBar, ...]
    max_count: int


@dataclass(frozen=True)
class RecapView:
    lang: str
    t: Labels
    letterhead: Letterhead
    title_lines: tuple[str, ...]
    period: str
    summary: tuple[tuple[str, str], ...]
    by_stage: tuple[CountRow, ...]
    by_system: tuple[CountRow, ...]
    overdue: tuple[OverdueRow, ...]
    chart: Chart
    printed: str
    doc_title: str
    signature: Signature  # the supervisor's, dated the day it is printed

    def as_vars(self) -> dict[str, Any]:
        return {"doc": self, "t": self.t}


def parse_period(month: str | None, year: str | None) -> tuple[date, date, str]:
    """(first day, last day, "month"|"year") from --month YYYY-MM or --year YYYY."""
    if (month is None) == (year is None):
        raise UsageError("bad_period")
    try:
        if month is not None:
            found = re.fullmatch(r"(\d{4})-(\d{2})", month)
            if not found:
                raise ValueError
            start = date(int(found.group(1)), int(found.group(2)), 1)
            following = (start.replace(day=28) + timedelta(days=4)).replace(day=1)
            return start, following - timedelta(days=1), "month"
        assert year is not None
        if not re.fullmatch(r"\d{4}", year):
            raise ValueError
        return date(int(year), 1, 1), date(int(year), 12, 31), "year"
    except ValueError:
        raise UsageError("bad_period") from None


def _weeks(start: date, end: date) -> list[tuple[date, date]]:
    """Monday-to-Sunday weeks overlapping [start, end], clipped to it."""
    weeks = []
    monday = start - timedelta(days=start.weekday())
    while monday <= end:
        weeks.append((max(monday, start), min(monday + timedelta(days=6), end)))
        monday += timedelta(days=7)
    return weeks


def _week_label(a: date, b: date, lang: str) -> str:
    """ "2 – 8 Mar" for the table; a week cut to one day by the period's edge is "1 Mar"."""
    from babel.dates import format_date

    loc = "id" if lang == "id" else "en"
    last = format_date(b, format="d MMM", locale=loc)
    if a == b:
        return last
    first = format_date(a, format="d" if a.month == b.month else "d MMM", locale=loc)
    return f"{first} – {last}"


def _chart(weeks: list[tuple[date, date]], counts: list[int], lang: str) -> Chart:
    many = len(weeks) > 6  # a year: narrow bars numbered by week instead of dated
    bar_w, gap, top, plot_h, label_h = (12, 4, 16, 120, 24) if many else (48, 14, 16, 120, 24)
    peak = max(counts, default=0)
    bars = []
    for i, ((a, b), count) in enumerate(zip(weeks, counts, strict=True)):
        height = round(plot_h * count / peak) if peak else 0
        x = gap + i * (bar_w + gap)
        bars.append(
            WeekBar(
                label=_week_label(a, b, lang),
                # A year's weeks: every other number, so two digits never run together.
                short=(str(i + 1) if i % 2 == 0 else "") if many else _week_label(a, b, lang),
                count=count,
                text_bar="█" * count,
                x=x,
                y=top + plot_h - height,
                height=height,
                width=bar_w,
                label_y=top + plot_h + 14,
            )
        )
    width = gap + len(weeks) * (bar_w + gap)
    return Chart(width, top + plot_h + label_h, top + plot_h, tuple(bars), peak)


def _median(values: Iterable[int], lang: str) -> str:
    values = list(values)
    return number_text(statistics.median(values), lang) if values else "—"


def recap_view(
    statuses: Sequence[Status], w: World, start: date, end: date, kind: str
) -> RecapView:
    m, lang, cal, rule = w.m, w.lang, w.calendar, w.rule
    total = len(statuses)
    stage_counts = Counter(s.failure.stage for s in statuses)
    stages = [stage for stage in STAGES if stage_counts[stage]]
    by_stage = tuple(
        CountRow(m.stage(stage), stage_counts[stage], share)
        for stage, share in zip(
            stages, shares_text([stage_counts[s] for s in stages], lang), strict=True
        )
    )
    system_counts = Counter(s.failure.system for s in statuses)
    systems = sorted(system_counts.items(), key=lambda kv: (-kv[1], kv[0].casefold()))
    by_system = tuple(
        CountRow(system, n, share)
        for (system, n), share in zip(
            systems, shares_text([n for _, n in systems], lang), strict=True
        )
    )
    standings = [(s, standing(s, w)) for s in statuses]
    finished = [st for _, st in standings if st.finished is not None]
    within = sum(1 for st in finished if st.late_by == 0)
    to_resolve, to_archive = [], []
    for s, st in standings:
        began = deadline_start(s.failure, rule)
        if began is None or s.failure.stage == "withdrawn":
            continue
        resolved = s.failure.last("resolve")
        if resolved is not None:
            to_resolve.append(days_used(cal, rule, began, resolved.day))
        if st.finished is not None:
            to_archive.append(days_used(cal, rule, began, st.finished))
    summary = (
        (m("doc_recap_total"), str(total)),
        (m("doc_recap_finished"), str(len(finished))),
        *(
            [(m("doc_recap_withdrawn"), str(stage_counts["withdrawn"]))]
            if stage_counts["withdrawn"]
            else []
        ),
        (
            m("doc_recap_within"),
            m(
                "doc_of",
                part=within,
                whole=len(finished),
                share=percent_text(within, len(finished), lang),
            ),
        ),
        (m("doc_recap_median_resolve"), _median(to_resolve, lang)),
        (m("doc_recap_median_archive"), _median(to_archive, lang)),
    )
    none = m("doc_none")
    overdue = tuple(
        OverdueRow(
            id=s.failure.id,
            title=s.failure.title,
            operator=w.name(s.failure.assignee) if s.failure.assignee else none,
            deadline=long_date(st.deadline, lang) if st.deadline else none,
            late_by=st.late_by,
            state=m("doc_state_finished" if st.finished else "doc_state_open"),
            deadline_on=st.deadline,
        )
        for s, st in sorted(standings, key=lambda pair: -pair[1].late_by)
        if st.late_by > 0
    )
    # No weeks yet to come (a chart of future zeros reads as "nothing happened").
    weeks = [(a, b) for a, b in _weeks(start, end) if a <= w.today] or _weeks(start, end)[:1]
    counts = [sum(1 for s in statuses if a <= s.failure.report.day <= b) for a, b in weeks]
    if kind == "month":
        period = m("doc_recap_month", month=month_name(start, lang).capitalize())
    else:
        period = m("doc_recap_year", year=start.year)
    if w.today < end:  # a period not over yet: as of when its figures stand
        period = m("doc_recap_as_of", period=period, today=long_date(w.today, lang))
    title_lines = lines(m("doc_recap_title"))
    return RecapView(
        lang=lang,
        t=Labels(m),
        letterhead=letterhead(w),
        title_lines=title_lines,
        period=period,
        summary=summary,
        by_stage=by_stage,
        by_system=by_system,
        overdue=overdue,
        chart=_chart(weeks, counts, lang),
        printed=m("doc_printed", date=long_date(w.today, lang)),
        doc_title=" ".join(title_lines),
        signature=signature(w, None, w.today),
    )
