"""Click's own words in the person's language: the help's usage line, section titles, the help
option, defaults and metavars, and the options every command takes after its name too.

Typer bundles a Click without translations, so its help says "Usage:", "Options:", "Show this
message and exit." and "[default: medium]" whatever the language. Click writes all of that
through one ``HelpFormatter``, which a context makes; klipctl gives each command a context whose
formatter puts those few fixed pieces in the app's language as they are written (the texts
klipctl itself gives come from the catalogue already). Usage errors are said in ``kit``.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from typing import Any

from typer._click import core as click_core
from typer._click.formatting import HelpFormatter
from typer.core import TyperGroup, TyperOption

from klipctl.i18n.messages import ROLE_NAMES, SEVERITY_NAMES, STAGE_NAMES, Messages, typed_name

# Set by ``use_language`` when the app is made: help is written in the language it was made in.
_lang = {"current": "id"}

# Click's fixed words, as Typer writes them, and the catalogue key that says each.
_HEADINGS = {"Options": "help_options", "Arguments": "help_arguments", "Commands": "help_commands"}
_HELP_OPTION = "Show this message and exit."
_METAVARS = {"<str>": "help_metavar_text"}  # a text option without a metavar of its own
# The words of klipctl's own metavars that are English (ID, URL, HANDLE, FOLDER read the same).
_WORDS = {
    "FILE": "help_word_file",
    "LEVEL": "help_word_level",
    "ROLE": "help_word_role",
    "DATE": "help_word_date",
    "FROM": "help_word_from",
    "TO": "help_word_to",
    "NAME": "help_word_name",
    "VALUE": "help_word_value",
}
_WORD = re.compile(r"(?<![\w-])(" + "|".join(_WORDS) + r")(?![\w-])")
_EXTRA = re.compile(r"  \[((?:default: [^;\]]*|required)(?:; (?:default: [^;\]]*|required))*)\]$")
# Stored values shown as a default, said the way a person types them in this language.
_VALUE_KINDS = {"severity": SEVERITY_NAMES, "stage": STAGE_NAMES, "role": ROLE_NAMES}


def use_language(lang: str) -> None:
    """The language of help for the app being made (``main.make_app``)."""
    _lang["current"] = lang


def messages() -> Messages:
    return Messages(_lang["current"])


class KlipFormatter(HelpFormatter):
    """Click's help formatter, saying its own words in the app's language."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.m = messages()

    def write_usage(self, prog: str, args: str = "", prefix: str | None = None) -> None:
        m = self.m
        args = args.replace("[OPTIONS]", f"[{m('help_metavar_options')}]")
        args = args.replace("COMMAND [ARGS]...", m("help_metavar_command"))
        args = re.sub(r"\{([^{}|]+)\}", r"\1", args)  # Typer's braces round a required argument
        args = self._words(args)
        prog = " ".join(["klipctl", *prog.split(" ")[1:]])  # whatever name it ran under
        super().write_usage(prog, args, prefix=f"{m('help_usage')} ")

    def write_heading(self, heading: str) -> None:
        key = _HEADINGS.get(heading)
        super().write_heading(self.m(key) if key else heading)

    @contextmanager
    def section(self, name: str) -> Iterator[None]:
        key = _HEADINGS.get(name)
        with super().section(self.m(key) if key else name):
            yield

    def write_dl(self, rows: Sequence[tuple[str, str]], *args: Any, **kwargs: Any) -> None:
        super().write_dl([(self._term(t), self._help(h)) for t, h in rows], *args, **kwargs)

    def _term(self, term: str) -> str:
        for english, key in _METAVARS.items():
            term = term.replace(english, self.m(key))
        return self._words(term)

    def _words(self, text: str) -> str:
        return metavar_words(text, self.m)

    def _help(self, text: str) -> str:
        if text == _HELP_OPTION:
            return self.m("help_option")
        found = _EXTRA.search(text)
        if found is None:
            return text
        parts = []
        for part in found.group(1).split("; "):
            if part == "required":
                parts.append(self.m("help_required"))
            else:
                parts.append(self.m("help_default", value=_value(part[len("default: ") :], self.m)))
        return text[: found.start()] + f"  [{'; '.join(parts)}]"


def metavar_words(text: str, m: Messages) -> str:
    """klipctl's English metavars (FILE, ROLE, TO, ...) in ``m``'s language."""
    return _WORD.sub(lambda found: m(_WORDS[found.group(1)]), text)


def _value(stored: str, m: Messages) -> str:
    """A default as the person would type it: a stage, role or severity by its name here."""
    for kind, names in _VALUE_KINDS.items():
        if stored in names:
            return typed_name(kind, stored, m.lang)
    return stored


# The command line's deepest command so far, in the contexts' shared meta: where a usage error
# Click raises without its context (an option's missing value) says to look.
LAST_PATH = "klipctl.command_path"


class KlipContext(click_core.Context):
    formatter_class = KlipFormatter

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.meta[LAST_PATH] = self.command_path


# The options every command takes after its name as well as before it (`klipctl sign ID
# --no-input`, `klipctl list -q`), hidden there (the root's help lists them): (names, what it
# sets on the state).
GLOBAL_FLAGS: tuple[tuple[tuple[str, ...], str], ...] = (
    (("--no-input",), "no_input"),
    (("--yes", "-y"), "yes"),
    (("--quiet", "-q"), "quiet"),
    (("--verbose", "-v"), "verbose"),
)


def prepare(command: Any, set_flag: Callable[[Any, str], None]) -> Any:
    """A subcommand as klipctl runs it: help in the app's language, and the global flags it
    does not have itself (``set_flag(ctx, name)`` records one given after its name)."""
    if command is None or getattr(command, "_klip_prepared", False):
        return command
    command._klip_prepared = True
    command.context_class = KlipContext
    if isinstance(command, TyperGroup):
        return command  # a group's subcommands take them, once resolved
    taken = {opt for param in command.params for opt in param.opts}
    for names, attr in GLOBAL_FLAGS:
        wanted = [n for n in names if n not in taken]
        if not wanted:
            continue  # the command's own (`--yes` of sign): it reads it itself

        def callback(ctx: Any, _param: Any, value: bool, attr: str = attr) -> None:
            if value:
                set_flag(ctx, attr)

        command.params.append(
            TyperOption(
                param_decls=wanted,
                is_flag=True,
                default=False,
                expose_value=False,
                hidden=True,
                callback=callback,
            )
        )
    return command
