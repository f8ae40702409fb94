"""Many terminals, one log book: `remote set`, `sync`, `status`, `doctor`."""

from typing import TYPE_CHECKING, Annotated

import typer

from klipctl.cli import kit
from klipctl.cli.kit import Params
from klipctl.cli.lazy import lazy_module
from klipctl.errors import EXIT_FAILED

# Typed for mypy, loaded at first use (so `--help` does not pay for the core).
if TYPE_CHECKING:
    from klipctl.app import sharing
else:
    sharing = lazy_module("klipctl.app.sharing")


def register(app: typer.Typer, p: Params) -> None:
    h = p.h

    remote_app = kit.subgroup(app, "remote", h("remote"))

    @remote_app.command(name="set", help=h("remote_set"))
    def remote_set(
        ctx: typer.Context,
        url: Annotated[str, typer.Argument(help=h("arg_url"), metavar="URL")],
    ) -> None:
        state = kit.state(ctx)
        sctx = state.context()
        remote, url = sharing.set_remote(sctx, url)
        kit.output.info(state.messages("remote_set", remote=remote, url=url))

    @app.command(help=h("sync"))
    def sync(ctx: typer.Context, as_json: Annotated[bool, p.json()] = False) -> None:
        state = kit.state(ctx)
        result = sharing.sync(state.context())
        kit.present(state, kit.views.Synced(result), as_json)

    @app.command(help=h("status"))
    def status(ctx: typer.Context, as_json: Annotated[bool, p.json()] = False) -> None:
        state = kit.state(ctx)
        report = sharing.sync_status(state.context())
        kit.present(state, report, as_json)

    @app.command(help=h("doctor"))
    def doctor(
        ctx: typer.Context,
        fix: Annotated[bool, typer.Option("--fix", help=h("opt_fix"))] = False,
        as_json: Annotated[bool, p.json()] = False,
    ) -> None:
        from klipctl.app import doctor as doctor_module

        state = kit.state(ctx)
        checks = doctor_module.run(state.context(), fix=fix)
        kit.present(state, kit.views.Checks(checks), as_json)
        if not all(c.ok for c in checks):
            raise typer.Exit(EXIT_FAILED)
