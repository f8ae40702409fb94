"""The working calendar and what is due: `calendar add/remove/show/deadline/workdays`, `due`."""

from typing import TYPE_CHECKING, Annotated

import typer

from klipctl.cli import kit
from klipctl.cli.kit import Params
from klipctl.cli.lazy import lazy_module

if TYPE_CHECKING:
    pass

# Typed for mypy, loaded at first use (so `--help` does not pay for the core).
if TYPE_CHECKING:
    from klipctl.app import calendar as schedule
    from klipctl.domain import dates
else:
    schedule = lazy_module("klipctl.app.calendar")
    dates = lazy_module("klipctl.domain.dates")


def register(app: typer.Typer, p: Params) -> None:
    h = p.h

    @app.command(help=h("due"))
    def due(
        ctx: typer.Context,
        as_json: Annotated[bool, p.json()] = False,
        fmt: Annotated[str | None, p.list_format()] = None,
    ) -> None:
        state = kit.state(ctx)
        fmt = kit.list_format(fmt, as_json)
        sctx = state.context()
        board = schedule.due(sctx)
        width = kit.id_width(sctx, board.statuses, fmt)
        kit.present(state, kit.views.Due(board, width), False, fmt)

    cal_app = kit.subgroup(app, "calendar", h("calendar"))

    def date_arg() -> object:
        return typer.Argument(help=h("arg_date"), metavar="DATE")

    @cal_app.command(name="add", help=h("calendar_add"))
    def calendar_add(
        ctx: typer.Context,
        day: Annotated[str, date_arg()],
        name: Annotated[str | None, typer.Option("--name", help=h("opt_cal_name"))] = None,
        reason: Annotated[str | None, typer.Option("--reason", help=h("opt_cal_reason"))] = None,
        working: Annotated[bool, typer.Option("--working", help=h("opt_working"))] = False,
        as_json: Annotated[bool, p.json()] = False,
    ) -> None:
        state = kit.state(ctx)
        parsed = dates.parse_day(day)
        missing: list[str] = []
        name = kit.ask(state, name, "prompt_cal_name", "--name", missing)
        kit.require(missing)
        result = schedule.change_calendar(state.context(), "add", parsed, name, reason, working)
        kit.present(state, result, as_json)

    @cal_app.command(name="remove", help=h("calendar_remove"))
    def calendar_remove(
        ctx: typer.Context,
        day: Annotated[str, date_arg()],
        reason: Annotated[str | None, typer.Option("--reason", help=h("opt_cal_reason"))] = None,
        as_json: Annotated[bool, p.json()] = False,
    ) -> None:
        state = kit.state(ctx)
        parsed = dates.parse_day(day)
        missing: list[str] = []
        reason = kit.ask(state, reason, "prompt_cal_reason", "--reason", missing)
        kit.require(missing)
        result = schedule.change_calendar(state.context(), "remove", parsed, None, reason, False)
        kit.present(state, result, as_json)

    @cal_app.command(name="show", help=h("calendar_show"))
    def calendar_show(
        ctx: typer.Context,
        period: Annotated[
            str | None, typer.Argument(help=h("arg_period"), metavar="[YYYY | YYYY-MM]")
        ] = None,
        as_json: Annotated[bool, p.json()] = False,
    ) -> None:
        state = kit.state(ctx)
        view = schedule.calendar_view(state.context(), period)
        with kit.paged(state, as_json):
            kit.present(state, view, as_json)

    @cal_app.command(name="deadline", help=h("calendar_deadline"))
    def calendar_deadline(
        ctx: typer.Context,
        moment: Annotated[str, typer.Argument(help=h("arg_moment"), metavar="DATE")],
        days: Annotated[int | None, typer.Option("--days", help=h("opt_days"), metavar="N")] = None,
        explain: Annotated[bool, typer.Option("--explain", help=h("opt_explain"))] = False,
        as_json: Annotated[bool, p.json()] = False,
    ) -> None:
        state = kit.state(ctx)
        answer = schedule.deadline_for(state.context(), moment, days)
        kit.present(state, kit.views.Deadline(answer, explain), as_json)

    @cal_app.command(name="workdays", help=h("calendar_workdays"))
    def calendar_workdays(
        ctx: typer.Context,
        start: Annotated[str, typer.Argument(help=h("arg_from"), metavar="FROM")],
        end: Annotated[str, typer.Argument(help=h("arg_to"), metavar="TO")],
        as_json: Annotated[bool, p.json()] = False,
    ) -> None:
        state = kit.state(ctx)
        answer = schedule.workdays(state.context(), start, end)
        kit.present(state, answer, as_json)
