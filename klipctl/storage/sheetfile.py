"""Spreadsheets in: the cells of a CSV or XLSX file a person gives, as text, row by row.

What offices have: CSV from Excel on Windows (UTF-8 with or without a byte order mark, or the
ANSI code page cp1252; ``;`` between fields in the Indonesian locale, ``,`` elsewhere) and XLSX
workbooks (the first sheet; openpyxl, the ``xlsx`` extra, imported only when one is read).
Nothing is evaluated: a formula cell is the text of its formula, so a cell starting with ``=``,
``+``, ``-`` or ``@`` is only ever text. A day or a moment in an XLSX date cell is written as
ISO text (``2025-03-04``, ``2025-03-04 10:15``), as the reader of a row expects.
"""

from __future__ import annotations

import csv
import hashlib
import io
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date, datetime, time
from pathlib import Path

from klipctl.errors import InvalidInput, Refused, UsageError
from klipctl.storage.files import read_given

MAX_BYTES = 20 * 1024 * 1024  # a Log Book of several years is a few megabytes
FORMATS = (".csv", ".xlsx")


@dataclass(frozen=True)
class SheetFile:
    """A spreadsheet as read: its name, SHA-256 and rows (numbered from 1, the header row)."""

    name: str
    sha256: str
    rows: tuple[tuple[int, tuple[str, ...]], ...]


def sheet_format(path: Path) -> str:
    """``.csv`` or ``.xlsx``, by the file's name; anything else is refused."""
    suffix = path.suffix.lower()
    if suffix not in FORMATS:
        raise UsageError("import_format", path=str(path))
    return suffix


def read_sheet(path: Path, max_rows: int) -> SheetFile:
    """The file's rows, blank rows left out (but counted, so row numbers are the file's); no
    more than the header and ``max_rows`` + 1 (enough to tell there are too many)."""
    suffix = sheet_format(path)
    data = read_given(path, MAX_BYTES)
    if len(data) > MAX_BYTES:
        raise InvalidInput("import_too_large", path=str(path), limit=MAX_BYTES // (1024 * 1024))
    table = _csv_rows(data) if suffix == ".csv" else _xlsx_rows(data, path)
    rows = []
    for n, cells in enumerate(table, start=1):
        if any(c.strip() for c in cells):
            rows.append((n, cells))
            if len(rows) > max_rows + 1:
                break
    return SheetFile(path.name, hashlib.sha256(data).hexdigest(), tuple(rows))


def _csv_rows(data: bytes) -> Iterator[tuple[str, ...]]:
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError:
        text = data.decode("cp1252", errors="replace")  # Excel's "CSV" on Windows: ANSI
    first = text.split("\n", 1)[0]
    delimiter = max((";", ",", "\t"), key=first.count)
    for row in csv.reader(io.StringIO(text, newline=""), delimiter=delimiter):
        yield tuple(row)


def _xlsx_rows(data: bytes, path: Path) -> Iterator[tuple[str, ...]]:
    try:
        from openpyxl import load_workbook
    except ImportError as exc:
        raise Refused("xlsx_missing_in", reason=f"{type(exc).__name__}: {exc}") from None
    try:
        book = load_workbook(io.BytesIO(data), read_only=True, data_only=False)
    except Exception as exc:  # openpyxl raises what zipfile and its XML parser raise
        raise InvalidInput("import_unreadable", path=str(path), reason=type(exc).__name__) from None
    try:
        # Read as they stream (a sheet formatted to its last row is a million empty ones).
        for row in book.worksheets[0].iter_rows(values_only=True):
            yield tuple(_cell_text(v) for v in row)
    finally:
        book.close()


def _cell_text(value: object) -> str:
    if value is None:
        return ""
    if isinstance(value, datetime):
        if value.time() == time(0, 0):
            return value.date().isoformat()
        return value.isoformat(sep=" ", timespec="minutes")
    if isinstance(value, date | time):
        return value.isoformat()
    if isinstance(value, float) and value.is_integer():
        return str(int(value))  # a NIP or a number typed in a cell Excel took for a number
    return str(value)
