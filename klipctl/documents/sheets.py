"""Spreadsheets out: the register, the recap and the lists as CSV text and XLSX bytes, and the
empty Log Book that ``klipctl import`` reads.

Nothing is counted here: the rows come from the view models (``register_view``, ``recap_view``,
whose deadline verdict is ``domain.verdict``'s) or from the rows a command already shows, and
are only laid out in cells, with dates and numbers kept as values.

**CSV** is UTF-8 with a byte order mark and ``;`` between fields: Excel on Windows in the
Indonesian locale splits on the list separator, which there is ``;`` (``,`` is the decimal
separator), and without the mark it reads the text as ANSI. Dates are ISO (``YYYY-MM-DD``).
A text cell starting with ``=``, ``+``, ``-`` or ``@`` gets a leading ``'`` so a spreadsheet
shows it as text instead of running it as a formula.

**XLSX** (openpyxl, the ``xlsx`` extra, imported only when asked for) has real date cells, the
header row bold and frozen, and columns as wide as what they hold; a register has one sheet per
month that has failures, a recap one sheet per section.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date

from klipctl.documents.recap import RecapView
from klipctl.documents.register import RegisterRow, RegisterView
from klipctl.errors import Refused
from klipctl.i18n.messages import Messages

Cell = str | int | date | None

DELIMITER = ";"
BOM = "\ufeff"
DATE_FORMAT = "yyyy-mm-dd"
_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")
_SHEET_NAME_FORBIDDEN = str.maketrans({c: "-" for c in "[]:*?/\\"})


@dataclass(frozen=True)
class Sheet:
    """One table: a name (the sheet's, or the section's heading in CSV), headers and rows."""

    name: str
    headers: tuple[str, ...]
    rows: tuple[tuple[Cell, ...], ...]


# --- the documents as sheets -------------------------------------------------------------------

_REGISTER_COLUMNS = (
    "doc_col_no",
    "doc_col_id",
    "doc_col_reported",
    "doc_col_recorded",
    "doc_col_reporter",
    "doc_col_system",
    "doc_col_title",
    "doc_col_operator",
    "doc_col_stage",
    "doc_col_deadline",
    "doc_col_finished",
    "doc_col_used",
    "doc_col_within",
    "doc_col_number",
)


def _register_cells(r: RegisterRow, none: str) -> tuple[Cell, ...]:
    within = None if r.within == none else r.within
    return (
        r.n, r.id, r.reported_on, r.recorded_on, r.reporter, r.system, r.title,
        None if r.operator == none else r.operator, r.stage,
        r.deadline_on, r.finished_on, r.used_days, within,
        None if r.number == none else r.number,
    )  # fmt: skip


def register_sheets(view: RegisterView, m: Messages) -> list[Sheet]:
    """One sheet per month that has failures (named by the month in the log book's language);
    an empty register is one sheet with the headers alone."""
    headers = tuple(m(k) for k in _REGISTER_COLUMNS)
    none = m("doc_none")
    sheets = [
        Sheet(g.heading, headers, tuple(_register_cells(r, none) for r in g.rows))
        for g in view.groups
    ]
    return sheets or [Sheet(m("sheet_register"), headers, ())]


def register_table(view: RegisterView, m: Messages) -> Sheet:
    """The whole register as one table (CSV has no sheets): the months one after another."""
    sheets = register_sheets(view, m)
    return Sheet(sheets[0].name, sheets[0].headers, tuple(r for s in sheets for r in s.rows))


def recap_sheets(view: RecapView, m: Messages) -> list[Sheet]:
    """A sheet per section of the recap, in the order of the printed one."""
    counts = (m("doc_col_count"), m("doc_col_share"))
    overdue_headers = tuple(
        m(f"doc_col_{k}") for k in ("id", "title", "operator", "deadline", "late", "state")
    )
    return [
        Sheet(
            m("doc_recap_summary"),
            (m("doc_col_item"), m("doc_col_value")),
            tuple((label, value) for label, value in view.summary),
        ),
        Sheet(
            m("doc_recap_by_stage"),
            (m("doc_col_stage"), *counts),
            tuple((r.label, r.count, r.share) for r in view.by_stage),
        ),
        Sheet(
            m("doc_recap_by_system"),
            (m("doc_col_system"), *counts),
            tuple((r.label, r.count, r.share) for r in view.by_system),
        ),
        Sheet(
            m("doc_recap_overdue"),
            overdue_headers,
            tuple(
                (r.id, r.title, r.operator, r.deadline_on, r.late_by, r.state) for r in view.overdue
            ),
        ),
        Sheet(
            m("doc_recap_weeks"),
            (m("doc_col_week"), m("doc_col_count")),
            tuple((b.label, b.count) for b in view.chart.bars),
        ),
    ]


def import_template(m: Messages) -> list[Sheet]:
    """The empty Log Book ``klipctl import`` reads (``import --template``): the header row, and
    a sheet saying what each column holds (the CSV form has the first sheet only)."""
    from klipctl.domain.importing import COLUMNS

    guide = tuple(
        (c.header, c.english, m("import_required") if c.required else "", m(f"import_col_{c.key}"))
        for c in COLUMNS
    )
    headers = (m("import_guide_column"), m("import_guide_english"), m("import_guide_required"),
               m("import_guide_meaning"))  # fmt: skip
    return [
        Sheet(m("sheet_logbook"), tuple(c.header for c in COLUMNS), ()),
        Sheet(m("sheet_guide"), headers, guide),
    ]


# --- CSV ---------------------------------------------------------------------------------------


def _csv_cell(value: Cell) -> str:
    if value is None:
        return ""
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, str):
        return "'" + value if value.startswith(_FORMULA_START) else value
    return str(value)


def csv_text(sheets: Sequence[Sheet], titled: bool = False) -> str:
    """The tables as CSV (see the module's notes). One table is headers then rows; ``titled``
    puts each table's name on a line of its own above it and a blank line between them."""
    buf = io.StringIO()
    writer = csv.writer(buf, delimiter=DELIMITER, lineterminator="\r\n")
    for i, sheet in enumerate(sheets):
        if titled:
            if i:
                writer.writerow([])
            writer.writerow([sheet.name])
        writer.writerow(sheet.headers)
        writer.writerows([_csv_cell(c) for c in row] for row in sheet.rows)
    return BOM + buf.getvalue()


# --- XLSX --------------------------------------------------------------------------------------


def sheet_name(name: str, taken: set[str]) -> str:
    """A name Excel accepts: no []:*?/\\, at most 31 characters, unique in the workbook."""
    base = name.translate(_SHEET_NAME_FORBIDDEN).strip("'")[:31] or "-"
    candidate, n = base, 2
    while candidate.casefold() in taken:
        suffix = f" ({n})"
        candidate, n = base[: 31 - len(suffix)] + suffix, n + 1
    taken.add(candidate.casefold())
    return candidate


def _width(value: Cell) -> int:
    if value is None:
        return 0
    if isinstance(value, date):
        return len(DATE_FORMAT)
    return max((len(line) for line in str(value).splitlines()), default=0)


def xlsx_bytes(sheets: Sequence[Sheet]) -> bytes:
    """The tables as a workbook, one sheet each (see the module's notes)."""
    try:
        from openpyxl import Workbook
        from openpyxl.styles import Font
        from openpyxl.utils import get_column_letter
    except ImportError as exc:
        raise Refused("xlsx_missing", reason=f"{type(exc).__name__}: {exc}") from None
    book = Workbook()
    assert book.active is not None
    book.remove(book.active)
    book.properties.creator = "klipctl"
    bold = Font(bold=True)
    taken: set[str] = set()
    for sheet in sheets:
        ws = book.create_sheet(sheet_name(sheet.name, taken))
        ws.append(list(sheet.headers))
        for cell in ws[1]:
            cell.font = bold
        ws.freeze_panes = "A2"
        for n, row in enumerate(sheet.rows, start=2):
            for col, value in enumerate(row, start=1):
                cell = ws.cell(row=n, column=col, value=value)
                if isinstance(value, date):
                    cell.number_format = DATE_FORMAT
                elif isinstance(value, str):
                    cell.data_type = "s"  # never a formula, whatever the text starts with
        for col, header in enumerate(sheet.headers, start=1):
            widest = max([_width(header), *(_width(r[col - 1]) for r in sheet.rows)])
            ws.column_dimensions[get_column_letter(col)].width = min(max(widest + 2, 6), 60)
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()
