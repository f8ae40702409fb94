"""The SOP's steps: `report` through `archive`, each one entry and one commit."""

from typing import TYPE_CHECKING, Annotated, Any

import typer

from klipctl.cli import kit
from klipctl.cli.kit import Params
from klipctl.cli.lazy import lazy_module
from klipctl.errors import UsageError
from klipctl.i18n import values

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
        description_file: Annotated[str | None, p.text_file("--description")] = None,
        edit: Annotated[bool, p.edit()] = False,
        severity: Annotated[
            str, p.choice("--severity", "opt_severity", "severity", "LEVEL")
        ] = "medium",
        yes: Annotated[bool, p.yes()] = False,
        as_json: Annotated[bool, p.json()] = False,
    ) -> None:
        state = kit.state(ctx)
        m = state.messages
        sctx = state.context()
        steps.check_report(sctx)  # on the roster at all, before a single question
        severity = values.canonical("severity", severity)
        queries.check_severity(severity)
        missing: list[str] = []
        typed = kit.Typed()
        asked = state.interactive and (title is None or system is None)
        title = kit.ask(state, title, "prompt_title", "--title", missing)
        system = kit.ask(state, system, "prompt_system", "--system", missing)
        description = kit.long_text(
            state, typed, description, file=description_file, edit=edit,
            prompt_key="prompt_description", flag="--description", missing=missing,
            optional=True, ask_anyway=True,
        )  # fmt: skip
        kit.require(missing)
        details = {
            "title": title,
            "system": system,
            "description": description,
            "severity": severity,
        }
        with typed.kept(state):
            steps.check_report(sctx, details)  # a wrong severity refused before the summary
            if state.interactive and (asked or typed.texts) and not yes:
                kit.output.print_summary(details, m)
                kit.confirm(state, False, m("confirm_report"))
            change = steps.report(sctx, details)
        kit.present(state, kit.views.Reported(change), as_json)

    def _check(ctx: typer.Context, action: str, failure_id: str) -> tuple[kit.State, Any]:
        """Refuse now, before any question, a step that is not the caller's to take."""
        state = kit.state(ctx)
        return state, steps.check(state.context(), action, failure_id)

    def _step(
        state: kit.State,
        status: Any,
        action: str,
        details: dict[str, Any],
        typed: kit.Typed | None = None,
        *,
        confirm: bool | None = None,
    ) -> None:
        m = state.messages
        with (typed or kit.Typed()).kept(state):
            if confirm is not None:
                question = m(
                    "confirm_action",
                    action_name=m.action(action).capitalize(),
                    id=status.failure.id,
                    title=status.failure.title,
                )
                kit.confirm(state, confirm, question)
            change = steps.act(state.context(), action, status.failure.id, details)
        if not state.quiet:
            kit.lines.print_change(change, m)

    def _note(
        state: kit.State, typed: kit.Typed, note: str | None, note_file: str | None, edit: bool
    ) -> str | None:
        return kit.long_text(
            state, typed, note, file=note_file, edit=edit, prompt_key="prompt_note",
            flag="--note", missing=[], optional=True,
        )  # fmt: skip

    def _reason(
        state: kit.State,
        typed: kit.Typed,
        reason: str | None,
        reason_file: str | None,
        edit: bool,
        prompt_key: str,
        missing: list[str],
    ) -> str | None:
        """The required ``--reason`` of a step, from its option, file, editor or prompt."""
        return kit.long_text(
            state, typed, reason, file=reason_file, edit=edit, prompt_key=prompt_key,
            flag="--reason", missing=missing,
        )  # fmt: skip

    @app.command(help=h("record"))
    def record(
        ctx: typer.Context,
        failure_id: Annotated[str, p.id_arg()],
        note: Annotated[str | None, p.note()] = None,
        note_file: Annotated[str | None, p.text_file("--note")] = None,
        edit: Annotated[bool, p.edit()] = False,
    ) -> None:
        state, status = _check(ctx, "record", failure_id)
        typed = kit.Typed()
        note = _note(state, typed, note, note_file, edit)
        _step(state, status, "record", {"note": note}, typed)

    @app.command(help=h("assign"))
    def assign(
        ctx: typer.Context,
        failure_id: Annotated[str, p.id_arg()],
        to: Annotated[str | None, p.handle("--to", "opt_to")] = None,
        note: Annotated[str | None, p.note()] = None,
        note_file: Annotated[str | None, p.text_file("--note")] = None,
        edit: Annotated[bool, p.edit()] = False,
    ) -> None:
        state, status = _check(ctx, "assign", failure_id)
        missing: list[str] = []
        to = kit.ask(state, to, "prompt_operator", "--to", missing)
        kit.require(missing)
        typed = kit.Typed()
        note = _note(state, typed, note, note_file, edit)
        _step(state, status, "assign", {"to": to, "note": note}, typed)

    @app.command(help=h("reassign"))
    def reassign(
        ctx: typer.Context,
        failure_id: Annotated[str, p.id_arg()],
        to: Annotated[str | None, p.handle("--to", "opt_to")] = None,
        reason: Annotated[str | None, typer.Option("--reason", help=h("opt_reason"))] = None,
        reason_file: Annotated[str | None, p.text_file("--reason")] = None,
        edit: Annotated[bool, p.edit()] = False,
    ) -> None:
        state, status = _check(ctx, "reassign", failure_id)
        missing: list[str] = []
        to = kit.ask(state, to, "prompt_operator", "--to", missing)
        typed = kit.Typed()
        reason = _reason(state, typed, reason, reason_file, edit, "prompt_reason_reassign", missing)
        kit.require(missing)
        _step(state, status, "reassign", {"to": to, "reason": reason}, typed)

    @app.command(help=h("resolve"))
    def resolve(
        ctx: typer.Context,
        failure_id: Annotated[str, p.id_arg()],
        action: Annotated[str | None, typer.Option("--action", "-a", help=h("opt_action"))] = None,
        action_file: Annotated[str | None, p.text_file("--action")] = None,
        edit: Annotated[bool, p.edit()] = False,
        cause: Annotated[str | None, typer.Option("--cause", help=h("opt_cause"))] = None,
        cause_file: Annotated[str | None, p.text_file("--cause")] = None,
    ) -> None:
        state, status = _check(ctx, "resolve", failure_id)
        missing: list[str] = []
        typed = kit.Typed()
        action = kit.long_text(
            state, typed, action, file=action_file, edit=edit, prompt_key="prompt_action",
            flag="--action", missing=missing,
        )  # fmt: skip
        cause = kit.long_text(
            state, typed, cause, file=cause_file, edit=False, prompt_key="prompt_cause",
            flag="--cause", missing=missing, optional=True,
        )  # fmt: skip
        kit.require(missing)
        _step(state, status, "resolve", {"action": action, "cause": cause}, typed)

    @app.command(help=h("review"))
    def review(
        ctx: typer.Context,
        failure_id: Annotated[str, p.id_arg()],
        accept: Annotated[bool, typer.Option("--accept", help=h("opt_accept"))] = False,
        reject: Annotated[bool, typer.Option("--reject", help=h("opt_reject"))] = False,
        drafter: Annotated[str | None, p.handle("--drafter", "opt_drafter")] = None,
        reason: Annotated[str | None, typer.Option("--reason", help=h("opt_reason"))] = None,
        reason_file: Annotated[str | None, p.text_file("--reason")] = None,
        note: Annotated[str | None, p.note()] = None,
        note_file: Annotated[str | None, p.text_file("--note")] = None,
        edit: Annotated[bool, p.edit()] = False,
    ) -> None:
        if accept == reject:
            raise UsageError("accept_or_reject")
        action = "accept" if accept else "reject"
        state, status = _check(ctx, action, failure_id)
        missing: list[str] = []
        typed = kit.Typed()
        if accept:
            drafter = kit.ask(state, drafter, "prompt_drafter", "--drafter", missing)
            kit.require(missing)
            note = _note(state, typed, note, note_file, edit)
            _step(state, status, "accept", {"drafter": drafter, "note": note}, typed)
        else:
            reason = _reason(state, typed, reason, reason_file, edit, "prompt_reason", missing)
            kit.require(missing)
            _step(state, status, "reject", {"reason": reason}, typed)

    @app.command(help=h("draft"))
    def draft(
        ctx: typer.Context,
        failure_id: Annotated[str, p.id_arg()],
        note: Annotated[str | None, p.note()] = None,
        note_file: Annotated[str | None, p.text_file("--note")] = None,
        edit: Annotated[bool, p.edit()] = False,
    ) -> None:
        state, status = _check(ctx, "draft", failure_id)
        typed = kit.Typed()
        note = _note(state, typed, note, note_file, edit)
        _step(state, status, "draft", {"note": note}, typed)

    @app.command(help=h("sign"))
    def sign(
        ctx: typer.Context,
        failure_id: Annotated[str, p.id_arg()],
        reject: Annotated[bool, typer.Option("--reject", help=h("opt_sign_reject"))] = False,
        reason: Annotated[str | None, typer.Option("--reason", help=h("opt_reason"))] = None,
        reason_file: Annotated[str | None, p.text_file("--reason")] = None,
        edit: Annotated[bool, p.edit()] = False,
        yes: Annotated[bool, p.yes()] = False,
    ) -> None:
        if not reject and (reason is not None or reason_file is not None):
            raise UsageError("reason_without_reject")
        state, status = _check(ctx, "return" if reject else "sign", failure_id)
        if not reject:
            _step(state, status, "sign", {}, confirm=yes)
            return
        missing: list[str] = []
        typed = kit.Typed()
        reason = _reason(state, typed, reason, reason_file, edit, "prompt_reason_return", missing)
        kit.require(missing)
        _step(state, status, "return", {"reason": reason}, typed)

    @app.command(help=h("deliver"))
    def deliver(
        ctx: typer.Context,
        failure_id: Annotated[str, p.id_arg()],
        note: Annotated[str | None, p.note()] = None,
        note_file: Annotated[str | None, p.text_file("--note")] = None,
        edit: Annotated[bool, p.edit()] = False,
        yes: Annotated[bool, p.yes()] = False,
    ) -> None:
        state, status = _check(ctx, "deliver", failure_id)
        typed = kit.Typed()
        note = _note(state, typed, note, note_file, edit)
        _step(state, status, "deliver", {"note": note}, typed, confirm=yes)

    @app.command(help=h("archive"))
    def archive(
        ctx: typer.Context,
        failure_id: Annotated[str, p.id_arg()],
        note: Annotated[str | None, p.note()] = None,
        note_file: Annotated[str | None, p.text_file("--note")] = None,
        edit: Annotated[bool, p.edit()] = False,
        yes: Annotated[bool, p.yes()] = False,
    ) -> None:
        state, status = _check(ctx, "archive", failure_id)
        typed = kit.Typed()
        note = _note(state, typed, note, note_file, edit)
        _step(state, status, "archive", {"note": note}, typed, confirm=yes)

    # --- the office's asides: none moves the SOP forward -----------------------------------

    @app.command(help=h("note"))
    def note(
        ctx: typer.Context,
        failure_id: Annotated[str, p.id_arg()],
        text: Annotated[str | None, typer.Option("--text", help=h("opt_text"))] = None,
        text_file: Annotated[str | None, p.text_file("--text")] = None,
        edit: Annotated[bool, p.edit()] = False,
    ) -> None:
        state, status = _check(ctx, "note", failure_id)
        missing: list[str] = []
        typed = kit.Typed()
        text = kit.long_text(
            state, typed, text, file=text_file, edit=edit, prompt_key="prompt_text",
            flag="--text", missing=missing,
        )  # fmt: skip
        kit.require(missing)
        _step(state, status, "note", {"text": text}, typed)

    @app.command(help=h("withdraw"))
    def withdraw(
        ctx: typer.Context,
        failure_id: Annotated[str, p.id_arg()],
        reason: Annotated[str | None, typer.Option("--reason", help=h("opt_reason"))] = None,
        reason_file: Annotated[str | None, p.text_file("--reason")] = None,
        edit: Annotated[bool, p.edit()] = False,
        duplicate_of: Annotated[
            str | None,
            typer.Option("--duplicate-of", help=h("opt_duplicate_of"), metavar="OTHER_ID"),
        ] = None,
        yes: Annotated[bool, p.yes()] = False,
    ) -> None:
        state, status = _check(ctx, "withdraw", failure_id)
        missing: list[str] = []
        typed = kit.Typed()
        reason = _reason(state, typed, reason, reason_file, edit, "prompt_reason_withdraw", missing)
        kit.require(missing)
        details = {"reason": reason, "duplicate_of": duplicate_of}
        _step(state, status, "withdraw", details, typed, confirm=yes)

    @app.command(help=h("correct"))
    def correct(
        ctx: typer.Context,
        failure_id: Annotated[str, p.id_arg()],
        field: Annotated[
            str | None,
            typer.Option(
                "--field", help=h("opt_field"), metavar="title|system|description|severity"
            ),
        ] = None,
        value: Annotated[str | None, typer.Option("--value", help=h("opt_value"))] = None,
        value_file: Annotated[str | None, p.text_file("--value")] = None,
        reason: Annotated[str | None, typer.Option("--reason", help=h("opt_reason"))] = None,
        reason_file: Annotated[str | None, p.text_file("--reason")] = None,
        edit: Annotated[bool, p.edit()] = False,
    ) -> None:
        state, status = _check(ctx, "correct", failure_id)
        missing: list[str] = []
        typed = kit.Typed()
        field = kit.ask(state, field, "prompt_field", "--field", missing)
        kit.require(missing)
        field = queries.check_field(str(field))
        if field == "severity" and value is not None:
            value = values.canonical("severity", value)
        current = status.failure.header(field)
        if value is None and value_file is None and not edit and state.interactive:
            question = state.messages("prompt_value_now", value=current)
            value = kit.ask(state, None, "prompt_value", "--value", missing, question=question)
            if value:
                typed.texts.append(("--value", value))
        value = kit.long_text(
            state, typed, value if value is not None or not edit else current, file=value_file,
            edit=edit, prompt_key="prompt_value", flag="--value", missing=missing,
        )  # fmt: skip
        reason = _reason(state, typed, reason, reason_file, False, "prompt_reason_correct", missing)
        kit.require(missing)
        _step(state, status, "correct", {"field": field, "value": value, "reason": reason}, typed)
