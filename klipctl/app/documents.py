"""Documents as use cases: gather a log book's failures, build the view, render it.

The view models and templates are ``klipctl.documents``; here is only what needs the world
(which log book, which calendar, which day, which failures).
"""

from __future__ import annotations

from datetime import date
from pathlib import Path

from klipctl.app.context import Context
from klipctl.audit.signed import join_delivery
from klipctl.documents import stored
from klipctl.documents.recap import parse_period, recap_view
from klipctl.documents.register import register_view
from klipctl.documents.render import render
from klipctl.documents.report import REPORT_HTML, report_markdown, report_view
from klipctl.documents.shared import Document, World, finish, logo_of
from klipctl.documents.sheets import (
    Sheet,
    csv_text,
    recap_sheets,
    register_sheets,
    register_table,
    xlsx_bytes,
)
from klipctl.documents.stored import StepDocuments
from klipctl.domain.dates import parse_day
from klipctl.domain.model import Entry, Failure
from klipctl.domain.standing import Status


def world(ctx: Context, lang: str | None = None) -> World:
    lb = ctx.logbook
    return World(
        lb.config, lb.roster, ctx.calendar, ctx.today, lang or ctx.language, logo_of(lb.root)
    )


def for_step(ctx: Context, failure: Failure, entry: Entry) -> StepDocuments:
    """The stored report's files after a draft, sign or deliver entry (see ``stored``)."""
    lb = ctx.logbook
    return stored.for_step(lb, world(ctx, lb.config.language or "id"), ctx.env, failure, entry)


def check_output(ctx: Context, path: Path) -> Path:
    return stored.check_output(ctx.logbook_if_any(), path)


def render_report(ctx: Context, id_text: str, fmt: str) -> Document:
    lb = ctx.logbook
    failure = lb.load_failure(lb.resolve_id(id_text))
    w = world(ctx)
    if fmt == "md":
        body, delivery = report_markdown(failure, w, lb.root)
        return Document(fmt, join_delivery(body, delivery), failure.id)
    html = render(REPORT_HTML, report_view(failure, w).as_vars(), lb.root)
    return finish(fmt, html, failure.id)


def _period_failures(ctx: Context, start: date | None, end: date | None) -> list[Status]:
    from klipctl.storage import index

    q = index.Query(include_closed=True, reported_from=start, reported_to=end)
    failures, _problems = index.query(ctx.logbook, q, ctx.env)
    return [ctx.status(failure) for failure in failures]


def render_register(
    ctx: Context, start_text: str | None, end_text: str | None, fmt: str
) -> Document:
    start, end = (parse_day(t) if t is not None else None for t in (start_text, end_text))
    w = world(ctx)
    view = register_view(_period_failures(ctx, start, end), w, start, end)
    if fmt in ("csv", "xlsx"):
        # CSV has no sheets: one table, the months one after another
        sheets = [register_table(view, w.m)] if fmt == "csv" else register_sheets(view, w.m)
        return _spreadsheet(fmt, sheets, "logbook", titled=False)
    suffix = "md" if fmt == "md" else "html"
    text = render(f"register.{suffix}.j2", view.as_vars(), ctx.logbook.root)
    return finish(fmt, text, "logbook") if fmt != "md" else Document(fmt, text, "logbook")


def render_recap(ctx: Context, month: str | None, year: str | None, fmt: str) -> Document:
    start, end, kind = parse_period(month, year)
    w = world(ctx)
    view = recap_view(_period_failures(ctx, start, end), w, start, end, kind)
    name = f"recap-{month or year}"
    if fmt in ("csv", "xlsx"):  # a sheet per section; in CSV one after another, titled
        return _spreadsheet(fmt, recap_sheets(view, w.m), name, titled=True)
    suffix = "md" if fmt == "md" else "html"
    text = render(f"recap.{suffix}.j2", view.as_vars(), ctx.logbook.root)
    return finish(fmt, text, name) if fmt != "md" else Document(fmt, text, name)


def _spreadsheet(fmt: str, sheets: list[Sheet], name: str, titled: bool) -> Document:
    if fmt == "csv":
        return Document(fmt, csv_text(sheets, titled=titled), name)
    return Document(fmt, xlsx_bytes(sheets), name)
