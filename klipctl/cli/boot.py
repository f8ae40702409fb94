"""The first lines of every klipctl run, before the command line is loaded.

A read asks git the same questions every time (klipctl's settings, HEAD and, for a list that
covers the closed failures, which failure files were changed by hand), one after the other, each
when Python has loaded the code that asks.
Here they are asked at once, so git answers on the other core while Python loads the command
line and the core (docs/speed.md); the code that asks later takes the answers. Nothing else is
decided here: a command that is not a read, a help request or a command line that is wrong
goes straight on to ``klipctl.cli.main``, which says what it must.
"""

from __future__ import annotations

import os
import sys
from pathlib import Path

# The reads that ask git for the settings and HEAD (None: `klipctl` alone, which counts the
# inbox); a document over many failures (`render recap`, `render register`) asks for HEAD only.
# Which files changed by hand is asked only by `list --all`: the other reads look at the files
# of the failures they show themselves (storage/index.py).
_READS = {None, "list", "due", "inbox", "show"}
_ALL = {"--all", "-a"}
_DOCUMENTS = {"recap", "register"}
# Root options followed by a value, so that the value is not taken for the command.
_WITH_VALUE = {"-C", "--logbook", "--lang"}


def main() -> None:
    _ask_early(sys.argv[1:])
    from klipctl.cli.main import main as run

    run()


def _ask_early(args: list[str]) -> None:
    if any(a in ("-h", "--help", "--") for a in args) or any(
        k.startswith("_KLIPCTL_COMPLETE") for k in os.environ
    ):
        return  # help and shell completion ask git nothing (or something else)
    logbook, words = _split(args)
    command = words[0] if words else None
    document = command == "render" and len(words) > 1 and words[1] in _DOCUMENTS
    if command not in _READS and not document:
        return
    from klipctl.errors import KlipError
    from klipctl.storage.layout import FAILURES_DIR, locate

    try:
        root = locate(Path(logbook) if logbook else None, os.environ, Path.cwd())
    except (KlipError, OSError):
        return  # no log book here: the command says so
    from klipctl.storage import git  # the least this needs: git, no settings nor core

    every = command == "list" and any(a in _ALL for a in args)
    git.ask_early(root, config=not document, head=True, modified=[FAILURES_DIR] if every else [])


def _split(args: list[str]) -> tuple[str | None, list[str]]:
    """The --logbook given (if any) and the words that are not root options."""
    logbook: str | None = None
    words: list[str] = []
    i = 0
    while i < len(args):
        arg = args[i]
        if arg in _WITH_VALUE and not words:
            if arg in ("-C", "--logbook") and i + 1 < len(args):
                logbook = args[i + 1]
            i += 2
            continue
        if arg.startswith("--logbook=") and not words:
            logbook = arg.split("=", 1)[1]
        elif not arg.startswith("-"):
            words.append(arg)
        i += 1
    return logbook, words
