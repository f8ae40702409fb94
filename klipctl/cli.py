"""The command line: parse arguments, call one core function, hand the result to the output layer.

Errors from the core become one sentence and an exit status in exactly one place,
``KlipGroup.invoke``. Help is in the language chosen before the app is built (``main``).
"""

import os
import sys
import tempfile
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Annotated, Any

import typer
from typer.core import TyperGroup

from klipctl import __version__, clock, service
from klipctl.config import peek_language
from klipctl.errors import EXIT_FAILED, KlipError, UsageError
from klipctl.messages import Messages, detect_language, help_text

ENV_DEBUG = "KLIPCTL_DEBUG"


@dataclass
class State:
    """What the root command's options decided, shared with every subcommand."""

    logbook: Path | None = None
    lang_flag: str | None = None
    no_input: bool = False
    _ctx: service.Context | None = field(default=None, repr=False)

    def context(self) -> service.Context:
        if self._ctx is None:
            env = os.environ
            self._ctx = service.Context(
                env=env, cwd=Path.cwd(), now=clock.now(env), logbook_path=self.logbook
            )
            self._ctx.language = self.language()
        return self._ctx

    def language(self) -> str:
        return detect_language(self.lang_flag, os.environ, peek_language(self.logbook, os.environ))

    @property
    def messages(self) -> Messages:
        return Messages(self.language())

    @property
    def interactive(self) -> bool:
        return not self.no_input and sys.stdin.isatty()


def _state(ctx: typer.Context) -> State:
    root = ctx.find_root()
    if not isinstance(root.obj, State):
        root.obj = State()
    return root.obj


class KlipGroup(TyperGroup):
    """Turns every klipctl error into one sentence on stderr and its exit status."""

    def invoke(self, ctx: Any) -> Any:
        try:
            return super().invoke(ctx)
        except KlipError as exc:
            m = _state(ctx).messages
            _output().error(m.error(exc.key, exc.params))
            raise typer.Exit(exc.exit_code) from None
        except (typer.Exit, typer.Abort, typer.TyperException):
            raise
        except Exception as exc:
            if os.environ.get(ENV_DEBUG):
                raise
            m = _state(ctx).messages
            _output().error(m("internal_error", error=f"{type(exc).__name__}: {exc}"))
            raise typer.Exit(EXIT_FAILED) from None


def _output() -> Any:
    from klipctl import output  # Rich is imported only when something is printed

    return output


# --- helpers shared by commands -------------------------------------------------------------


def _ask(
    state: State,
    value: str | None,
    prompt_key: str,
    flag: str,
    missing: list[str],
    *,
    optional: bool = False,
) -> str | None:
    """Return ``value``, or ask for it at a terminal, or note the flag as missing."""
    if value is not None:
        return value
    if state.interactive:
        answer = typer.prompt(
            state.messages(prompt_key), default="" if optional else None, show_default=False
        )
        return answer or None
    if not optional:
        missing.append(flag)
    return None


def _require(missing: list[str]) -> None:
    if missing:
        raise UsageError("missing_flags", flags=", ".join(missing))


def _confirm(state: State, yes: bool, question: str) -> None:
    if yes:
        return
    if not state.interactive:
        raise UsageError("not_confirmed")
    if not typer.confirm(question, default=False):
        raise KlipError("cancelled")


def _read_text_file(path: str) -> str:
    if path == "-":
        return sys.stdin.read()
    try:
        return Path(path).read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError):
        raise UsageError("file_unreadable", path=path) from None


def _edit_text(initial: str) -> str | None:
    """Let the person write text in $VISUAL or $EDITOR (nano by default); None if left empty."""
    import shlex
    import subprocess

    editor = os.environ.get("VISUAL") or os.environ.get("EDITOR") or "nano"
    fd, name = tempfile.mkstemp(prefix="klipctl-", suffix=".txt")
    path = Path(name)
    try:
        with os.fdopen(fd, "w", encoding="utf-8") as handle:
            handle.write(initial)
        try:
            subprocess.run([*shlex.split(editor), str(path)], check=True)
        except (OSError, subprocess.CalledProcessError):
            raise UsageError("editor_failed", editor=editor) from None
        text = path.read_text(encoding="utf-8").strip()
    finally:
        path.unlink(missing_ok=True)
    return text or None


def _save_typed_text(text: str) -> Path:
    """Keep text someone typed at a prompt or in an editor when the command then fails."""
    fd, name = tempfile.mkstemp(prefix="klipctl-description-", suffix=".txt")
    with os.fdopen(fd, "w", encoding="utf-8") as handle:
        handle.write(text)
    return Path(name)


# --- the app --------------------------------------------------------------------------------


def make_app(lang: str) -> typer.Typer:  # noqa: C901 - one place that lists every command
    def h(key: str) -> str:
        return help_text(key, lang)

    app = typer.Typer(
        cls=KlipGroup,
        help=h("app"),
        epilog=h("intro"),
        invoke_without_command=True,
        context_settings={"help_option_names": ["-h", "--help"]},
        add_completion=False,
        rich_markup_mode=None,
        pretty_exceptions_enable=False,
    )
    id_arg = Annotated[str, typer.Argument(help=h("arg_id"), metavar="ID")]
    json_opt = Annotated[bool, typer.Option("--json", help=h("opt_json"))]
    yes_opt = Annotated[bool, typer.Option("--yes", "-y", help=h("opt_yes"))]
    note_opt = Annotated[str | None, typer.Option("--note", help=h("opt_note"))]

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
        state = _state(ctx)
        state.logbook, state.lang_flag, state.no_input = logbook, lang_, no_input
        if lang_ is not None and lang_ not in ("id", "en"):
            raise UsageError("invalid_language", value=lang_)
        if version:
            typer.echo(f"klipctl {__version__}")
            raise typer.Exit()
        if ctx.invoked_subcommand is None:
            typer.echo(ctx.get_help())

    # --- set-up ---------------------------------------------------------------------------

    @app.command(help=h("init"))
    def init(
        ctx: typer.Context,
        folder: Annotated[Path, typer.Argument(help=h("arg_folder"), metavar="FOLDER")],
    ) -> None:
        from klipctl.resources import data_dir

        state = _state(ctx)
        env = os.environ
        root_path = service.init_logbook(folder, data_dir("logbook"), clock.now(env))
        _output().info(state.messages("created_logbook", path=str(root_path)))

    @app.command(help=h("demo"))
    def demo(
        ctx: typer.Context,
        path: Annotated[
            Path | None, typer.Option("--path", help=h("opt_demo_path"), metavar="FOLDER")
        ] = None,
    ) -> None:
        from klipctl import demo as demo_module
        from klipctl.resources import data_dir

        state = _state(ctx)
        target = path or Path(tempfile.mkdtemp(prefix="klipctl-demo-")) / "logbook"
        ctx_ = demo_module.run(target, data_dir("logbook"), clock.now(os.environ), state.language())
        listing = service.list_failures(ctx_, service.Filters(include_closed=True))
        m = state.messages
        out = _output()
        out.print_list(listing.statuses, listing.problems, m, _describe(m))
        out.info(m("demo_done", path=str(ctx_.logbook.root)))

    # --- the procedure --------------------------------------------------------------------

    @app.command(help=h("report"))
    def report(
        ctx: typer.Context,
        title: Annotated[str | None, typer.Option("--title", "-t", help=h("opt_title"))] = None,
        system: Annotated[str | None, typer.Option("--system", "-s", help=h("opt_system"))] = None,
        description: Annotated[
            str | None, typer.Option("--description", "-d", help=h("opt_description"))
        ] = None,
        description_file: Annotated[
            str | None,
            typer.Option("--description-file", help=h("opt_description_file"), metavar="FILE"),
        ] = None,
        edit: Annotated[bool, typer.Option("--edit", "-e", help=h("opt_edit"))] = False,
        severity: Annotated[
            str, typer.Option("--severity", help=h("opt_severity"), metavar="LEVEL")
        ] = "medium",
        as_json: json_opt = False,
    ) -> None:
        state = _state(ctx)
        m = state.messages
        missing: list[str] = []
        title = _ask(state, title, "prompt_title", "--title", missing)
        system = _ask(state, system, "prompt_system", "--system", missing)
        typed = None
        if description_file is not None:
            description = _read_text_file(description_file)
        elif edit:
            description = typed = _edit_text(description or "")
        elif description is None and state.interactive:
            description = typed = _ask(
                state, None, "prompt_description", "--description", missing, optional=True
            )
        _require(missing)
        details = {
            "title": title,
            "system": system,
            "description": description,
            "severity": severity,
        }
        try:
            change = service.report(state.context(), details)
        except KlipError:
            if typed:
                _output().info(m("text_saved", path=str(_save_typed_text(typed))))
            raise
        out = _output()
        if as_json:
            out.print_json(out.status_json(change.status))
        else:
            typer.echo(change.status.failure.id)
        out.print_change(change, m)

    def _step(
        ctx: typer.Context,
        action: str,
        failure_id: str,
        details: dict[str, Any],
        *,
        confirm: bool | None = None,
    ) -> None:
        state = _state(ctx)
        if confirm is not None:
            sctx = state.context()
            status = service.show(sctx, failure_id)
            m = state.messages
            _confirm(
                state,
                confirm,
                m(
                    "confirm_action",
                    action_name=m.action(action).capitalize(),
                    id=status.failure.id,
                    title=status.failure.title,
                ),
            )
        change = service.act(state.context(), action, failure_id, details)
        _output().print_change(change, state.messages)

    @app.command(help=h("record"))
    def record(ctx: typer.Context, failure_id: id_arg, note: note_opt = None) -> None:
        _step(ctx, "record", failure_id, {"note": note})

    @app.command(help=h("assign"))
    def assign(
        ctx: typer.Context,
        failure_id: id_arg,
        to: Annotated[str | None, typer.Option("--to", help=h("opt_to"), metavar="HANDLE")] = None,
        note: note_opt = None,
    ) -> None:
        state = _state(ctx)
        missing: list[str] = []
        to = _ask(state, to, "prompt_operator", "--to", missing)
        _require(missing)
        _step(ctx, "assign", failure_id, {"to": to, "note": note})

    @app.command(help=h("resolve"))
    def resolve(
        ctx: typer.Context,
        failure_id: id_arg,
        action: Annotated[str | None, typer.Option("--action", "-a", help=h("opt_action"))] = None,
        cause: Annotated[str | None, typer.Option("--cause", help=h("opt_cause"))] = None,
    ) -> None:
        state = _state(ctx)
        missing: list[str] = []
        action = _ask(state, action, "prompt_action", "--action", missing)
        _require(missing)
        _step(ctx, "resolve", failure_id, {"action": action, "cause": cause})

    @app.command(help=h("review"))
    def review(
        ctx: typer.Context,
        failure_id: id_arg,
        accept: Annotated[bool, typer.Option("--accept", help=h("opt_accept"))] = False,
        reject: Annotated[bool, typer.Option("--reject", help=h("opt_reject"))] = False,
        drafter: Annotated[
            str | None, typer.Option("--drafter", help=h("opt_drafter"), metavar="HANDLE")
        ] = None,
        reason: Annotated[str | None, typer.Option("--reason", help=h("opt_reason"))] = None,
        note: note_opt = None,
    ) -> None:
        state = _state(ctx)
        if accept == reject:
            raise UsageError("accept_or_reject")
        missing: list[str] = []
        if accept:
            drafter = _ask(state, drafter, "prompt_drafter", "--drafter", missing)
            _require(missing)
            _step(ctx, "accept", failure_id, {"drafter": drafter, "note": note})
        else:
            reason = _ask(state, reason, "prompt_reason", "--reason", missing)
            _require(missing)
            _step(ctx, "reject", failure_id, {"reason": reason})

    @app.command(help=h("draft"))
    def draft(ctx: typer.Context, failure_id: id_arg, note: note_opt = None) -> None:
        _step(ctx, "draft", failure_id, {"note": note})

    @app.command(help=h("sign"))
    def sign(ctx: typer.Context, failure_id: id_arg, yes: yes_opt = False) -> None:
        _step(ctx, "sign", failure_id, {}, confirm=yes)

    @app.command(help=h("deliver"))
    def deliver(
        ctx: typer.Context, failure_id: id_arg, note: note_opt = None, yes: yes_opt = False
    ) -> None:
        _step(ctx, "deliver", failure_id, {"note": note}, confirm=yes)

    @app.command(help=h("archive"))
    def archive(
        ctx: typer.Context, failure_id: id_arg, note: note_opt = None, yes: yes_opt = False
    ) -> None:
        _step(ctx, "archive", failure_id, {"note": note}, confirm=yes)

    # --- looking ----------------------------------------------------------------------------

    @app.command(help=h("show"))
    def show(ctx: typer.Context, failure_id: id_arg, as_json: json_opt = False) -> None:
        state = _state(ctx)
        sctx = state.context()
        status = service.show(sctx, failure_id)
        out = _output()
        if as_json:
            out.print_json(out.status_json(status))
        else:
            out.print_show(
                status, service.stage_durations(status.failure, sctx.calendar), state.messages
            )

    @app.command(name="list", help=h("list"))
    def list_(
        ctx: typer.Context,
        stage: Annotated[str | None, typer.Option("--stage", help=h("opt_stage"))] = None,
        assignee: Annotated[
            str | None, typer.Option("--assignee", help=h("opt_assignee"), metavar="HANDLE")
        ] = None,
        system: Annotated[str | None, typer.Option("--system", help=h("opt_filter_system"))] = None,
        overdue: Annotated[bool, typer.Option("--overdue", help=h("opt_overdue"))] = False,
        all_: Annotated[bool, typer.Option("--all", "-a", help=h("opt_all"))] = False,
        as_json: json_opt = False,
    ) -> None:
        state = _state(ctx)
        service.check_stage(stage)
        filters = service.Filters(stage, assignee, system, overdue, all_)
        listing = service.list_failures(state.context(), filters)
        out = _output()
        m = state.messages
        if as_json:
            out.print_json([out.status_json(s, entries=False) for s in listing.statuses])
            out.print_problems(listing.problems, m, _describe(m))
        else:
            out.print_list(listing.statuses, listing.problems, m, _describe(m))

    @app.command(help=h("history"))
    def history(ctx: typer.Context, failure_id: id_arg) -> None:
        state = _state(ctx)
        failure, commits = service.history(state.context(), failure_id)
        _output().print_history(failure, commits, state.messages)

    # --- the roster -------------------------------------------------------------------------

    roster_app = typer.Typer(
        cls=KlipGroup, help=h("roster"), no_args_is_help=True, rich_markup_mode=None
    )
    app.add_typer(roster_app, name="roster")

    @roster_app.command(name="add", help=h("roster_add"))
    def roster_add(
        ctx: typer.Context,
        handle: Annotated[str, typer.Argument(help=h("arg_handle"), metavar="HANDLE")],
        name: Annotated[str | None, typer.Option("--name", help=h("opt_name"))] = None,
        nip: Annotated[str | None, typer.Option("--nip", help=h("opt_nip"))] = None,
        role: Annotated[
            list[str] | None, typer.Option("--role", help=h("opt_role"), metavar="ROLE")
        ] = None,
        email: Annotated[str | None, typer.Option("--email", help=h("opt_email"))] = None,
        key: Annotated[
            Path | None, typer.Option("--key", help=h("opt_key"), metavar="PUBLIC_KEY_FILE")
        ] = None,
    ) -> None:
        state = _state(ctx)
        missing: list[str] = []
        name = _ask(state, name, "prompt_name", "--name", missing)
        nip = _ask(state, nip, "prompt_nip", "--nip", missing)
        if not role:
            missing.append("--role")
        _require(missing)
        key_text = _read_text_file(str(key)) if key else None
        result = service.add_person(
            state.context(), handle, name or "", nip or "", role or [], email, key_text
        )
        _output().info(
            state.messages("roster_added", handle=result.person.handle, name=result.person.name)
        )

    @roster_app.command(name="list", help=h("roster_list"))
    def roster_list(ctx: typer.Context, as_json: json_opt = False) -> None:
        state = _state(ctx)
        people = state.context().logbook.roster.people
        out = _output()
        if as_json:
            out.print_json([out.person_json(p) for p in people])
        else:
            out.print_roster(people, state.messages)

    return app


def _describe(m: Messages) -> Callable[[KlipError], str]:
    return lambda exc: m.error(exc.key, exc.params)


def _peek_flag(argv: list[str], name: str) -> str | None:
    for i, arg in enumerate(argv):
        if arg == name and i + 1 < len(argv):
            return argv[i + 1]
        if arg.startswith(name + "="):
            return arg.split("=", 1)[1]
    return None


def main() -> None:
    """Console entry point: pick the language for help, then run."""
    argv = sys.argv[1:]
    logbook = _peek_flag(argv, "--logbook") or _peek_flag(argv, "-C")
    configured = peek_language(Path(logbook) if logbook else None, os.environ)
    lang = detect_language(_peek_flag(argv, "--lang"), os.environ, configured)
    make_app(lang)(prog_name="klipctl")
