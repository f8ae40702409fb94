"""The root command group, which imports a command's module only when that command runs.

Typer builds every command's parameters from its function when the app is made, so making all
of them for each start cost a third of ``klipctl --help``. Here the root knows its commands from
the static table ``klipctl.cli.commands.COMMANDS`` (name, module, help key): ``--help``, a usage
error and the completion of command names need no command module at all, and a command that
runs imports and builds just its own module's commands. Anything that asks the group for a
command by name (``get_command``, ``commands[name]``: Click, completion of a command's options,
docs/reference.py, the tests) gets the real one, built on first use.
"""

from __future__ import annotations

import importlib
from collections.abc import Callable, Iterator, MutableMapping
from contextlib import contextmanager
from functools import partial
from typing import Any

import typer
from typer.core import TyperCommand

from klipctl.cli import kit
from klipctl.cli.commands import COMMANDS, Listed
from klipctl.i18n.messages import help_text

_LISTED = {entry.name: entry for entry in COMMANDS}


def group_class(lang: str) -> type[RootGroup]:
    """The root group's class for ``typer.Typer(cls=...)``, its help in ``lang``."""
    return type("KlipctlRoot", (RootGroup,), {"lang": lang})


class _Commands(MutableMapping[str, Any]):
    """Name → command for every command of the table, each module imported the first time one
    of its commands is asked for, each command built (its parameters read from its function)
    when it is itself asked for; commands added otherwise are kept as given."""

    def __init__(self, lang: str, added: MutableMapping[str, Any]) -> None:
        self._lang = lang
        self._built: dict[str, Any] = dict(added)
        self._added = [name for name in added if name not in _LISTED]
        self._registered: dict[str, Callable[[], Any]] = {}

    def __getitem__(self, name: str) -> Any:
        if name not in self._built:
            listed = _LISTED[name]  # KeyError for a name that is no command
            if name not in self._registered:
                self._registered.update(_register(listed.module, self._lang))
            self._built[name] = self._registered.pop(name)()
        return self._built[name]

    def __setitem__(self, name: str, command: Any) -> None:
        if name not in _LISTED and name not in self._added:
            self._added.append(name)
        self._built[name] = command

    def __delitem__(self, name: str) -> None:
        raise TypeError("klipctl's commands are fixed")

    def __contains__(self, name: object) -> bool:
        return name in _LISTED or name in self._added

    def __iter__(self) -> Iterator[str]:
        yield from _LISTED
        yield from self._added

    def __len__(self) -> int:
        return len(_LISTED) + len(self._added)

    def summary(self, name: str) -> Any:
        """The command if built, else a stand-in that only says its name, one-line help and
        whether it is hidden (for the help's list and the completion of names)."""
        if name in self._built or name not in _LISTED:
            return self._built.get(name)
        return _stand_in(_LISTED[name], self._lang)


def _register(module: str, lang: str) -> dict[str, Callable[[], Any]]:
    """How to build each command that ``klipctl.cli.commands.<module>`` registers (help in
    ``lang``), as Typer would build them all (``typer.main.get_group``), one at a time."""
    commands = importlib.import_module(f"klipctl.cli.commands.{module}")
    app = typer.Typer(cls=kit.KlipGroup, rich_markup_mode=None, add_completion=False)
    commands.register(app, kit.Params(lambda key: help_text(key, lang)))
    how: dict[str, Callable[[], Any]] = {}
    for command in app.registered_commands:
        assert command.callback is not None
        name = command.name or typer.main.get_command_name(command.callback.__name__)
        how[name] = partial(
            typer.main.get_command_from_info,
            command,
            pretty_exceptions_short=app.pretty_exceptions_short,
            rich_markup_mode=app.rich_markup_mode,
        )
    for group in app.registered_groups:
        assert group.name is not None  # kit.subgroup names every group
        how[group.name] = partial(
            typer.main.get_group_from_info,
            group,
            pretty_exceptions_short=app.pretty_exceptions_short,
            rich_markup_mode=app.rich_markup_mode,
            suggest_commands=app.suggest_commands,
        )
    return how


def _stand_in(listed: Listed, lang: str) -> TyperCommand:
    return TyperCommand(name=listed.name, help=help_text(listed.help, lang), hidden=listed.hidden)


class RootGroup(kit.KlipGroup):
    """``klipctl`` itself: errors said as every group says them (``KlipGroup``), commands
    built on first use."""

    lang = "id"

    def __init__(self, **attrs: Any) -> None:
        super().__init__(**attrs)
        self.commands = _Commands(self.lang, self.commands)
        self._summaries = False

    @contextmanager
    def _only_summaries(self) -> Iterator[None]:
        self._summaries = True
        try:
            yield
        finally:
            self._summaries = False

    def get_command(self, ctx: Any, cmd_name: str) -> Any:
        if self._summaries:
            commands: Any = self.commands
            return commands.summary(cmd_name)
        return super().get_command(ctx, cmd_name)

    def list_commands(self, ctx: Any) -> list[str]:
        return list(self.commands)  # the names alone (Typer's own builds every command)

    def format_commands(self, ctx: Any, formatter: Any) -> None:
        with self._only_summaries():
            super().format_commands(ctx, formatter)

    def shell_complete(self, ctx: Any, incomplete: str) -> list[Any]:
        with self._only_summaries():
            return super().shell_complete(ctx, incomplete)
