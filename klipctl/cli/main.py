"""The command line entry point: build the app in the chosen language and run it.

The commands themselves live in ``klipctl.cli.commands``; what they share lives in ``clikit``.
"""

import os
import sys
from pathlib import Path
from typing import Annotated

import typer

from klipctl import __version__
from klipctl.cli import kit
from klipctl.cli.commands import (
    attachments,
    calendar,
    documents,
    importing,
    notify,
    procedure,
    roster,
    settings,
    setup,
    site,
    sync,
    verify,
    views,
)
from klipctl.errors import UsageError
from klipctl.i18n.messages import detect_language, help_text
from klipctl.storage.config import peek_language

# Each module adds its commands; the order here is the order in --help.
COMMAND_MODULES = (
    setup,
    procedure,
    attachments,
    views,
    documents,
    importing,
    calendar,
    roster,
    settings,
    sync,
    verify,
    site,
    notify,
)


def make_app(lang: str) -> typer.Typer:
    def h(key: str) -> str:
        return help_text(key, lang)

    app = typer.Typer(
        cls=kit.KlipGroup,
        help=h("app"),
        epilog=h("intro"),
        invoke_without_command=True,
        context_settings={"help_option_names": ["-h", "--help"]},
        add_completion=False,
        rich_markup_mode=None,
        pretty_exceptions_enable=False,
    )

    @app.callback()
    def root(
        ctx: typer.Context,
        logbook: Annotated[
            Path | None, typer.Option("--logbook", "-C", help=h("opt_logbook"), metavar="FOLDER")
        ] = None,
        lang_: Annotated[
            str | None, typer.Option("--lang", help=h("opt_lang"), metavar="id|en")
        ] = None,
        no_input: Annotated[bool, typer.Option("--no-input", help=h("opt_no_input"))] = False,
        version: Annotated[bool, typer.Option("--version", help=h("opt_version"))] = False,
    ) -> None:
        state = kit.state(ctx)
        state.logbook, state.lang_flag, state.no_input = logbook, lang_, no_input
        if lang_ is not None and lang_ not in ("id", "en"):
            raise UsageError("invalid_language", value=lang_)
        if version:
            typer.echo(f"klipctl {__version__}")
            raise typer.Exit()
        if ctx.invoked_subcommand is None:
            _waiting_line(state)  # first, where it is seen before the help scrolls past
            typer.echo(ctx.get_help())

    params = kit.Params(h)
    for module in COMMAND_MODULES:
        module.register(app, params)
    return app


def _waiting_line(state: kit.State) -> None:
    """Inside a log book, `klipctl` alone also says how many failures wait for you."""
    from klipctl.errors import KlipError

    try:
        sctx = state.context()
        if sctx.logbook_if_any() is None:
            return
        from klipctl.app import queries

        listing = queries.inbox(sctx)
    except KlipError:
        return  # not on the roster, or a log book that cannot be read: the help is enough
    m = state.messages
    n = len(listing.statuses)
    typer.echo((m("inbox_waiting", n=n) if n else m("inbox_waiting_none")) + "\n")


def _peek_flag(argv: list[str], name: str) -> str | None:
    for i, arg in enumerate(argv):
        if arg == name and i + 1 < len(argv):
            return argv[i + 1]
        if arg.startswith(name + "="):
            return arg.split("=", 1)[1]
    return None


def utf8_streams() -> None:
    """Into a file or a pipe, UTF-8 whatever the code page (a Windows console's cp1252 or cp437
    would crash on "→" or "─", and a report written with `> laporan.md` must be UTF-8); on a
    console, what it cannot show becomes "?" rather than an error."""
    for stream in (sys.stdout, sys.stderr):
        reconfigure = getattr(stream, "reconfigure", None)
        if reconfigure is None:
            continue
        if stream.isatty():
            reconfigure(errors="replace")
        else:
            reconfigure(encoding="utf-8", errors="replace")


def main() -> None:
    """Console entry point: pick the language for help, then run."""
    utf8_streams()
    argv = sys.argv[1:]
    logbook = _peek_flag(argv, "--logbook") or _peek_flag(argv, "-C")
    configured = peek_language(Path(logbook) if logbook else None, os.environ)
    lang = detect_language(_peek_flag(argv, "--lang"), os.environ, configured)
    make_app(lang)(prog_name="klipctl")
