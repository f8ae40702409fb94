"""Setting up: `init` makes a log book, `demo` shows one at work."""

import os
import tempfile
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

from klipctl.cli import kit
from klipctl.cli.kit import Params
from klipctl.cli.lazy import lazy_module
from klipctl.errors import UsageError

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
        root_path = steps.init_logbook(
            folder, data_dir("logbook"), clock.now(env), state.language()
        )
        kit.output.info(state.messages("created_logbook", path=str(root_path)))

    @app.command(help=h("join"))
    def join(
        ctx: typer.Context,
        url: Annotated[str, typer.Argument(help=h("arg_join_url"), metavar="URL")],
        folder: Annotated[
            Path | None, typer.Argument(help=h("arg_join_folder"), metavar="FOLDER")
        ] = None,
        handle: Annotated[
            str | None, typer.Option("--handle", help=h("opt_join_handle"), metavar="HANDLE")
        ] = None,
        name: Annotated[str | None, typer.Option("--name", help=h("opt_name"))] = None,
        email: Annotated[str | None, typer.Option("--email", help=h("opt_email"))] = None,
        key: Annotated[
            Path | None, typer.Option("--key", help=h("opt_join_key"), metavar="PRIVATE_KEY")
        ] = None,
        passphrase: Annotated[
            bool, typer.Option("--passphrase", help=h("opt_join_passphrase"))
        ] = False,
    ) -> None:
        from klipctl.app import joining

        state = kit.state(ctx)
        m = state.messages
        missing: list[str] = []
        handle = kit.ask(state, handle, "prompt_handle", "--handle", missing)
        name = kit.ask(state, name, "prompt_name", "--name", missing)
        email = kit.ask(state, email, "prompt_email", "--email", missing)
        kit.require(missing)
        secret = None
        if passphrase:
            if not state.interactive:
                raise UsageError("passphrase_needs_terminal")
            secret = kit.new_secret(state, "prompt_new_passphrase")
        target = folder or Path(
            url.rstrip("/").rsplit("/", 1)[-1].removesuffix(".git") or "logbook"
        )
        joined = joining.join(
            url, target, handle=str(handle), name=str(name), email=str(email), key=key,
            home=Path.home(), passphrase=secret,
        )  # fmt: skip
        kit.output.print_joined(joined, str(name), str(email), m)

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
        width = kit.id_width(ctx_, listing.statuses, "table")
        kit.lines.print_list(listing.statuses, listing.problems, m, width)
        # The head of office's board, beside the log book (never inside it).
        from klipctl.app import site

        board = site.build(ctx_, ctx_.logbook.root.parent / f"{ctx_.logbook.root.name}-papan")
        kit.output.info(m("demo_done", path=str(ctx_.logbook.root)))
        kit.output.info(m("demo_board", path=board.index.as_uri()))
