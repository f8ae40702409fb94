"""The SOP's steps: `report` through `archive`, each one entry and one commit."""

from typing import TYPE_CHECKING, Annotated, Any

import typer

from klipctl.cli import kit
from klipctl.cli.kit import Params
from klipctl.cli.lazy import lazy_module
from klipctl.errors import KlipError, UsageError

# Typed for mypy, loaded at first use (so `--help` does not pay for the core).
if TYPE_CHECKING:
    from klipctl.app import queries, steps
else:
    steps = lazy_module("klipctl.app.steps")
    queries = lazy_module("klipctl.app.queries")


def register(app: typer.Typer, p: Params) -> None:
    h = p.h

    @app.command(help=h("report"))
    def report(
        ctx: typer.Context,
        title: Annotated[str | None, typer.Option("--title", "-t", help=h("opt_title"))] = None,
        system: Annotated[str | None, typer.Option("--system", "-s", help=h("opt_system"))] = None,
        description: Annotated[
            str | None, typer.Option("--description", "-d", help=h("opt_description"))
        ] = None,
        description_file: Annotated[
            str | None,
            typer.Option("--description-file", help=h("opt_description_file"), metavar="FILE"),
        ] = None,
        edit: Annotated[bool, typer.Option("--edit", "-e", help=h("opt_edit"))] = False,
        severity: Annotated[
            str, typer.Option("--severity", help=h("opt_severity"), metavar="LEVEL")
        ] = "medium",
        as_json: Annotated[bool, p.json()] = False,
    ) -> None:
        state = kit.state(ctx)
        m = state.messages
        missing: list[str] = []
        title = kit.ask(state, title, "prompt_title", "--title", missing)
        system = kit.ask(state, system, "prompt_system", "--system", missing)
        typed = None
        if description_file is not None:
            description = kit.read_text_file(description_file)
        elif edit:
            description = typed = kit.edit_text(description or "")
        elif description is None and state.interactive:
            description = typed = kit.ask(
                state, None, "prompt_description", "--description", missing, optional=True
            )
        kit.require(missing)
        details = {
            "title": title,
            "system": system,
            "description": description,
            "severity": severity,
        }
        try:
            change = steps.report(state.context(), details)
        except KlipError:
            if typed:
                kit.output.info(m("text_saved", path=str(kit.save_typed_text(typed))))
            raise
        kit.present(state, kit.views.Reported(change), as_json)

    def _step(
        ctx: typer.Context,
        action: str,
        failure_id: str,
        details: dict[str, Any],
        *,
        confirm: bool | None = None,
    ) -> None:
        state = kit.state(ctx)
        if confirm is not None:
            sctx = state.context()
            status = queries.show(sctx, failure_id)
            m = state.messages
            kit.confirm(
                state,
                confirm,
                m(
                    "confirm_action",
                    action_name=m.action(action).capitalize(),
                    id=status.failure.id,
                    title=status.failure.title,
                ),
            )
        change = steps.act(state.context(), action, failure_id, details)
        kit.output.print_change(change, state.messages)

    @app.command(help=h("record"))
    def record(
        ctx: typer.Context,
        failure_id: Annotated[str, p.id_arg()],
        note: Annotated[str | None, p.note()] = None,
    ) -> None:
        _step(ctx, "record", failure_id, {"note": note})

    @app.command(help=h("assign"))
    def assign(
        ctx: typer.Context,
        failure_id: Annotated[str, p.id_arg()],
        to: Annotated[str | None, typer.Option("--to", help=h("opt_to"), metavar="HANDLE")] = None,
        note: Annotated[str | None, p.note()] = None,
    ) -> None:
        state = kit.state(ctx)
        missing: list[str] = []
        to = kit.ask(state, to, "prompt_operator", "--to", missing)
        kit.require(missing)
        _step(ctx, "assign", failure_id, {"to": to, "note": note})

    @app.command(help=h("resolve"))
    def resolve(
        ctx: typer.Context,
        failure_id: Annotated[str, p.id_arg()],
        action: Annotated[str | None, typer.Option("--action", "-a", help=h("opt_action"))] = None,
        cause: Annotated[str | None, typer.Option("--cause", help=h("opt_cause"))] = None,
    ) -> None:
        state = kit.state(ctx)
        missing: list[str] = []
        action = kit.ask(state, action, "prompt_action", "--action", missing)
        kit.require(missing)
        _step(ctx, "resolve", failure_id, {"action": action, "cause": cause})

    @app.command(help=h("review"))
    def review(
        ctx: typer.Context,
        failure_id: Annotated[str, p.id_arg()],
        accept: Annotated[bool, typer.Option("--accept", help=h("opt_accept"))] = False,
        reject: Annotated[bool, typer.Option("--reject", help=h("opt_reject"))] = False,
        drafter: Annotated[
            str | None, typer.Option("--drafter", help=h("opt_drafter"), metavar="HANDLE")
        ] = None,
        reason: Annotated[str | None, typer.Option("--reason", help=h("opt_reason"))] = None,
        note: Annotated[str | None, p.note()] = None,
    ) -> None:
        state = kit.state(ctx)
        if accept == reject:
            raise UsageError("accept_or_reject")
        missing: list[str] = []
        if accept:
            drafter = kit.ask(state, drafter, "prompt_drafter", "--drafter", missing)
            kit.require(missing)
            _step(ctx, "accept", failure_id, {"drafter": drafter, "note": note})
        else:
            reason = kit.ask(state, reason, "prompt_reason", "--reason", missing)
            kit.require(missing)
            _step(ctx, "reject", failure_id, {"reason": reason})

    @app.command(help=h("draft"))
    def draft(
        ctx: typer.Context,
        failure_id: Annotated[str, p.id_arg()],
        note: Annotated[str | None, p.note()] = None,
    ) -> None:
        _step(ctx, "draft", failure_id, {"note": note})

    @app.command(help=h("sign"))
    def sign(
        ctx: typer.Context,
        failure_id: Annotated[str, p.id_arg()],
        yes: Annotated[bool, p.yes()] = False,
    ) -> None:
        _step(ctx, "sign", failure_id, {}, confirm=yes)

    @app.command(help=h("deliver"))
    def deliver(
        ctx: typer.Context,
        failure_id: Annotated[str, p.id_arg()],
        note: Annotated[str | None, p.note()] = None,
        yes: Annotated[bool, p.yes()] = False,
    ) -> None:
        _step(ctx, "deliver", failure_id, {"note": note}, confirm=yes)

    @app.command(help=h("archive"))
    def archive(
        ctx: typer.Context,
        failure_id: Annotated[str, p.id_arg()],
        note: Annotated[str | None, p.note()] = None,
        yes: Annotated[bool, p.yes()] = False,
    ) -> None:
        _step(ctx, "archive", failure_id, {"note": note}, confirm=yes)
