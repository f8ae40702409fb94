"""The SOP end to end through the CLI, against a real git log book."""

from __future__ import annotations

import json

from conftest import Book


def test_whole_procedure_makes_one_commit_per_step(book: Book) -> None:
    before = book.commit_count()
    fid = book.report("Printer server down")
    assert len(fid) == 12
    book.walk(fid, "archived")
    assert book.commit_count() == before + 9
    shown = json.loads(book("show", fid, "--json").stdout)
    assert shown["stage"] == "archived"
    assert [e["stage"] for e in shown["entries"]] == [
        "reported",
        "recorded",
        "assigned",
        "resolved",
        "reviewed",
        "drafted",
        "signed",
        "delivered",
        "archived",
    ]
    assert [e["actor"] for e in shown["entries"]] == [
        "rina",
        "sari",
        "budi",
        "andi",
        "budi",
        "sari",
        "budi",
        "budi",
        "sari",
    ]
    assert shown["entries"][0]["at"] == "2026-03-10T09:00:00+07:00"
    assert book.git("status", "--porcelain") == ""


def test_each_commit_is_authored_by_the_actor_and_holds_only_its_change(book: Book) -> None:
    fid = book.report()
    book.walk(fid, "assigned")
    log = book.git("log", "-2", "--format=%an <%ae>|%s")
    assert log.splitlines() == [
        f"Budi Santoso <budi@pajak.go.id>|Assign {fid}: Print server down",
        f"Sari Wulandari <sari@pajak.go.id>|Record {fid}: Print server down",
    ]
    files = book.git("show", "--name-only", "--format=", "HEAD").split()
    assert len(files) == 1 and files[0].endswith(f"{fid}.yaml")
    body = book.git("log", "-1", "--format=%B")
    assert "Klipctl-Stage: assigned" in body
    assert "Klipctl-Actor: budi" in body
    assert f"Klipctl-Failure: {fid}" in body
    trailers = book.git("log", "-1", "--format=%(trailers:key=Klipctl-Action,valueonly)")
    assert trailers.strip() == "assign"


def test_entries_are_appended_never_rewritten(book: Book) -> None:
    fid = book.report()
    path = next(book.root.glob(f"failures/*/*/{fid}.yaml"))
    first = path.read_bytes()
    book.walk(fid, "resolved")
    assert path.read_bytes().startswith(first)
    diff = book.git("diff", "HEAD~1", "--", str(path.relative_to(book.root)))
    removed = [
        line for line in diff.splitlines() if line.startswith("-") and not line.startswith("---")
    ]
    assert removed == []


def test_rejection_goes_back_to_the_same_operator_and_keeps_the_deadline(book: Book) -> None:
    fid = book.report()
    book.walk(fid, "resolved")
    deadline = json.loads(book("show", fid, "--json").stdout)["deadline"]
    r = book(
        "review",
        fid,
        "--reject",
        "--reason",
        "Still jams on tray 2",
        user="budi",
        now="2026-03-12T10:00:00+07:00",
    )
    assert r.ok, r.stderr
    assert "Resolved → Assigned" in r.stderr
    assert "andi" in r.stderr  # the next step names the same operator
    shown = json.loads(book("show", fid, "--json").stdout)
    assert shown["stage"] == "assigned"
    assert shown["assignee"] == "andi"
    assert shown["deadline"] == deadline
    other = book("resolve", fid, "--action", "Replaced the roller", user="dewi")
    assert other.refused("not_named_person"), other.stderr
    assert book("resolve", fid, "--action", "Replaced the roller", user="andi").ok
    assert book("review", fid, "--accept", "--drafter", "tono", user="budi").ok
    # Only the clerk named at review may draft.
    wrong = book("draft", fid, user="sari")
    assert wrong.refused("not_named_person"), wrong.stderr
    assert "tono" in wrong.stderr
    assert book("draft", fid, user="tono").ok


def test_deadline_is_ten_working_days_after_assignment(book: Book) -> None:
    fid = book.report()
    book.walk(fid, "recorded")
    # Tuesday 17 March 2026: Nyepi, Idul Fitri, cuti bersama and Good Friday are skipped.
    assert book("assign", fid, "--to", "andi", user="budi", now="2026-03-17T10:00:00+07:00").ok
    assert json.loads(book("show", fid, "--json").stdout)["deadline"] == "2026-04-08"


def test_an_ordinary_week_deadline(book: Book) -> None:
    fid = book.report()
    book.walk(fid, "assigned", now="2026-10-05T10:00:00+07:00")  # a Monday, no holidays near
    assert json.loads(book("show", fid, "--json").stdout)["deadline"] == "2026-10-19"


def test_after_a_change_the_summary_names_the_next_step(book: Book) -> None:
    fid = book.report()
    r = book("record", fid, user="sari")
    assert r.ok
    assert fid in r.stderr
    assert "Reported → Recorded" in r.stderr
    assert f"klipctl assign {fid}" in r.stderr
    assert r.stdout == ""  # messages go to stderr


def test_report_json_prints_the_new_failure(book: Book) -> None:
    r = book(
        "report",
        "--title",
        "VPN down",
        "--system",
        "VPN",
        "--severity",
        "high",
        "--json",
        user="rina",
    )
    assert r.ok, r.stderr
    data = json.loads(r.stdout)
    assert data["title"] == "VPN down" and data["severity"] == "high"
    assert data["stage"] == "reported" and data["deadline"] is None
    assert data["entries"][0]["actor"] == "rina"


def test_prefix_of_an_id_is_accepted(book: Book) -> None:
    fid = book.report()
    assert book("record", fid[:9].upper(), user="sari").ok


def test_list_filters(book: Book) -> None:
    a = book.report("Printer A")
    b = book.report("Mail slow", system="Email Server", now="2026-03-10T09:00:05+07:00")
    c = book.report("Closed one", now="2026-03-10T09:00:09+07:00")
    book.walk(a, "assigned")
    book.walk(c, "archived")

    def ids(*args: str, now: str | None = None) -> set[str]:
        r = book("list", "--json", *args, now=now)
        assert r.ok, r.stderr
        return {item["id"] for item in json.loads(r.stdout)}

    assert ids() == {a, b}
    assert ids("--all") == {a, b, c}
    assert ids("--stage", "assigned") == {a}
    assert ids("--stage", "archived") == {c}
    assert ids("--assignee", "andi") == {a}
    assert ids("--system", "email server") == {b}
    assert ids("--overdue") == set()
    assert ids("--overdue", now="2026-04-30T09:00:00+07:00") == {a}


def test_list_says_so_when_empty(book: Book) -> None:
    r = book("list")
    assert r.ok and r.stdout == ""
    assert r.stderr == "No failure is open.\n"
    assert book("list", "--all").stderr == "No failure has been reported yet.\n"
    assert book("list", "--system", "VPN").stderr == "No failure matches what was asked.\n"
    # In Indonesian: nothing asked for is not "nothing matches" (issue 14).
    r = book("--lang", "id", "list", lang="id")
    assert r.stderr == "Tidak ada kegagalan yang masih terbuka.\n"


def test_show_and_history_for_people(book: Book) -> None:
    fid = book.report("[URGENT] printer <b>down</b>")
    book.walk(fid, "assigned")
    shown = book("show", fid)
    assert shown.ok
    assert "[URGENT] printer <b>down</b>" in shown.stdout  # markup-looking text shows as typed
    assert "working days left" in shown.stdout
    hist = book("history", fid)
    assert hist.ok
    assert f"Assign a system support operator ({fid})" in hist.stdout
    assert "Budi Santoso" in hist.stdout


def test_indonesian_is_the_default_language(book: Book) -> None:
    fid = book.report()
    r = book("record", fid, user="sari", lang="id", env={"KLIPCTL_LANG": ""})
    assert r.ok
    assert "Dilaporkan → Dicatat" in r.stderr
    r = book("--lang", "id", "show", fid)
    assert "Tahap" in r.stdout
