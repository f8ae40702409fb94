"""`klipctl import`: an office's earlier Log Book from CSV or XLSX, checked whole, then all rows
or none, each entry marked imported and signed by the clerk; verify and the central hook tell an
imported entry from a forged one."""

from __future__ import annotations

import json
import subprocess
from datetime import datetime
from pathlib import Path

import pytest
from conftest import Book

from klipctl.domain.importing import COLUMNS
from klipctl.errors import InvalidInput, Refused, UsageError

HEADER = (
    "No;Tanggal Lapor;Pelapor;Sistem;Judul;Uraian;Tingkat;Tanggal Catat;Pencatat;"
    "Tanggal Tugas;Penugas;Petugas;Tanggal Selesai;Tindakan;Penyebab;Tanggal Diterima;"
    "Pemeriksa;Penyusun Laporan;Catatan"
)
# Three rows as an office keeps them: reported only; repaired; repair accepted. People by
# handle, by full name and by NIP; dates in ISO, day first with a time, and in words.
ROWS = (
    "1;2026-02-02;rina;Printer Server;Printer lantai 2 macet;;rendah;;;;;;;;;;;;",
    "2;03/02/2026 09.30;Dewi Lestari;SIDJP;Aplikasi tidak bisa login;Galat 500;tinggi;"
    "03/02/2026;sari;4 Februari 2026;budi;andi;6 Februari 2026;Restart layanan;Memori penuh;;;;",
    "3;2 Februari 2026;198501012010012001;Jaringan;Internet putus;;;;;2026-02-03;budi;"
    'dewi;2026-02-20;Ganti switch;;2026-02-23;Budi Santoso;tono;"=HYPERLINK(""x"")"',
)


NO_INDEX = {"KLIPCTL_INDEX": "0"}  # the same answer from a full scan as from the index


def csv_file(
    path: Path,
    rows: tuple[str, ...] = ROWS,
    header: str = HEADER,
    encoding: str = "utf-8-sig",
    sep: str = ";",
) -> Path:
    text = "\r\n".join([header, *rows]) + "\r\n"
    path.write_bytes(text.replace(";", sep).encode(encoding))
    return path


def unchanged(book: Book) -> tuple[str, str]:
    return book.git("rev-parse", "HEAD"), book.git("status", "--porcelain", "--untracked-files=all")


def listed(book: Book) -> list[dict[str, object]]:
    r = book("list", "--all", "--json")
    assert r.ok, r.stderr
    return sorted(json.loads(r.stdout), key=lambda f: str(f["title"]))


def shown(book: Book, fid: object) -> dict[str, object]:
    r = book("show", str(fid), "--json")
    assert r.ok, r.stderr
    return dict(json.loads(r.stdout))


def kinds(book: Book) -> set[str]:
    r = book("verify", "--json")
    return {v["problem"] for v in json.loads(r.stdout)["violations"]}


def test_a_log_book_imports_each_row_as_a_failure_with_its_dates_people_and_verdict(
    book: Book, tmp_path: Path
) -> None:
    f = csv_file(tmp_path / "logbook.csv")
    before = book.commit_count()
    r = book("import", str(f), "--check", user="sari")
    assert r.ok and "3 rows ready to import from logbook.csv" in r.stderr, r.stderr
    assert book.commit_count() == before
    r = book("import", str(f), "--json", user="sari")
    assert r.ok, r.stderr
    done = json.loads(r.stdout)
    assert [item["row"] for item in done["failures"]] == [2, 3, 4]
    assert book.commit_count() == before + 1  # one commit for the whole import
    message = book.git("log", "-1", "--format=%B")
    assert "Klipctl-Action: import" in message and "Klipctl-Actor: sari" in message
    assert f"Klipctl-Import: {done['sha256']}" in message

    aplikasi, internet, printer = listed(book)
    assert (printer["stage"], aplikasi["stage"], internet["stage"]) == (
        "recorded", "resolved", "reviewed",
    )  # fmt: skip
    # The deadline from the ordinary calendar: 10 working days from the assignment received,
    # without 16 February (cuti bersama) and 17 February 2026 (Tahun Baru Imlek).
    assert aplikasi["deadline"] == "2026-02-20" and internet["deadline"] == "2026-02-19"
    assert internet["verdict"]["state"] == "overdue"  # ends when filed, by default
    got = shown(book, aplikasi["id"])
    assert got["reporter"] == "dewi" and got["assignee"] == "andi" and got["severity"] == "high"
    entries = got["entries"]
    assert isinstance(entries, list)
    assert [(e["action"], e["actor"], e["at"]) for e in entries] == [
        ("report", "dewi", "2026-02-03T09:30:00+07:00"),
        ("record", "sari", "2026-02-03T09:30:00+07:00"),  # a day alone: not before the report
        ("assign", "budi", "2026-02-04T08:00:00+07:00"),
        ("resolve", "andi", "2026-02-06T08:00:00+07:00"),
    ]
    marker = entries[0]["imported"]
    assert marker["by"] == "sari" and marker["file"] == "logbook.csv" and marker["row"] == 3
    assert marker["values"]["Pelapor"] == "Dewi Lestari" and "Catatan" not in marker["values"]
    assert all(e["imported"] == marker for e in entries)
    # A cell that reads as a formula is only text, kept as it was typed.
    record = shown(book, internet["id"])["entries"][1]  # type: ignore[index]
    assert record["details"]["note"] == '=HYPERLINK("x")'
    assert shown(book, internet["id"])["drafter"] == "tono"
    # Visibly imported, in both languages, in show and history.
    assert "imported by sari from logbook.csv, row 3" in book("show", aplikasi["id"]).stdout
    r = book("--lang", "id", "show", str(aplikasi["id"]))
    assert "diimpor oleh sari dari logbook.csv, baris 3" in r.stdout
    r = book("--lang", "id", "history", str(aplikasi["id"]))
    assert "Diimpor oleh sari dari logbook.csv, baris 3." in r.stderr + r.stdout
    # The documents cite the imported entries as imported; the register's dates are theirs.
    r = book("--lang", "id", "render", str(internet["id"]), "-f", "md")
    assert r.ok, r.stderr
    assert "(diimpor dari Log Book logbook.csv, baris 4)" in r.stdout
    r = book("--lang", "id", "render", "logbook", "--from", "2026-02-01", "--to", "2026-02-28")
    assert r.ok, r.stderr
    assert "3 Feb 2026 (diimpor)" in r.stdout
    # The imported failure goes on in klipctl: the drafter named in the row drafts it, on a
    # PC whose clock runs an hour behind the clerk's (dated the import's time, not before it).
    assert book("draft", str(internet["id"]), user="tono", now="2026-03-10T08:00:00+07:00").ok
    assert shown(book, internet["id"])["entries"][-1]["at"] == (  # type: ignore[index]
        "2026-03-10T09:00:00+07:00"
    )
    assert kinds(book) == set()


def test_an_xlsx_log_book_with_date_cells_imports_as_the_csv_does(
    book: Book, tmp_path: Path
) -> None:
    from openpyxl import Workbook

    wb = Workbook()
    ws = wb.active
    assert ws is not None
    ws.append(["Tanggal\nLapor", "Pelapor", "Sistem", "Judul", "Tanggal Tugas", "Penugas",
               "Petugas", "Tanggal Selesai", "Tindakan"])  # fmt: skip
    ws.append([datetime(2026, 2, 2), "rina", "VPN", "VPN putus", datetime(2026, 2, 3, 13, 15),
               "budi", "andi", datetime(2026, 2, 5), "Sertifikat diperbarui"])  # fmt: skip
    ws.append([])  # a blank row between: left out, the row numbers stay the file's
    ws.append(["4 Maret 2026", "Rina Marlina", "Email", "=1+1", None, None, None, None, None])
    path = tmp_path / "Log Book 2026.xlsx"
    wb.save(path)
    r = book("import", str(path), "--json", user="tono")
    assert r.ok, r.stderr
    assert [f["row"] for f in json.loads(r.stdout)["failures"]] == [2, 4]
    email, vpn = listed(book)
    assert email["title"] == "=1+1" and email["stage"] == "recorded"
    entries = shown(book, vpn["id"])["entries"]
    assert [e["at"] for e in entries] == [  # type: ignore[union-attr]
        "2026-02-02T08:00:00+07:00", "2026-02-02T08:00:00+07:00",
        "2026-02-03T13:15:00+07:00", "2026-02-05T08:00:00+07:00",
    ]  # fmt: skip
    assert entries[1]["actor"] == "tono"  # type: ignore[index]  # recorded by the importer
    assert kinds(book) == set()


def test_a_windows_csv_in_cp1252_with_commas_imports(book: Book, tmp_path: Path) -> None:
    f = csv_file(tmp_path / "lama.csv", ("1;2026-02-02;rina;Kasir;Layar kasir – rusak;;;",),
                 header="No;Tanggal Lapor;Pelapor;Sistem;Judul;Uraian;Tingkat;Catatan",
                 encoding="cp1252", sep=",")  # fmt: skip
    r = book("import", str(f), user="sari")
    assert r.ok, r.stderr
    assert [f["title"] for f in listed(book)] == ["Layar kasir – rusak"]


def test_every_problem_is_named_by_row_and_column_and_nothing_is_imported(
    book: Book, tmp_path: Path
) -> None:
    good = ROWS[1]
    bad = (
        good,
        "2;2026-02-02;joko;SIDJP;Tidak ada orang ini;;;;;;;;;;;;;;",
        "3;2026-02-31;rina;SIDJP;Tanggal salah;;;;;;;;;;;;;;",
        "4;2026-02-02;rina;;Tanpa sistem;;gawat;;;;;;;;;;;;",
        "5;2026-02-02;rina;SIDJP;Penugas bukan Kepala Subbagian;;;;;2026-02-03;rina;andi;;;;;;;",
        "6;2026-02-02;rina;SIDJP;Selesai tanpa tugas;;;;;;;;2026-02-04;Restart;;;;;",
        "7;2026-02-05;rina;SIDJP;Tugas sebelum lapor;;;;;2026-02-03;budi;andi;;;;;;;",
        "8;2026-04-01;rina;SIDJP;Masih akan datang;;;;;;;;;;;;;;",
        "9;2026-02-02;rina;SIDJP;Selesai tanpa tindakan;;;;;2026-02-03;budi;andi;2026-02-04;;;;;;",
        "10;2026-02-02;rina;SIDJP;Petugas bukan operator;;;;;2026-02-03;budi;sari;;;;;;;",
        "11;2026-02-02;rina;SIDJP;Sel tanpa kolom;;;;;;;;;;;;;;;lebih",
    )
    f = csv_file(tmp_path / "salah.csv", bad)
    before = unchanged(book)
    r = book("import", str(f), "--check", "--json", user="sari")
    assert r.refused("import_refused", InvalidInput), r.stderr
    found = {(p["row"], p["column"], p["problem"]) for p in json.loads(r.stdout)["problems"]}
    assert found == {
        (3, "C", "import_unknown_person"),
        (4, "B", "import_bad_date"),
        (5, "D", "empty_field"),
        (5, "G", "invalid_severity"),
        (6, "K", "person_lacks_role"),
        (7, "M", "import_step_skipped"),
        (8, "J", "import_date_order"),
        (9, "B", "import_date_future"),
        (10, "N", "empty_field"),
        (11, "L", "person_lacks_role"),
        (12, "T", "import_cell_without_column"),
    }
    assert "11 problems in salah.csv" in r.stderr
    r = book("import", str(f), user="sari")
    assert r.refused("import_refused", InvalidInput), r.stderr
    assert "Row 3, column C (Pelapor): nobody on the roster is 'joko'" in r.stdout
    r = book("--lang", "id", "import", str(f), user="sari")
    assert "Baris 4, kolom B (Tanggal Lapor): '2026-02-31' bukan tanggal" in r.stdout
    assert unchanged(book) == before
    # The header itself: an unknown column, one twice, a required one missing.
    f = csv_file(tmp_path / "kolom.csv", ("2026-02-02;rina;x;y;z",),
                 header="Tanggal Lapor;Pelapor;Sistem;Sistem;Prioritas")  # fmt: skip
    r = book("import", str(f), "--json", user="sari")
    assert r.refused("import_refused", InvalidInput), r.stderr
    found = {(p["row"], p["column"], p["problem"]) for p in json.loads(r.stdout)["problems"]}
    assert found == {
        (1, "D", "import_repeated_column"),
        (1, "E", "import_unknown_column"),
        (1, None, "import_missing_column"),
    }
    assert unchanged(book) == before


def test_the_same_file_is_never_imported_twice_and_only_a_clerk_imports(
    book: Book, tmp_path: Path
) -> None:
    f = csv_file(tmp_path / "logbook.csv")
    r = book("import", str(f), user="budi")
    assert r.refused("import_not_clerk", Refused), r.stderr
    assert book("import", str(f), user="sari").ok
    before = unchanged(book)
    copy = tmp_path / "salinan.csv"
    copy.write_bytes(f.read_bytes())
    for path, user, env in ((f, "sari", {}), (copy, "tono", {}), (f, "sari", NO_INDEX)):
        r = book("import", str(path), user=user, env=env)
        assert r.refused("import_again", Refused), r.stderr
    r = book("import", str(tmp_path / "logbook.ods"), user="sari")
    assert r.refused("import_format", UsageError), r.stderr
    r = book("import", str(csv_file(tmp_path / "kosong.csv", ())), user="sari")
    assert r.refused("import_empty", InvalidInput), r.stderr
    r = book("import", str(csv_file(tmp_path / "besar.csv", ROWS[:1] * 5001)), user="sari")
    assert r.refused("import_too_many", InvalidInput), r.stderr
    assert unchanged(book) == before


def test_the_template_is_the_layout_import_reads(book: Book, tmp_path: Path) -> None:
    from openpyxl import load_workbook

    xlsx, csv = tmp_path / "templat.xlsx", tmp_path / "templat.csv"
    for path in (xlsx, csv):
        r = book("--lang", "id", "import", "--template", str(path))
        assert r.ok and "Templat Log Book ditulis" in r.stderr, r.stderr
        r = book("import", "--template", str(path))
        assert r.refused("import_template_exists", UsageError), r.stderr
    wb = load_workbook(xlsx)
    assert wb.sheetnames == ["Log Book", "Petunjuk"]
    headers = [c.value for c in wb["Log Book"][1]]
    assert headers == [c.header for c in COLUMNS]
    guide = {row[0].value: row[3].value for row in wb["Petunjuk"].iter_rows(min_row=2)}
    assert "08.00 WIB" in str(guide["Tanggal Lapor"])
    # Filled in as an office would, each template imports.
    wb["Log Book"].append(["1", "2026-02-02", "rina", "SIDJP", "Login gagal"])
    wb.save(xlsx)
    with csv.open("a", encoding="utf-8", newline="") as out:
        out.write("1;2026-02-03;rina;Printer;Macet\r\n")
    for path in (xlsx, csv):
        r = book("import", str(path), user="sari")
        assert r.ok, r.stdout + r.stderr
    assert [f["title"] for f in listed(book)] == ["Login gagal", "Macet"]


# --- the audit trail --------------------------------------------------------------------------


def push(book: Book) -> subprocess.CompletedProcess[str]:
    return subprocess.run(["git", "push", "-q", "origin", "main"], cwd=book.root,
                          capture_output=True, text=True)  # fmt: skip


def _entries_file(book: Book, fid: object) -> Path:
    return next(book.root.glob(f"failures/*/*/{fid}.yaml"))


def test_an_import_verifies_and_passes_the_hook_but_a_tampered_one_does_not(
    book: Book, central: Path, tmp_path: Path
) -> None:
    from test_verify import hand_commit

    r = book("import", str(csv_file(tmp_path / "logbook.csv")), user="sari")
    assert r.ok, r.stderr
    assert kinds(book) == set()
    assert book.git("rev-parse", "HEAD") == subprocess.run(
        ["git", "rev-parse", "main"], cwd=central, capture_output=True, text=True
    ).stdout  # pushed, through the hook
    fid = listed(book)[0]["id"]
    path = _entries_file(book, fid)
    # The row kept in the entry changed afterwards: its signature no longer holds.
    text = path.read_text(encoding="utf-8")
    path.write_text(text.replace("Restart layanan", "Tidak ada tindakan"), encoding="utf-8")
    hand_commit(book, "sari", f"Correct {fid}\n\nKlipctl-Failure: {fid}\nKlipctl-Action: note\n"
                "Klipctl-Actor: sari\n")  # fmt: skip
    assert {"v_bad_signature", "v_rewritten"} <= kinds(book)
    r = push(book)
    assert r.returncode != 0 and "klipctl refuses this push" in r.stderr


IMPORT_BY = "Import\n\nKlipctl-Action: import\nKlipctl-Actor: {who}\nKlipctl-Import: {sha}\n"


def _forged_failure(book: Book, signer_handle: str, commit_trailers: str, days: int) -> None:
    """A new failure file, dated ``days`` from the import and marked imported by
    ``signer_handle``, signed with their key as klipctl would, committed by hand by them."""
    from datetime import timedelta

    from klipctl.audit import signing
    from klipctl.domain import ids
    from klipctl.domain.model import Entry, Imported
    from klipctl.storage import store
    from klipctl.storage.logbook import LogBook

    now = datetime.fromisoformat("2026-03-10T09:00:00+07:00")
    at = now + timedelta(days=days)
    fid = ids.new_id(at)
    marker = Imported(signer_handle, now, "x.csv", "ab" * 32, 2, (("Judul", "Palsu"),))
    entry = Entry("report", "reported", "budi", "supervisor", at,
                  {"title": "Palsu", "system": "SIDJP", "severity": "medium"},
                  prev=signing.genesis(fid), imported=marker)  # fmt: skip
    key = signing.load_signer(str(book.keys[signer_handle]))
    entry = Entry(**{**entry.__dict__, "sig": key.sign(
        signing.canonical(store.entry_to_dict(entry)), signing.NAMESPACE)})  # fmt: skip
    path = LogBook(book.root).failure_path(fid)
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(store.new_failure_text(fid, entry), encoding="utf-8")
    book.git("add", str(path))
    from test_verify import hand_commit

    hand_commit(book, signer_handle, commit_trailers.format(fid=fid))


@pytest.mark.parametrize(
    ("who", "trailers", "days", "expected"),
    [
        # A clerk's key, a back-dated report by someone else, in an ordinary report commit.
        ("sari", "Report {fid}\n\nKlipctl-Failure: {fid}\nKlipctl-Action: report\n"
                 "Klipctl-Actor: budi\n", -30, "v_import_outside"),
        # A staff member dressing up an import commit of their own.
        ("rina", IMPORT_BY.format(who="rina", sha="ab" * 32), -30, "v_import_not_clerk"),
        # The clerk's import commit naming another file than its entries do.
        ("sari", IMPORT_BY.format(who="sari", sha="cd" * 32), -30, "v_import_commit"),
        # An entry dated after its own import (the marker is no licence to post-date).
        ("sari", IMPORT_BY.format(who="sari", sha="ab" * 32), 1, "v_import_after"),
    ],
)  # fmt: skip
def test_a_forged_import_marker_is_named_by_verify_and_refused_by_the_hook(
    book: Book, central: Path, who: str, trailers: str, days: int, expected: str
) -> None:
    _forged_failure(book, who, trailers, days)
    assert expected in kinds(book)
    r = push(book)
    assert r.returncode != 0 and "klipctl refuses this push" in r.stderr, r.stderr


def test_an_import_syncs_against_a_concurrent_change_on_another_clone(
    book: Book, other: Book, central: Path, tmp_path: Path
) -> None:
    offline = {"KLIPCTL_OFFLINE": "1"}
    elsewhere = other.report("Telepon mati", env=offline)
    assert other("record", elsewhere, user="tono", env=offline).ok
    assert book("import", str(csv_file(tmp_path / "logbook.csv")), user="sari",
                env=offline).ok  # fmt: skip
    assert other("sync", user="tono").ok  # the other clone's work reaches the centre first
    r = book("sync", user="sari")  # the import merges with it, and goes through the hook
    assert r.ok, r.stderr
    assert other("sync", user="tono").ok
    for b in (book, other):
        assert len(listed(b)) == 4
        assert kinds(b) == set()
    # Someone acting on an imported failure on the other clone while the clerk works here.
    fid = [f["id"] for f in listed(other) if f["stage"] == "resolved"][0]
    assert other("review", str(fid), "--accept", "--drafter", "sari", user="budi").ok
    assert book("sync", user="sari").ok
    assert shown(book, fid)["stage"] == "reviewed"
    assert kinds(book) == set()


def test_the_same_file_imported_on_two_clones_offline_goes_in_once(
    book: Book, other: Book, central: Path, tmp_path: Path
) -> None:
    offline = {"KLIPCTL_OFFLINE": "1"}
    f = csv_file(tmp_path / "logbook.csv")
    assert other("import", str(f), user="tono", env=offline).ok
    assert book("import", str(f), user="sari", env=offline).ok
    assert book("note", str(listed(book)[0]["id"]), "--text", "Dicek ulang", user="sari",
                env=offline).ok  # fmt: skip  # a step on one of the failures it imported
    assert other("sync", user="tono").ok  # tono's import reaches the centre first
    mine = book.git("rev-parse", "HEAD").strip()
    r = book("sync", user="sari")
    assert r.ok, r.stderr
    assert "Your import of logbook.csv (3 failures) did not go in" in r.stderr, r.stderr
    assert mine[:10] in r.stderr
    for b in (book, other):
        assert b("sync", user="budi").ok
        assert [f["id"] for f in listed(b)] == [f["id"] for f in listed(other)]
        assert len(listed(b)) == 3
        assert {e["imported"]["by"] for f in listed(b)
                for e in shown(b, f["id"])["entries"]} == {"tono"}  # type: ignore[union-attr]  # fmt: skip
        assert kinds(b) == set()
    assert book.git("rev-parse", "HEAD") == other.git("rev-parse", "HEAD")


def test_xlsx_without_openpyxl_says_how_to_get_it_and_csv_still_imports(
    book: Book, monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    import sys

    path = tmp_path / "logbook.xlsx"
    assert book("import", "--template", str(path)).ok
    monkeypatch.setitem(sys.modules, "openpyxl", None)  # import fails as if not installed
    r = book("import", str(path), user="sari")
    assert r.refused("xlsx_missing_in", Refused) and "pip install 'klipctl[xlsx]'" in r.stderr
    assert book("import", str(csv_file(tmp_path / "logbook.csv")), user="sari").ok
