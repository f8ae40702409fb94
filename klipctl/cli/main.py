"""The command line entry point: build the app in the chosen language and run it.

The commands themselves live in ``klipctl.cli.commands``, each module imported only when one of
its commands runs (``cli/root.py``); what they share lives in ``cli/kit.py``.
"""

import gc
import os
import sys
from pathlib import Path
from typing import Annotated, Any

import typer

from klipctl import __version__
from klipctl.cli import clicktext, completion, intro, kit
from klipctl.cli.root import group_class
from klipctl.errors import EXIT_CANCELLED, UsageError
from klipctl.i18n.messages import Messages, detect_language, help_text
from klipctl.storage.config import peek_language


def make_app(lang: str) -> typer.Typer:
    def h(key: str) -> str:
        return help_text(key, lang)

    clicktext.use_language(lang)

    app = typer.Typer(
        cls=group_class(lang),  # the commands, from a table, each built when it runs
        help=h("app"),
        epilog=h("intro"),
        invoke_without_command=True,
        context_settings={"help_option_names": ["-h", "--help"]},
        add_completion=False,
        rich_markup_mode=None,
        pretty_exceptions_enable=False,
    )

    def completion_option(name: str, help_text: str) -> Any:
        callback = completion.install_option if "install" in name else completion.show_option
        return typer.Option(name, help=help_text, is_eager=True, expose_value=False,
                            callback=callback)  # fmt: skip

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
        yes: Annotated[bool, typer.Option("--yes", "-y", help=h("opt_yes"))] = False,
        quiet: Annotated[bool, typer.Option("--quiet", "-q", help=h("opt_quiet"))] = False,
        verbose: Annotated[bool, typer.Option("--verbose", "-v", help=h("opt_verbose"))] = False,
        version: Annotated[
            bool,
            typer.Option("--version", "-V", help=h("opt_version"), is_eager=True,
                         callback=_version),  # fmt: skip
        ] = False,
        install_completion: Annotated[
            bool, completion_option("--install-completion", h("opt_install_completion"))
        ] = False,
        show_completion: Annotated[
            bool, completion_option("--show-completion", h("opt_show_completion"))
        ] = False,
    ) -> None:
        state = kit.state(ctx)
        state.logbook, state.lang_flag = logbook, lang_
        for flag, given in (("no_input", no_input), ("yes", yes), ("quiet", quiet),
                            ("verbose", verbose)):  # fmt: skip
            if given:
                state.set_flag(flag)
        if lang_ is not None and lang_ not in ("id", "en"):
            raise UsageError("invalid_language", value=lang_)
        if ctx.invoked_subcommand is None:
            intro.introduce(state)

    return app


def _version(given: bool) -> None:
    """-V: the version, before anything else on the command line is looked at."""
    if given:
        typer.echo(f"klipctl {__version__}")
        raise typer.Exit()


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
    # A command is short and its start-up makes no garbage worth collecting: the cyclic
    # collector runs seldom (the long commands, verify, still collect), and at exit it skips
    # everything alive, which it would otherwise walk once more for nothing (docs/speed.md).
    gc.set_threshold(GC_THRESHOLD, *gc.get_threshold()[1:])
    try:
        _run()
    finally:
        gc.freeze()


GC_THRESHOLD = 50_000  # allocations between young collections; Python's default is 700


def _run() -> None:
    utf8_streams()
    argv = sys.argv[1:]
    logbook = _peek_flag(argv, "--logbook") or _peek_flag(argv, "-C")
    configured = peek_language(Path(logbook) if logbook else None, os.environ)
    lang = detect_language(_peek_flag(argv, "--lang"), os.environ, configured)
    if os.environ.get(completion.ENV_VAR):
        completion.setup()
    try:
        make_app(lang)(prog_name="klipctl")
    except KeyboardInterrupt:  # before or after a command ran (inside, kit says it)
        sys.stderr.write(f"klipctl: {Messages(lang)('cancelled')}\n")
        sys.exit(EXIT_CANCELLED)
