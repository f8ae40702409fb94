"""The roster: `roster add`, `set-key`, `set-role`, `remove`, `show`, `list`."""

from typing import TYPE_CHECKING, Annotated

import typer

from klipctl.cli import kit
from klipctl.cli.kit import Params
from klipctl.cli.lazy import lazy_module
from klipctl.errors import UsageError
from klipctl.i18n import values

# Typed for mypy, loaded at first use (so `--help` does not pay for the core).
if TYPE_CHECKING:
    from klipctl.app import people
else:
    people = lazy_module("klipctl.app.people")


def register(app: typer.Typer, p: Params) -> None:
    h = p.h

    roster_app = kit.subgroup(app, "roster", h("roster"))

    @roster_app.command(name="add", help=h("roster_add"))
    def roster_add(
        ctx: typer.Context,
        handle: Annotated[str, p.handle_arg()],
        name: Annotated[str | None, typer.Option("--name", help=h("opt_name"))] = None,
        nip: Annotated[str | None, typer.Option("--nip", help=h("opt_nip"))] = None,
        role: Annotated[list[str] | None, p.choice("--role", "opt_role", "role", "ROLE")] = None,
        email: Annotated[str | None, typer.Option("--email", help=h("opt_email"))] = None,
        key: Annotated[
            str | None, typer.Option("--key", help=h("opt_key"), metavar="PUBLIC_KEY")
        ] = None,
    ) -> None:
        state = kit.state(ctx)
        missing: list[str] = []
        name = kit.ask(state, name, "prompt_name", "--name", missing)
        nip = kit.ask(state, nip, "prompt_nip", "--nip", missing)
        if not role:
            missing.append("--role")
        role = [values.canonical("role", r) for r in role or []]
        kit.require(missing)
        key_text = kit.public_key_text(key) if key else None
        result = people.add_person(
            state.context(), handle, name or "", nip or "", role or [], email, key_text
        )
        kit.output.info(
            state.messages("roster_added", handle=result.person.handle, name=result.person.name)
        )

    @roster_app.command(name="set-key", help=h("roster_set_key"))
    def roster_set_key(
        ctx: typer.Context,
        handle: Annotated[str, p.handle_arg()],
        key: Annotated[str, typer.Option("--key", help=h("opt_key"), metavar="PUBLIC_KEY")],
    ) -> None:
        state = kit.state(ctx)
        result = people.set_key(state.context(), handle, kit.public_key_text(key))
        kit.output.info(state.messages("roster_key_set", handle=result.person.handle))

    @roster_app.command(name="set-role", help=h("roster_set_role"))
    def roster_set_role(
        ctx: typer.Context,
        handle: Annotated[str, p.handle_arg()],
        add: Annotated[
            str | None, typer.Option("--add", help=h("opt_add_role"), metavar="ROLE")
        ] = None,
        remove: Annotated[
            str | None, typer.Option("--remove", help=h("opt_remove_role"), metavar="ROLE")
        ] = None,
    ) -> None:
        state = kit.state(ctx)
        if (add is None) == (remove is None):
            raise UsageError("add_or_remove_role")
        role = values.canonical("role", (add if add is not None else remove) or "")
        result = people.set_role(state.context(), handle, role or "", adding=add is not None)
        roles = ", ".join(result.person.roles)
        kit.output.info(state.messages("roster_roles_set", handle=handle, roles=roles))

    @roster_app.command(name="remove", help=h("roster_remove"))
    def roster_remove(
        ctx: typer.Context,
        handle: Annotated[str, p.handle_arg()],
        reason: Annotated[str | None, typer.Option("--reason", help=h("opt_remove_reason"))] = None,
    ) -> None:
        state = kit.state(ctx)
        missing: list[str] = []
        reason = kit.ask(state, reason, "prompt_remove_reason", "--reason", missing)
        kit.require(missing)
        result = people.remove_person(state.context(), handle, reason or "")
        kit.output.info(state.messages("roster_removed", handle=result.person.handle))

    @roster_app.command(name="show", help=h("roster_show"))
    def roster_show(
        ctx: typer.Context,
        handle: Annotated[str, p.handle_arg()],
        as_json: Annotated[bool, p.json()] = False,
    ) -> None:
        state = kit.state(ctx)
        kit.present(state, people.show_person(state.context(), handle), as_json)

    @roster_app.command(name="list", help=h("roster_list"))
    def roster_list(ctx: typer.Context, as_json: Annotated[bool, p.json()] = False) -> None:
        state = kit.state(ctx)
        people = state.context().logbook.roster.people
        kit.present(state, kit.views.People(people), as_json)
