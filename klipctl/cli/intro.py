"""`klipctl` alone: a few lines that say what it is, the commands a person uses most, where
help is, and (inside a log book) what waits for them; the whole help is `klipctl -h`."""

from __future__ import annotations

import typer

from klipctl.cli import kit
from klipctl.errors import KlipError

# The commands an office person types most, in the order they meet them.
MOST_USED = ("inbox", "report", "list", "show", "due")


def introduce(state: kit.State) -> None:
    m = state.messages
    lines = [m("intro_what"), "", m("intro_most_used")]
    for command in MOST_USED:
        lines.append(f"  {m(f'intro_cmd_{command}')}")
    lines += ["", m("intro_help")]
    typer.echo("\n".join(lines))
    typer.echo(_waiting(state))


def _waiting(state: kit.State) -> str:
    """Inside a log book, how many failures wait for this person; else how to get one."""
    m = state.messages
    try:
        sctx = state.context()
        if sctx.logbook_if_any() is None:
            return m("intro_no_logbook")
        from klipctl.app import queries

        n = len(queries.inbox(sctx).statuses)
    except KlipError:
        # Not on the roster (or a log book that cannot be read): the command that says why.
        return m("intro_check")
    return m("inbox_waiting", n=n) if n else m("inbox_waiting_none")
