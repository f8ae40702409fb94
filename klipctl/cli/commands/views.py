"""Looking without changing: `show`, `list`, `history`."""

from typing import TYPE_CHECKING, Annotated

import typer

from klipctl.cli import kit
from klipctl.cli.kit import Params
from klipctl.cli.lazy import lazy_module
from klipctl.i18n import values

# Typed for mypy, loaded at first use (so `--help` does not pay for the core).
if TYPE_CHECKING:
    from klipctl.app import calendar as schedule
    from klipctl.app import queries
    from klipctl.domain import standing
else:
    schedule = lazy_module("klipctl.app.calendar")
    queries = lazy_module("klipctl.app.queries")
    standing = lazy_module("klipctl.domain.standing")


def register(app: typer.Typer, p: Params) -> None:
    h = p.h

    @app.command(help=h("show"))
    def show(
        ctx: typer.Context,
        failure_id: Annotated[str, p.id_arg()],
        as_json: Annotated[bool, p.json()] = False,
    ) -> None:
        from klipctl.audit import signed as signedreport

        state = kit.state(ctx)
        sctx = state.context()
        status = queries.show(sctx, failure_id)
        signed = signedreport.check_signed(sctx.logbook, status.failure)
        durations = standing.stage_durations(status.failure, sctx.calendar)
        warnings = schedule.status_warnings(sctx, [status])
        dups = queries.duplicates(sctx, status.failure.id)
        shown = kit.views.FailureShown(status, durations, signed, warnings, dups)
        with kit.paged(state, as_json):
            kit.present(state, shown, as_json)

    @app.command(help=h("inbox"))
    def inbox(
        ctx: typer.Context,
        as_json: Annotated[bool, p.json()] = False,
        fmt: Annotated[str | None, p.list_format()] = None,
    ) -> None:
        state = kit.state(ctx)
        fmt = kit.list_format(fmt, as_json)
        sctx = state.context()
        waiting = queries.inbox(sctx)
        width = kit.id_width(sctx, waiting.statuses, fmt)
        kit.present(state, kit.views.Inbox(waiting, width), False, fmt)

    app.command(name="tugas", help=h("inbox"), hidden=True)(inbox)

    @app.command(name="list", help=h("list"))
    def list_(
        ctx: typer.Context,
        stage: Annotated[str | None, p.choice("--stage", "opt_stage", "stage")] = None,
        assignee: Annotated[str | None, p.handle("--assignee", "opt_assignee")] = None,
        system: Annotated[str | None, typer.Option("--system", help=h("opt_filter_system"))] = None,
        overdue: Annotated[bool, typer.Option("--overdue", help=h("opt_overdue"))] = False,
        all_: Annotated[bool, typer.Option("--all", "-a", help=h("opt_all"))] = False,
        as_json: Annotated[bool, p.json()] = False,
        fmt: Annotated[str | None, p.list_format()] = None,
    ) -> None:
        state = kit.state(ctx)
        fmt = kit.list_format(fmt, as_json)
        stage = values.canonical("stage", stage) if stage else None
        queries.check_stage(stage)
        filters = queries.Filters(stage, assignee, system, overdue, all_)
        sctx = state.context()
        listing = queries.list_failures(sctx, filters)
        warnings = schedule.status_warnings(sctx, listing.statuses)
        width = kit.id_width(sctx, listing.statuses, fmt)
        kit.present(state, kit.views.Board(listing, warnings, filters, width), False, fmt)

    @app.command(help=h("history"))
    def history(ctx: typer.Context, failure_id: Annotated[str, p.id_arg()]) -> None:
        state = kit.state(ctx)
        failure, commits = queries.history(state.context(), failure_id)
        with kit.paged(state):
            kit.output.print_history(failure, commits, state.messages)
