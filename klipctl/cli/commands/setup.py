"""Setting up: `init` makes a log book, `demo` shows one at work."""

import os
import tempfile
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

from klipctl.cli import kit
from klipctl.cli.kit import Params
from klipctl.cli.lazy import lazy_module

# Typed for mypy, loaded at first use (so `--help` does not pay for the core).
if TYPE_CHECKING:
    from klipctl.app import clock, queries, steps
else:
    steps = lazy_module("klipctl.app.steps")
    queries = lazy_module("klipctl.app.queries")
    clock = lazy_module("klipctl.app.clock")


def register(app: typer.Typer, p: Params) -> None:
    h = p.h

    @app.command(help=h("init"))
    def init(
        ctx: typer.Context,
        folder: Annotated[Path, typer.Argument(help=h("arg_folder"), metavar="FOLDER")],
    ) -> None:
        from klipctl.storage.resources import data_dir

        state = kit.state(ctx)
        env = os.environ
        root_path = steps.init_logbook(folder, data_dir("logbook"), clock.now(env))
        kit.output.info(state.messages("created_logbook", path=str(root_path)))

    @app.command(help=h("demo"))
    def demo(
        ctx: typer.Context,
        path: Annotated[
            Path | None, typer.Option("--path", help=h("opt_demo_path"), metavar="FOLDER")
        ] = None,
    ) -> None:
        from klipctl.app import demo as demo_module
        from klipctl.storage.resources import data_dir

        state = kit.state(ctx)
        target = path or Path(tempfile.mkdtemp(prefix="klipctl-demo-")) / "logbook"
        ctx_ = demo_module.run(target, data_dir("logbook"), clock.now(os.environ), state.language())
        listing = queries.list_failures(ctx_, queries.Filters(include_closed=True))
        m = state.messages
        kit.output.print_list(listing.statuses, listing.problems, m)
        kit.output.info(m("demo_done", path=str(ctx_.logbook.root)))
