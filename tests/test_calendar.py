"""The calendar commands and the due board, through the CLI."""

from __future__ import annotations

import json
import re
from collections.abc import Callable
from pathlib import Path

import pytest
from conftest import Book, Run


def assigned(book: Book, now: str, title: str = "Print server down") -> str:
    fid = book.report(title, now=now)
    book.walk(fid, "assigned", now=now)
    return fid


# --- calendar deadline / workdays / show ---------------------------------------------------------


@pytest.mark.parametrize(
    ("when", "deadline"),
    [
        # The three examples of the issue; the hand count is in test_workdays.py.
        ("2026-03-17", "2026-04-08"),
        ("2026-10-04", "2026-10-16"),
        ("2025-08-15", "2025-09-01"),
    ],
)
def test_calendar_deadline_json(cli: Callable[..., Run], when: str, deadline: str) -> None:
    r = cli("calendar", "deadline", when, "--json")
    assert r.ok, r.stderr
    data = json.loads(r.stdout)
    assert data["deadline"] == deadline and data["days"] == 10
    assert data["date"].startswith(when)
    assert r.stderr == ""  # settled years: no warning


def test_calendar_deadline_explain_names_every_skipped_day(cli: Callable[..., Run]) -> None:
    r = cli("calendar", "deadline", "2026-03-17", "--explain")
    assert r.ok, r.stderr
    assert "Deadline: Wednesday, 8 April 2026" in r.stdout
    assert "Good Friday" in r.stdout and "Day of Silence" in r.stdout
    assert "working day 10" in r.stdout and "received, not counted" in r.stdout
    rows = [line for line in r.stdout.splitlines() if re.match(r"^2026-0[34]-\d\d", line)]
    assert len(rows) == 23  # 17 March to 8 April
    r = cli("calendar", "deadline", "2026-03-17T10:00", "--days", "3", "--explain", "--json")
    data = json.loads(r.stdout)
    assert data["deadline"] == "2026-03-27" and data["days"] == 3
    assert [s["number"] for s in data["explain"] if s["number"]] == [1, 2, 3]


def test_calendar_deadline_in_indonesian(cli: Callable[..., Run]) -> None:
    r = cli(
        "calendar", "deadline", "2026-03-17", "--explain", lang="id", env={"KLIPCTL_LANG": "id"}
    )
    assert r.ok, r.stderr
    assert "Tenggat: Rabu, 8 April 2026" in r.stdout
    assert "Wafat Yesus Kristus" in r.stdout and "hari kerja ke-10" in r.stdout


def test_calendar_deadline_follows_the_log_book_rule(book: Book) -> None:
    config = book.root / "klipctl.yaml"
    text = config.read_text().replace("receipt_day_counts: false", "receipt_day_counts: true")
    config.write_text(text.replace("office_hours_end:\n", 'office_hours_end: "16:00"\n'))
    # Tue 17 March 2026 at 17:00 counts as received Wed 18 (cuti bersama), so counting starts
    # on the next working day, Wed 25, day 1: 25-27, 30, 31, 1, 2, (Good Friday 3), 6, 7, 8.
    r = book("calendar", "deadline", "2026-03-17T17:00", "--json")
    data = json.loads(r.stdout)
    assert data["received"] == "2026-03-18" and data["deadline"] == "2026-04-08"
    assert data["receipt_day_counts"] is True and data["office_hours_end"] == "16:00"


@pytest.mark.parametrize("bad", ["2026-13-01", "tomorrow", "1900-01-01"])
def test_calendar_deadline_refuses_a_bad_date(cli: Callable[..., Run], bad: str) -> None:
    r = cli("calendar", "deadline", bad)
    assert r.exit_code == 2 and len(r.stderr.strip().splitlines()) == 1
    assert "Traceback" not in r.stderr


def test_calendar_workdays(cli: Callable[..., Run]) -> None:
    r = cli("calendar", "workdays", "2026-03-17", "2026-04-08")
    assert r.ok and "10 working days after Tuesday, 17 March 2026" in r.stdout
    r = cli("calendar", "workdays", "2026-03-17", "2026-04-08", "--json")
    assert json.loads(r.stdout)["days"] == 10
    r = cli("calendar", "workdays", "2026-04-08", "2026-03-17", "--json")
    assert json.loads(r.stdout)["days"] == -10


def test_calendar_show_marks_and_names_days(cli: Callable[..., Run]) -> None:
    r = cli("calendar", "show", "2026-03", lang="id", env={"KLIPCTL_LANG": "id"})
    assert r.ok, r.stderr
    assert "Maret 2026" in r.stdout
    assert "18+" in r.stdout and "19*" in r.stdout  # cuti bersama Nyepi, Nyepi
    assert "Cuti Bersama Hari Suci Nyepi" in r.stdout and "cuti bersama" in r.stdout
    assert "* libur nasional" in r.stdout
    r = cli("calendar", "show", "2026", "--json")
    months = json.loads(r.stdout)["months"]
    assert len(months) == 12 and sum(len(m["days"]) for m in months) == 365
    r = cli("calendar", "show")  # this month (KLIPCTL_NOW is March 2026)
    assert "March 2026" in r.stdout and "April" not in r.stdout
    r = cli("calendar", "show", "2026-3-x")
    assert r.exit_code == 2


def test_calendar_help_has_examples(cli: Callable[..., Run]) -> None:
    for sub in ("add", "remove", "show", "deadline", "workdays"):
        r = cli("calendar", sub, "--help")
        assert r.ok and "Example" in r.stdout, sub
    assert "Example" in cli("due", "--help").stdout


# --- calendar add / remove -----------------------------------------------------------------------


def test_calendar_add_commits_and_lists_moved_deadlines(book: Book) -> None:
    # Assigned Tue 10 March 2026: W11 1, T12 2, F13 3, M16 4, T17 5, (18-24 off), W25 6, T26 7,
    # F27 8, M30 9, T31 10. Closing Thu 26 March moves the deadline to W1 April.
    fid = assigned(book, "2026-03-10T09:00:00+07:00")
    late = book.report("Router", now="2026-03-10T09:00:00+07:00")
    book.walk(late, "archived", now="2026-03-10T09:00:00+07:00")  # closed: not listed
    commits = book.commit_count()
    r = book(
        "calendar", "add", "2026-03-26", "--name", "Kerja bakti", "--reason", "ND-12/2026",
        user="budi",
    )  # fmt: skip
    assert r.ok, r.stderr
    assert "closed on Thursday, 26 March 2026" in r.stderr and "1 open failure moved" in r.stderr
    assert fid in r.stdout and "2026-03-31" in r.stdout and "2026-04-01" in r.stdout
    assert late not in r.stdout
    assert book.commit_count() == commits + 1
    assert book.git("log", "-1", "--format=%an|%s").strip() == (
        "Budi Santoso|Calendar: office closed on 2026-03-26: Kerja bakti"
    )
    assert "ND-12/2026" in (book.root / "calendar.yaml").read_text()
    assert json.loads(book("show", fid, "--json").stdout)["deadline"] == "2026-04-01"
    # Withdrawing it moves the deadline back.
    r = book("calendar", "remove", "2026-03-26", "--reason", "Dibatalkan", "--json", user="budi")
    data = json.loads(r.stdout)
    assert data["action"] == "remove"
    assert data["moved"] == [{"id": fid, "old": "2026-04-01", "new": "2026-03-31"}]


def test_calendar_working_days_and_removed_holidays(book: Book) -> None:
    fid = assigned(book, "2026-03-17T09:00:00+07:00")
    # Deadline 8 April (see test_workdays.py). Saturday 28 March becomes a working day:
    # W25 1, T26 2, F27 3, S28 4, M30 5, T31 6, W1 7, T2 8, M6 9, T7 10.
    r = book("calendar", "add", "2026-03-28", "--working", "--name", "Sabtu kerja", user="budi")
    assert r.ok, r.stderr
    assert "2026-04-07" in r.stdout
    # Removing a cuti bersama (the office works on Mon 23 March, day 1) moves it to M6.
    r = book("calendar", "remove", "2026-03-23", "--reason", "Layanan SPT", user="budi")
    assert r.ok, r.stderr
    assert "no longer applies" in r.stderr and "2026-04-06" in r.stdout
    r = book("calendar", "show", "2026-03", "--json")
    kinds = {d["date"]: d["kind"] for d in json.loads(r.stdout)["months"][0]["days"]}
    assert kinds["2026-03-23"] == kinds["2026-03-28"] == "office_working"
    assert json.loads(book("show", fid, "--json").stdout)["deadline"] == "2026-04-06"


@pytest.mark.parametrize(
    ("args", "user", "code", "needle"),
    [
        (("add", "2026-03-26", "--name", "X"), "sari", 1, "Only a supervisor"),
        (("remove", "2026-03-19", "--reason", "X"), "andi", 1, "Only a supervisor"),
        (("add", "2026-03-28", "--name", "X"), "budi", 1, "not a working day anyway"),
        (("add", "2026-03-19", "--name", "X"), "budi", 1, "not a working day anyway"),
        (("add", "2026-03-26", "--working", "--name", "X"), "budi", 1, "already a working day"),
        (("remove", "2026-03-26", "--reason", "X"), "budi", 1, "nothing to remove"),
        (("remove", "2026-03-19"), "budi", 2, "--reason"),
        (("add", "2026-03-26"), "budi", 2, "--name"),
        (("add", "2026-03-26", "--name", " "), "budi", 1, "cannot be empty"),
        (("add", "26-03-2026", "--name", "X"), "budi", 2, "not a date"),
    ],
)
def test_calendar_refusals_change_nothing(
    book: Book, args: tuple[str, ...], user: str, code: int, needle: str
) -> None:
    snapshot, commits = book.snapshot(), book.commit_count()
    r = book("--no-input", "calendar", *args, user=user)
    assert r.exit_code == code, r.stderr
    assert needle in r.stderr and len(r.stderr.strip().splitlines()) == 1
    assert book.snapshot() == snapshot and book.commit_count() == commits


def test_a_day_changed_twice_is_refused(book: Book) -> None:
    assert book("calendar", "add", "2026-03-26", "--name", "A", user="budi").ok
    snapshot = book.snapshot()
    r = book("calendar", "add", "2026-03-26", "--name", "B", user="budi")
    assert r.exit_code == 1 and "remove that first" in r.stderr
    assert book.snapshot() == snapshot


def test_init_ships_an_empty_calendar(book: Book) -> None:
    text = (book.root / "calendar.yaml").read_text()
    assert "schema: 1" in text and text.rstrip().endswith("changes: []")


def test_a_damaged_calendar_file_is_one_sentence(book: Book) -> None:
    (book.root / "calendar.yaml").write_text("schema: 1\nchanges:\n- action: add\n  date: nope\n")
    snapshot = book.snapshot()
    for args in (("calendar", "show", "2026-03"), ("calendar", "deadline", "2026-03-17")):
        r = book(*args)
        assert r.exit_code == 1 and "calendar.yaml, change 1" in r.stderr and "'date'" in r.stderr
        assert len(r.stderr.strip().splitlines()) == 1
    r = book("calendar", "add", "2026-03-26", "--name", "X", user="budi")
    assert r.exit_code == 1 and book.snapshot() == snapshot


# --- due, list --overdue and show agree ---------------------------------------------------------


def test_due_orders_by_working_days_left(book: Book) -> None:
    # Deadlines: assigned 10 Feb 2026 → 26 Feb (16 Feb cuti bersama, 17 Feb Imlek off);
    # assigned 10 March → 31 March; assigned 25 March → T26 1, F27 2, M30 3, T31 4, W1 5,
    # T2 6, (F3 Good Friday), M6 7, T7 8, W8 9, T9 10 → 9 April.
    old = assigned(book, "2026-02-10T09:00:00+07:00", "Old one")
    mid = assigned(book, "2026-03-10T09:00:00+07:00", "Mid one")
    new = assigned(book, "2026-03-25T09:00:00+07:00", "New one")
    waiting = book.report("Not assigned", now="2026-03-26T10:00:00+07:00")
    now = "2026-03-27T10:00:00+07:00"  # Fri 27 March
    r = book("due", now=now, user="nobody")  # anyone may look, even someone not on the roster
    assert r.ok, r.stderr
    order = [line.split()[0] for line in r.stdout.splitlines()[2:] if line.strip()]
    assert order == [old, mid, new, waiting]
    # Old: 26 Feb → 27 Feb, 2-6 Mar, 9-13 Mar, 16-17 Mar, 25-27 Mar: 1+5+5+2+3 = 16 days late.
    assert "16 working days late" in r.stdout
    # Mid: after Fri 27 March, M30 and T31: 2 working days left (yellow, and said in words).
    assert "2 working days left" in r.stdout
    assert "andi: resolve" in r.stdout and "not assigned yet" in r.stdout
    assert "4 open: 1 overdue, 1 due within 2 working days, 1 not assigned yet." in r.stderr
    data = json.loads(book("due", "--json", now=now).stdout)
    assert [f["id"] for f in data["failures"]] == [old, mid, new, waiting]
    assert data["summary"] == {"open": 4, "overdue": 1, "soon": 1, "unassigned": 1}
    assert data["failures"][0]["days_left"] == -16
    # list --overdue and show say the same on the same day.
    listed = json.loads(book("list", "--overdue", "--json", now=now).stdout)
    assert [f["id"] for f in listed] == [old]
    assert listed[0]["days_left"] == -16 and listed[0]["deadline"] == "2026-02-26"
    shown = json.loads(book("show", mid, "--json", now=now).stdout)
    assert shown["days_left"] == 2 and shown["deadline"] == "2026-03-31"


def test_due_when_nothing_is_open(book: Book) -> None:
    r = book("due")
    assert r.ok and "No open failures." in r.stderr


def test_show_counts_stage_days_with_the_office_calendar(book: Book) -> None:
    fid = assigned(book, "2026-03-10T09:00:00+07:00")
    r = book("resolve", fid, "--action", "Fixed", user="andi", now="2026-03-13T09:00:00+07:00")
    assert r.ok, r.stderr

    def resolve_days() -> int:
        out = book("show", fid, now="2026-03-13T10:00:00+07:00").stdout
        found = re.search(r"Resolved\W+andi \(operator\)\W+(\d+)", out)
        assert found, out
        return int(found.group(1))

    assert resolve_days() == 3  # W11, T12, F13
    assert book("calendar", "add", "2026-03-12", "--name", "Tutup", user="budi").ok
    assert resolve_days() == 2


# --- years the package has not settled ----------------------------------------------------------


def test_a_year_without_cuti_bersama_warns_once(book: Book) -> None:
    now = "2028-01-04T09:00:00+07:00"
    for title in ("One", "Two", "Three"):
        assigned(book, now, title)
    for args in (("due",), ("list",), ("list", "--json")):
        r = book(*args, now=now)
        warnings = [line for line in r.stderr.splitlines() if "Warning" in line]
        assert len(warnings) == 1, (args, r.stderr)
        assert "2028 (no cuti bersama yet" in warnings[0]
    fid = json.loads(book("list", "--json", now=now).stdout)[0]["id"]
    assert "2028" in book("show", fid, now=now).stderr
    r = book("calendar", "deadline", "2028-01-04", now=now, lang="id", env={"KLIPCTL_LANG": "id"})
    assert "Peringatan" in r.stderr and "belum ada cuti bersama" in r.stderr
    assert "Warning" not in book("calendar", "deadline", "2026-01-05").stderr


# --- the holiday cache ---------------------------------------------------------------------------


def test_holidays_are_cached_by_package_version(cli: Callable[..., Run], tmp_path: Path) -> None:
    cache = tmp_path / "cache"
    env = {"XDG_CACHE_HOME": str(cache)}
    first = cli("calendar", "deadline", "2026-03-17", env=env).stdout
    files = list((cache / "klipctl").glob("holidays-*.json"))
    assert len(files) == 1
    data = json.loads(files[0].read_text())
    assert "2026-03-19" in data["languages"]["en"]["2026"]["public"]
    assert cli("calendar", "deadline", "2026-03-17", env=env).stdout == first
    files[0].write_text("{ not json")  # a damaged cache is ignored and rewritten
    assert cli("calendar", "deadline", "2026-03-17", env=env).stdout == first
    assert json.loads(files[0].read_text())["schema"] == 1


def test_an_unwritable_cache_never_fails_a_command(cli: Callable[..., Run], tmp_path: Path) -> None:
    blocker = tmp_path / "not-a-folder"
    blocker.write_text("")
    r = cli("calendar", "deadline", "2026-03-17", "--json", env={"XDG_CACHE_HOME": str(blocker)})
    assert r.ok and json.loads(r.stdout)["deadline"] == "2026-04-08"
