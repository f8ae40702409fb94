"""The office's asides through the CLI: note, withdraw, reassign, correct, sign --reject, attach;
and `inbox`. Each is one signed entry and one commit, refused (by its key) without a trace, and
`verify` stays whole after it; the central hook takes them and refuses a forged one."""

from __future__ import annotations

import hashlib
import json
import re
import subprocess
from pathlib import Path

import pytest
from conftest import Book
from test_verify import forge, hand_commit

from klipctl.errors import InvalidInput, NotFound, Refused, UsageError

PNG = b"\x89PNG\r\n\x1a\n" + bytes(range(256)) * 4


def shown(book: Book, fid: str) -> dict[str, object]:
    r = book("show", fid, "--json")
    assert r.ok, r.stderr
    return dict(json.loads(r.stdout))


def one_commit(book: Book, before: int, r: object) -> None:
    assert book.commit_count() == before + 1, r
    v = book("verify")
    assert v.ok, v.stdout + v.stderr


def refused_cleanly(book: Book, r: object, key: str, kind: type, snapshot: dict) -> None:
    assert r.refused(key, kind), (r.error, r.stderr)  # type: ignore[attr-defined]
    assert book.snapshot() == snapshot


# --- note ----------------------------------------------------------------------------------------


def test_anyone_notes_at_any_stage_and_the_stage_stays(book: Book, tmp_path: Path) -> None:
    fid = book.report()
    book.walk(fid, "archived")
    before = book.commit_count()
    r = book("note", fid, "--text", "Sudah dieskalasi ke Direktorat TIK", user="dewi")
    assert r.ok, r.stderr
    one_commit(book, before, r)
    data = shown(book, fid)
    last = data["entries"][-1]  # type: ignore[index]
    assert (last["action"], last["stage"], last["actor"]) == ("note", "archived", "dewi")
    assert "Sudah dieskalasi ke Direktorat TIK" in book("show", fid).stdout
    # The printed report is the text as signed: a note made after the signature is not in it.
    assert "Sudah dieskalasi ke Direktorat TIK" not in book("render", fid).stdout
    # From a file, and from standard input.
    text = tmp_path / "note.txt"
    text.write_text("Menunggu suku cadang\n")
    assert book("note", fid, "--text-file", str(text), user="rina").ok
    assert book("note", fid, "--text-file", "-", user="rina", input="Dari stdin\n").ok
    texts = [e["details"].get("text") for e in shown(book, fid)["entries"]]  # type: ignore[union-attr]
    assert texts[-2:] == ["Menunggu suku cadang", "Dari stdin"]


def test_a_note_is_refused_without_text_or_with_it_twice(book: Book, tmp_path: Path) -> None:
    fid = book.report()
    snap = book.snapshot()
    refused_cleanly(book, book("note", fid, user="rina"), "missing_flags", UsageError, snap)
    r = book("note", fid, "--text", "  ", user="rina")
    refused_cleanly(book, r, "empty_field", InvalidInput, snap)
    (tmp_path / "t.txt").write_text("x")
    r = book("note", fid, "--text", "a", "--text-file", str(tmp_path / "t.txt"), user="rina")
    refused_cleanly(book, r, "text_twice", UsageError, snap)
    r = book("note", fid, "--text", "a", user="stranger")
    refused_cleanly(book, r, "not_on_roster_handle", Refused, snap)


# --- withdraw ------------------------------------------------------------------------------------


def test_a_duplicate_is_withdrawn_and_points_to_the_one_kept(book: Book) -> None:
    kept = book.report("Printer lantai 3 mati")
    dup = book.report("Printer lantai tiga mati", user="dewi")
    before = book.commit_count()
    r = book("withdraw", dup, "--reason", "Laporan ganda", "--duplicate-of", kept, "--yes",
             user="sari")  # fmt: skip
    assert r.ok, r.stderr
    one_commit(book, before, r)
    data = shown(book, dup)
    assert (data["stage"], data["duplicate_of"], data["next"]) == ("withdrawn", kept, None)
    assert shown(book, kept)["duplicates"] == [dup]
    assert dup in book("show", kept).stdout
    # Closed: off the board, on it with --all; in the register as withdrawn with its reason.
    assert dup not in book("list").stdout and dup in book("list", "--all").stdout
    register = book("render", "logbook").stdout
    assert f"Withdrawn, a duplicate of {kept}: Laporan ganda" in register
    month = str(data["reported_at"])[:7]
    recap = book("render", "recap", "--month", month).stdout
    assert "Withdrawn (left out of the on-time figures): 1" in recap


@pytest.mark.parametrize(
    ("stage", "user", "extra", "key", "kind"),
    [
        ("resolved", "sari", (), "wrong_stage", Refused),  # repaired: the SOP finishes it
        ("reported", "andi", (), "wrong_role", Refused),  # an operator does not withdraw
        ("reported", "sari", ("--duplicate-of", "SELF"), "duplicate_of_itself", InvalidInput),
        ("reported", "sari", ("--duplicate-of", "zzzzzz"), "unknown_id", NotFound),
    ],
)
def test_a_withdrawal_is_refused(
    book: Book, stage: str, user: str, extra: tuple[str, ...], key: str, kind: type
) -> None:
    fid = book.report()
    book.walk(fid, stage)
    extra = tuple(fid if a == "SELF" else a for a in extra)
    snap = book.snapshot()
    r = book("withdraw", fid, "--reason", "Salah", *extra, "--yes", user=user)
    refused_cleanly(book, r, key, kind, snap)


def test_a_duplicate_of_a_withdrawn_failure_is_refused(book: Book) -> None:
    gone, fid = book.report("A"), book.report("B")
    assert book("withdraw", gone, "--reason", "Bukan kegagalan", "--yes", user="sari").ok
    snap = book.snapshot()
    r = book("withdraw", fid, "--reason", "x", "--duplicate-of", gone, "--yes", user="sari")
    refused_cleanly(book, r, "duplicate_of_withdrawn", Refused, snap)


# --- reassign ------------------------------------------------------------------------------------


def test_a_reassignment_moves_the_work_and_keeps_the_deadline(book: Book) -> None:
    fid = book.report()
    book.walk(fid, "assigned")
    deadline = shown(book, fid)["deadline"]
    before = book.commit_count()
    r = book("reassign", fid, "--to", "dewi", "--reason", "Andi cuti", user="budi",
             now="2026-12-09T09:00")  # fmt: skip
    assert r.ok, r.stderr
    one_commit(book, before, r)
    data = shown(book, fid)
    assert (data["assignee"], data["deadline"], data["stage"]) == ("dewi", deadline, "assigned")
    snap = book.snapshot()
    r = book("resolve", fid, "--action", "x", user="andi")
    refused_cleanly(book, r, "not_named_person", Refused, snap)
    assert book("resolve", fid, "--action", "Spooler diganti", user="dewi").ok
    # After a rejection, to someone else again: the same rule.
    assert book("review", fid, "--reject", "--reason", "Masih mati", user="budi").ok
    assert book("reassign", fid, "--to", "andi", "--reason", "Dewi mutasi", user="budi").ok
    assert shown(book, fid)["assignee"] == "andi"


def test_an_office_may_restart_the_deadline_on_reassignment(book: Book) -> None:
    config = book.root / "klipctl.yaml"
    config.write_text(config.read_text().replace("reassign_restarts: false",
                                                 "reassign_restarts: true"))  # fmt: skip
    hand_commit(book, "budi", "Reassignment restarts the deadline")
    fid = book.report()
    assert book("record", fid, user="sari").ok
    assert book("assign", fid, "--to", "andi", user="budi", now="2026-12-01T09:00").ok
    first = shown(book, fid)["deadline"]
    r = book("reassign", fid, "--to", "dewi", "--reason", "Cuti", user="budi",
             now="2026-12-08T09:00")  # fmt: skip
    assert r.ok, r.stderr
    assert shown(book, fid)["deadline"] > first  # type: ignore[operator]


@pytest.mark.parametrize(
    ("stage", "user", "to", "key", "kind"),
    [
        ("recorded", "budi", "dewi", "wrong_stage", Refused),  # not yet assigned: `assign`
        ("assigned", "sari", "dewi", "wrong_role", Refused),
        ("assigned", "budi", "andi", "same_assignee", InvalidInput),
        ("assigned", "budi", "rina", "person_lacks_role", InvalidInput),
    ],
)
def test_a_reassignment_is_refused(
    book: Book, stage: str, user: str, to: str, key: str, kind: type
) -> None:
    fid = book.report()
    book.walk(fid, stage)
    snap = book.snapshot()
    r = book("reassign", fid, "--to", to, "--reason", "x", user=user)
    refused_cleanly(book, r, key, kind, snap)


# --- correct -------------------------------------------------------------------------------------


def test_the_reporter_corrects_a_typo_and_the_original_stays_visible(book: Book) -> None:
    fid = book.report("Printr mati")
    before = book.commit_count()
    r = book("correct", fid, "--field", "title", "--value", "Printer mati",
             "--reason", "Salah ketik", user="rina")  # fmt: skip
    assert r.ok, r.stderr
    one_commit(book, before, r)
    data = shown(book, fid)
    assert (data["title"], data["corrected"]) == ("Printer mati", ["title"])
    out = book("show", fid).stdout
    assert "Printer mati (corrected)" in out and "'Printr mati' → 'Printer mati'" in out
    assert book("correct", fid, "--field", "severity", "--value", "high", "--reason", "Lebih parah",
                user="sari").ok  # fmt: skip
    assert shown(book, fid)["severity"] == "high"


@pytest.mark.parametrize(
    ("stage", "user", "field", "value", "key", "kind"),
    [
        ("signed", "rina", "title", "Baru", "wrong_stage", Refused),  # signed: too late
        ("reported", "andi", "title", "Baru", "wrong_role_or_involved", Refused),
        ("reported", "rina", "title", "Print server down", "correction_unchanged", InvalidInput),
        ("reported", "rina", "stage", "archived", "invalid_field", InvalidInput),
        ("reported", "rina", "severity", "sangat", "invalid_severity", InvalidInput),
    ],
)
def test_a_correction_is_refused(
    book: Book, stage: str, user: str, field: str, value: str, key: str, kind: type
) -> None:
    fid = book.report()
    book.walk(fid, stage)
    snap = book.snapshot()
    r = book("correct", fid, "--field", field, "--value", value, "--reason", "x", user=user)
    refused_cleanly(book, r, key, kind, snap)


# --- sign --reject -------------------------------------------------------------------------------


def test_a_draft_sent_back_is_redrafted_and_numbered_only_when_signed(book: Book) -> None:
    fid = book.report()
    book.walk(fid, "drafted")
    before = book.commit_count()
    r = book("sign", fid, "--reject", "--reason", "Lengkapi penyebabnya", user="budi")
    assert r.ok, r.stderr
    one_commit(book, before, r)
    data = shown(book, fid)
    assert (data["stage"], data["next"]["handle"]) == ("reviewed", "sari")  # type: ignore[index]
    assert book("draft", fid, user="sari").ok
    assert book("sign", fid, "--yes", user="budi").ok
    numbers = [e["details"].get("number") for e in shown(book, fid)["entries"]]  # type: ignore[union-attr]
    assert [n for n in numbers if n] and "Draft report sent back" in book("render", fid).stdout


def test_sign_refuses_a_clerk_before_asking_to_confirm(book: Book) -> None:
    fid = book.report()
    book.walk(fid, "drafted")
    snap = book.snapshot()
    refused_cleanly(book, book("sign", fid, user="sari"), "wrong_role", Refused, snap)
    r = book("sign", fid, "--reason", "x", user="budi")
    refused_cleanly(book, r, "reason_without_reject", UsageError, snap)
    r = book("sign", fid, "--reject", user="budi")
    refused_cleanly(book, r, "missing_flags", UsageError, snap)


# --- attach --------------------------------------------------------------------------------------


def test_files_are_attached_kept_by_hash_and_given_back(book: Book, tmp_path: Path) -> None:
    fid = book.report()
    shot, log = tmp_path / "layar.png", tmp_path / "error.log"
    shot.write_bytes(PNG)
    log.write_text("ERROR spooler\n")
    before = book.commit_count()
    r = book("attach", fid, str(shot), str(log), "--note", "Pesan galat", user="rina")
    assert r.ok, r.stderr
    one_commit(book, before, r)
    digest = hashlib.sha256(PNG).hexdigest()
    stored = next(book.root.glob(f"failures/*/*/{fid}.files/{digest}"))
    assert stored.read_bytes() == PNG
    files = shown(book, fid)["attachments"]
    assert [(f["n"], f["name"], f["size"]) for f in files] == [  # type: ignore[index]
        (1, "layar.png", len(PNG)), (2, "error.log", 14),
    ]  # fmt: skip
    assert files[0]["type"] == "image/png" and files[0]["sha256"] == digest  # type: ignore[index]
    out = tmp_path / "back.png"
    r = book("attachment", fid, "1", "-o", str(out), user="rina")
    assert r.ok and out.read_bytes() == PNG, r.stderr
    assert "1 attachments" not in book("verify").stdout and "2 attachments" in book("verify").stdout
    # The result report lists them.
    assert "layar.png" in book("render", fid).stdout


def test_attach_refuses_what_it_cannot_take(book: Book, tmp_path: Path) -> None:
    fid = book.report()
    big = tmp_path / "big.bin"
    big.write_bytes(b"x" * 2_000)
    config = book.root / "klipctl.yaml"
    config.write_text(config.read_text().replace("max_mb: 10", "max_mb: 0.001"))
    hand_commit(book, "budi", "A small attachment limit")
    small = tmp_path / "small.txt"
    small.write_text("ok")
    assert book("attach", fid, str(small), user="rina").ok
    snap = book.snapshot()
    r = book("attach", fid, str(big), user="rina")
    refused_cleanly(book, r, "attachment_too_large", InvalidInput, snap)
    assert "is 2 kB, over the attachment limit of 1 kB" in r.stderr
    r = book("attach", fid, str(small), user="budi")
    refused_cleanly(book, r, "already_attached", InvalidInput, snap)
    r = book("attach", fid, str(tmp_path / "absent.png"), user="rina")
    refused_cleanly(book, r, "file_unreadable", UsageError, snap)
    r = book("attach", fid, str(small), user="dewi")  # not involved, not of the office
    refused_cleanly(book, r, "wrong_role_or_involved", Refused, snap)
    r = book("attachment", fid, "5", user="rina")
    assert r.refused("no_attachment", NotFound), r.stderr


def test_a_changed_attachment_is_named_by_verify_and_refused_by_the_hook(
    book: Book, central: Path, tmp_path: Path
) -> None:
    fid = book.report()
    shot = tmp_path / "layar.png"
    shot.write_bytes(PNG)
    assert book("attach", fid, str(shot), user="rina").ok
    assert book("note", fid, "--text", "Dicek", user="sari").ok
    r = book("sync", user="budi")  # the hook accepts the asides
    assert r.ok, r.stderr
    stored = next(book.root.glob(f"failures/*/*/{fid}.files/*"))
    stored.write_bytes(b"another picture")
    hand_commit(book, "rina", "A better screenshot")
    r = book("verify", "--json")
    kinds = {v["problem"] for v in json.loads(r.stdout)["violations"]}
    # The file no longer matches its entry, and the commit that changed it is no step of it.
    assert r.exit_code == 1 and kinds == {"v_attachment_changed", "v_file_unclaimed"}
    push = subprocess.run(["git", "push", "-q", "origin", "main"], cwd=book.root,
                          capture_output=True, text=True)  # fmt: skip
    assert push.returncode != 0 and "does not match the SHA-256" in push.stderr


def test_the_hook_refuses_a_forged_withdrawal(book: Book, central: Path) -> None:
    fid = book.report()
    assert book("sync", user="budi").ok
    forge(book, fid, "withdraw", "andi", "operator", "andi")  # an operator may not withdraw
    hand_commit(book, "andi", "Withdraw")
    kinds = {v["problem"] for v in json.loads(book("verify", "--json").stdout)["violations"]}
    assert "v_wrong_role" in kinds
    push = subprocess.run(["git", "push", "-q", "origin", "main"], cwd=book.root,
                          capture_output=True, text=True)  # fmt: skip
    assert push.returncode != 0 and "klipctl refuses this push" in push.stderr


# --- inbox ---------------------------------------------------------------------------------------


def test_the_inbox_lists_what_waits_for_each_person(book: Book) -> None:
    reported = book.report("A")
    assigned = book.report("B")
    book.walk(assigned, "assigned")
    drafted = book.report("C")
    book.walk(drafted, "reviewed")

    def inbox(user: str) -> list[tuple[str, str]]:
        r = book("inbox", "--json", user=user)
        assert r.ok, r.stderr
        return [(f["id"], f["command"]) for f in json.loads(r.stdout)]

    assert inbox("sari") == [(drafted, f"klipctl draft {drafted}"),
                             (reported, f"klipctl record {reported}")]  # fmt: skip
    assert inbox("tono") == [(reported, f"klipctl record {reported}")]  # not tasked with C
    assert inbox("andi") == [(assigned, f"klipctl resolve {assigned}")]
    assert inbox("dewi") == []
    r = book("inbox", user="rina")
    assert r.ok and "No failure is waiting for you." in r.stderr
    r = book(user="andi")  # klipctl alone, inside a log book
    assert "1 failure waits for you: `klipctl inbox`." in r.stdout


# --- sync: a race on one failure ----------------------------------------------------------------


def test_a_withdrawal_that_lost_the_race_to_a_repair_is_told(book: Book, other: Book) -> None:
    fid = book.report()
    book.walk(fid, "assigned")
    assert book("sync", user="budi").ok
    r = book("withdraw", fid, "--reason", "Laporan ganda", "--yes", user="sari",
             env={"KLIPCTL_OFFLINE": "1"})  # fmt: skip
    assert r.ok, r.stderr
    assert other("resolve", fid, "--action", "Spooler diganti", user="andi").ok
    r = book("sync", user="sari")
    assert r.ok, r.stderr
    assert "did not go in" in r.stderr or "did not go in" in r.stdout
    data = shown(book, fid)
    assert data["stage"] == "resolved"  # first to the centre wins
    for b in (book, other):
        v = b("verify")
        assert v.ok, v.stdout


def test_an_attachment_set_aside_by_a_race_is_taken_again_with_its_file(
    book: Book, other: Book, tmp_path: Path
) -> None:
    fid = book.report()
    assert book("sync", user="budi").ok
    shot = tmp_path / "layar.png"
    shot.write_bytes(PNG)
    r = book("attach", fid, str(shot), user="rina", env={"KLIPCTL_OFFLINE": "1"})
    assert r.ok, r.stderr
    assert other("note", fid, "--text", "Sudah dicek di lokasi", user="sari").ok
    r = book("sync", user="rina")  # sari's note got there first: the attach goes in after it
    assert r.ok, r.stderr
    assert [e["action"] for e in shown(book, fid)["entries"]] == ["report", "note", "attach"]
    assert other("sync", user="sari").ok
    out = tmp_path / "back.png"
    assert other("attachment", fid, "1", "-o", str(out)).ok and out.read_bytes() == PNG
    for b in (book, other):
        v = b("verify")
        assert v.ok, v.stdout


# --- at a real terminal (a pseudo-terminal: prompts, the summary, yes in Indonesian) -----------


def at_terminal(
    book: Book,
    user: str,
    *args: str,
    answers: str | list[tuple[str, str]],
    env: dict[str, str] | None = None,
) -> tuple[int, str]:
    """Run klipctl as a whole process on a pseudo-terminal; ``answers`` typed ahead, or each
    typed once its prompt shows (a hidden prompt flushes what was typed ahead, as getpass
    does)."""
    import os
    import sys

    master, slave = os.openpty()
    env = {**os.environ, "KLIPCTL_LOGBOOK": str(book.root), "KLIPCTL_USER": user,
           "KLIPCTL_SIGNING_KEY": str(book.keys[user]), "KLIPCTL_LANG": "id",
           "KLIPCTL_OFFLINE": "1", "NO_COLOR": "1", **(env or {})}  # fmt: skip

    def own_terminal() -> None:  # as a login would: a session whose terminal is the pty
        import fcntl
        import termios

        os.setsid()
        fcntl.ioctl(0, termios.TIOCSCTTY, 0)

    proc = subprocess.Popen([sys.executable, "-m", "klipctl", *args], stdin=slave,
                            stdout=slave, stderr=slave, env=env, close_fds=True,
                            preexec_fn=own_terminal)  # fmt: skip
    os.close(slave)
    pending = [] if isinstance(answers, str) else list(answers)
    if isinstance(answers, str):
        os.write(master, answers.encode())
    import select

    out = b""
    while True:
        if pending and pending[0][0].encode() in out:
            os.write(master, pending.pop(0)[1].encode())
        ready, _, _ = select.select([master], [], [], 30)
        if not ready:  # waiting for an answer nobody typed: fail, do not hang
            proc.kill()
            pytest.fail(f"klipctl {' '.join(args)} waits for input: {out.decode()!r}")
        try:
            chunk = os.read(master, 4096)
        except OSError:  # the terminal closed: the process ended
            break
        if not chunk:
            break
        out += chunk
    os.close(master)
    return proc.wait(timeout=60), out.decode("utf-8", "replace").replace("\r\n", "\n")


def test_report_at_a_terminal_shows_a_summary_and_takes_ya(book: Book) -> None:
    before = book.commit_count()
    code, out = at_terminal(book, "rina", "report", answers="Printer mati\nPrinter Server\n\nya\n")
    assert code == 0, out
    assert "Yang akan dicatat:" in out and "Simpan laporan ini? [y/T]" in out
    assert book.commit_count() == before + 1
    fid = re.findall(r"^([0-9a-z]{12}) · Printer mati$", out, re.MULTILINE)[0]
    assert shown(book, fid)["title"] == "Printer mati"


def test_a_withdrawal_at_a_terminal_is_cancelled_by_tidak(book: Book) -> None:
    fid = book.report()
    snap = book.snapshot()
    code, out = at_terminal(
        book, "sari", "withdraw", fid, answers="Laporan ganda\nmungkin\ntidak\n"
    )
    assert (
        code == 1 and "Jawab ya atau tidak." in out and "Dibatalkan; log book tidak diubah." in out
    )
    assert "Alasan pembatalan" in out
    assert book.snapshot() == snap


def test_work_left_by_someone_removed_waits_for_the_supervisor(book: Book) -> None:
    fid = book.report()
    book.walk(fid, "assigned")
    assert book("roster", "remove", "andi", "--reason", "Mutasi ke KPP lain", user="budi").ok
    r = book("inbox", "--json", user="budi")
    waiting = {f["id"]: f for f in json.loads(r.stdout)}
    assert waiting[fid]["command"] == f"klipctl reassign {fid} --to …"
    assert waiting[fid]["waits_for_removed"] == "andi"
    assert book("reassign", fid, "--to", "dewi", "--reason", "Andi mutasi", user="budi").ok
    assert fid not in {f["id"] for f in json.loads(book("inbox", "--json", user="budi").stdout)}


def test_a_correction_takes_the_indonesian_field_names(book: Book) -> None:
    fid = book.report("Printr mati")
    r = book("correct", fid, "--field", "judul", "--value", "Printer mati", "--reason", "Ketik",
             user="rina")  # fmt: skip
    assert r.ok, r.stderr
    assert shown(book, fid)["title"] == "Printer mati"


def test_a_withdrawn_failures_report_says_so(book: Book) -> None:
    kept, dup = book.report("A"), book.report("B")
    book.walk(dup, "assigned")
    assert book("withdraw", dup, "--reason", "Laporan ganda", "--duplicate-of", kept, "--yes",
                user="budi").ok  # fmt: skip
    text = book("render", dup).stdout
    assert "withdrawn on" in text and f"as a duplicate of {kept}: Laporan ganda" in text
    assert "still under way" not in text and "kept under watch" not in text


def test_values_are_typed_as_the_board_shows_them(book: Book) -> None:
    """Indonesian names (and an office's short forms) for severities, stages and roles."""
    r = book("report", "--title", "x", "--system", "y", "--severity", "tinggi", "--json",
             user="rina")  # fmt: skip
    assert r.ok and json.loads(r.stdout)["severity"] == "high", r.stderr
    fid = json.loads(r.stdout)["id"]
    assert book("correct", fid, "--field", "tingkat", "--value", "kritis", "--reason", "Parah",
                user="rina").ok  # fmt: skip
    assert shown(book, fid)["severity"] == "critical"
    listed = json.loads(book("list", "--stage", "dilaporkan", "--json").stdout)
    assert [f["id"] for f in listed] == [fid]
    assert book("roster", "set-role", "dewi", "--add", "pelaksana", user="budi").ok
    people = json.loads(book("roster", "list", "--json").stdout)
    dewi = next(p for p in people if p["handle"] == "dewi")
    assert "clerk" in dewi["roles"]
