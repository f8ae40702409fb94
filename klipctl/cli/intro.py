"""`klipctl` alone: a few lines that say what it is, the commands a person uses most, where
help is, and (inside a log book) what waits for them; the whole help is `klipctl -h`."""

from __future__ import annotations

import os
import shutil
import sys
import textwrap

import typer

from klipctl.cli import kit
from klipctl.errors import KlipError
from klipctl.storage.config import peek_root

# The commands an office person types most, in the order they meet them.
MOST_USED = ("inbox", "report", "list", "show", "due")


def introduce(state: kit.State) -> None:
    m = state.messages
    lines = [_fit(m("intro_what")), "", m("intro_most_used")]
    for command in MOST_USED:
        lines.append(f"  {m(f'intro_cmd_{command}')}")
    lines += ["", _fit(m("intro_help")), _fit(_waiting(state))]
    typer.echo("\n".join(lines))


def _fit(sentence: str) -> str:
    """Wrapped between words at a terminal's width; into a file or a pipe, one line."""
    if not sys.stdout.isatty():
        return sentence
    return textwrap.fill(sentence, shutil.get_terminal_size().columns - 1, break_on_hyphens=False)


def _waiting(state: kit.State) -> str:
    """Inside a log book, how many failures wait for this person; else how to get one."""
    m = state.messages
    if peek_root(state.logbook, os.environ) is None:
        return m("intro_no_logbook")  # surely no log book here: the core need not load
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
