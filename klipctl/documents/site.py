"""The board for the head of office: the log book as a static, read-only website.

Like every document, each page is a view model (dates in words, working days counted, sentences
in the log book's language) rendered by a template in ``templates/site/``, which an office may
override in its log book. The pages: the board (``index.html``: open failures, most urgent
first), the due list (``due.html``), one page per failure (``f/ID.html``, the address the mails
link to) with its stored result report beside it (``f/ID.report.html``) and its attached files
(``files/SHA256``), and the register and the recap of every month and year that has failures,
made by the documents' own templates. Every page carries the seal: what ``verify`` found, at
which commit.

Plain HTML with its CSS inline: no script (a Content-Security-Policy forbids any), nothing
fetched from elsewhere, readable on a phone and printable. Nothing here reads or writes a file:
the use case (``app/site.py``) gathers the log book and writes the folder.
"""

from __future__ import annotations

import hashlib
import html
import re
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date, datetime
from pathlib import Path
from typing import Any

from klipctl.documents.mail import command_for, day_words, standing_words
from klipctl.documents.recap import parse_period, recap_view
from klipctl.documents.register import register_view, standing
from klipctl.documents.render import render
from klipctl.documents.report import NUMBER_KEY, activity_text
from klipctl.documents.shared import Labels, World, full_date, in_brackets, long_date, month_name
from klipctl.domain.model import JAKARTA, Attachment, Failure
from klipctl.domain.standing import Status, stage_durations
from klipctl.i18n.numbers import size_text

# No script of any kind, nothing from elsewhere: styles inline, images only from the site.
CSP = (
    "default-src 'none'; style-src 'unsafe-inline'; img-src 'self' data:; "
    "base-uri 'none'; form-action 'none'"
)
INDEX = "index.html"
DUE = "due.html"
SEAL_LIMIT = 20  # violations listed on each page's seal; the rest are counted

# Attached files whose type a browser shows without running anything keep an extension, so a
# web server sends them with their type; any other file is served as bytes to download.
_SAFE_SUFFIXES = {
    "image/png": ".png",
    "image/jpeg": ".jpg",
    "image/gif": ".gif",
    "image/webp": ".webp",
    "application/pdf": ".pdf",
    "text/plain": ".txt",
}


def failure_page(failure_id: str) -> str:
    """A failure's page; ``documents/mail.py`` links to ``<site.url>/f/ID.html``."""
    return f"f/{failure_id}.html"


def report_page(failure_id: str) -> str:
    return f"f/{failure_id}.report.html"


def register_page(period: str) -> str:
    return f"register/{period}.html"


def recap_page(period: str) -> str:
    return f"recap/{period}.html"


def file_page(a: Attachment) -> str:
    return f"files/{a.sha256}{_SAFE_SUFFIXES.get(a.media_type, '')}"


# --- what every page shares: the navigation and the seal ---------------------------------------


@dataclass(frozen=True)
class Seal:
    """What ``verify`` found, as every page shows it. Pages are rendered with the commit and
    its time as placeholders (``fill_seal`` puts them in), so a page whose content did not
    change since the last build is kept as it was, sealed at the commit it was made from."""

    ok: bool
    text: str  # "verify OK pada commit 1a2b3c4, Selasa, 10 Maret 2026 09.00 WIB"
    violations: tuple[str, ...] = ()
    more: str = ""  # "… dan 3 lainnya" when there are more than the seal lists


COMMIT_MARK = "@@klipctl-commit@@"
TIME_MARK = "@@klipctl-time@@"


def make_seal(violations: Sequence[str], w: World) -> Seal:
    m = w.m
    where = {"commit": COMMIT_MARK, "time": TIME_MARK}
    if not violations:
        return Seal(True, m("doc_site_seal_ok", **where))
    more = len(violations) - SEAL_LIMIT
    return Seal(
        False,
        m("doc_site_seal_bad", n=len(violations), **where),
        tuple(violations[:SEAL_LIMIT]),
        m("doc_site_seal_more", n=more) if more > 0 else "",
    )


def fill_seal(page: str, commit: str, at: datetime | None, lang: str) -> str:
    """The page with the commit it is built from, and that commit's time, in its seal."""
    when = html.escape(moment(at, lang)) if at is not None else "—"
    return page.replace(COMMIT_MARK, html.escape(commit[:7]) or "—").replace(TIME_MARK, when)


def moment(at: datetime, lang: str) -> str:
    local = at.astimezone(JAKARTA)
    return f"{full_date(local.date(), lang)} {local:%H.%M} WIB"


@dataclass(frozen=True)
class NavLink:
    label: str
    href: str
    current: bool


@dataclass(frozen=True)
class Chrome:
    """The frame of every page: where the site's top is from here, the menu, the seal."""

    lang: str
    root: str  # "" for a page at the top, "../" for one in a folder
    office: str
    as_of: str
    nav: tuple[NavLink, ...]
    seal: Seal
    footer: str
    csp: str = CSP


def _chrome(w: World, page: str, seal: Seal, dated: bool = True) -> Chrome:
    """``dated``: the page shows what is counted today (a closed failure's page does not, and
    stays the same from day to day)."""
    m = w.m
    root = "../" * page.count("/")
    section = page.split("/", 1)[0] if "/" in page else page
    items = (
        (m("doc_site_board"), INDEX, section == INDEX),
        (m("doc_site_due"), DUE, section == DUE),
        (m("doc_site_periods"), f"{INDEX}#periode", section in ("register", "recap")),
    )
    return Chrome(
        lang=w.lang,
        root=root,
        office=w.config.office.name,
        as_of=m("doc_site_as_of", date=full_date(w.today, w.lang)) if dated else "",
        nav=tuple(NavLink(label, root + href, current) for label, href, current in items),
        seal=seal,
        footer=m("doc_site_footer"),
    )


# --- the board and the due list -----------------------------------------------------------------


@dataclass(frozen=True)
class Line:
    """An open failure as the board and the due list show it."""

    id: str
    href: str
    title: str
    system: str
    severity: str
    stage: str
    deadline: str  # "Rabu, 16 Desember 2026", or "belum ditugaskan"
    standing: str  # "3 hari kerja lagi", "terlambat 2 hari kerja"
    tone: str  # late | soon | ok | waiting: how urgent, for the eye
    who: str  # who acts next
    what: str  # what they do next
    command: str


def tone_of(status: Status, soon: int) -> str:
    left = status.days_left
    if status.deadline is None or left is None:
        return "waiting"
    if left < 0:
        return "late"
    return "soon" if left <= soon else "ok"


def line_of(status: Status, w: World, soon: int, root: str) -> Line:
    m, f, nxt = w.m, status.failure, status.next
    who = what = ""
    if nxt is not None:
        who = w.name(nxt.handle) if nxt.handle else m.role(nxt.role)
        what = m.action("accept" if set(nxt.actions) == {"accept", "reject"} else nxt.actions[0])
    return Line(
        id=f.id,
        href=root + failure_page(f.id),
        title=f.title,
        system=f.system,
        severity=m.severity(f.severity),
        stage=m.stage(f.stage),
        deadline=day_words(status, w),
        standing=standing_words(status, m),
        tone=tone_of(status, soon),
        who=who,
        what=what,
        command=command_for(status),
    )


@dataclass(frozen=True)
class Group:
    heading: str
    tone: str
    lines: tuple[Line, ...]


@dataclass(frozen=True)
class PeriodLinks:
    label: str
    register: str
    recap: str


@dataclass(frozen=True)
class Year:
    label: str
    whole: PeriodLinks
    months: tuple[PeriodLinks, ...]


def _summary(open_: Sequence[Status], w: World, soon: int) -> str:
    late = sum(1 for s in open_ if s.overdue)
    near = sum(1 for s in open_ if s.days_left is not None and 0 <= s.days_left <= soon)
    waiting = sum(1 for s in open_ if s.deadline is None)
    return w.m("due_summary", n=len(open_), late=late, soon=near, unassigned=waiting)


def _groups(lines: Sequence[Line], w: World) -> tuple[Group, ...]:
    m = w.m
    order = (("late", "doc_site_overdue"), ("soon", "doc_site_soon"), ("ok", "doc_site_later"),
             ("waiting", "doc_site_unassigned"))  # fmt: skip
    return tuple(
        Group(m(key), tone, tuple(x for x in lines if x.tone == tone))
        for tone, key in order
        if any(x.tone == tone for x in lines)
    )


# --- a failure's page ---------------------------------------------------------------------------


@dataclass(frozen=True)
class Fact:
    label: str
    value: str
    href: str = ""


@dataclass(frozen=True)
class Step:
    n: int
    when: str
    actor: str
    role: str
    activity: str
    days: str  # working days since the step before


@dataclass(frozen=True)
class FileLink:
    name: str
    href: str
    size: str
    sha: str
    added: str  # by whom and when


@dataclass(frozen=True)
class StoredReport:
    """The result report as the log book stores it (``ID.report.html``), and how it stands."""

    html: str
    state: str  # draft | intact | changed | missing (the signed text against its digest)


@dataclass(frozen=True)
class ReportLink:
    href: str
    label: str
    state: str
    tone: str  # ok | late


def _failure_view(
    status: Status,
    w: World,
    soon: int,
    known: set[str],
    report: StoredReport | None,
    missing: frozenset[str] = frozenset(),
) -> dict[str, Any]:
    m, f, lang = w.m, status.failure, w.lang
    root = "../"
    line = line_of(status, w, soon, root)
    reported = f.reported_at
    facts = [
        Fact(m("doc_col_system"), f.system),
        Fact(m("doc_site_severity"), line.severity),
        Fact(m("doc_col_stage"), line.stage),
        Fact(m("doc_col_reporter"), w.name(f.reporter)),
        Fact(m("doc_col_reported"), moment(reported, lang)),
        Fact(m("doc_col_operator"), w.name(f.assignee) if f.assignee else m("doc_none")),
        Fact(m("doc_col_deadline"), line.deadline),
    ]
    within = standing(status, w).within
    if not f.is_open and within != "none":
        facts.append(Fact(m("doc_col_within"), m(f"doc_within_{within}")))
    if f.is_open:
        facts.append(Fact(m("doc_site_left"), line.standing))
        if line.who:
            facts.append(Fact(m("doc_site_next"), f"{line.who}: {line.what}"))
    if f.duplicate_of:
        other = f.duplicate_of
        href = failure_page(other)[2:] if other in known else ""
        facts.append(Fact(m("doc_site_duplicate_of"), other, href))
    durations = stage_durations(f, w.calendar)
    steps = tuple(
        Step(
            n=n,
            when=moment(e.at, lang),
            actor=w.name(e.actor),
            role=in_brackets(m.role(e.role)),
            activity=activity_text(e, w),
            days="" if n == 1 else str(days),
        )
        for n, (e, days) in enumerate(zip(f.entries, durations, strict=True), start=1)
    )
    files = tuple(
        FileLink(
            name=a.name,
            href="" if f"{f.id}/{a.sha256}" in missing else root + file_page(a),
            size=size_text(a.size, lang),
            sha=a.sha256[:16],
            added=m("doc_site_added", who=w.name(a.entry.actor), when=long_date(a.entry.day, lang)),
        )
        for a in f.attachments
    )
    link = None
    if report is not None:
        sign = f.last("sign")
        number = str(sign.details.get(NUMBER_KEY, "")) if sign else ""
        label = m("doc_site_report_signed", number=number) if sign else m("doc_site_report_draft")
        link = ReportLink(
            href=report_page(f.id)[2:],
            label=label,
            state=m(
                "doc_site_report_draft_state"
                if report.state == "draft"
                else f"doc_site_report_{report.state}"
            ),
            tone="late" if report.state in ("changed", "missing") else "ok",
        )
    return {
        "line": line,
        "facts": facts,
        "description": f.description,
        "steps": steps,
        "files": files,
        "report": link,
        "closed": not f.is_open,
    }


# --- the whole site -----------------------------------------------------------------------------


@dataclass(frozen=True)
class Sources:
    """What the use case gathered from the log book for one build."""

    statuses: Sequence[Status]  # every failure, open and closed, by ID
    open: Sequence[Status]  # the open ones, most urgent first (as `klipctl due`)
    reports: Mapping[str, StoredReport] = field(default_factory=dict)
    soon: int = 2  # working days left at which a deadline is coming soon
    missing: frozenset[str] = frozenset()  # attached files not in the log book: ID/SHA256


@dataclass(frozen=True)
class Attached:
    """An attached file, copied onto the board as it is stored in the log book."""

    failure_id: str
    sha256: str


@dataclass(frozen=True)
class Deferred:
    """A page rendered only when needed: ``key`` stands for everything it is made from, so a
    page whose key the last build recorded need not be rendered again (a failure's page: the
    board of a large log book holds thousands)."""

    key: str
    render: Callable[[], str]


Page = str | Attached | Deferred  # a rendered page, an attached file to copy, a page to render


def build_pages(
    src: Sources, w: World, seal: Seal, root: Path | None, salt: str = ""
) -> dict[str, Page]:
    """Every page of the site, by its path in the folder. ``salt`` stands for what every page
    depends on besides its own failure (the settings, the roster, the calendar, the templates);
    it goes into each deferred page's key."""
    t = Labels(w.m)
    pages: dict[str, Page] = {}

    def page_html(path: str, template: str, title: str, dated: bool = True, **view: Any) -> str:
        chrome = _chrome(w, path, seal, dated)
        return render(f"site/{template}", {"site": chrome, "t": t, "title": title, **view}, root)

    m = w.m
    years = _periods(src.statuses, w)
    board = [line_of(s, w, src.soon, "") for s in src.open]
    summary = _summary(src.open, w, src.soon)
    pages[INDEX] = page_html(INDEX, "board.html.j2", m("doc_site_board_title"), lines=board,
                             summary=summary, years=years)  # fmt: skip
    pages[DUE] = page_html(DUE, "due.html.j2", m("doc_site_due_title"), groups=_groups(board, w),
                           summary=summary)  # fmt: skip
    known = {s.failure.id for s in src.statuses}
    common = repr((salt, seal, w.lang, src.soon))
    keys: dict[str, str] = {}  # each failure's page key: what its periods are made from
    for status in src.statuses:
        f = status.failure
        stored = src.reports.get(f.id)
        dup_known = f.duplicate_of in known if f.duplicate_of else None
        gone = sorted(a.sha256 for a in f.attachments if f"{f.id}/{a.sha256}" in src.missing)
        inputs = (common, status, stored.state if stored else None, dup_known, gone,
                  w.today if f.is_open else None)  # fmt: skip
        key = hashlib.sha256(repr(inputs).encode("utf-8")).hexdigest()

        def later(s: Status = status, r: StoredReport | None = stored) -> str:
            view = _failure_view(s, w, src.soon, known, r, src.missing)
            title = f"{s.failure.id} {s.failure.title}"
            path = failure_page(s.failure.id)
            return page_html(path, "failure.html.j2", title, s.failure.is_open, **view)

        pages[failure_page(f.id)] = Deferred(key, later)
        keys[f.id] = key
        if stored is not None:
            pages[report_page(f.id)] = with_policy(stored.html)
        for a in f.attachments:
            if f"{f.id}/{a.sha256}" not in src.missing:
                pages[file_page(a)] = Attached(f.id, a.sha256)
    for year in _years(src.statuses):
        _period_pages(pages, src.statuses, w, seal, root, str(year), keys)
        for month in sorted({s.failure.report.day.month for s in src.statuses
                             if s.failure.report.day.year == year}):  # fmt: skip
            _period_pages(pages, src.statuses, w, seal, root, f"{year}-{month:02d}", keys)
    return pages


def _years(statuses: Sequence[Status]) -> list[int]:
    return sorted({s.failure.report.day.year for s in statuses})


def _periods(statuses: Sequence[Status], w: World) -> tuple[Year, ...]:
    m, out = w.m, []
    for year in reversed(_years(statuses)):
        months = sorted({s.failure.report.day.month for s in statuses
                         if s.failure.report.day.year == year}, reverse=True)  # fmt: skip
        out.append(
            Year(
                str(year),
                PeriodLinks(m("doc_site_year"), register_page(str(year)), recap_page(str(year))),
                tuple(
                    PeriodLinks(
                        month_name(date(year, mo, 1), w.lang).capitalize(),
                        register_page(f"{year}-{mo:02d}"),
                        recap_page(f"{year}-{mo:02d}"),
                    )
                    for mo in months
                ),
            )
        )
    return tuple(out)


def _period_pages(
    pages: dict[str, Page],
    statuses: Sequence[Status],
    w: World,
    seal: Seal,
    root: Path | None,
    period: str,
    keys: Mapping[str, str],
) -> None:
    """The register and the recap of one month (``2026-03``) or year (``2026``), deferred:
    rendered again only when one of its failures changed, or on another day."""
    month, year = (period, None) if "-" in period else (None, period)
    start, end, kind = parse_period(month, year)
    within = [s for s in statuses if start <= s.failure.report.day <= end]
    made_of = repr((period, w.today, [keys[s.failure.id] for s in within]))

    def page(path: str, template: str) -> Deferred:
        def later() -> str:
            if template == "register.html.j2":
                view = register_view(within, w, start, end).as_vars()
            else:
                view = recap_view(within, w, start, end, kind).as_vars()
            links = tuple((s.failure.id, s.failure.title, f"../{failure_page(s.failure.id)}")
                          for s in within)  # fmt: skip
            view_vars = {**view, "site": _chrome(w, path, seal), "failures": links}
            return render(f"site/{template}", view_vars, root)

        return Deferred(hashlib.sha256(f"{template}{made_of}".encode()).hexdigest(), later)

    pages[register_page(period)] = page(register_page(period), "register.html.j2")
    pages[recap_page(period)] = page(recap_page(period), "recap.html.j2")


_HEAD = re.compile(r"<head\b[^>]*>", re.IGNORECASE)


def with_policy(html: str) -> str:
    """A stored document under the site's policy: whatever a file in the log book holds, no
    script in it runs and nothing is fetched from elsewhere when it is opened on the board."""
    meta = f'<meta http-equiv="Content-Security-Policy" content="{CSP}">'
    found = _HEAD.search(html)
    if found is None:
        return f"{meta}\n{html}"
    return f"{html[: found.end()]}\n{meta}{html[found.end() :]}"


def stored_state(failure: Failure, check_state: str | None) -> str:
    """How the stored report stands: a draft until signed, then whether the signed text holds."""
    if failure.last("sign") is None or check_state is None:
        return "draft"
    return check_state
