"""Each result a command shows has one human rendering and one JSON shape, chosen here.

A command builds its result (a use case's answer, or one of the small views below that put a
few answers together) and hands it to ``present``; whether people or scripts read it is decided
in this one place. What is said beside the result (damaged files, calendar warnings) goes to
standard error in both forms, so `--json` output stays one document.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

import typer

from klipctl.cli import lines, shapes
from klipctl.cli.lazy import lazy_module

# Rich (``output``) loads only for a result drawn with it: the lists and messages need none.
if TYPE_CHECKING:
    from klipctl.cli import output
else:
    output = lazy_module("klipctl.cli.output")

if TYPE_CHECKING:
    from klipctl.app.calendar import DeadlineAnswer, DueBoard
    from klipctl.app.doctor import Check
    from klipctl.app.entries import Change
    from klipctl.app.queries import Filters, Listing, Waiting
    from klipctl.app.settings import SettingValue
    from klipctl.app.templates import TemplateShown
    from klipctl.audit.signed import SignedCheck
    from klipctl.documents.sheets import Cell, Sheet
    from klipctl.domain.roster import Person
    from klipctl.domain.standing import Status
    from klipctl.i18n.messages import Messages
    from klipctl.storage.sync import SyncResult


# --- views: what one command shows, when it is more than one answer ----------------------------


@dataclass(frozen=True)
class FailureShown:
    """`show`: the failure's standing, how long each step took, its signed report."""

    status: Status
    durations: Sequence[int]
    signed: SignedCheck | None
    warnings: dict[int, str]
    duplicates: Sequence[str] = ()  # withdrawn failures that point to this one


@dataclass(frozen=True)
class Board:
    """`list`: the failures asked for, with the files that could not be read."""

    listing: Listing
    warnings: dict[int, str]
    filters: Filters

    @property
    def empty_key(self) -> str:
        """What an empty list means: nothing matches what was asked, or nothing is open."""
        f = self.filters
        if f.stage or f.assignee or f.system or f.overdue:
            return "list_empty"
        return "list_none" if f.include_closed else "list_none_open"
    id_width: int | None = None  # how much of each ID a narrow screen shows (queries.id_width)


@dataclass(frozen=True)
class Inbox:
    """`inbox`: what waits for the person running it."""

    listing: Waiting
    id_width: int | None = None


@dataclass(frozen=True)
class Due:
    """`due`: every open failure, most urgent first."""

    board: DueBoard
    id_width: int | None = None


@dataclass(frozen=True)
class Reported:
    """`report`: the new failure (its ID alone on standard output, for scripts)."""

    change: Change


@dataclass(frozen=True)
class Deadline:
    """`calendar deadline`, with or without the day-by-day count."""

    answer: DeadlineAnswer
    explain: bool


@dataclass(frozen=True)
class People:
    """`roster list`."""

    people: Sequence[Person]


@dataclass(frozen=True)
class Synced:
    """`sync`, asked for (an automatic sync is said in a line beside its write)."""

    result: SyncResult


@dataclass(frozen=True)
class Settings:
    """`config get`: one setting (its value alone, for scripts) or all of them."""

    values: Sequence[SettingValue]
    single: bool = False


@dataclass(frozen=True)
class Templates:
    """`template list`."""

    items: Sequence[TemplateShown]


@dataclass(frozen=True)
class Checks:
    """`doctor`."""

    checks: Sequence[Check]


# --- the table ---------------------------------------------------------------------------------


@dataclass(frozen=True)
class Renderer:
    human: Callable[[Any, Messages], None]  # for people (and what is said beside, on stderr)
    shape: Callable[[Any, Messages], Any]  # the JSON document
    beside_json: Callable[[Any, Messages], None] = lambda v, m: None  # stderr, with --json
    after: Callable[[Any, Messages], None] = lambda v, m: None  # stderr, in both forms
    # the after-change block (ID, stage before → after, next step) on stderr, unless -q
    change: Callable[[Any, Messages], None] = lambda v, m: None
    # the rows for ``--format csv`` (headers, then one row per failure), for the lists
    table: Callable[[Any, Messages], Sheet] | None = None


def _named(kind: type) -> str:
    return f"{kind.__module__}.{kind.__qualname__}"


def _warnings(v: Any, m: Messages) -> None:
    lines.print_calendar_warnings(v.warnings, m)


def _show(v: FailureShown, m: Messages) -> None:
    from klipctl.cli import sheet

    drawn = sheet.sheet(v.status, v.durations, v.duplicates, m)
    if lines.plain_stdout():
        sheet.write_plain(drawn, v.signed, m)  # a file or a pipe: lines, no Rich
        return
    output.print_show(drawn, m)
    output.print_signed_check(v.signed, m)


def _standing_cells(s: Status, m: Messages) -> tuple[Cell, ...]:
    """The deadline, the working days left (negative when late; empty once the verdict is final
    or before there is a deadline) and how it stands in words, as the table says it."""
    return s.deadline, s.days_left, lines.standing_text(s, m).plain


_STANDING_HEADERS = ("col_deadline", "col_workdays_left", "col_standing")


def _sheet(m: Messages, keys: Sequence[str], rows: Sequence[tuple[Cell, ...]]) -> Sheet:
    from klipctl.documents.sheets import Sheet

    return Sheet("", tuple(m(k) for k in keys), tuple(rows))


def _list_table(v: Board, m: Messages) -> Sheet:
    keys = ("col_id", "col_title", "col_system", "col_stage", "col_assignee", *_STANDING_HEADERS)
    rows = [
        (f.id, f.title, f.system, m.stage(f.stage), f.assignee, *_standing_cells(s, m))
        for s in v.listing.statuses
        for f in (s.failure,)
    ]
    return _sheet(m, keys, rows)


def _due_table(due: Due, m: Messages) -> Sheet:
    v = due.board
    keys = ("col_id", "col_title", "col_stage", "col_next", *_STANDING_HEADERS)
    rows = [
        (
            s.failure.id,
            s.failure.title,
            m.stage(s.failure.stage),
            lines.next_text(s, m).plain,
            *_standing_cells(s, m),
        )
        for s in v.statuses
    ]
    return _sheet(m, keys, rows)


def _inbox_table(v: Inbox, m: Messages) -> Sheet:
    keys = ("col_id", "col_title", "col_stage", *_STANDING_HEADERS, "col_command")
    rows = [
        (
            s.failure.id,
            s.failure.title,
            m.stage(s.failure.stage),
            *_standing_cells(s, m),
            lines.next_command(s, v.listing.stranded),
        )
        for s in v.listing.statuses
    ]
    return _sheet(m, keys, rows)


def _due_beside(v: Due, m: Messages) -> None:
    lines.print_calendar_warnings(v.board.warnings, m)
    lines.print_problems(v.board.problems, m)


# Keyed by the result's class, named: the use cases' modules load only with the command using them.
RENDERERS: dict[str, Renderer] = {
    _named(FailureShown): Renderer(
        _show,
        lambda v, m: {
            **shapes.status_json(v.status),
            "duplicates": list(v.duplicates),
            "signed_report": shapes.signed_json(v.signed),
        },
        after=_warnings,
    ),  # fmt: skip
    _named(Board): Renderer(
        lambda v, m: lines.print_list(
            v.listing.statuses, v.listing.problems, m, v.id_width, v.empty_key
        ),
        lambda v, m: [shapes.status_json(s, entries=False) for s in v.listing.statuses],
        beside_json=lambda v, m: lines.print_problems(v.listing.problems, m),
        after=_warnings,
        table=_list_table,
    ),
    _named(Inbox): Renderer(
        lambda v, m: lines.print_inbox(v.listing, m, v.id_width),
        lambda v, m: [
            {
                **shapes.status_json(s, entries=False),
                "command": lines.next_command(s, v.listing.stranded),
                "waits_for_removed": v.listing.stranded.get(s.failure.id),
            }
            for s in v.listing.statuses
        ],
        beside_json=lambda v, m: lines.print_problems(v.listing.problems, m),
        table=_inbox_table,
    ),
    "klipctl.app.attachments.Attached": Renderer(
        lambda v, m: output.print_attached(v.files, v.change, m),
        lambda v, m: shapes.status_json(v.change.status),
        change=lambda v, m: lines.print_change(v.change, m),
    ),
    _named(Reported): Renderer(
        lambda v, m: typer.echo(v.change.status.failure.id),
        lambda v, m: shapes.status_json(v.change.status),
        change=lambda v, m: lines.print_change(v.change, m),
    ),
    _named(Due): Renderer(
        lambda v, m: lines.print_due(v.board, m, v.id_width),
        lambda v, m: shapes.due_json(v.board),
        _due_beside,
        table=_due_table,
    ),
    "klipctl.app.calendar.CalendarResult": Renderer(
        lambda v, m: output.print_calendar_change(v, m), lambda v, m: shapes.calendar_change_json(v)
    ),
    "klipctl.app.calendar.CalendarView": Renderer(
        lambda v, m: output.print_calendar(v, m), lambda v, m: shapes.calendar_json(v), _warnings
    ),
    _named(Deadline): Renderer(
        lambda v, m: output.print_deadline(v.answer, v.explain, m),
        lambda v, m: shapes.deadline_json(v.answer, v.explain),
        lambda v, m: lines.print_calendar_warnings(v.answer.warnings, m),
    ),
    "klipctl.app.calendar.WorkdaysAnswer": Renderer(
        lambda v, m: output.print_workdays(v, m),
        lambda v, m: {
            "from": v.start.isoformat(),
            "to": v.end.isoformat(),
            "days": v.days,
            "warnings": shapes.warnings_json(v.warnings),
        },
        _warnings,
    ),  # fmt: skip
    _named(People): Renderer(
        lambda v, m: output.print_roster(v.people, m),
        lambda v, m: [shapes.person_json(p) for p in v.people],
    ),
    "klipctl.app.people.PersonShown": Renderer(
        lambda v, m: output.print_person(v, m), lambda v, m: shapes.person_shown_json(v)
    ),
    _named(Synced): Renderer(
        lambda v, m: output.print_sync(v.result, m, explicit=True),
        lambda v, m: shapes.sync_json(v.result),
    ),
    "klipctl.app.sharing.SyncStatus": Renderer(
        lambda v, m: output.print_sync_status(v, m), lambda v, m: shapes.sync_status_json(v)
    ),
    "klipctl.audit.findings.Report": Renderer(
        lambda v, m: output.print_verify(v, m), shapes.verify_json
    ),
    _named(Settings): Renderer(
        lambda v, m: output.print_settings(v.values, v.single, m),
        lambda v, m: v.values[0].value if v.single else {s.key: s.value for s in v.values},
    ),
    "klipctl.app.settings.SettingChanged": Renderer(
        lambda v, m: output.print_setting_changed(v, m),
        lambda v, m: {"key": v.key, "old": v.old, "new": v.new, "commit": v.commit},
    ),
    _named(Templates): Renderer(
        lambda v, m: output.print_templates(v.items, m),
        lambda v, m: [{"name": t.name, "own": t.overridden, "size": t.size} for t in v.items],
    ),
    "klipctl.app.templates.TemplateChanged": Renderer(
        lambda v, m: output.print_template_changed(v, m),
        lambda v, m: {"name": v.name, "action": v.action, "replaced": v.replaced,
                      "commit": v.commit},  # fmt: skip
    ),
    "klipctl.app.importing.Checked": Renderer(
        lambda v, m: output.print_import_check(v, m), shapes.import_check_json
    ),
    "klipctl.app.importing.Done": Renderer(
        lambda v, m: output.print_import_done(v, m), lambda v, m: shapes.import_done_json(v)
    ),
    _named(Checks): Renderer(
        lambda v, m: output.print_doctor(v.checks, m),
        lambda v, m: shapes.doctor_json(v.checks, m),
    ),
}


def present(result: object, m: Messages, fmt: str = "table", quiet: bool = False) -> None:
    """Show ``result`` to people (``table``), as one JSON document (``json``), or a list as CSV
    for a spreadsheet (``csv``); what is said beside goes to stderr as with JSON. ``quiet``
    (-q): without the after-change block."""
    renderer = RENDERERS[_named(type(result))]
    if fmt == "csv":
        from klipctl.documents.sheets import csv_text

        assert renderer.table is not None, f"{type(result).__name__} has no CSV form"
        lines.write_exact(csv_text([renderer.table(result, m)]))
        renderer.beside_json(result, m)
    elif fmt == "json":
        lines.print_json(renderer.shape(result, m))
        renderer.beside_json(result, m)
    else:
        renderer.human(result, m)
    if not quiet:
        renderer.change(result, m)
    renderer.after(result, m)
