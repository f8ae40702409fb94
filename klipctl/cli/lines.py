"""Messages and the long tables (list, due, inbox), written as lines without loading Rich where
it would add nothing.

Into a file or a pipe Rich neither colours nor wraps (``output`` prints messages with soft
wrapping there, and the long tables are laid out here anyway): it only drops control
characters. So there a line is written as it is, and a read, a write's summary, a refusal or a
usage error does not wait for Rich to load (a third of a `list`). At a terminal, where colour is
forced (FORCE_COLOR, TTY_COMPATIBLE) or COLUMNS sets the width, or for a tab (which Rich expands
by the columns it has drawn), ``output``'s Rich console does it: colour, wrapping at the
terminal's width, Windows consoles. Text keeps its style as ``Styled`` (a ``str``), so the
tables and messages here are made without Rich's ``Text`` and look the same either way.
"""

from __future__ import annotations

import json
import os
import sys
from collections.abc import Callable, Mapping, Sequence
from datetime import date
from functools import cache
from typing import TYPE_CHECKING, Any, TextIO

if TYPE_CHECKING:
    from rich.console import Console

    from klipctl.app.calendar import DueBoard
    from klipctl.app.entries import Change
    from klipctl.app.queries import Waiting
    from klipctl.domain.standing import Status
    from klipctl.i18n.messages import Messages
    from klipctl.storage.logbook import Problem

PREFIX = "klipctl: "  # before an error, bold red where colour is shown
PIPE_WIDTH = 200  # into a file or a pipe, rows are not cut to a made-up terminal width
_GAP = "   "  # between columns, as Rich's tables pad them
_FORCING = ("FORCE_COLOR", "TTY_COMPATIBLE", "TTY_INTERACTIVE")
_DROPPED = dict.fromkeys((7, 8, 11, 12, 13))  # what Rich's Text drops: BEL BS VT FF CR


class Styled(str):
    """Text with the Rich style it has where colour is shown (colour never carries the meaning
    alone); control characters dropped, as Rich's ``Text`` drops them."""

    style: str

    def __new__(cls, text: str, style: str = "") -> Styled:
        made = super().__new__(cls, text.translate(_DROPPED))
        made.style = style
        return made

    @property
    def plain(self) -> str:
        return str(self)


def plain(stream: TextIO, text: str = "") -> bool:
    """Would Rich write ``text`` to ``stream`` exactly as it is (but its control characters)?"""
    return "\t" not in text and not stream.isatty() and not any(os.environ.get(v) for v in _FORCING)


def say(*parts: str) -> None:
    """One message on standard error, made of parts (a ``Styled`` one keeps its style)."""
    text = "".join(parts)
    if plain(sys.stderr, text):
        sys.stderr.write(text.translate(_DROPPED) + "\n")
        return
    from rich.text import Text

    text_ = Text.assemble(*((p, p.style) if isinstance(p, Styled) else p for p in parts))
    stderr_console().print(text_, soft_wrap=not sys.stderr.isatty())


def error(text: str) -> None:
    say(Styled(PREFIX, "bold red"), text)


def info(text: str) -> None:
    sys.stdout.flush()  # keep data and messages in order on a shared terminal
    say(text)


def print_json(data: Any) -> None:
    sys.stdout.write(json.dumps(data, ensure_ascii=False, indent=2) + "\n")


def write_exact(text: str) -> None:
    """``text`` to standard output as UTF-8, its line ends untranslated (CSV's own CRLF)."""
    sys.stdout.flush()
    buffer = getattr(sys.stdout, "buffer", None)
    if buffer is None:
        sys.stdout.write(text)
        return
    buffer.write(text.encode("utf-8"))
    buffer.flush()


def console(**options: Any) -> Console:
    """A Rich console as every output uses one: no markup highlighting, and no escape
    sequence at all (bold included, which Rich keeps under NO_COLOR) where NO_COLOR is set."""
    from rich.console import Console

    if os.environ.get("NO_COLOR"):
        options["color_system"] = None
    return Console(highlight=False, **options)


@cache
def stderr_console() -> Console:
    """Standard error's console, made when a message first needs Rich."""
    return console(stderr=True)


def _row_style(width: int | None) -> tuple[int, Callable[[str, Any], str] | None]:
    """At a terminal: the width of standard output and how a cell is coloured (None: no
    colour, where NO_COLOR, TERM=dumb, a file or a pipe say so)."""
    from rich.color import ColorSystem
    from rich.style import Style

    out_console = console(width=width)
    systems = {
        "standard": ColorSystem.STANDARD,
        "256": ColorSystem.EIGHT_BIT,
        "truecolor": ColorSystem.TRUECOLOR,
        "windows": ColorSystem.WINDOWS,
    }
    system = None if out_console.no_color else systems.get(out_console.color_system or "")
    if system is None:
        return out_console.width, None

    def render(text: str, style: Any) -> str:
        styled = style if isinstance(style, Style) else Style.parse(style)
        return styled.render(text, color_system=system)

    return out_console.width, render


def print_rows(
    headers: Sequence[str],
    rows: Sequence[Sequence[Any]],
    flexible: Mapping[int, int],
    min_widths: Mapping[int, int] | None = None,
) -> None:
    """A long table (a list, the due board) written line by line, looking like the Rich tables
    elsewhere: a header, a rule, columns three spaces apart. Rich lays out every cell of a
    ``Table`` through its measuring engine (about 2 ms a row, seconds for a few thousand
    rows); this computes the widths once. Columns in ``flexible`` (index → share) give way,
    with an ellipsis, when a line would be wider than the terminal; the others never shrink.
    Cells are ``str``, ``Styled`` or Rich ``Text``; their styles are kept, coloured as the
    console allows (NO_COLOR, pipes)."""
    from rich.cells import cell_len, set_cell_size  # a table of widths, no console

    width, render = PIPE_WIDTH, None
    if not plain(sys.stdout) or os.environ.get("COLUMNS"):
        width, render = _row_style(
            None if sys.stdout.isatty() or os.environ.get("COLUMNS") else PIPE_WIDTH
        )
    texts = [[getattr(cell, "plain", cell) for cell in row] for row in rows]
    widths = [
        max([cell_len(h), (min_widths or {}).get(i, 0)] + [cell_len(r[i]) for r in texts])
        for i, h in enumerate(headers)
    ]
    room = width - len(_GAP) * (len(widths) - 1)
    room -= sum(w for i, w in enumerate(widths) if i not in flexible)
    if sum(widths[i] for i in flexible) > room:
        # Share the room by ratio; a column narrower than its share leaves the rest to others.
        wanting = dict(flexible)
        while wanting:
            shares = sum(wanting.values())
            fits = {i for i in wanting if widths[i] <= room * wanting[i] // shares}
            if not fits:
                for i, share in wanting.items():
                    widths[i] = max(4, room * share // shares)
                break
            room -= sum(widths[i] for i in fits)
            wanting = {i: v for i, v in wanting.items() if i not in fits}

    def cell(text: str, width: int, style: Any) -> str:
        if cell_len(text) > width:
            text = set_cell_size(text, width - 1) + "…"
        padded = text + " " * (width - cell_len(text))
        if render is None or not style:
            return padded
        return render(text, style) + padded[len(text) :]

    def line(cells: list[str]) -> str:
        return _GAP.join(cells).rstrip()

    out = [line([cell(h, w, "bold") for h, w in zip(headers, widths, strict=True)])]
    out.append("─" * (sum(widths) + len(_GAP) * (len(widths) - 1)))
    for row, row_texts in zip(rows, texts, strict=True):
        out.append(
            line(
                [
                    cell(text, w, getattr(c, "style", None))
                    for c, text, w in zip(row, row_texts, widths, strict=True)
                ]
            )
        )
    sys.stdout.write("\n".join(out) + "\n")
    sys.stdout.flush()


def _fmt_date(day: date | None) -> str:
    return day.isoformat() if day else "—"


def standing_text(status: Status, m: Messages) -> Styled:
    """How the deadline stands, in words: colour never carries the meaning alone."""
    f = status.failure
    if f.stage == "withdrawn":
        return Styled(m("entry_withdraw").lower(), "dim")
    if status.deadline is None:
        return Styled(m("no_deadline"), "dim")
    left = status.days_left
    if left is None:  # the verdict is final (domain.verdict), the same as the documents'
        if status.verdict.state == "met":
            return Styled(m("closed_in_time"), "green")
        if status.verdict.state == "missed":
            return Styled(m("closed_late"), "red")
        return Styled("")
    if left < 0:
        return Styled(m("days_late", n=-left), "bold red")
    if left == 0:
        return Styled(m("due_today"), "bold yellow")
    return Styled(m("days_left", n=left), "yellow" if left <= 2 else "")


def deadline_parts(status: Status, m: Messages) -> list[str]:
    """The deadline and how it stands: "2026-03-12 (2 working days left)"."""
    if status.deadline is None:
        return [standing_text(status, m)]
    return [f"{status.deadline.isoformat()} (", standing_text(status, m), ")"]


def print_change(change: Change, m: Messages) -> None:
    f = change.status.failure
    parts: list[str] = [Styled(f.id, "bold"), Styled(f" · {f.title}\n")]
    if change.before == f.stage:
        parts.append(m("stage_kept", stage=m.stage(f.stage)) + "\n")
    else:
        before = m.stage(change.before) if change.before else "—"
        parts.append(m("stage_change", before=before, after=m.stage(f.stage)) + "\n")
    if change.status.deadline is not None and f.is_open:
        parts += [f"{m('deadline_label')}: ", *deadline_parts(change.status, m), "\n"]
    nxt = change.status.next
    parts.append(Styled(f"{m('next_label')}: ", "bold"))
    parts.append(m.next_step(f.id, nxt.actions, nxt.role, nxt.handle) if nxt else m("next_done"))
    say(*parts)


def print_list(statuses: Sequence[Status], problems: Sequence[Problem], m: Messages) -> None:
    if statuses:
        rows = [
            (
                f.id,
                Styled(f.title),
                Styled(f.system),
                m.stage(f.stage),
                Styled(f.assignee or "—"),
                _fmt_date(s.deadline),
                standing_text(s, m),
            )
            for s in statuses
            for f in (s.failure,)
        ]
        keys = (
            "col_id",
            "col_title",
            "col_system",
            "col_stage",
            "col_assignee",
            "col_deadline",
            "col_left",
        )
        # Short columns never shrink; the title and system give way (with an ellipsis) instead.
        print_rows([m(k) for k in keys], rows, flexible={1: 3, 2: 1})
        late = sum(1 for s in statuses if s.overdue)
        info(m("list_summary", n=len(statuses), late=late))
    else:
        info(m("list_empty"))
    print_problems(problems, m)


def print_problems(problems: Sequence[Problem], m: Messages) -> None:
    if problems:
        say(Styled(m("problems_header", n=len(problems)), "yellow"))
        for problem in problems:
            say(f"  {m.error(problem.error.key, problem.error.params)}")


def warning_text(warnings: Mapping[int, str], m: Messages) -> str | None:
    if not warnings:
        return None
    years = ", ".join(m(f"uncertain_{why}", year=year) for year, why in sorted(warnings.items()))
    return m("calendar_warning", years=years)


def print_calendar_warnings(warnings: Mapping[int, str], m: Messages) -> None:
    """One line on standard error, however many deadlines fall in unsettled years."""
    text = warning_text(warnings, m)
    if text:
        sys.stdout.flush()
        say(Styled(text, "yellow"))


def next_text(status: Status, m: Messages) -> Styled:
    nxt = status.next
    if nxt is None or nxt.role is None:
        return Styled(m("next_done"))
    command = "review" if set(nxt.actions) == {"accept", "reject"} else nxt.actions[0]
    who = nxt.handle or m.role(nxt.role)
    return Styled(f"{who}: {command}")


def print_due(board: DueBoard, m: Messages) -> None:
    if not board.statuses:
        info(m("due_empty"))
        print_problems(board.problems, m)
        return
    headers = [m(k) for k in ("col_id", "col_title", "col_stage", "col_next")]
    headers += [m("col_deadline"), m("col_left")]
    rows = [
        (
            s.failure.id,
            Styled(s.failure.title),
            m.stage(s.failure.stage),
            next_text(s, m),
            _fmt_date(s.deadline),
            standing_text(s, m),
        )
        for s in board.statuses
    ]
    print_rows(headers, rows, flexible={1: 2, 3: 1}, min_widths={0: 12, 4: 10})
    info(
        m(
            "due_summary",
            n=len(board.statuses),
            late=board.overdue,
            soon=board.soon,
            unassigned=board.unassigned,
        )
    )
    print_calendar_warnings(board.warnings, m)
    print_problems(board.problems, m)


def next_command(status: Status, stranded: Mapping[str, str] | None = None) -> str | None:
    """What the next actor types: ``klipctl record ID`` (``reassign`` where the one person the
    SOP names has left the roster)."""
    nxt = status.next
    if nxt is None:
        return None
    fid = status.failure.id
    if stranded and fid in stranded:
        return f"klipctl reassign {fid} --to …"
    command = "review" if set(nxt.actions) == {"accept", "reject"} else nxt.actions[0]
    return f"klipctl {command} {fid}"


def print_inbox(waiting: Waiting, m: Messages) -> None:
    statuses, problems, stranded = waiting.statuses, waiting.problems, waiting.stranded
    if not statuses:
        info(m("inbox_empty"))
        print_problems(problems, m)
        return
    headers = [m(k) for k in ("col_id", "col_title", "col_stage", "col_deadline", "col_left")]
    headers.append(m("col_command"))
    rows = [
        (
            s.failure.id,
            Styled(s.failure.title),
            m.stage(s.failure.stage),
            _fmt_date(s.deadline),
            standing_text(s, m),
            Styled(next_command(s, stranded) or ""),
        )
        for s in statuses
    ]
    print_rows(headers, rows, flexible={1: 2, 5: 1}, min_widths={0: 12, 3: 10})
    for fid, handle in stranded.items():
        info(f"{fid}: " + m("inbox_stranded", handle=handle, id=fid))
    late = sum(1 for s in statuses if s.overdue)
    key = "inbox_summary" if late or len(statuses) == 1 else "inbox_summary_none_late"
    info(m(key, n=len(statuses), late=late))
    print_problems(problems, m)
