"""Spreadsheets out: `render logbook|recap -f csv|xlsx`, `list|due|inbox --format csv`."""

from __future__ import annotations

import csv
import io
import json
import sys
from datetime import date
from pathlib import Path

import pytest
from conftest import Book

from klipctl.errors import Refused, UsageError

MARCH = "2026-03-10T09:00:00+07:00"
APRIL = "2026-04-14T09:00:00+07:00"
ID = {"KLIPCTL_LANG": "id"}


def rows_of(text: str) -> list[list[str]]:
    assert text.startswith("\ufeff"), "CSV for Excel starts with a byte order mark"
    return list(csv.reader(io.StringIO(text[1:], newline=""), delimiter=";"))


def two_months(book: Book) -> tuple[str, str]:
    """One failure reported and filed in March, one reported in April and still open."""
    first = book.report("Print server down", now=MARCH)
    book.walk(first, "archived", now=MARCH)
    second = book.report('=HYPERLINK("x") mail stuck', system="Mail", now=APRIL)
    book.walk(second, "assigned", now=APRIL)
    return first, second


# --- render logbook / recap ----------------------------------------------------------------------


def test_register_as_csv_has_the_headers_and_a_row_per_failure(book: Book) -> None:
    first, second = two_months(book)
    r = book("render", "logbook", "-f", "csv", now=APRIL)
    assert r.ok, r.stderr
    rows = rows_of(r.stdout)
    assert rows[0] == [
        "No.", "ID", "Reported", "Recorded", "Reporter", "System", "Short description",
        "Operator", "Stage", "Deadline", "Finished", "Working days", "Within deadline",
        "Report number",
    ]  # fmt: skip
    assert [row[1] for row in rows[1:]] == [first, second]
    done, open_ = (dict(zip(rows[0], row, strict=True)) for row in rows[1:])
    assert done["Reported"] == "2026-03-10" and done["Finished"] == "2026-03-10"
    assert done["Reporter"] == "Rina Marlina" and done["Operator"] == "Andi Pratama"
    assert done["Within deadline"] == "yes" and done["Working days"] == "0"
    assert done["Recorded"] == "2026-03-10" and done["Report number"].startswith("LAP-1/")
    assert open_["Report number"] == ""
    assert done["Stage"] == "Filed"
    assert open_["Finished"] == "" and open_["Within deadline"] == "running"
    assert open_["System"] == "Mail"
    # a title that would be a formula is kept as text
    assert open_["Short description"] == '\'=HYPERLINK("x") mail stuck'
    # the deadline is the one show gives (the one verdict)
    shown = book("show", second, "--json", now=APRIL)
    assert open_["Deadline"] == json.loads(shown.stdout)["deadline"]


def test_register_csv_in_indonesian(book: Book, tmp_path: Path) -> None:
    two_months(book)
    out = tmp_path / "lb.csv"
    r = book("render", "logbook", "-f", "csv", "-o", str(out), now=APRIL, lang="id", env=ID)
    assert r.ok, r.stderr
    raw = out.read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf") and b"\r\n" in raw and b"\r\r\n" not in raw
    rows = rows_of(raw.decode("utf-8"))
    assert rows[0][:3] == ["No.", "ID", "Tanggal lapor"] and "Tepat waktu" in rows[0]
    assert rows[1][rows[0].index("Tepat waktu")] == "ya"
    assert rows[1][rows[0].index("Tahap")] == "Ditatausahakan"


def test_register_as_xlsx_a_sheet_per_month_with_real_dates(book: Book, tmp_path: Path) -> None:
    openpyxl = pytest.importorskip("openpyxl")
    first, second = two_months(book)
    out = tmp_path / "lb.xlsx"
    args = ("render", "logbook", "--from", "2026-01-01", "--to", "2026-12-31")
    r = book(*args, "-f", "xlsx", "-o", str(out), now=APRIL, lang="id", env=ID)
    assert r.ok, r.stderr
    wb = openpyxl.load_workbook(out)
    assert wb.sheetnames == ["Maret 2026", "April 2026"]
    march, april = wb["Maret 2026"], wb["April 2026"]
    headers = [c.value for c in march[1]]
    assert headers[:3] == ["No.", "ID", "Tanggal lapor"] and headers[-2:] == [
        "Tepat waktu", "Nomor laporan"]  # fmt: skip
    assert all(c.font.bold for c in march[1]) and march.freeze_panes == "A2"
    assert march.max_row == 2 and april.max_row == 2
    assert march["B2"].value == first and april["B2"].value == second
    reported = march.cell(row=2, column=3)
    assert reported.is_date and reported.value.date() == date(2026, 3, 10)
    finished = march.cell(row=2, column=headers.index("Selesai") + 1)
    assert finished.is_date and finished.value.date() == date(2026, 3, 10)
    assert march.cell(row=2, column=headers.index("Hari kerja") + 1).value == 0
    title = april.cell(row=2, column=headers.index("Uraian singkat") + 1)
    assert title.data_type == "s" and title.value.startswith("=HYPERLINK")  # text, not formula
    assert april.cell(row=2, column=headers.index("Selesai") + 1).value is None
    assert march.column_dimensions["G"].width >= len("Print server down")


def test_an_empty_register_is_one_sheet_of_headers(book: Book, tmp_path: Path) -> None:
    openpyxl = pytest.importorskip("openpyxl")
    out = tmp_path / "lb.xlsx"
    assert book("render", "logbook", "-f", "xlsx", "-o", str(out)).ok
    wb = openpyxl.load_workbook(out)
    assert len(wb.sheetnames) == 1 and wb.active.max_row == 1


def test_recap_as_csv_and_xlsx(book: Book, tmp_path: Path) -> None:
    openpyxl = pytest.importorskip("openpyxl")
    two_months(book)
    r = book("render", "recap", "--year", "2026", "-f", "csv", now=APRIL)
    assert r.ok, r.stderr
    rows = rows_of(r.stdout)
    assert rows[0] == ["Summary"] and rows[1] == ["Item", "Value"]
    assert ["Failures reported", "2"] in rows
    assert ["By system"] in rows and ["Mail", "1", "50%"] in rows
    out = tmp_path / "recap.xlsx"
    r = book("render", "recap", "--year", "2026", "-f", "xlsx", "-o", str(out), now=APRIL)
    assert r.ok, r.stderr
    wb = openpyxl.load_workbook(out)
    assert wb.sheetnames == [
        "Summary", "By stage", "By system", "Past the deadline", "Failures per week",
    ]  # fmt: skip
    weeks = wb["Failures per week"]
    assert 1 < weeks.max_row < 1 + 53  # the weeks so far, none yet to come
    assert sum(c.value for c in weeks["B"][1:]) == 2


def test_xlsx_needs_a_file(book: Book) -> None:
    r = book("render", "logbook", "-f", "xlsx")
    assert r.refused("xlsx_needs_output", UsageError)
    assert book("render", "recap", "--month", "2026-03", "-f", "xlsx").refused(
        "xlsx_needs_output", UsageError
    )


def test_unknown_formats_are_refused(book: Book) -> None:
    assert book("render", "logbook", "-f", "ods").refused("bad_format_sheets", UsageError)
    fid = book.report()
    assert book("render", fid, "-f", "csv").refused("bad_format", UsageError)


def test_xlsx_without_openpyxl_says_how_to_get_it(
    book: Book, monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    monkeypatch.setitem(sys.modules, "openpyxl", None)  # import fails as if not installed
    out = tmp_path / "lb.xlsx"
    r = book("render", "logbook", "-f", "xlsx", "-o", str(out))
    assert r.refused("xlsx_missing", Refused) and "pip install 'klipctl[xlsx]'" in r.stderr
    assert not out.exists()


# --- list / due / inbox --format csv -------------------------------------------------------------


def test_list_due_and_inbox_as_csv(book: Book) -> None:
    first, second = two_months(book)
    late = "2026-04-30T09:00:00+07:00"  # past the April failure's deadline
    r = book("list", "--all", "--format", "csv", now=late)
    assert r.ok, r.stderr
    rows = rows_of(r.stdout)
    assert rows[0] == [
        "ID", "Title", "System", "Stage", "Operator", "Deadline", "Working days left", "Standing",
    ]  # fmt: skip
    by_id = {row[0]: dict(zip(rows[0], row, strict=True)) for row in rows[1:]}
    assert set(by_id) == {first, second} and len(rows) == 3
    shown = json.loads(book("show", second, "--json", now=late).stdout)
    assert by_id[second]["Deadline"] == shown["deadline"]
    left = int(by_id[second]["Working days left"])
    assert left < 0 and by_id[second]["Standing"] == f"{-left} working days late"
    assert by_id[second]["Operator"] == "andi" and by_id[second]["Stage"] == "Assigned"
    assert by_id[first]["Working days left"] == "" and by_id[first]["Stage"] == "Filed"

    r = book("due", "--format", "csv", now=late)
    assert r.ok, r.stderr
    rows = rows_of(r.stdout)
    assert rows[0][:4] == ["ID", "Title", "Stage", "Next"] and len(rows) == 2
    assert rows[1][0] == second and rows[1][5] == str(left)

    r = book("inbox", "--format", "csv", user="andi", now=late)
    assert r.ok, r.stderr
    rows = rows_of(r.stdout)
    assert rows[0][-1] == "Next command" and rows[1][-1] == f"klipctl resolve {second}"


def test_list_csv_in_indonesian_and_json_still_works(book: Book) -> None:
    fid = book.report()
    r = book("list", "--format", "csv", env=ID)
    assert r.ok, r.stderr
    rows = rows_of(r.stdout)
    assert rows[0][:3] == ["ID", "Judul", "Sistem"] and "Sisa hari kerja" in rows[0]
    assert rows[1][0] == fid and rows[1][rows[0].index("Tahap")] == "Dilaporkan"
    for args in (("--json",), ("--format", "json"), ("--json", "--format", "json")):
        r = book("list", *args)
        assert r.ok and json.loads(r.stdout)[0]["id"] == fid
    assert book("list").ok and fid in book("list").stdout


def test_list_formats_refused(book: Book) -> None:
    assert book("list", "--format", "xlsx").refused("bad_list_format", UsageError)
    assert book("due", "--format", "csv", "--json").refused("format_json_conflict", UsageError)
    assert book("inbox", "--format", "md", user="budi").refused("bad_list_format", UsageError)
