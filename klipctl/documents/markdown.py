"""Text from the log book in Markdown that still reads as plain text.

The Markdown documents are read twice: by a Markdown viewer, where a title like ``*kritis*`` or
``<b>`` must stay the title the person typed, and as plain text (in Notepad, in a mail, in the
signed file itself), where every ``\\.`` or ``\\(`` is noise. So a backslash goes only before a
character that CommonMark (with GitHub's tables and strikethrough) would really take as markup
where it stands: a ``#``, ``>``, ``-`` or ``1.`` that would start a block at the beginning of a
line, a ``*``/``_``/``~`` that could open or close emphasis, a pair of backticks, an HTML tag,
an entity, a link's ``](`` or ``[label]:``, a ``|`` inside a table cell. Paragraphs are wrapped
(never before a word that would need a backslash at the start of a line), and their
continuation lines indented under the text of their list item, so the file reads as it prints.
"""

from __future__ import annotations

import re
import unicodedata
from typing import Any

WIDTH = 80  # the longest line of a wrapped paragraph, its indentation included

_ASCII_PUNCT = frozenset("!\"#$%&'()*+,-./:;<=>?@[\\]^_`{|}~")
_TAG_START = re.compile(r"<(?=[A-Za-z/!?])")  # an HTML tag, comment or an autolink <http:…>
_ENTITY = re.compile(r"&(?=#[0-9]{1,7};|#[xX][0-9a-fA-F]{1,6};|[A-Za-z][A-Za-z0-9]{1,31};)")
_LINK_END = re.compile(r"\](?=\()")  # an inline link or image: "[text](url)"
_DELIMITERS = re.compile(r"\*+|_+|~+")

# What starts a block when it opens a line: a heading, a quote, a list item, a fence, a rule or
# setext underline, a table's delimiter row.
_LINE_START = re.compile(
    r"""(?:
        \#{1,6}(?=\s|$)              # ATX heading
      | >                            # block quote
      | [-+*](?=\s|$)                # bullet list item
      | [0-9]{1,9}(?=[.)](?:\s|$))   # ordered list item: escape the . or ) after the number
      | (?:`{3}|~{3})                # code fence
      | (?:([-*_])[ \t]*)(?:\1[ \t]*){2,}$   # thematic break
      | =+[ \t]*$ | -+[ \t]*$        # setext heading underline
      | (?=\|?[ \t]*:?-+:?[ \t]*\|)  # a table's delimiter row: |---|---| or ---|---
      | (?=\[[^\]]*\]:)             # a link reference definition: [label]: url
    )""",
    re.VERBOSE,
)


def _is_space(ch: str) -> bool:
    return ch == "" or ch.isspace()


def _is_punct(ch: str) -> bool:
    return ch in _ASCII_PUNCT or (ch != "" and unicodedata.category(ch).startswith(("P", "S")))


def _flanking(text: str, start: int, end: int) -> tuple[bool, bool]:
    """Whether the delimiter run text[start:end] could open and could close emphasis."""
    before = text[start - 1] if start > 0 else ""
    after = text[end] if end < len(text) else ""
    left = not _is_space(after) and (not _is_punct(after) or _is_space(before) or _is_punct(before))
    right = not _is_space(before) and (
        not _is_punct(before) or _is_space(after) or _is_punct(after)
    )
    if text[start] == "_":  # an underscore inside a word never opens or closes (snake_case)
        return left and (not right or _is_punct(before)), right and (not left or _is_punct(after))
    return left, right


def _emphasis(text: str) -> set[int]:
    """The positions of the ``*``, ``_`` and ``~`` that could be read as emphasis or
    strikethrough. A ``*`` is escaped wherever it could open or close (the templates put
    ``**`` around some values, which a lone one could pair with); a ``_`` or ``~`` only where
    the text holds both an opener and a later closer of its kind."""
    runs: dict[str, list[tuple[int, int, bool, bool]]] = {"*": [], "_": [], "~": []}
    for found in _DELIMITERS.finditer(text):
        opens, closes = _flanking(text, found.start(), found.end())
        runs[found.group()[0]].append((found.start(), found.end(), opens, closes))
    marked: set[int] = set()
    for kind, found_runs in runs.items():
        live = [(a, b) for a, b, opens, closes in found_runs if opens or closes]
        if kind != "*":
            first_opener = next((a for a, _b, opens, _c in found_runs if opens), None)
            pairs = first_opener is not None and any(
                closes and a > first_opener for a, _b, _o, closes in found_runs
            )
            if not pairs:
                continue
        for a, b in live:
            marked.update(range(a, b))
    return marked


def escape_inline(value: Any) -> str:
    """``value`` with a backslash before each character that would be markup inside a line."""
    text = str(value)
    marked = _emphasis(text)
    marked.update(m.start() for m in _TAG_START.finditer(text))
    marked.update(m.start() for m in _ENTITY.finditer(text))
    marked.update(m.start() for m in _LINK_END.finditer(text))
    if text.count("`") > 1:  # two backticks may make a code span
        marked.update(i for i, ch in enumerate(text) if ch == "`")
    out = []
    for i, ch in enumerate(text):
        nxt = text[i + 1] if i + 1 < len(text) else ""
        # A backslash escapes what follows it, and at the end of a line makes a line break.
        if i in marked or (ch == "\\" and (nxt in _ASCII_PUNCT or _is_space(nxt))):
            out.append("\\")
        out.append(ch)
    return "".join(out)


def _line_start(line: str) -> str:
    found = _LINE_START.match(line)
    if not found:
        return line
    at = found.end() if line[:1].isdigit() else 0
    return f"{line[:at]}\\{line[at:]}"


def _wrap(text: str, first: int, rest: int) -> list[str]:
    """Words in lines of at most ``first`` (then ``rest``) columns, never broken before a word
    that would open a block at the start of a line ("2026." or "-" stays on the line before,
    where it needs no backslash)."""
    words = text.split(" ")
    lines = [words[0]]
    at = len(words[0]) + 1  # where the next word starts in ``text``
    for word in words[1:]:
        room = first if len(lines) == 1 else rest
        if len(lines[-1]) + 1 + len(word) > room and not _LINE_START.match(text, at):
            lines.append(word)
        else:
            lines[-1] += " " + word
        at += len(word) + 1
    return lines


def md(value: Any, indent: int = 0, width: int | None = None, lead: int | None = None) -> str:
    """Text from the log book as Markdown that keeps its own line breaks: each line made
    inert, and, when ``width`` is given, wrapped. Continuation lines are indented by
    ``indent`` spaces (the width of the list marker the template puts before the first);
    ``lead`` is how far the first line starts in, when that is not ``indent``."""
    out: list[str] = []
    lines = escape_inline(value).split("\n")
    for n, source in enumerate(lines):
        # Leading spaces would make code, trailing ones a line break; spaces between words stay
        # as typed ("LAP-      /KLIP/2026", a number to fill in) unless the text is wrapped.
        source = source.strip() if width is None else " ".join(source.split())
        if not source:
            if out and out[-1]:  # one empty line between paragraphs, none at the ends
                out.append("")
            continue
        if width is None:
            wrapped = [source]
        else:
            first = lead if lead is not None and not out else indent
            wrapped = _wrap(source, width - first, width - indent)
        hard = n + 1 < len(lines) and lines[n + 1].strip()  # the person's own line break
        out += [_line_start(line) for line in wrapped]
        if hard:
            out[-1] += "  "
    while out and not out[-1]:
        out.pop()
    pad = " " * indent
    return "\n".join(pad + line if k and line else line for k, line in enumerate(out))


def md_para(value: Any, indent: int = 0, lead: int | None = None) -> str:
    """A paragraph: ``md`` wrapped to ``WIDTH`` columns."""
    return md(value, indent, WIDTH, lead)


def md_cell(value: Any) -> str:
    """A table cell: one line, and a ``|`` that would end the cell escaped too. (A cell holds
    only inline text: nothing at its start can begin a block.)"""
    return escape_inline(" ".join(str(value).split())).replace("|", "\\|")
