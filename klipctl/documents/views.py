"""The documents of the SOP: the result report, the Log Book register and the recap.

Each document is a view model built here — every date already in words (Babel), every working
day already counted, every sentence already in the chosen language — handed to a template that
only loops and formats (``render.py``). The stored result report, kept in step with the
procedure, is ``stored.py``; the use cases that gather a log book's failures are ``app.documents``.
"""

from __future__ import annotations

import re
import statistics
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, replace
from datetime import date, datetime, timedelta
from pathlib import Path
from typing import Any

from klipctl.documents.render import render
from klipctl.domain.model import JAKARTA, STAGES, Entry, Failure
from klipctl.domain.roster import Roster
from klipctl.domain.standing import Status, stage_durations
from klipctl.domain.workdays import DeadlineRule, WorkCalendar
from klipctl.errors import Refused, UsageError
from klipctl.i18n.messages import CATALOGUE, Messages
from klipctl.storage.config import Config

FORMATS = ("md", "html", "pdf")
REPORT_MD = "report.md.j2"
REPORT_HTML = "report.html.j2"
DELIVERY_MD = "report-delivery.md.j2"
NUMBER_RE = re.compile(r"^LAP-(\d+)/.+/(\d{4})$")
NUMBER_KEY = "number"


# --- formatting ---------------------------------------------------------------------------------


def long_date(day: date, lang: str) -> str:
    """ "25 November 2026" in Indonesian (or English), by Babel rather than by hand."""
    from babel.dates import format_date

    return format_date(day, format="d MMMM y", locale="id" if lang == "id" else "en")


def month_name(day: date, lang: str) -> str:
    from babel.dates import format_date

    return format_date(day, format="LLLL y", locale="id" if lang == "id" else "en")


def number_text(value: float, lang: str) -> str:
    from babel.numbers import format_decimal

    return format_decimal(value, format="#,##0.#", locale="id" if lang == "id" else "en")


def percent_text(part: int, whole: int, lang: str) -> str:
    from babel.numbers import format_percent

    if whole == 0:
        return "—"
    return format_percent(part / whole, format="#,##0%", locale="id" if lang == "id" else "en")


class Labels:
    """The catalogue's ``doc_*`` texts for templates: ``t.sec_intro`` is ``doc_sec_intro``."""

    def __init__(self, m: Messages) -> None:
        self._m = m

    def __getattr__(self, name: str) -> str:
        key = f"doc_{name}"
        if name.startswith("_") or key not in CATALOGUE:
            raise AttributeError(name)  # StrictUndefined then names it in the template error
        return self._m(key)


@dataclass(frozen=True)
class World:
    """What every document needs from outside: the office, the people, the calendar, today."""

    config: Config
    roster: Roster
    calendar: WorkCalendar
    today: date
    lang: str

    @property
    def m(self) -> Messages:
        return Messages(self.lang)

    @property
    def rule(self) -> DeadlineRule:
        return self.config.rule

    def name(self, handle: str | None) -> str:
        if not handle:
            return "—"
        person = self.roster.get(handle)
        return person.name if person else handle


def _lines(text: str) -> tuple[str, ...]:
    return tuple(text.split("\n"))


@dataclass(frozen=True)
class Letterhead:
    lines: tuple[str, ...]  # ministry, directorate general, office: upper case, bold
    contact: tuple[str, ...]  # address, telephone, website: the lines given in klipctl.yaml


def letterhead(w: World) -> Letterhead:
    office = w.config.office
    contact = tuple(x for x in (office.address, office.phone, office.website) if x)
    return Letterhead((w.m("doc_ministry"), w.m("doc_directorate"), office.name.upper()), contact)


def days_used(cal: WorkCalendar, rule: DeadlineRule, assigned_at: datetime, end: date) -> int:
    """Working days from the assignment to ``end``, counted as the deadline is counted."""
    received = cal.received_on(assigned_at, rule)
    used = cal.workdays_between(received, end)
    if rule.receipt_day_counts and cal.is_working_day(received):
        used += 1
    return max(used, 0)


# --- the result report --------------------------------------------------------------------------


@dataclass(frozen=True)
class Part:
    """A numbered part of a section: an optional heading, paragraphs, then a lettered list."""

    heading: str | None = None
    paragraphs: tuple[str, ...] = ()
    items: tuple[str, ...] = ()


@dataclass(frozen=True)
class TableView:
    headers: tuple[str, ...]
    rows: tuple[tuple[str, ...], ...]


@dataclass(frozen=True)
class Section:
    letter: str
    heading: str
    parts: tuple[Part, ...] = ()
    table: TableView | None = None
    after_table: tuple[str, ...] = ()


@dataclass(frozen=True)
class Signature:
    place_date: str
    title: str
    name: str
    nip: str
    signed_note: str  # "Ditandatangani secara elektronik" once signed, else empty


@dataclass(frozen=True)
class Delivery:
    heading: str
    text: str


@dataclass(frozen=True)
class ReportView:
    lang: str
    t: Labels
    failure_id: str
    letterhead: Letterhead
    title_lines: tuple[str, ...]
    number_line: str
    draft_notice: str | None
    draft_mark: str | None
    sections: tuple[Section, ...]
    signature: Signature
    delivery: Delivery | None
    doc_title: str

    def as_vars(self) -> dict[str, Any]:
        return {"doc": self, "t": self.t}


def _activity(entry: Entry, w: World) -> str:
    d = entry.details
    params = {
        "to": w.name(str(d.get("to", ""))),
        "drafter": w.name(str(d.get("drafter", ""))),
        "action": str(d.get("action", "")),
        "reason": str(d.get("reason", "")),
    }
    text = w.m(f"doc_act_{entry.action}", **params)
    if d.get("note"):
        text = w.m("doc_act_note", text=text, note=str(d["note"]))
    return text


def report_view(failure: Failure, w: World, *, include_delivery: bool = True) -> ReportView:
    m, lang, cal, rule = w.m, w.lang, w.calendar, w.rule
    reported = failure.report
    assign = failure.first("assign")
    accept = failure.last("accept")
    resolve = failure.last("resolve")
    sign = failure.last("sign")
    deliver = failure.last("deliver")
    draft = failure.last("draft")
    operator = w.name(failure.assignee)

    # A. Pendahuluan
    general = [
        m(
            "doc_general_text",
            date=long_date(reported.day, lang),
            reporter=w.name(failure.reporter),
            role=m.role(reported.role),
            system=failure.system,
            title=failure.title,
            severity=m.severity(failure.severity),
            id=failure.id,
        )
    ]
    if failure.description:
        general.append(m("doc_description", text=failure.description))
    basis = [m("doc_basis_sop")]
    if assign:
        basis.append(m("doc_basis_assign", operator=operator, date=long_date(assign.day, lang)))
    if accept:
        basis.append(
            m(
                "doc_basis_drafter",
                drafter=w.name(str(accept.details.get("drafter"))),
                date=long_date(accept.day, lang),
            )
        )
    intro = Section(
        "A",
        m("doc_sec_intro"),
        (
            Part(m("doc_general"), tuple(general)),
            Part(m("doc_purpose"), (m("doc_purpose_text", office=w.config.office.name),)),
            Part(m("doc_scope"), (m("doc_scope_text", days=rule.days),)),
            Part(m("doc_basis"), items=tuple(basis)),
        ),
    )

    # B. Kegiatan yang Dilaksanakan: the timeline and the days used against the deadline
    durations = stage_durations(failure, cal)
    rows = tuple(
        (
            str(n),
            long_date(entry.day, lang),
            _activity(entry, w),
            w.name(entry.actor),
            "" if n == 1 else str(days),
        )
        for n, (entry, days) in enumerate(zip(failure.entries, durations, strict=True), start=1)
    )
    late_by = 0
    used: int | None = None
    if assign is None:
        deadline_text = m("doc_not_assigned")
    else:
        deadline = cal.deadline(assign.at, rule)
        finished = accept.day if accept else None
        used = days_used(cal, rule, assign.at, finished or w.today)
        if (finished or w.today) > deadline:
            late_by = cal.workdays_between(deadline, finished or w.today)
        common = {
            "assigned": long_date(cal.received_on(assign.at, rule), lang),
            "deadline": long_date(deadline, lang),
            "days": rule.days,
            "used": used,
        }
        if finished:
            deadline_text = m("doc_deadline_done", finished=long_date(finished, lang), **common)
        else:
            deadline_text = m("doc_deadline_open", today=long_date(w.today, lang), **common)
    activities = Section(
        "B",
        m("doc_sec_activities"),
        (Part(None, (m("doc_activities_intro"),)),),
        TableView(
            (
                m("doc_col_no"),
                m("doc_col_date"),
                m("doc_col_activity"),
                m("doc_col_by"),
                m("doc_col_workdays"),
            ),
            rows,
        ),
        (deadline_text,),
    )

    # C. Hasil yang Dicapai
    if resolve and accept:
        results = [
            m(
                "doc_result_action",
                system=failure.system,
                operator=w.name(resolve.actor),
                action=str(resolve.details.get("action", "")),
            )
        ]
        if resolve.details.get("cause"):
            results.append(m("doc_result_cause", cause=str(resolve.details["cause"])))
        results.append(
            m(
                "doc_result_accepted",
                supervisor=w.name(accept.actor),
                date=long_date(accept.day, lang),
            )
        )
    else:
        results = [m("doc_result_pending", stage=m.stage(failure.stage))]
    outcome = Section("C", m("doc_sec_results"), (Part(None, tuple(results)),))

    # D. Hambatan: only when there were any
    hindrances = [
        m(
            "doc_hindrance_reject",
            date=long_date(e.day, lang),
            reason=str(e.details.get("reason", "")),
            operator=operator,
        )
        for e in failure.rejections
    ]
    if late_by and assign:
        hindrances.append(
            m(
                "doc_hindrance_late" if accept else "doc_hindrance_late_open",
                deadline=long_date(cal.deadline(assign.at, rule), lang),
                n=late_by,
                today=long_date(w.today, lang),
            )
        )

    # E. Simpulan dan Saran
    if used is not None and accept:
        key = "doc_conclusion_late" if late_by else "doc_conclusion_in_time"
        conclusion = m(key, system=failure.system, used=used, days=rule.days)
    else:
        conclusion = m("doc_conclusion_open", system=failure.system)
    advice = []
    if failure.rejections:
        advice.append(m("doc_advice_reject"))
    if late_by:
        advice.append(m("doc_advice_late"))
    if not advice:
        advice.append(m("doc_advice_watch", system=failure.system))
    conclude = Section(
        "E",
        m("doc_sec_conclusion"),
        (
            Part(m("doc_conclusion"), (conclusion,)),
            Part(m("doc_recommendation"), tuple(advice)),
        ),
    )
    closing = Section("F", m("doc_sec_closing"), (Part(None, (m("doc_closing_text"),)),))
    sections = [intro, activities, outcome]
    if hindrances:
        sections.append(Section("D", m("doc_sec_hindrances"), (Part(None, tuple(hindrances)),)))
    sections += [conclude, closing]
    if not hindrances:  # the letters stay in order: E and F follow C directly
        sections = [replace(s, letter=chr(ord("A") + i)) for i, s in enumerate(sections)]

    # Signature block: the signer, else the supervisor who tasked the report, else the first one.
    signer_handle = (sign.actor if sign else None) or (accept.actor if accept else None)
    signer = w.roster.get(signer_handle) if signer_handle else None
    if signer is None:
        supervisors = w.roster.with_role("supervisor")
        signer = supervisors[0] if supervisors else None
    dated = sign.day if sign else draft.day if draft else w.today
    signature = Signature(
        place_date=f"{w.config.office.city}, {long_date(dated, lang)}",
        title=m("doc_signer_title"),
        name=signer.name if signer else "……………………",
        nip=m("doc_nip", nip=signer.nip_grouped if signer else "……………………"),
        signed_note=m("doc_signed_note") if sign else "",
    )
    if sign:
        number = str(sign.details.get(NUMBER_KEY, ""))
    else:
        number = f"LAP-      /{w.config.office.unit_code}/{dated.year}"
    delivery = None
    if deliver and include_delivery:
        at = deliver.at.astimezone(JAKARTA)
        text = m(
            "doc_delivered",
            date=long_date(at.date(), lang),
            time=f"{at:%H.%M}",
            name=w.name(deliver.actor),
        )
        if deliver.details.get("note"):
            text = m("doc_act_note", text=text, note=str(deliver.details["note"]))
        delivery = Delivery(m("doc_delivery_heading"), text)
    title_lines = _lines(m("doc_report_title"))
    return ReportView(
        lang=lang,
        t=Labels(m),
        failure_id=failure.id,
        letterhead=letterhead(w),
        title_lines=title_lines,
        number_line=m("doc_number", number=number),
        draft_notice=None if sign else m("doc_draft_notice"),
        draft_mark=None if sign else m("doc_draft_mark"),
        sections=tuple(sections),
        signature=signature,
        delivery=delivery,
        doc_title=f"{title_lines[0]} {failure.id}",
    )


def report_markdown(failure: Failure, w: World, root: Path | None) -> tuple[str, str | None]:
    """The report's signed part and, once delivered, its delivery record (both Markdown)."""
    view = report_view(failure, w)
    body = render(REPORT_MD, view.as_vars(), root)
    delivery = render(DELIVERY_MD, view.as_vars(), root) if view.delivery else None
    return body, delivery


# --- rendering on request -----------------------------------------------------------------------


@dataclass(frozen=True)
class Document:
    """A rendered document: text for md/html, bytes for pdf."""

    format: str
    content: str | bytes
    name: str  # a sensible file name stem


def check_format(fmt: str) -> str:
    if fmt not in FORMATS:
        raise UsageError("bad_format", value=fmt)
    return fmt


def finish(fmt: str, html: str, name: str) -> Document:
    if fmt == "pdf":
        return Document(fmt, html_to_pdf(html), name)
    return Document(fmt, html, name)


def html_to_pdf(html: str) -> bytes:
    """PDF from the HTML with WeasyPrint (the ``pdf`` extra), or a clear way to get it."""
    try:
        import weasyprint
    except (ImportError, OSError) as exc:  # OSError: the package is there, pango is not
        raise Refused("pdf_missing", reason=f"{type(exc).__name__}: {exc}") from None
    return bytes(weasyprint.HTML(string=html).write_pdf())


# --- the Log Book register ----------------------------------------------------------------------


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


@dataclass(frozen=True)
class RegisterGroup:
    heading: str
    rows: tuple[RegisterRow, ...]


@dataclass(frozen=True)
class RegisterView:
    lang: str
    t: Labels
    letterhead: Letterhead
    title_lines: tuple[str, ...]
    period: str
    groups: tuple[RegisterGroup, ...]
    total: str
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


def standing(status: Status, w: World) -> Standing:
    f = status.failure
    finished = f.finished_at.astimezone(JAKARTA).date() if f.finished_at else None
    if f.assigned_at is None or status.deadline is None:
        return Standing(None, finished, None, 0, "none")
    used = days_used(w.calendar, w.rule, f.assigned_at, finished or w.today)
    if finished is not None:
        late = max(0, w.calendar.workdays_between(status.deadline, finished))
        return Standing(status.deadline, finished, used, late, "no" if late else "yes")
    late = -status.days_left if status.days_left is not None and status.days_left < 0 else 0
    return Standing(status.deadline, None, used, late, "late" if late else "running")


def register_view(
    statuses: Sequence[Status], w: World, start: date | None, end: date | None
) -> RegisterView:
    m, lang = w.m, w.lang
    none = m("doc_none")
    groups: dict[str, list[RegisterRow]] = {}
    finished = late = 0
    for n, status in enumerate(statuses, start=1):
        f = status.failure
        s = standing(status, w)
        finished += s.finished is not None
        late += s.late_by > 0
        row = RegisterRow(
            n=n,
            id=f.id,
            reported=long_date(f.report.day, lang),
            reporter=w.name(f.reporter),
            system=f.system,
            title=f.title,
            operator=w.name(f.assignee) if f.assignee else none,
            stage=m.stage(f.stage),
            deadline=long_date(s.deadline, lang) if s.deadline else none,
            finished=long_date(s.finished, lang) if s.finished else none,
            used=str(s.used) if s.used is not None else none,
            within=m(f"doc_within_{s.within}") if s.within != "none" else none,
            late=s.late_by > 0,
        )
        groups.setdefault(month_name(f.report.day, lang).capitalize(), []).append(row)
    if start or end:
        first = statuses[0].failure.report.day if statuses else w.today
        period = m(
            "doc_period",
            start=long_date(start or first, lang),
            end=long_date(end or w.today, lang),
        )
    else:
        period = m("doc_period_all")
    title_lines = _lines(m("doc_register_title"))
    return RegisterView(
        lang=lang,
        t=Labels(m),
        letterhead=letterhead(w),
        title_lines=title_lines,
        period=period,
        groups=tuple(RegisterGroup(h, tuple(rows)) for h, rows in groups.items()),
        total=m("doc_register_total", n=len(statuses), finished=finished, late=late),
        printed=m("doc_printed", date=long_date(w.today, lang)),
        doc_title=" ".join(title_lines),
    )


# --- the recap ----------------------------------------------------------------------------------


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
                short=str(i + 1) if many else _week_label(a, b, lang),
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
    by_stage = tuple(
        CountRow(
            m.stage(stage), stage_counts[stage], percent_text(stage_counts[stage], total, lang)
        )
        for stage in STAGES
        if stage_counts[stage]
    )
    system_counts = Counter(s.failure.system for s in statuses)
    by_system = tuple(
        CountRow(system, n, percent_text(n, total, lang))
        for system, n in sorted(system_counts.items(), key=lambda kv: (-kv[1], kv[0].casefold()))
    )
    standings = [(s, standing(s, w)) for s in statuses]
    finished = [st for _, st in standings if st.finished is not None]
    within = sum(1 for st in finished if st.late_by == 0)
    to_resolve, to_archive = [], []
    for s, st in standings:
        f = s.failure
        if f.assigned_at is None:
            continue
        resolved = f.last("resolve")
        if resolved is not None:
            to_resolve.append(days_used(cal, rule, f.assigned_at, resolved.day))
        if st.finished is not None:
            to_archive.append(days_used(cal, rule, f.assigned_at, st.finished))
    summary = (
        (m("doc_recap_total"), str(total)),
        (m("doc_recap_finished"), str(len(finished))),
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
        )
        for s, st in sorted(standings, key=lambda pair: -pair[1].late_by)
        if st.late_by > 0
    )
    weeks = _weeks(start, end)
    counts = [sum(1 for s in statuses if a <= s.failure.report.day <= b) for a, b in weeks]
    if kind == "month":
        period = m("doc_recap_month", month=month_name(start, lang).capitalize())
    else:
        period = m("doc_recap_year", year=start.year)
    title_lines = _lines(m("doc_recap_title"))
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
    )
