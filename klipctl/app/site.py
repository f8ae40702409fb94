"""`klipctl site build`: the board for the head of office, written into a folder.

The log book as it is in this clone (never a sync first, never a write into it): every failure
and its standing today, the stored result reports, the attached files, and what ``verify``
finds, which every page shows as its seal. The pages are ``documents/site.py``'s; the folder is
``storage/sitefolder.py``'s (only what changed is rewritten, each file atomically). The
central repository's ``post-receive`` hook calls ``build`` after each push when ``site.dir`` is
set (``app/notify.py``).
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path

from klipctl.app.calendar import SOON, most_urgent_first
from klipctl.app.context import Context
from klipctl.audit.findings import Violation, violation_text
from klipctl.audit.signed import check_signed, stored_html
from klipctl.audit.verify import verify
from klipctl.documents import site
from klipctl.documents.render import templates_digest
from klipctl.documents.shared import World, logo_of
from klipctl.errors import InvalidInput
from klipctl.storage import index, sitefolder
from klipctl.storage.layout import CALENDAR_FILE, CONFIG_FILE, ROSTER_FILE, attachment_file
from klipctl.storage.logbook import Problem


@dataclass(frozen=True)
class SiteResult:
    """What one build did: where, how many files it wrote, kept and removed, and the seal."""

    outdir: Path
    index: Path
    written: int
    unchanged: int
    removed: int
    failures: int  # failure pages on the board
    commit: str  # the commit the board shows
    violations: list[Violation] = field(default_factory=list)
    pages: list[str] = field(default_factory=list)  # the paths of the files written
    problems: list[Problem] = field(default_factory=list)  # files that could not be read

    @property
    def ok(self) -> bool:
        return not self.violations


def build(ctx: Context, outdir: Path | None = None, lang: str | None = None) -> SiteResult:
    """Build the board in ``outdir`` (else the log book's ``site.dir``), in ``lang`` (else the
    log book's language)."""
    lb = ctx.logbook
    if outdir is None:
        if not lb.config.site.dir:
            raise InvalidInput("site_no_dir")
        outdir = Path(lb.config.site.dir)
    folder = sitefolder.check_folder(outdir, lb.root)
    w = World(lb.config, lb.roster, ctx.calendar, ctx.today, lang or lb.config.language or "id",
              logo_of(lb.root))  # fmt: skip

    report = verify(lb, incremental=True)
    head = lb.git.log(limit=1)
    commit = head[0].sha if head else ""
    at = datetime.fromisoformat(head[0].date) if head else None
    seal = site.make_seal([violation_text(v, w.m) for v in report.violations], w)

    failures, problems = index.query(lb, index.Query(include_closed=True), ctx.env)
    statuses = [ctx.status(f) for f in failures]
    reports = {}
    for status in statuses:
        f = status.failure
        if f.last("draft") is None:
            continue
        html = stored_html(lb, f.id)
        if html is not None:
            check = check_signed(lb, f)
            state = site.stored_state(f, check.state if check else None)
            reports[f.id] = site.StoredReport(html, state)
    missing = frozenset(
        f"{s.failure.id}/{a.sha256}"
        for s in statuses
        for a in s.failure.attachments
        if not (lb.root / attachment_file(s.failure.id, a.sha256)).is_file()
    )  # verify names them, on the seal
    sources = site.Sources(
        statuses=statuses,
        open=most_urgent_first(s for s in statuses if s.failure.is_open),
        reports=reports,
        soon=SOON,
        missing=missing,
    )

    def sealed(text: str) -> bytes:
        return site.fill_seal(text, commit, at, w.lang).encode("utf-8")

    # A page is known by its content (or, deferred, by what it is made from) before the seal
    # names the commit: a page that did not change is kept, sealed at the commit it was made
    # from, and a deferred one is not even rendered.
    pages: dict[str, sitefolder.Page] = {}
    salt = _salt(ctx)
    for path, page in site.build_pages(sources, w, seal, lb.root, salt).items():
        if isinstance(page, str):
            pages[path] = sitefolder.page_of(sealed(page), sitefolder.page_of(page.encode()).key)
        elif isinstance(page, site.Deferred):
            pages[path] = sitefolder.Page(page.key, make=_then(page.render, sealed))
        else:
            source = lb.root / attachment_file(page.failure_id, page.sha256)
            pages[path] = sitefolder.Page(page.sha256, source=source)
    done = sitefolder.publish(folder, pages)
    return SiteResult(
        outdir=folder,
        index=folder / site.INDEX,
        written=len(done.written),
        unchanged=done.unchanged,
        removed=len(done.removed),
        failures=len(statuses),
        commit=commit,
        violations=list(report.violations),
        pages=done.written,
        problems=list(problems),
    )


def _salt(ctx: Context) -> str:
    """What every failure's page is made from besides the failure: this klipctl, the log book's
    settings, roster and calendar, and the templates (the office's and klipctl's)."""
    from klipctl import __version__

    lb = ctx.logbook
    parts = [__version__, templates_digest(lb.root)]
    for name in (CONFIG_FILE, ROSTER_FILE, CALENDAR_FILE):
        path = lb.root / name
        parts.append(hashlib.sha256(path.read_bytes()).hexdigest() if path.is_file() else "-")
    return "/".join(parts)


def _then(
    render: Callable[[], str], sealed: Callable[[str], bytes]
) -> Callable[[], tuple[bytes, str]]:
    def make() -> tuple[bytes, str]:
        text = render()
        return sealed(text), sitefolder.page_of(text.encode("utf-8")).key

    return make
