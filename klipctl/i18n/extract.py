"""Which catalogue entries the code, the templates and the log book skeleton use: Babel's
extraction methods for ``pybabel extract -F babel.cfg`` (and ``tests/test_catalogue.py``).

klipctl's message IDs are keys (``m("no_logbook")``), and a key travels as data before it is
looked up: an error kind carries it (``Refused("wrong_role")``), a check or a finding holds it, a
table lists it. Babel's own Python method sees only calls of a gettext function, so this one reads
the code's syntax tree instead:

* the first argument of a call that takes a key (``m``, ``messages``, every error kind,
  ``Violation``, ...) is a key, whether the catalogue has it or not: so a missing entry is found;
  with an ``n=`` argument it is a plural entry (``ngettext``);
* a key built at run time (``m(f"kind_{info.kind}")``) uses every entry its fixed start names;
* any other string that is an entry's key uses that entry (a key held in a table or a tuple);
* ``h("list")`` (or an option maker's ``p.choice("--stage", "opt_stage", ...)``) is a help
  text (context ``help``), and ``Names("stage", ("reported", ...))`` the
  names of a set of values (context ``stage``, message ID the stored value).

Templates name document labels as ``t.sec_intro`` (entry ``doc_sec_intro``); the skeleton's files
as ``{{ skel_readme_intro }}``. Loaded only by Babel and the tests, never by a command.
"""

from __future__ import annotations

import ast
import re
from collections.abc import Collection, Iterator, Mapping
from functools import cache
from pathlib import Path
from typing import IO, Any

# What Babel is handed back: (line, gettext function, message ID(s), comments). The function
# names are Babel's default keywords, so no ``-k`` is needed on the command line.
Extracted = tuple[int, str, str | tuple[str, ...], list[str]]

# Callables whose first argument is a message key.
KEY_CALLS = frozenset(
    {
        "m",
        "messages",
        "self",  # inside Messages itself
        "KlipError",
        "UsageError",
        "NotFound",
        "Refused",
        "InvalidInput",
        "BadFile",
        "GitFailed",
        "Busy",
        "Unreachable",
        "PushRefused",
        "MailFailed",
        "BadTemplate",
        "KeyProblem",
        "Violation",
        "bad",
    }
)
# Callables taking a help text's key, and which argument it is (cli/kit.py's option makers).
HELP_CALLS = {"h": 0, "help_text": 0, "choice": 1, "handle": 1}
PLURAL_PARAM = "n"
SOURCE_CATALOGUE = Path(__file__).parent / "locale" / "id" / "LC_MESSAGES" / "klipctl.po"
_LABEL = re.compile(r"\bt\.([a-z][a-z0-9_]*)")
_SKELETON_KEY = re.compile(r"\{\{ *([a-z][a-z0-9_]*) *\}\}")


@cache
def known_entries(path: Path = SOURCE_CATALOGUE) -> dict[str, bool]:
    """The keys (without context) the catalogue has, each with whether it is a plural entry."""
    from babel.messages.pofile import read_po

    if not path.exists():
        return {}
    with path.open("rb") as f:
        catalogue = read_po(f)
    found: dict[str, bool] = {}
    for message in catalogue:
        if message.id and not message.context:
            plural = isinstance(message.id, tuple)
            found[str(message.id[0] if plural else message.id)] = plural
    return found


def _entry(line: int, key: str, plural: bool) -> Extracted:
    return (line, "ngettext", (key, key), []) if plural else (line, "gettext", key, [])


def _name(func: ast.expr) -> str | None:
    if isinstance(func, ast.Name):
        return func.id
    return func.attr if isinstance(func, ast.Attribute) else None


def _arguments(node: ast.expr) -> Iterator[ast.expr]:
    """What a key argument can be: itself, or either branch of ``a if c else b``."""
    if isinstance(node, ast.IfExp):
        yield from _arguments(node.body)
        yield from _arguments(node.orelse)
    else:
        yield node


def _family(node: ast.JoinedStr, known: Mapping[str, bool]) -> list[str]:
    """The entries an f-string key can name: those starting with its fixed start."""
    head = node.values[0] if node.values else None
    if not (isinstance(head, ast.Constant) and isinstance(head.value, str)):
        return []
    start = head.value
    return [k for k in known if k.startswith(start)] if start.endswith("_") else []


def python_keys(source: str, known: Mapping[str, bool]) -> Iterator[Extracted]:
    tree = ast.parse(source)
    seen: set[int] = set()  # string nodes already taken as a key argument
    for node in ast.walk(tree):
        if not isinstance(node, ast.Call) or not node.args:
            continue
        name = _name(node.func)
        first = node.args[0]
        if name in KEY_CALLS:
            plural = any(k.arg == PLURAL_PARAM for k in node.keywords)
            for arg in _arguments(first):
                if isinstance(arg, ast.JoinedStr):
                    for key in _family(arg, known):
                        yield _entry(node.lineno, key, plural or known[key])
                elif isinstance(arg, ast.Constant) and isinstance(arg.value, str):
                    yield _entry(node.lineno, arg.value, plural or known.get(arg.value, False))
            seen.update(id(n) for n in ast.walk(first))
        elif name in HELP_CALLS and len(node.args) > HELP_CALLS[name]:
            arg = node.args[HELP_CALLS[name]]
            if isinstance(arg, ast.Constant) and isinstance(arg.value, str):
                yield (node.lineno, "pgettext", ("help", arg.value), [])
                seen.add(id(arg))
        elif name == "Names" and isinstance(first, ast.Constant) and len(node.args) > 1:
            values = node.args[1]
            for value in values.elts if isinstance(values, ast.Tuple) else ():
                if isinstance(value, ast.Constant):
                    yield (value.lineno, "pgettext", (str(first.value), str(value.value)), [])
    for node in ast.walk(tree):
        if id(node) in seen:
            continue
        if isinstance(node, ast.Constant) and isinstance(node.value, str) and node.value in known:
            yield _entry(node.lineno, node.value, known[node.value])
        elif isinstance(node, ast.JoinedStr):
            for key in _family(node, known):
                yield _entry(node.lineno, key, known[key])


def extract_python(
    fileobj: IO[bytes], keywords: Collection[str], comment_tags: Collection[str], options: Any
) -> Iterator[Extracted]:
    """Babel's extraction method for klipctl's Python modules."""
    yield from python_keys(fileobj.read().decode("utf-8"), known_entries())


def _by_pattern(text: str, pattern: re.Pattern[str], prefix: str) -> Iterator[Extracted]:
    for number, line in enumerate(text.splitlines(), start=1):
        for found in pattern.finditer(line):
            yield (number, "gettext", prefix + found.group(1), [])


def extract_templates(
    fileobj: IO[bytes], keywords: Collection[str], comment_tags: Collection[str], options: Any
) -> Iterator[Extracted]:
    """Babel's extraction method for the document templates: ``t.NAME`` is ``doc_NAME``."""
    yield from _by_pattern(fileobj.read().decode("utf-8"), _LABEL, "doc_")


def extract_skeleton(
    fileobj: IO[bytes], keywords: Collection[str], comment_tags: Collection[str], options: Any
) -> Iterator[Extracted]:
    """Babel's extraction method for the log book skeleton: ``{{ KEY }}`` is the entry KEY."""
    yield from _by_pattern(fileobj.read().decode("utf-8"), _SKELETON_KEY, "")
