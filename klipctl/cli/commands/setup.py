"""Setting up: `init` makes a log book, `demo` shows one at work."""

import os
import tempfile
from pathlib import Path
from typing import Annotated

import typer

from klipctl.cli import kit
from klipctl.cli.kit import Params
from klipctl.cli.lazy import lazy_module

service = lazy_module("klipctl.app.service")
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
        root_path = service.init_logbook(folder, data_dir("logbook"), clock.now(env))
        kit.output().info(state.messages("created_logbook", path=str(root_path)))

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
        listing = service.list_failures(ctx_, service.Filters(include_closed=True))
        m = state.messages
        out = kit.output()
        out.print_list(listing.statuses, listing.problems, m, kit.describe(m))
        out.info(m("demo_done", path=str(ctx_.logbook.root)))
