"""Shell completion: what Tab offers for failure IDs, handles, stages, roles and severities,
and the two root options that install it (`--install-completion`, `--show-completion`).

Completion runs klipctl on every Tab, so it reads only what is already there: the index as it
stands (never refreshed nor built: on a fresh clone of 100,000 failures that takes minutes),
the roster file. It writes nothing, asks nothing, and when something cannot be read it offers
nothing rather than printing a word into the person's command line.

The shells' scripts and the protocol are Typer's (``_KLIPCTL_COMPLETE=complete_bash`` with
``COMP_WORDS``/``COMP_CWORD``, ``complete_zsh``, ``complete_fish``, ``complete_powershell``).
"""

from __future__ import annotations

import functools
import os
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any

import typer

from klipctl.i18n.messages import Messages, detect_language

# Enough to pick from; typing one more character narrows it (100,000 IDs on one Tab would not be).
MOST = 100
HELP_WIDTH = 50
SHELLS = ("bash", "zsh", "fish", "powershell", "pwsh")
ENV_VAR = "_KLIPCTL_COMPLETE"
Candidates = list[tuple[str, str]]  # what to type, and what it is


def _root_params(ctx: Any) -> dict[str, Any]:
    """The root options typed so far (as Click parsed them: text, not yet Typer's types)."""
    params = dict(ctx.find_root().params)
    if params.get("logbook") is not None:
        params["logbook"] = Path(params["logbook"])
    return params


def _quiet(complete: Callable[[typer.Context, str], Candidates]) -> Callable[..., Candidates]:
    """No candidates, rather than a traceback in the middle of the person's command line,
    whatever goes wrong (a damaged roster, an index of another version)."""

    @functools.wraps(complete)
    def guarded(ctx: typer.Context, incomplete: str) -> Candidates:
        try:
            return complete(ctx, incomplete)
        except Exception:
            return []

    return guarded


def _messages(ctx: Any) -> Messages:
    """The catalogue in the language the command would speak (``--lang``, the log book, ...)."""
    from klipctl.storage.config import peek_language

    params = _root_params(ctx)
    configured = peek_language(params.get("logbook"), os.environ)
    return Messages(detect_language(params.get("lang_"), os.environ, configured))


def _logbook(ctx: Any) -> Any:
    """The log book the command line names (``-C``, ``KLIPCTL_LOGBOOK``, or the folder), or
    None. Opened as storage does, without the journal check a command makes before reading
    (that may write)."""
    from klipctl.errors import KlipError
    from klipctl.storage.layout import locate
    from klipctl.storage.logbook import LogBook

    try:
        return LogBook(locate(_root_params(ctx).get("logbook"), os.environ, Path.cwd()))
    except (KlipError, OSError):
        return None


def _help(text: str) -> str:
    """A candidate's description as zsh, fish and PowerShell show it beside the candidate:
    short enough for one line (Typer lays it out with Rich, wrapping at the terminal's
    width, and reads Rich markup in it: a title's "[URGENT]" is kept as typed)."""
    from rich.markup import escape

    return escape(text if len(text) <= HELP_WIDTH else text[: HELP_WIDTH - 1] + "…")


@_quiet
def failure_ids(ctx: typer.Context, incomplete: str) -> Candidates:
    """The IDs starting with what is typed, open failures first, each with its title."""
    from klipctl.domain import ids
    from klipctl.storage import index

    lb = _logbook(ctx)
    prefix = ids.normalise_prefix(incomplete) if incomplete else ""
    if lb is None or prefix is None:
        return []
    known = index.peek(lb, prefix, MOST)
    if known is None:  # no index yet: the file names alone, as `show` would find them
        return [(i, "") for i in lb.failure_ids(prefix)[-MOST:][::-1]]
    m = _messages(ctx)
    return [
        (k.id, _help(k.title) if k.is_open else m("completion_closed", title=_help(k.title)))
        for k in known
    ]


@_quiet
def handles(ctx: typer.Context, incomplete: str) -> Candidates:
    """The handles of the people on the roster, each with their name and roles."""
    lb = _logbook(ctx)
    if lb is None:
        return []
    from klipctl.i18n import values

    # Each role by the word people type for it (petugas, kasubbag): the catalogue's are long.
    offered = values.offered("role", _messages(ctx).lang)
    word = {value: spelling for spelling, value in offered.items()}
    return [
        (p.handle, _help(", ".join([p.name, *(word[r] for r in p.roles)])))
        for p in lb.roster.active
    ]


def _values(kind: str, ctx: Any, incomplete: str) -> Candidates:
    """Nothing typed yet: one name per value in the person's language; something typed: every
    spelling klipctl accepts that starts with it (Indonesian, English, an office's short form)."""
    from klipctl.i18n import values

    m = _messages(ctx)
    shown = {"stage": m.stage, "role": m.role, "severity": m.severity}[kind]
    typed = incomplete.strip().casefold()
    table = values.spellings(kind) if typed else values.offered(kind, m.lang)
    return [(spelling, _help(shown(value))) for spelling, value in table.items()]


@_quiet
def stages(ctx: typer.Context, incomplete: str) -> Candidates:
    return _values("stage", ctx, incomplete)


@_quiet
def roles(ctx: typer.Context, incomplete: str) -> Candidates:
    return _values("role", ctx, incomplete)


@_quiet
def severities(ctx: typer.Context, incomplete: str) -> Candidates:
    return _values("severity", ctx, incomplete)


# --- installing it --------------------------------------------------------------------------


def _shell(ctx: typer.Context) -> str:
    """The shell klipctl runs under (as Typer finds it); one without completion is refused."""
    import shellingham

    try:
        shell = str(shellingham.detect_shell()[0])
    except shellingham.ShellDetectionFailure:
        shell = "powershell" if os.name == "nt" else Path(os.environ.get("SHELL", "bash")).name
    if shell not in SHELLS:
        from klipctl.cli import output
        from klipctl.errors import EXIT_USAGE

        shells = ", ".join(SHELLS[:4])
        output.error(_messages(ctx)("completion_shell", shell=shell, shells=shells))
        raise typer.Exit(EXIT_USAGE)
    return shell


def script(shell: str) -> str:
    from typer._completion_shared import get_completion_script

    return get_completion_script(prog_name="klipctl", complete_var=ENV_VAR, shell=shell)


def _install_powershell(shell: str) -> Path:
    """The script appended to the PowerShell profile. Unlike Typer's installer, the execution
    policy is left alone: on an office PC that is the IT department's setting, not ours."""
    found = subprocess.run(
        [shell, "-NoProfile", "-Command", "echo", "$profile"], capture_output=True, check=True
    )
    path = Path(found.stdout.decode(errors="replace").strip())
    path.parent.mkdir(parents=True, exist_ok=True)
    with path.open("a", encoding="utf-8") as handle:
        handle.write(script(shell) + "\n")
    return path


def _install(shell: str) -> Path:
    from typer import _completion_shared as shared

    if shell in ("powershell", "pwsh"):
        return _install_powershell(shell)
    install = {"bash": shared.install_bash, "zsh": shared.install_zsh, "fish": shared.install_fish}
    path: Path = install[shell](prog_name="klipctl", complete_var=ENV_VAR, shell=shell)
    return path


def show_option(ctx: typer.Context, value: bool) -> None:
    """``--show-completion``: the script for this shell, to read or to install by hand."""
    if not value or ctx.resilient_parsing:
        return
    sys.stdout.write(script(_shell(ctx)) + "\n")
    raise typer.Exit()


def install_option(ctx: typer.Context, value: bool) -> None:
    """``--install-completion``: this shell's script where the shell reads it at start."""
    if not value or ctx.resilient_parsing:
        return
    from klipctl.cli import output
    from klipctl.errors import EXIT_FAILED

    m = _messages(ctx)
    shell = _shell(ctx)
    try:
        path = _install(shell)
    except (OSError, subprocess.CalledProcessError) as exc:
        output.error(m("completion_install_failed", shell=shell, reason=str(exc)))
        raise typer.Exit(EXIT_FAILED) from None
    output.info(m("completion_installed", shell=shell, path=str(path)))
    raise typer.Exit()


def setup() -> None:
    """Typer's scripts for the four shells (and its answers to them), not Click's."""
    from typer._completion_classes import completion_init

    completion_init()
