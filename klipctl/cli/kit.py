"""What every command module shares: the root state, error translation, prompts.

Errors from the core become one sentence and an exit status in exactly one place,
``KlipGroup.invoke``.
"""

import os
import re
import sys
import tempfile
from collections.abc import Callable, Iterator, Mapping, Sequence
from contextlib import AbstractContextManager, contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any, NoReturn

import typer
from typer._click import exceptions as click_exceptions
from typer.core import TyperGroup

from klipctl.cli import clicktext, completion

# Re-exported: commands print messages and the long lists through kit.lines.
from klipctl.cli import lines as lines
from klipctl.cli.lazy import lazy_module
from klipctl.domain import validate
from klipctl.errors import (
    EXIT_CANCELLED,
    EXIT_INTERNAL,
    EXIT_USAGE,
    Interrupted,
    InvalidInput,
    KlipError,
    UsageError,
)
from klipctl.i18n.messages import Messages, detect_language
from klipctl.storage.config import peek_language

# Typed for mypy, loaded at first use (so `--help` does not pay for the core, nor for Rich).
if TYPE_CHECKING:
    from klipctl.app import clock, context, sharing
    from klipctl.app.context import Context
    from klipctl.cli import output as output  # re-exported: commands print through kit.output
    from klipctl.cli import views as views  # re-exported: the views that commands put results in
    from klipctl.domain.standing import Status
else:
    clock = lazy_module("klipctl.app.clock")
    context = lazy_module("klipctl.app.context")
    sharing = lazy_module("klipctl.app.sharing")
    output = lazy_module("klipctl.cli.output")
    views = lazy_module("klipctl.cli.views")

ENV_DEBUG = "KLIPCTL_DEBUG"
_ARGV = "klipctl.argv"  # the command line as given, kept in the click context's meta


@dataclass
class State:
    """What the root command's options decided, shared with every subcommand."""

    logbook: Path | None = None
    lang_flag: str | None = None
    no_input: bool = False
    yes: bool = False  # --yes before or after the command: no confirmation asked
    quiet: bool = False  # -q: no after-change block
    verbose: bool = False  # -v: each git command on stderr as it runs
    _ctx: "Context | None" = field(default=None, repr=False)

    def context(self) -> "Context":
        if self._ctx is None:
            env = os.environ
            self._ctx = context.Context(
                env=env, cwd=Path.cwd(), now=clock.now(env), logbook_path=self.logbook
            )
            self._ctx.language = self.language()
            if self.interactive:
                self._ctx.passphrase = self._ask_passphrase
            if sys.stderr.isatty():
                self._ctx.on_wait = lambda: lines.info(self.messages("logbook_waiting"))
                self._ctx.progress = output.TerminalProgress(self.messages)
        return self._ctx

    def _ask_passphrase(self, path: str) -> str | None:
        """Asked once a process per key (the context keeps the opened key for every entry)."""
        try:
            answer: str = typer.prompt(
                self.messages("prompt_passphrase", path=path), hide_input=True, default="",
                show_default=False,
            )  # fmt: skip
        except (typer.Abort, EOFError, KeyboardInterrupt):
            raise interrupted() from None
        return answer or None

    def set_flag(self, name: str) -> None:
        """One of ``clicktext.GLOBAL_FLAGS``, given before the command or after it."""
        setattr(self, name, True)
        if name == "verbose":
            import shlex

            from klipctl.storage import git

            git.trace = lambda args: lines.info(f"$ git {shlex.join(args)}")

    def language(self) -> str:
        return detect_language(self.lang_flag, os.environ, peek_language(self.logbook, os.environ))

    @property
    def messages(self) -> Messages:
        return Messages(self.language())

    @property
    def interactive(self) -> bool:
        return not self.no_input and sys.stdin.isatty()


def interrupted() -> Interrupted:
    """Ctrl-C (or the end of input) at a question: the sentence goes on a line of its own,
    not after the ^C the terminal shows."""
    typer.echo("", err=True)
    return Interrupted("cancelled")


def state(ctx: typer.Context) -> State:
    root = ctx.find_root()
    if not isinstance(root.obj, State):
        root.obj = State()
    return root.obj


class KlipGroup(TyperGroup):
    """Turns every klipctl error into one sentence on stderr and its exit status; its
    commands write help in the app's language and take the global flags after their name."""

    context_class = clicktext.KlipContext

    def get_command(self, ctx: Any, cmd_name: str) -> Any:
        return clicktext.prepare(
            super().get_command(ctx, cmd_name), lambda c, name: state(c).set_flag(name)
        )

    def parse_args(self, ctx: Any, args: list[str]) -> list[str]:
        if ctx.parent is None:
            ctx.meta[_ARGV] = list(args)
        try:
            result: list[str] = super().parse_args(ctx, args)
        except click_exceptions.UsageError as exc:
            _say_usage_error(ctx, exc)
        return result

    def invoke(self, ctx: Any) -> Any:
        try:
            if ctx.parent is None:
                if "klipctl.storage.git" in sys.modules:  # loaded by an earlier run in process
                    from klipctl.storage import git

                    git.trace = None  # -v is this command line's alone
                # Every argument, before any command sees it: text, or refused in one place
                # (in the language asked for, though the root callback has not run yet).
                state(ctx).lang_flag = ctx.params.get("lang_")
                for arg in ctx.meta.get(_ARGV, ()):
                    validate.check_argument(arg)
            try:
                return super().invoke(ctx)
            finally:
                if ctx.parent is None:
                    _report_syncs(ctx)
        except KlipError as exc:
            m = state(ctx).messages
            lines.error(m.error(exc.key, exc.params))
            # Chained, never shown: lets an in-process caller (the tests) see which refusal.
            raise typer.Exit(exc.exit_code) from exc
        except click_exceptions.UsageError as exc:
            _say_usage_error(ctx, exc)
        except (typer.Abort, KeyboardInterrupt):  # Ctrl-C (or end of input at a prompt)
            # A write under way put every file back (storage.logbook.transaction).
            lines.error(state(ctx).messages("cancelled"))
            raise typer.Exit(EXIT_CANCELLED) from None
        except (typer.Exit, typer.TyperException):
            raise
        except Exception as exc:
            if os.environ.get(ENV_DEBUG):
                raise
            m = state(ctx).messages
            lines.error(m("internal_error", error=f"{type(exc).__name__}: {exc}"))
            raise typer.Exit(EXIT_INTERNAL) from None


def _say_usage_error(ctx: Any, exc: Any) -> NoReturn:
    """A wrong command line (Click's own checks) said as one sentence in the person's language,
    with where to look, and exit status 2."""
    m = state(ctx).messages
    path = exc.ctx.command_path if exc.ctx is not None else ctx.meta.get(clicktext.LAST_PATH, "")
    where = " ".join(["klipctl", *path.split(" ")[1:]])  # whatever name the program ran under
    param = getattr(exc, "param", None)
    name = ""
    if param is not None:
        name = param.opts[0] if getattr(param, "param_type_name", "") == "option" else (
            param.human_readable_name
        )  # fmt: skip
    message = str(getattr(exc, "message", "") or "")
    if isinstance(exc, click_exceptions.NoArgsIsHelpError):
        # A group alone (`klipctl roster`): its help, in the app's language, says what to add.
        typer.echo(exc.ctx.get_help(), err=True)
        raise typer.Exit(EXIT_USAGE) from exc
    if isinstance(exc, click_exceptions.NoSuchOption):
        # The global flags each command takes too are no one's typo of a command's own option.
        flags = {name for names, _ in clicktext.GLOBAL_FLAGS for name in names}
        near = ", ".join(p for p in exc.possibilities or () if p not in flags)
        key = "usage_no_such_option_near" if near else "usage_no_such_option"
        text = m(key, option=exc.option_name, near=near, where=where)
    elif isinstance(exc, click_exceptions.MissingParameter):
        text = m("usage_missing", name=clicktext.metavar_words(name or message, m), where=where)
    elif isinstance(exc, click_exceptions.BadParameter):
        text = m("usage_bad_value", name=name, where=where)
    elif isinstance(exc, click_exceptions.BadOptionUsage) and "requires" in message:
        text = m("usage_needs_value", option=exc.option_name, where=where)
    elif isinstance(exc, click_exceptions.BadOptionUsage) and "does not take" in message:
        text = m("usage_takes_no_value", option=exc.option_name, where=where)
    elif message == "Missing command.":
        text = m("usage_missing_command", where=where)
    elif found := re.match(r"No such command '(.+?)'\.(?: Did you mean (.+)\?)?", message):
        command, near = found.group(1), (found.group(2) or "").replace("'", "")
        key = "usage_no_such_command_near" if near else "usage_no_such_command"
        text = m(key, command=command, near=near, where=where)
    elif found := re.match(r"Got unexpected extra argument(?:s|\(s\))? \((.*)\)", message):
        text = m("usage_extra", extra=found.group(1), where=where)
    else:
        text = m("usage_other", detail=message, where=where)
    lines.error(text)
    raise typer.Exit(EXIT_USAGE) from exc


def _report_syncs(ctx: Any) -> None:
    """What the automatic syncs around this command's writes did, said once, at the end."""
    sctx = state(ctx)._ctx
    if sctx is None:
        return
    if sctx.presync is not None:
        sharing.finish(sctx)
    if not sctx.syncs:
        return
    for result in sctx.syncs:
        output.print_sync(result, state(ctx).messages, explicit=False)
    sctx.syncs.clear()


def subgroup(app: typer.Typer, name: str, help_text: str) -> typer.Typer:
    """A group of subcommands (`klipctl roster ...`) that reports errors like the root."""
    sub = typer.Typer(cls=KlipGroup, help=help_text, no_args_is_help=True, rich_markup_mode=None)
    app.add_typer(sub, name=name)
    return sub


# --- helpers shared by commands -------------------------------------------------------------


def ask(
    state: State,
    value: str | None,
    prompt_key: str,
    flag: str,
    missing: list[str],
    *,
    optional: bool = False,
    question: str | None = None,
) -> str | None:
    """Return ``value``, or ask for it at a terminal (``question``, else the catalogue's
    ``prompt_key``), or note the flag as missing."""
    if value is not None:
        return value
    if state.interactive:
        try:
            answer = typer.prompt(
                question or state.messages(prompt_key),
                default="" if optional else None,
                show_default=False,
            )
        except UnicodeDecodeError:
            raise InvalidInput("input_not_text") from None
        except (typer.Abort, EOFError, KeyboardInterrupt):
            raise interrupted() from None
        return answer or None
    if not optional:
        missing.append(flag)
    return None


def new_secret(state: State, prompt_key: str) -> str:
    """A new passphrase, typed twice unseen until both agree (Click's own confirmation speaks
    English only)."""
    m = state.messages
    while True:
        try:
            first: str = typer.prompt(m(prompt_key), hide_input=True)
            again: str = typer.prompt(m("prompt_new_passphrase_again"), hide_input=True)
        except (typer.Abort, EOFError, KeyboardInterrupt):
            raise interrupted() from None
        if first == again:
            return first
        lines.info(m("passphrases_differ"))


def require(missing: list[str]) -> None:
    if missing:
        raise UsageError("missing_flags", flags=", ".join(missing))


_YES = ("y", "ya", "yes", "iya")
_NO = ("", "n", "t", "tidak", "no", "tdk", "g", "gak", "nggak")


def confirm(state: State, yes: bool, question: str) -> None:
    """Go on only once the person says yes (``ya``, ``y``, ``yes``); no (``tidak``, ``t``,
    ``n``, or nothing: the default) cancels, in either language; anything else is asked again."""
    if yes or state.yes:
        return
    if not state.interactive:
        raise UsageError("not_confirmed")
    m = state.messages
    while True:
        try:
            answer = typer.prompt(f"{question} [{m('yes_no')}]", default="", show_default=False)
        except (typer.Abort, EOFError, KeyboardInterrupt):
            raise interrupted() from None
        word = answer.strip().lower()
        if word in _YES:
            return
        if word in _NO:
            raise KlipError("cancelled")
        lines.info(m("yes_no_again"))


def read_text_file(path: str) -> str:
    """The text of a file a person names (``-``: standard input), read no further than the
    limit; not UTF-8 or too large is refused."""
    limit = validate.TEXT_FILE_MAX_BYTES + 1
    try:
        if path == "-":
            stream = getattr(sys.stdin, "buffer", None)
            if stream is not None:
                data = stream.read(limit)
            else:  # a text-only stand-in for standard input
                data = sys.stdin.read(limit).encode(errors="surrogatepass")
        else:
            from klipctl.storage.files import read_given

            data = read_given(Path(path), limit - 1)
    except OSError as exc:
        raise UsageError("file_unreadable", path=path, reason=exc.strerror or "") from None
    return validate.decode_text(data, path)


def editor_command(
    env: Mapping[str, str], path: Path, *, windows: bool = os.name == "nt"
) -> str | list[str]:
    """How to open ``path`` in the person's editor: $VISUAL, then $EDITOR, then notepad on
    Windows and the first of nano and vi found elsewhere. On Windows the setting is a command
    line split by Windows' own rules (``C:\\Program Files\\Notepad++\\notepad++.exe`` keeps
    its backslashes and its space), so it is passed to Windows as one string."""
    import shutil

    chosen = env.get("VISUAL") or env.get("EDITOR")
    if windows:
        editor = chosen or "notepad"
        if " " in editor and not editor.startswith('"') and Path(editor).exists():
            editor = f'"{editor}"'  # a program path with spaces, given without quotes
        return f'{editor} "{path}"'
    import shlex

    if chosen is None:
        chosen = next((e for e in ("nano", "vi") if shutil.which(e)), "vi")
    return [*shlex.split(chosen), str(path)]


def public_key_text(given: str) -> str:
    """``--key``: a public key file, or the key itself as `join` prints it ("ssh-ed25519 …")."""
    from klipctl.domain.roster import KEY_TYPES

    if given.split(" ", 1)[0] in KEY_TYPES:
        return given
    return read_text_file(given)


def edit_text(initial: str) -> str | None:
    """Let the person write text in their editor (see ``editor_command``); None if left empty."""
    import subprocess

    fd, name = tempfile.mkstemp(prefix="klipctl-", suffix=".txt")
    path = Path(name)
    command = editor_command(os.environ, path)
    editor = command if isinstance(command, str) else " ".join(command[:-1])
    try:
        with os.fdopen(fd, "w", encoding="utf-8") as handle:
            handle.write(initial)
        try:
            subprocess.run(command, check=True)
        except (OSError, subprocess.CalledProcessError):
            raise UsageError("editor_failed", editor=editor) from None
        text = read_text_file(str(path)).strip()
    finally:
        path.unlink(missing_ok=True)
    return text or None


def save_typed_text(text: str) -> Path:
    """Keep text someone typed at a prompt or in an editor when the command then fails."""
    fd, name = tempfile.mkstemp(prefix="klipctl-text-", suffix=".txt")
    with os.fdopen(fd, "w", encoding="utf-8") as handle:
        handle.write(text)
    return Path(name)


@dataclass
class Typed:
    """The long texts a person typed for one command, at a prompt or in the editor: kept in a
    file if the command is then refused, so nothing written by hand is lost."""

    texts: list[tuple[str, str]] = field(default_factory=list)  # (option, text)

    @contextmanager
    def kept(self, state: State) -> Iterator[None]:
        try:
            yield
        except KlipError:
            for flag, text in self.texts:
                path = str(save_typed_text(text + "\n"))
                lines.info(state.messages("text_saved", path=path, flag=f"{flag}-file"))
            raise


def long_text(
    state: State,
    typed: Typed,
    value: str | None,
    *,
    file: str | None,
    edit: bool,
    prompt_key: str,
    flag: str,
    missing: list[str],
    optional: bool = False,
    ask_anyway: bool = False,
) -> str | None:
    """A long text from its option, its ``--…-file FILE|-``, the editor (``--edit``) or, at a
    terminal, a prompt (for an optional one only with ``ask_anyway``, and empty is an answer);
    None when optional and not given."""
    if file is not None:
        if value is not None:
            raise UsageError("text_twice", flag=flag, file_flag=f"{flag}-file")
        return read_text_file(file)
    if edit:
        text = edit_text(value or "")
        if text:
            typed.texts.append((flag, text))
        elif not optional:
            missing.append(flag)
        return text
    if value is not None or (optional and not ask_anyway):
        return value
    answer = ask(state, None, prompt_key, flag, missing, optional=optional)
    if answer:
        typed.texts.append((flag, answer))
    return answer


# The typer parameters every command module uses, with help in the app's language. Used as
# ``failure_id: Annotated[str, p.id_arg()]``; each call makes a fresh parameter object.
@dataclass(frozen=True)
class Params:
    h: Callable[[str], str]

    def id_arg(self) -> Any:
        return typer.Argument(
            help=self.h("arg_id"), metavar="ID", autocompletion=completion.failure_ids
        )

    def handle_arg(self) -> Any:
        return typer.Argument(
            help=self.h("arg_handle"), metavar="HANDLE", autocompletion=completion.handles
        )

    def handle(self, flag: str, help_key: str) -> Any:
        """An option naming a person on the roster (``--to HANDLE``)."""
        return typer.Option(
            flag, help=self.h(help_key), metavar="HANDLE", autocompletion=completion.handles
        )

    def choice(self, flag: str, help_key: str, kind: str, metavar: str | None = None) -> Any:
        """An option taking a stage, a role or a severity (``kind``), in either language."""
        complete = {"stage": completion.stages, "role": completion.roles,
                    "severity": completion.severities}[kind]  # fmt: skip
        return typer.Option(flag, help=self.h(help_key), metavar=metavar, autocompletion=complete)

    def json(self) -> Any:
        return typer.Option("--json", help=self.h("opt_json"))

    def list_format(self) -> Any:
        return typer.Option("--format", help=self.h("opt_list_format"), metavar="table|csv|json")

    def yes(self) -> Any:
        return typer.Option("--yes", "-y", help=self.h("opt_yes"))

    def note(self) -> Any:
        return typer.Option("--note", help=self.h("opt_note"))

    def edit(self) -> Any:
        return typer.Option("--edit", "-e", help=self.h("opt_edit"))

    def text_file(self, flag: str) -> Any:
        """``--reason-file FILE|-`` beside ``--reason``: the text from a file or standard input."""
        return typer.Option(f"{flag}-file", help=self.h("opt_text_file"), metavar="FILE|-")


LIST_FORMATS = ("table", "csv", "json")


def list_format(fmt: str | None, as_json: bool) -> str:
    """A list's ``--format`` (table, csv, json), ``--json`` being ``--format json``."""
    if fmt is not None and fmt not in LIST_FORMATS:
        raise UsageError("bad_list_format", value=fmt)
    if as_json and fmt not in (None, "json"):
        raise UsageError("format_json_conflict", value=fmt)
    return "json" if as_json else fmt or "table"


def paged(state: State, structured: bool = False) -> AbstractContextManager[None]:
    """Long output (``render``, ``history``, ``show``, ``calendar show``) through the pager, at a
    terminal only: never for JSON or CSV (``structured``), with ``--no-input`` or in CI."""
    from klipctl.cli import pager

    return pager.paged(pager.wanted(os.environ, state.no_input, structured))


def id_width(sctx: "Context", statuses: "Sequence[Status]", fmt: str) -> int | None:
    """How much of each ID a table of ``statuses`` needs on a narrow screen (None for CSV and
    JSON, which keep whole IDs)."""
    if fmt != "table" or not statuses:
        return None
    from klipctl.app import queries

    return queries.id_width(sctx, [s.failure.id for s in statuses])


def present(state: State, result: object, as_json: bool, fmt: str | None = None) -> None:
    """Show a command's result: to people, as JSON, or (a list) as CSV; one renderer per
    result type."""
    views.present(result, state.messages, "json" if as_json else fmt or "table", state.quiet)
