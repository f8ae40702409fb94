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
import re
import sys
from collections.abc import Callable, Mapping, Sequence
from datetime import date
from functools import cache
from typing import TYPE_CHECKING, Any, TextIO

from klipctl.cli.columns import WIDE_GAP, Column, Short, layout

if TYPE_CHECKING:
    from rich.console import Console

    from klipctl.app.calendar import DueBoard
    from klipctl.app.entries import Change
    from klipctl.app.queries import Waiting
    from klipctl.domain.standing import Status
    from klipctl.i18n.messages import Messages
    from klipctl.storage.logbook import Problem

PREFIX = "klipctl: "  # before an error
PIPE_WIDTH = 200  # into a file or a pipe, rows are not cut to a made-up terminal width
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


def plain_stdout() -> bool:
    """Is standard output written as lines, without Rich: a file or a pipe, no colour forced,
    no COLUMNS asking for a width (the long tables and `show` ask it)."""
    return plain(sys.stdout) and not os.environ.get("COLUMNS")


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
    say(Styled(PREFIX + text, "bold red"))  # the whole sentence, where colour is shown


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


# Text whose every character takes one column: printable ASCII, Latin letters, and the marks
# klipctl's own cells use ("—" for nobody yet). tests/test_terminal.py holds it to Rich's table.
_ONE_COLUMN_EACH = re.compile("[ -~\xa0-\u02ff—–…·→]*")


def cell_len(text: str) -> int:
    """The columns ``text`` takes: its length, for the usual text, else Rich's table of
    widths (loaded only then: it is a tenth of the list's start-up)."""
    if _ONE_COLUMN_EACH.fullmatch(text):
        return len(text)
    from rich.cells import cell_len as measured

    return measured(text)


def set_cell_size(text: str, width: int) -> str:
    """``text`` cut (or padded) to ``width`` columns."""
    if cell_len(text) == len(text):
        return text[:width].ljust(width)
    from rich.cells import set_cell_size as sized

    return sized(text, width)


def print_rows(columns: Sequence[Column], rows: Sequence[Sequence[Any]]) -> None:
    """A long table (a list, the due board) written line by line, looking like the Rich tables
    elsewhere: a header, a rule, columns three spaces apart. Rich lays out every cell of a
    ``Table`` through its measuring engine (about 2 ms a row, seconds for a few thousand
    rows); this computes the widths once. Wider than the screen, the table gives way step by
    step: short forms (``Short``), two spaces between columns, then columns cut in their
    order and left out in theirs (``Column``). Cells are ``str``, ``Styled`` or Rich ``Text``;
    their styles are kept, coloured as the console allows (NO_COLOR, pipes)."""
    width, render = PIPE_WIDTH, None
    if not plain_stdout():
        width, render = _row_style(
            None if sys.stdout.isatty() or os.environ.get("COLUMNS") else PIPE_WIDTH
        )

    def text_of(cell: Any) -> str:
        return str(getattr(cell, "plain", cell))

    def measure(form: Callable[[Any], Any]) -> list[int]:
        return [
            max([cell_len(c.header), c.least] + [cell_len(text_of(form(r[i]))) for r in rows])
            for i, c in enumerate(columns)
        ]

    def full(cell: Any) -> Any:
        return cell.full if isinstance(cell, Short) else cell

    def short(cell: Any) -> Any:
        return cell.short if isinstance(cell, Short) else cell

    natural, shortened = measure(full), measure(short)
    widths, gap = layout(columns, natural, shortened, width)
    form = full if gap == WIDE_GAP else short

    def cell(text: str, width: int, style: Any) -> str:
        if cell_len(text) > width:
            text = set_cell_size(text, width - 1) + "…"
        padded = text + " " * (width - cell_len(text))
        if render is None or not style:
            return padded
        return render(text, style) + padded[len(text) :]

    shown = [(i, w) for i, w in enumerate(widths) if w is not None]
    out = [gap.join(cell(columns[i].header, w, "bold") for i, w in shown).rstrip()]
    out.append("─" * (sum(w for _, w in shown) + len(gap) * (len(shown) - 1)))
    for row in rows:
        cells = []
        for i, w in shown:
            c = form(row[i])
            cells.append(cell(text_of(c), w, getattr(c, "style", None)))
        out.append(gap.join(cells).rstrip())
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
    """The deadline and how it stands: "Thursday, 12 March 2026 (2 working days left)"."""
    if status.deadline is None:
        return [standing_text(status, m)]
    return [f"{m.day(status.deadline)} (", standing_text(status, m), ")"]


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


def _id_cell(failure_id: str, id_width: int | None) -> str | Short:
    """An ID, or (given how much of it tells it apart) its unique prefix on a narrow screen."""
    return failure_id if id_width is None else Short(failure_id, failure_id[:id_width])


# How the lists give way on a narrow screen: the title is cut last (its floor: a readable
# start); the deadline goes first (the words beside it say how it stands), then the stage
# (on the due board and the inbox, the next step and its command say it too).
_ID = dict(least=5)
_TITLE = dict(cut=9, floor=20)
_DEADLINE = dict(drop=1, least=10)


def print_list(
    statuses: Sequence[Status],
    problems: Sequence[Problem],
    m: Messages,
    id_width: int | None = None,
    empty: str = "list_empty",
) -> None:
    if statuses:
        rows = [
            (
                _id_cell(f.id, id_width),
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
        columns = [
            Column(m("col_id"), **_ID),
            Column(m("col_title"), **_TITLE),
            Column(m("col_system"), cut=1, floor=8, drop=1),
            Column(m("col_stage"), drop=3),
            Column(m("col_assignee")),
            Column(m("col_deadline"), drop=2, least=10),
            Column(m("col_left")),
        ]
        print_rows(columns, rows)
        late = sum(1 for s in statuses if s.overdue)
        info(m("list_summary", n=len(statuses), late=late))
    else:
        info(m(empty))
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


def next_text(status: Status, m: Messages, *, short: bool = False) -> Styled:
    """Who acts next and the command: a role by its catalogue name, or (``short``) by the
    word an office types for it (kasubbag, pelaksana)."""
    nxt = status.next
    if nxt is None or nxt.role is None:
        return Styled(m("next_done"))
    command = "review" if set(nxt.actions) == {"accept", "reject"} else nxt.actions[0]
    if nxt.handle:
        who = nxt.handle
    elif short:
        from klipctl.i18n import values

        who = {v: w for w, v in values.offered("role", m.lang).items()}[nxt.role]
    else:
        who = m.role(nxt.role)
    return Styled(f"{who}: {command}")


def print_due(board: DueBoard, m: Messages, id_width: int | None = None) -> None:
    if not board.statuses:
        info(m("due_empty"))
        print_problems(board.problems, m)
        return
    columns = [
        Column(m("col_id"), **_ID),
        Column(m("col_title"), **_TITLE),
        Column(m("col_stage"), drop=2),
        Column(m("col_next")),
        Column(m("col_deadline"), **_DEADLINE),
        Column(m("col_left")),
    ]
    rows = [
        (
            _id_cell(s.failure.id, id_width),
            Styled(s.failure.title),
            m.stage(s.failure.stage),
            Short(next_text(s, m), next_text(s, m, short=True)),
            _fmt_date(s.deadline),
            standing_text(s, m),
        )
        for s in board.statuses
    ]
    print_rows(columns, rows)
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


def next_command(
    status: Status, stranded: Mapping[str, str] | None = None, id_width: int | None = None
) -> str | None:
    """What the next actor types: ``klipctl record ID`` (``reassign`` where the one person the
    SOP names has left the roster), the ID cut to ``id_width`` if given."""
    nxt = status.next
    if nxt is None:
        return None
    fid = status.failure.id[:id_width]
    if stranded and fid in stranded:
        return f"klipctl reassign {fid} --to …"
    command = "review" if set(nxt.actions) == {"accept", "reject"} else nxt.actions[0]
    return f"klipctl {command} {fid}"


def print_inbox(waiting: Waiting, m: Messages, id_width: int | None = None) -> None:
    statuses, problems, stranded = waiting.statuses, waiting.problems, waiting.stranded
    if not statuses:
        info(m("inbox_empty"))
        print_problems(problems, m)
        return
    columns = [
        Column(m("col_id"), **_ID),
        Column(m("col_title"), **_TITLE),
        Column(m("col_stage"), drop=2),
        Column(m("col_deadline"), **_DEADLINE),
        Column(m("col_left")),
        Column(m("col_command")),
    ]
    rows = [
        (
            _id_cell(s.failure.id, id_width),
            Styled(s.failure.title),
            m.stage(s.failure.stage),
            _fmt_date(s.deadline),
            standing_text(s, m),
            Short(
                Styled(next_command(s, stranded) or ""),
                Styled(next_command(s, stranded, id_width) or ""),
            ),
        )
        for s in statuses
    ]
    print_rows(columns, rows)
    for fid, handle in stranded.items():
        info(f"{fid}: " + m("inbox_stranded", handle=handle, id=fid))
    late = sum(1 for s in statuses if s.overdue)
    info(m("inbox_summary" if late else "inbox_summary_none_late", n=len(statuses), late=late))
    print_problems(problems, m)
