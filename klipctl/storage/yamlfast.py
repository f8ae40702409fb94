"""klipctl's own YAML layout, read and written in plain Python: reading four to six times faster
than libyaml, and neither needing PyYAML loaded (a tenth of a short command's start-up).

A full ``verify`` reads every failure file of the log book, and libyaml (through PyYAML's
constructors) takes most of a millisecond for one. The files klipctl writes all have one small
shape (what ``yamlio.dumps`` gives, and the commented settings, roster and calendar files a new
log book starts with): block mappings and block sequences, plain scalars that are strings,
decimal numbers, ``null`` (or nothing) and ``true``/``false``, single-quoted strings, literal
blocks (``|``), the empty ``{}`` and ``[]``, and comment and blank lines between them. This
reads exactly that shape and gives exactly what the safe loader in ``yamlio`` gives for it; it
raises ``Unsupported`` on anything else (a comment after a value, a tab, a double-quoted
string, a tag, an anchor, a number other than a plain decimal, a date, a duplicate key, ...),
and ``yamlio`` then reads the file with libyaml, which also names whatever is wrong with it. So
no file is ever read differently: only faster when klipctl wrote it, and without loading
PyYAML at all for a command that only reads. ``tests/test_yamlfast.py`` and
``tests/test_properties.py`` hold the two readers equal.
"""

from __future__ import annotations

import re
from functools import lru_cache
from typing import Any


class Unsupported(ValueError):
    """Not the layout this reader knows: read it with libyaml instead."""


# Every character YAML accepts in a document, except the line breaks other than "\n" (\r, NEL,
# U+2028, U+2029) and the byte-order mark, and the tab: a file with any of those goes to libyaml.
_ODD_ASCII = re.compile("[^\n\x20-\x7e]")
_ODD = "[^\n\x20-\x7e\xa0-\u2027\u202a-\ud7ff\ue000-\ufefe\uff00-\ufffd\U00010000-\U0010ffff]"
_KEY = re.compile(r"([A-Za-z_][A-Za-z0-9_]*):(?: (.*))?")
_INT = re.compile(r"0|[1-9][0-9]{0,18}")  # below yamlio's 20-digit limit
# How YAML 1.1 reads a plain scalar: PyYAML's implicit resolvers (yaml/resolver.py, which its C
# loader uses too), copied so that reading klipctl's own files needs no PyYAML import. Any
# plain scalar one of them matches (null, a bool, a number, a date, "<<", "=") is not a plain
# string here; tests/test_yamlfast.py holds this table equal to the installed PyYAML's.
_IMPLICIT = (
    ("bool", r"""^(?:yes|Yes|YES|no|No|NO
                    |true|True|TRUE|false|False|FALSE
                    |on|On|ON|off|Off|OFF)$""", "yYnNtTfFoO"),
    ("float", r"""^(?:[-+]?(?:[0-9][0-9_]*)\.[0-9_]*(?:[eE][-+][0-9]+)?
                    |\.[0-9][0-9_]*(?:[eE][-+][0-9]+)?
                    |[-+]?[0-9][0-9_]*(?::[0-5]?[0-9])+\.[0-9_]*
                    |[-+]?\.(?:inf|Inf|INF)
                    |\.(?:nan|NaN|NAN))$""", "-+0123456789."),
    ("int", r"""^(?:[-+]?0b[0-1_]+
                    |[-+]?0[0-7_]+
                    |[-+]?(?:0|[1-9][0-9_]*)
                    |[-+]?0x[0-9a-fA-F_]+
                    |[-+]?[1-9][0-9_]*(?::[0-5]?[0-9])+)$""", "-+0123456789"),
    ("merge", r"^(?:<<)$", "<"),
    ("null", r"""^(?: ~
                    |null|Null|NULL
                    | )$""", ["~", "n", "N", ""]),
    ("timestamp", r"""^(?:[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]
                    |[0-9][0-9][0-9][0-9] -[0-9][0-9]? -[0-9][0-9]?
                     (?:[Tt]|[ \t]+)[0-9][0-9]?
                     :[0-9][0-9] :[0-9][0-9] (?:\.[0-9]*)?
                     (?:[ \t]*(?:Z|[-+][0-9][0-9]?(?::[0-9][0-9])?))?)$""", "0123456789"),
    ("value", r"^(?:=)$", "="),
    ("yaml", r"^(?:!|&|\*)$", "!&*"),
)  # fmt: skip


def _by_first_character() -> dict[str, list[tuple[str, re.Pattern[str]]]]:
    found: dict[str, list[tuple[str, re.Pattern[str]]]] = {}
    for tag, pattern, firsts in _IMPLICIT:
        regexp = re.compile(pattern, re.X if "\n" in pattern else 0)
        for first in firsts:
            found.setdefault(first, []).append((f"tag:yaml.org,2002:{tag}", regexp))
    return found


_RESOLVERS = _by_first_character()
# A plain scalar may not begin with an indicator, and one beginning with "-", "?" or ":" is
# left to libyaml (a sequence entry, a complex key or a number).
_NOT_PLAIN_START = frozenset("-?:,[]{}#&*!|>'\"%@`")
# The usual plain scalar, checked in one step: no indicator first, no ":" or "#" at all (so no
# ": " or " #"), no space at either end. Others go through the longer checks of ``inline``.
_PLAIN = re.compile(r"[^-?:,\[\]{}#&*!|>'\"%@` ][^:#]*(?<! )")
_RESOLVED = frozenset(k for k in _RESOLVERS if k)  # first characters a resolver looks at


def parse(text: str) -> tuple[Any, list[int]]:
    """The document, and the numbers (0-based) of the lines where each item of the block
    sequence under the top mapping's last key begins (empty when that value is no sequence
    written at the left margin)."""
    odd = _ODD_ASCII if text.isascii() else _odd()
    if not text.endswith("\n") or odd.search(text):
        raise Unsupported("line breaks or characters left to libyaml")
    lines = text.split("\n")
    lines.pop()  # after the final "\n"
    start = 0
    while start < len(lines) and lines[start].startswith("#"):
        start += 1  # comments only before the document
    if start == len(lines):
        raise Unsupported("no document")
    reader = _Reader(lines)
    doc, end = reader.mapping(start, 0)
    if end != len(lines):
        raise Unsupported(f"line {end + 1}")
    return doc, reader.top_items


class _Reader:
    def __init__(self, lines: list[str]) -> None:
        self.lines = lines
        self.top_items: list[int] = []
        self._items: list[int] = []  # the item lines of the sequence read last, at the margin

    def mapping(self, i: int, indent: int, item: bool = False) -> tuple[dict[str, Any], int]:
        """The block mapping whose keys stand at column ``indent`` from line ``i``; ``item``:
        line ``i`` begins with a sequence's "- " (the mapping is that item)."""
        lines = self.lines
        found: dict[str, Any] = {}
        pad = " " * indent
        deeper = pad + " "
        n = len(lines)
        while i < n:
            line = lines[i]
            if item:
                item = False
            elif _filler(line):
                i += 1
                continue
            elif not line.startswith(pad):
                break  # less indented: the mapping ends
            elif line.startswith(deeper):
                raise Unsupported(f"line {i + 1}: indentation")
            match = _KEY.fullmatch(line, indent)
            if match is None:
                if line.startswith("-", indent):
                    break  # a sequence at this indentation (the value of the key before)
                raise Unsupported(f"line {i + 1}")
            key, rest = match.groups()
            if key in found or (key[0] in _RESOLVED and _resolves(key)):
                raise Unsupported(f"line {i + 1}: key")
            if rest is None:
                value, i = self.block(i + 1, indent)
                if indent == 0:
                    self.top_items = self._items if isinstance(value, list) else []
            else:
                if _PLAIN.fullmatch(rest) and (i + 1 == n or not lines[i + 1].startswith(deeper)):
                    # The usual value: a plain scalar on one line.
                    value = _scalar(rest, i) if rest[0] in _RESOLVED else rest
                    i += 1
                else:
                    value, i = self.inline(rest, i, indent)
                if indent == 0:
                    self.top_items = []
            found[key] = value
        return found, i

    def block(self, i: int, indent: int) -> tuple[Any, int]:
        """The value of a key standing alone on its line (at ``indent``): the block below."""
        lines = self.lines
        after = i
        while i < len(lines) and _filler(lines[i]):
            i += 1
        if i >= len(lines):
            return None, after  # nothing written: null (the lines between are only comments)
        line = lines[i]
        inner = len(line) - len(line.lstrip(" "))
        if inner == indent and line.startswith("- ", indent):
            return self.sequence(i, indent)  # the sequence written at the key's own column
        if inner <= indent:
            return None, after
        if line.startswith("- ", inner):
            return self.sequence(i, inner)
        return self.mapping(i, inner)

    def sequence(self, i: int, indent: int) -> tuple[list[Any], int]:
        lines = self.lines
        items: list[Any] = []
        starts: list[int] = []
        dash = " " * indent + "- "
        deeper = " " * (indent + 1)
        n = len(lines)
        while i < n:
            line = lines[i]
            if _filler(line):
                i += 1
                continue
            if not line.startswith(dash):
                if line.startswith(deeper):
                    raise Unsupported(f"line {i + 1}: indentation")
                break  # less indented, or the next key of the mapping this is the value of
            starts.append(i)
            if _KEY.fullmatch(line, indent + 2):
                item, i = self.mapping(i, indent + 2, item=True)
            else:
                item, end = self.inline(line[indent + 2 :], i, indent + 1)
                if end != i + 1:
                    raise Unsupported(f"line {i + 1}: a scalar item over several lines")
                i = end
            items.append(item)
        self._items = starts if indent == 0 else []
        return items, i

    def inline(self, rest: str, i: int, indent: int) -> tuple[Any, int]:
        """A value begun after "key: " on line ``i`` of a mapping at ``indent``; where it ends."""
        head = rest[:1]
        if not head or head == " ":
            raise Unsupported(f"line {i + 1}: a value after spaces")
        if rest in ("{}", "[]"):
            return ({} if rest == "{}" else []), i + 1
        if rest in ("|", "|-", "|+"):
            return self.literal(i + 1, indent, rest[1:])
        if head == "'":
            return self.quoted(rest, i, indent)
        if head in _NOT_PLAIN_START or rest.endswith(" "):
            raise Unsupported(f"line {i + 1}: scalar")
        if ": " in rest or " #" in rest or rest.endswith(":"):
            raise Unsupported(f"line {i + 1}: scalar")
        parts = [rest]
        end = i + 1
        for end, more in self._continued(i + 1, indent):
            if more[:1] in _NOT_PLAIN_START or ": " in more or " #" in more or more.endswith(":"):
                raise Unsupported(f"line {end}: scalar")
            parts.append(more)
        i = end
        value = " ".join(parts) if len(parts) > 1 else rest
        return _scalar(value, i - 1), i

    def _continued(self, i: int, indent: int) -> Any:
        """The continuation lines of a flow scalar (more indented than its mapping), each
        without its indentation, with the line after each; blank lines are left to libyaml."""
        lines = self.lines
        while i < len(lines):
            line = lines[i]
            stripped = line.lstrip(" ")
            if len(line) - len(stripped) <= indent:
                return
            if not stripped or stripped.endswith(" "):
                raise Unsupported(f"line {i + 1}: spaces")
            yield i + 1, stripped
            i += 1

    def quoted(self, rest: str, i: int, indent: int) -> tuple[str, int]:
        parts: list[str] = []
        text = rest[1:]
        i += 1
        while True:
            end = _closing_quote(text)
            if end >= 0:
                if text[end + 1 :]:
                    raise Unsupported(f"line {i}: after a quoted string")
                parts.append(text[:end])
                break
            if text.endswith(" "):
                raise Unsupported(f"line {i}: spaces")
            parts.append(text)
            line = self.lines[i] if i < len(self.lines) else ""
            stripped = line.lstrip(" ")
            if len(line) - len(stripped) <= indent or not stripped:
                raise Unsupported(f"line {i + 1}: quoted string")
            text = stripped
            i += 1
        return " ".join(parts).replace("''", "'"), i

    def literal(self, i: int, indent: int, chomp: str) -> tuple[str, int]:
        """A literal block (``|``, ``|-`` or ``|+``) after a key at ``indent``."""
        lines = self.lines
        if i >= len(lines):
            raise Unsupported("empty block")
        first = lines[i]
        inner = len(first) - len(first.lstrip(" "))
        if inner <= indent or inner == len(first):
            raise Unsupported(f"line {i + 1}: block")
        pad = " " * inner
        body: list[str] = []
        n = len(lines)
        while i < n:
            line = lines[i]
            if line.startswith(pad):
                body.append(line[inner:])
            elif line == "":
                body.append("")
            elif line.strip() == "" or len(line) - len(line.lstrip(" ")) > indent:
                raise Unsupported(f"line {i + 1}: block indentation")
            else:
                break
            i += 1
        trailing = 0
        while body and body[-1] == "":
            body.pop()
            trailing += 1
        text = "\n".join(body)
        if chomp == "-":
            return text, i
        return text + "\n" + ("\n" * trailing if chomp == "+" else ""), i


@lru_cache(maxsize=1)
def _odd() -> re.Pattern[str]:
    return re.compile(_ODD)  # compiled only for text beyond ASCII: a few milliseconds


def _closing_quote(text: str) -> int:
    """Where a single-quoted string's closing quote is in ``text`` ("''" is a quote inside)."""
    pos = 0
    while True:
        pos = text.find("'", pos)
        if pos < 0 or text[pos + 1 : pos + 2] != "'":
            return pos
        pos += 2


def _filler(line: str) -> bool:
    """A blank line, or a comment alone on its line: between values YAML reads past both."""
    stripped = line.lstrip(" ")
    return not stripped or stripped[0] == "#"


# PyYAML's constructors for the two keywords read here (the safe loader's bool_values).
_BOOLS = {"yes": True, "no": False, "true": True, "false": False, "on": True, "off": False}


def _scalar(value: str, i: int) -> Any:
    """A plain scalar (on line ``i``) as YAML reads it: a string, a decimal number, null or a
    bool; anything else it could be (another number, a date, "<<", "=") is left to libyaml."""
    tag = _resolved(value)
    if tag is None:
        return value
    if tag == "tag:yaml.org,2002:int" and _INT.fullmatch(value):
        return int(value)
    if tag == "tag:yaml.org,2002:null":
        return None
    if tag == "tag:yaml.org,2002:bool":
        return _BOOLS[value.lower()]
    raise Unsupported(f"line {i + 1}: not a plain string")


def _resolved(value: str) -> str | None:
    """The tag YAML gives this plain scalar, when it is not a string."""
    for tag, regexp in _RESOLVERS.get(value[:1], ()):
        if regexp.match(value):
            return tag
    return None


def _resolves(value: str) -> bool:
    """Would YAML read this plain scalar as anything but a string?"""
    return _resolved(value) is not None


# --- writing -------------------------------------------------------------------------------

# Text PyYAML writes as it is (or, when YAML would read it as something else, in single
# quotes): printable ASCII beginning with a letter or digit, without quotes, backslashes or
# "|", ending in neither a space nor ":" (and, checked apart, with no ": " and no " #").
_INNER = r"\-A-Za-z0-9.,/()+=;@%&!?~^$<>\[\]{}*_#"
_WRITABLE = re.compile(rf"[A-Za-z0-9](?:[{_INNER} :]*[{_INNER}])?")
_KEY_NAME = re.compile(r"[A-Za-z_][A-Za-z0-9_]*")
_LITERAL_LINE = re.compile(r"[!-~](?:[ -~]*[!-~])?")  # printable ASCII, no space at either end
WIDTH = 100  # yamlio's line width: PyYAML folds longer text at a space


def dump(data: Any) -> str | None:
    """``data`` exactly as ``yamlio.dumps`` (PyYAML, block style, width 100) writes it, when it
    is made only of what klipctl itself writes into an entry, a roster or calendar change or a
    file's head (mappings and lists of names, numbers, null, true/false, short ASCII text,
    signatures); None for anything else, which PyYAML then writes. Writing so needs no PyYAML
    import; ``tests/test_yamlfast.py`` holds the two writers equal."""
    if _shared(data, set()):
        return None  # PyYAML writes an anchor and an alias for a container met twice
    lines: list[str] = []
    if isinstance(data, dict) and data:
        ok = _mapping(data, 0, "", lines)
    elif isinstance(data, list) and data:
        ok = _sequence(data, 0, lines)
    else:
        return None
    return "\n".join(lines) + "\n" if ok else None


def _shared(value: Any, seen: set[int]) -> bool:
    """Does a mapping or list appear more than once (the same object) inside ``value``?"""
    if not isinstance(value, (dict, list)):
        return False
    if id(value) in seen:
        return True
    seen.add(id(value))
    return any(_shared(v, seen) for v in (value.values() if isinstance(value, dict) else value))


def _mapping(data: dict[Any, Any], indent: int, first: str, lines: list[str]) -> bool:
    """Each key at ``indent``; the first line begins with ``first`` instead (a list's "- ")."""
    pad = " " * indent
    for key, value in data.items():
        if not (isinstance(key, str) and _KEY_NAME.fullmatch(key)) or _resolves(key):
            return False
        head = f"{first or pad}{key}:"
        first = ""
        if isinstance(value, dict) and value:
            lines.append(head)
            if not _mapping(value, indent + 2, "", lines):
                return False
        elif isinstance(value, list) and value:
            lines.append(head)
            if not _sequence(value, indent, lines):
                return False
        elif isinstance(value, str) and "\n" in value:
            if not _literal(value, head, indent + 2, lines):
                return False
        else:
            text = _scalar_text(value, len(head) + 1)
            if text is None:
                return False
            lines.append(f"{head} {text}")
    return True


def _sequence(items: list[Any], indent: int, lines: list[str]) -> bool:
    pad = " " * indent
    for item in items:
        if isinstance(item, dict) and item:
            if not _mapping(item, indent + 2, pad + "- ", lines):
                return False
        elif isinstance(item, (list, dict)) and item or isinstance(item, str) and "\n" in item:
            return False
        else:
            text = _scalar_text(item, indent + 2)
            if text is None:
                return False
            lines.append(f"{pad}- {text}")
    return True


def _literal(value: str, head: str, indent: int, lines: list[str]) -> bool:
    """A text of several lines as a literal block ("|"): only one that ends with exactly one
    line break and has no empty line, and no space at either end of a line."""
    body = value[:-1].split("\n")
    if not value.endswith("\n") or not all(_LITERAL_LINE.fullmatch(line) for line in body):
        return False
    lines.append(f"{head} |")
    lines.extend(" " * indent + line for line in body)
    return True


def _scalar_text(value: Any, column: int) -> str | None:
    """One value as written after ``column`` characters of its line, or None."""
    if value is None:
        return "null"
    if value is True or value is False:
        return "true" if value else "false"
    if isinstance(value, int):
        return str(value)
    if isinstance(value, (dict, list)):
        return "{}" if isinstance(value, dict) else "[]"  # empty: the others are blocks
    if not isinstance(value, str):
        return None
    if value == "":
        return "''"
    if not _WRITABLE.fullmatch(value) or ": " in value or " #" in value:
        return None
    if column + len(value) + 2 > WIDTH:
        return None  # PyYAML would fold it at a space
    return f"'{value}'" if _resolves(value) else value
