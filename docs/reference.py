"""Write docs/reference.md from the command line itself: every command, argument and option.

    python docs/reference.py          # rewrite docs/reference.md
    python docs/reference.py --check  # exit 1 if it is out of date (tests/test_docs.py runs this)

The help texts are the catalogue's English ones, so the page says exactly what `--help` says.
"""

from __future__ import annotations

import re
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import typer
from typer._click import Context  # Typer bundles its own, smaller Click
from typer.core import TyperArgument, TyperGroup, TyperOption

from klipctl.cli.commands.documents import REPORT_COMMAND
from klipctl.cli.main import make_app

PAGE = Path(__file__).resolve().parent / "reference.md"
INTRO = """# Command reference

Every command, argument and option, as `klipctl --lang en COMMAND --help` gives them (the
Indonesian help says the same in Indonesian). Made by `python docs/reference.py`; a test fails
when it no longer matches the code.

Options every command takes: `-C, --logbook FOLDER` and `--lang id|en` before the command
(`klipctl -C ~/logbook list`); `--no-input`, `-y, --yes` (no confirmation), `-q, --quiet` (no
block after a change) and `-v, --verbose` (each git command run, on stderr) before or after it
(`klipctl sign ID --no-input`). `klipctl -V` (`--version`) prints the version.

Exit statuses: 0 done; 1 refused or failed (the log book is unchanged); 2 the command line is
wrong or incomplete; 130 cancelled (Ctrl-C, or no at a confirmation; the log book is unchanged);
70 an internal error (a bug: please report it with the output of the same command run with
`KLIPCTL_DEBUG=1`).
"""


def commands(group: TyperGroup, prefix: str = "") -> Iterator[tuple[str, Any]]:
    """(full name, command) for every visible command, depth first, in the order of `--help`."""
    ctx = Context(group)
    for name in group.list_commands(ctx):
        command = group.get_command(ctx, name)
        if command is None:
            continue
        if command.hidden:
            if (prefix, name) != ("render ", REPORT_COMMAND):
                continue
            name = "ID"  # `klipctl render ID`: the report, under a name no one types
        full = f"{prefix}{name}"
        yield full, command
        if isinstance(command, TyperGroup):
            yield from commands(command, full + " ")


def root() -> TyperGroup:
    command = typer.main.get_command(make_app("en"))
    assert isinstance(command, TyperGroup)
    return command


def section(name: str, command: Any) -> str:
    lines = [f"## `klipctl {name}`", ""]
    text = re.sub(r"\n[ \t\b]*(\n[ \t\b]*)+\n", "\n\n", (command.help or "").strip())
    if text:
        lines += [text, ""]
    ctx = Context(command, info_name=name)
    for param in command.get_params(ctx):
        if param.name == "help" or getattr(param, "hidden", False):
            continue
        if isinstance(param, TyperArgument):
            lines.append(f"- `{param.make_metavar(ctx)}`: {param.help or ''}".rstrip(": "))
        elif isinstance(param, TyperOption) and (record := param.get_help_record(ctx)):
            lines.append(f"- `{record[0]}`: {record[1]}".rstrip(": "))
    return "\n".join(lines).rstrip() + "\n"


def page() -> str:
    parts = [INTRO]
    for name, command in commands(root()):
        parts.append(section(name, command))
    return "\n".join(parts)


def main(argv: list[str]) -> int:
    text = page()
    if "--check" in argv:
        if not PAGE.exists() or PAGE.read_text(encoding="utf-8") != text:
            print("docs/reference.md is out of date: run python docs/reference.py", file=sys.stderr)
            return 1
        return 0
    PAGE.write_text(text, encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
