"""Telling people: `notify test ADDRESS`, `notify flush BARE_REPO`, and `digest [--send]`."""

import sys
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

from klipctl.cli import kit
from klipctl.cli.kit import Params
from klipctl.cli.lazy import lazy_module
from klipctl.errors import EXIT_FAILED

# Typed for mypy, loaded at first use (so `--help` does not pay for the core).
if TYPE_CHECKING:
    from klipctl.app import digest as daily
    from klipctl.app import notify
else:
    daily = lazy_module("klipctl.app.digest")
    notify = lazy_module("klipctl.app.notify")


def register(app: typer.Typer, p: Params) -> None:
    h = p.h

    notify_app = kit.subgroup(app, "notify", h("notify"))

    @notify_app.command(name="test", help=h("notify_test"))
    def notify_test(
        ctx: typer.Context,
        address: Annotated[str, typer.Argument(help=h("arg_address"), metavar="ADDRESS")],
    ) -> None:
        state = kit.state(ctx)
        sctx = state.context()
        server = notify.send_test(sctx, address, sctx.now)
        kit.output.info(state.messages("notify_test_sent", address=address, server=server))

    @notify_app.command(name="flush", help=h("notify_flush"))
    def notify_flush(
        ctx: typer.Context,
        repo: Annotated[Path, typer.Argument(help=h("arg_bare_repo"), metavar="BARE_REPO")],
    ) -> None:
        state = kit.state(ctx)
        state.logbook = notify.reading_clone(repo)
        sctx = state.context()
        flushed = notify.flush(notify.outbox_of(repo), sctx.logbook.config.notify, sctx.env)
        kit.output.print_flushed(flushed, state.messages)
        if flushed.waiting or flushed.given_up:
            raise typer.Exit(EXIT_FAILED)

    @app.command(name="digest", help=h("digest"))
    def digest(
        ctx: typer.Context,
        send: Annotated[bool, typer.Option("--send", help=h("opt_send"))] = False,
    ) -> None:
        state = kit.state(ctx)
        result = daily.digest(state.context(), send)
        kit.output.print_digest(result, send, state.messages)
        sys.stdout.flush()
