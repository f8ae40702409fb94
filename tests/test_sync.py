"""Many clones, one central repository: sync, set-aside, offline work and push races.

Every test uses real clones of a real bare repository that runs klipctl's own pre-receive hook,
so each push is also checked as the audit trail requires.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from conftest import Book

OFFLINE = {"KLIPCTL_OFFLINE": "1"}


def entries(b: Book, fid: str) -> list[dict[str, object]]:
    r = b("show", fid, "--json")
    assert r.ok, r.stderr
    return list(json.loads(r.stdout)["entries"])


def central_head(central: Path) -> str:
    return subprocess.run(
        ["git", "rev-parse", "main"], cwd=central, capture_output=True, text=True, check=True
    ).stdout.strip()


def assert_verifies(*books: Book) -> None:
    for b in books:
        r = b("verify")
        assert r.ok, r.stdout + r.stderr


def test_writes_push_and_the_other_terminal_sees_them(
    book: Book, other: Book, central: Path
) -> None:
    fid = book.report("Email server down")
    assert central_head(central) == book.git("rev-parse", "HEAD").strip()
    # The other terminal's write fetches first, so it acts on the failure just reported.
    r = other("record", fid, user="sari")
    assert r.ok, r.stderr
    r = book("assign", fid, "--to", "andi", user="budi")
    assert r.ok, r.stderr
    assert [e["action"] for e in entries(book, fid)] == ["report", "record", "assign"]
    assert other("sync", user="sari").ok
    assert book.git("rev-parse", "HEAD") == other.git("rev-parse", "HEAD")
    assert_verifies(book, other)


def test_interleaved_work_on_different_failures_merges_without_conflict(
    book: Book, other: Book, central: Path
) -> None:
    first = book.report("VPN down", env=OFFLINE)
    second = other.report("Printer jammed", env=OFFLINE)
    assert book("record", first, user="sari", env=OFFLINE).ok
    assert other("record", second, user="tono", env=OFFLINE).ok
    r = book("sync", user="budi")
    assert r.ok and "2 sent" in r.stderr, r.stderr
    r = other("sync", user="sari")
    assert r.ok, r.stderr
    assert "received" in r.stderr
    assert book("sync", user="budi").ok
    for b in (book, other):
        listed = {f["id"] for f in json.loads(b("list", "--json").stdout)}
        assert listed == {first, second}
    assert book.git("rev-parse", "HEAD") == other.git("rev-parse", "HEAD")
    merge = other.git("log", "-1", "--format=%P%n%B")
    assert len(merge.split("\n")[0].split()) == 2 and "Klipctl-Action: sync" in merge
    assert_verifies(book, other)
    for path in book.root.rglob("*.yaml"):
        assert "<<<<<<<" not in path.read_text()


def test_two_supervisors_assign_at_once_the_first_to_the_centre_wins(
    book: Book, other: Book, central: Path
) -> None:
    fid = book.report()
    assert book("record", fid, user="sari").ok
    assert other("sync", user="budi").ok
    # Both assign while apart; dewi's assignment reaches the central repository first.
    assert book("assign", fid, "--to", "andi", user="budi", env=OFFLINE).ok
    r = other("assign", fid, "--to", "dewi", user="budi")
    assert r.ok, r.stderr
    mine = book.git("rev-parse", "HEAD").strip()
    r = book("sync", user="budi")
    assert r.ok, r.stderr
    assert "did not go in" in r.stderr and "assign" in r.stderr and mine[:10] in r.stderr
    assert "not taken again" in r.stderr  # the SOP no longer allows it: it is assigned
    assigned = [e for e in entries(book, fid) if e["action"] == "assign"]
    assert len(assigned) == 1 and entries(book, fid)[-1]["details"] == {"to": "dewi"}
    # Nothing is lost: the set-aside entry is still in history, and status names it.
    assert "to: andi" in book.git("show", f"{mine}:" + book.git(
        "ls-files", "failures").split()[0])  # fmt: skip
    status = json.loads(book("status", "--json").stdout)
    assert status["set_aside"][0]["entry"]["details"] == {"to": "andi"}
    assert status["unpushed"] == []
    assert_verifies(book, other)


def test_a_step_still_allowed_after_the_others_entry_is_taken_again(
    book: Book, other: Book, central: Path
) -> None:
    fid = book.report()
    assert other("sync", user="budi").ok
    assert book("record", fid, user="sari", env=OFFLINE).ok  # set aside: tono was first
    assert book("assign", fid, "--to", "andi", user="budi", env=OFFLINE).ok
    assert other("record", fid, user="tono").ok
    r = book("sync", user="budi")
    assert r.ok, r.stderr
    assert "taken again" in r.stderr
    actions = [(e["action"], e["actor"]) for e in entries(book, fid)]
    assert actions == [("report", "rina"), ("record", "tono"), ("assign", "budi")]
    assert (
        book.git("rev-parse", "HEAD")
        == subprocess.run(
            ["git", "rev-parse", "main"], cwd=central, capture_output=True, text=True
        ).stdout
    )  # the re-applied step was pushed
    assert_verifies(book)


def test_offline_work_is_kept_and_sent_by_a_later_sync(
    book: Book, other: Book, central: Path, tmp_path: Path
) -> None:
    assert book("remote", "set", str(tmp_path / "nowhere.git")).ok
    fid = book.report()
    r = book("record", fid, user="sari")
    assert r.ok
    assert "cannot be reached" in r.stderr
    status = json.loads(book("status", "--json").stdout)
    assert len(status["unpushed"]) == 2
    r = book("sync", user="budi")
    assert r.exit_code == 1 and "cannot be reached" in r.stderr
    assert book("remote", "set", str(central)).ok
    r = book("sync", user="budi")
    assert r.ok and "2 sent" in r.stderr, r.stderr
    assert json.loads(book("status", "--json").stdout)["unpushed"] == []
    assert other("sync", user="sari").ok
    assert [e["action"] for e in entries(other, fid)] == ["report", "record"]


def test_roster_changes_on_both_sides_the_first_wins_and_is_named(
    book: Book, other: Book, central: Path, keys: dict[str, Path]
) -> None:
    add = ("roster", "add", "wati", "--name", "Wati", "--nip", "199001012015012001",
           "--role", "staff")  # fmt: skip
    assert book(*add, user="budi", env=OFFLINE).ok
    add2 = ("roster", "add", "yuni", "--name", "Yuni", "--nip", "199001012015012002",
            "--role", "staff")  # fmt: skip
    assert other(*add2, user="budi").ok
    r = book("sync", user="budi")
    assert r.ok, r.stderr
    assert "wati" in r.stderr and "did not go in" in r.stderr
    people = {p["handle"] for p in json.loads(book("roster", "list", "--json").stdout)}
    assert "yuni" in people and "wati" not in people
    assert_verifies(book)


def test_calendar_changes_on_both_sides_are_both_kept(
    book: Book, other: Book, central: Path
) -> None:
    assert book("calendar", "add", "2026-06-19", "--name", "Gedung ditutup", user="budi",
                env=OFFLINE).ok  # fmt: skip
    assert other("calendar", "add", "2026-06-22", "--name", "Listrik padam", user="budi").ok
    r = book("sync", user="budi")
    assert r.ok, r.stderr
    text = (book.root / "calendar.yaml").read_text()
    assert "2026-06-19" in text and "2026-06-22" in text
    assert other("sync", user="budi").ok
    assert (other.root / "calendar.yaml").read_text() == text


def test_a_setting_changed_on_both_sides_keeps_the_central_version_and_says_so(
    book: Book, other: Book, central: Path
) -> None:
    assert other("config", "set", "deadline.working_days", "12", user="budi").ok
    r = book("config", "set", "deadline.working_days", "14", user="budi", env=OFFLINE)
    assert r.ok, r.stderr
    mine = book.git("rev-parse", "HEAD").strip()
    r = book("sync", user="budi")
    assert r.ok, r.stderr
    assert "klipctl.yaml was changed on the central repository too" in r.stderr
    assert book("config", "get", "deadline.working_days").stdout.strip() == "12"
    assert book.git("merge-base", "--is-ancestor", mine, "HEAD") == ""  # still in history
    assert other("sync", user="budi").ok
    assert_verifies(book, other)


def test_sync_without_a_central_repository_says_how_to_set_one(book: Book) -> None:
    r = book("sync", user="budi")
    assert r.exit_code == 1 and "klipctl remote set URL" in r.stderr
    r = book("status")
    assert r.ok and "not set" in r.stderr


def _klipctl(root: Path, user: str, *args: str) -> subprocess.Popen[str]:
    env = {**os.environ, "KLIPCTL_USER": user, "KLIPCTL_LOGBOOK": str(root)}
    return subprocess.Popen([sys.executable, "-m", "klipctl", *args], env=env,
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)  # fmt: skip


def test_a_push_race_between_two_terminals_loses_nothing(
    book: Book, other: Book, central: Path, keys: dict[str, Path], monkeypatch: pytest.MonkeyPatch
) -> None:
    """Two clones report at the same moment, again and again: pushes collide, each side
    integrates and retries, and in the end both hold every failure."""
    monkeypatch.setenv("KLIPCTL_SIGNING_KEY", str(keys["rina"]))
    rounds = 4
    for n in range(rounds):
        procs = [_klipctl(b.root, "rina", "report", "--title", f"Race {n} {i}", "--system", "VPN")
                 for i, b in enumerate((book, other))]  # fmt: skip
        for proc in procs:
            out, err = proc.communicate(timeout=120)
            assert proc.returncode == 0, err
    assert book("sync", user="rina").ok and other("sync", user="rina").ok
    assert book("sync", user="rina").ok
    titles = {f["title"] for f in json.loads(book("list", "--json").stdout)}
    assert titles == {f"Race {n} {i}" for n in range(rounds) for i in range(2)}
    assert book.git("rev-parse", "HEAD") == other.git("rev-parse", "HEAD")
    assert_verifies(book, other)


def test_a_merge_that_sets_aside_the_central_repositorys_entries_is_refused(
    book: Book, central: Path
) -> None:
    fid = book.report()
    before_record = book.git("rev-parse", "HEAD").strip()
    assert book("record", fid, user="sari").ok  # pushed: the central repository holds it
    tip = book.git("rev-parse", "HEAD").strip()
    # A hand-made "sync merge" keeping the older file: it would drop the central record.
    tree = book.git("rev-parse", f"{before_record}^{{tree}}").strip()
    message = f"Sync\n\nKlipctl-Action: sync\nKlipctl-Actor: budi\nKlipctl-Set-Aside: {fid}\n"
    forged = subprocess.run(
        ["git", "commit-tree", tree, "-p", tip, "-p", before_record, "-m", message],
        cwd=book.root, capture_output=True, text=True, check=True,
    ).stdout.strip()  # fmt: skip
    push = subprocess.run(["git", "push", "origin", f"{forged}:refs/heads/main"],
                          cwd=book.root, capture_output=True, text=True)  # fmt: skip
    assert push.returncode != 0
    assert "sets aside entries the central repository already holds" in push.stderr


def test_a_roster_change_after_one_fetched_first_chains_onto_it(
    book: Book, other: Book, central: Path
) -> None:
    add = ("roster", "add", "yuni", "--name", "Yuni", "--nip", "199001012015012002",
           "--role", "staff")  # fmt: skip
    assert other(*add, user="budi").ok
    # `roster add` reads the roster before its write fetches yuni's addition: it must chain
    # onto the roster as fetched, not as read.
    add2 = ("roster", "add", "wati", "--name", "Wati", "--nip", "199001012015012001",
            "--role", "staff")  # fmt: skip
    r = book(*add2, user="budi")
    assert r.ok, r.stderr
    people = {p["handle"] for p in json.loads(book("roster", "list", "--json").stdout)}
    assert {"yuni", "wati"} <= people
    assert_verifies(book)
    assert other("sync", user="budi").ok
    assert_verifies(other)


def test_remote_set_takes_a_folder_as_an_absolute_path_and_refuses_an_option(
    book: Book, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    (tmp_path / "share.git").mkdir()
    monkeypatch.chdir(tmp_path)
    assert book("remote", "set", "share.git").ok
    assert book.git("remote", "get-url", "origin").strip() == str(tmp_path / "share.git")
    before = book.git("remote", "get-url", "origin")
    r = book("remote", "set", "--", "--upload-pack=touch /tmp/x")
    assert r.exit_code == 1 and "not a usable repository URL" in r.stderr
    assert book.git("remote", "get-url", "origin") == before


def test_a_write_that_syncs_first_reports_what_it_set_aside(
    book: Book, other: Book, central: Path
) -> None:
    fid = book.report()
    assert book("record", fid, user="sari").ok
    assert other("sync", user="budi").ok
    assert book("assign", fid, "--to", "andi", user="budi", env=OFFLINE).ok
    assert other("assign", fid, "--to", "dewi", user="budi").ok
    # budi's next command, online, fetches first: his offline assignment lost the race.
    r = book("report", "--title", "Another", "--system", "VPN", user="budi")
    assert r.ok, r.stderr
    assert "did not go in" in r.stderr and "not taken again" in r.stderr
    assert entries(book, fid)[-1]["details"] == {"to": "dewi"}
    assert json.loads(book("status", "--json").stdout)["unpushed"] == []
    assert_verifies(book)


# --- found in review: each a way the audit trail or someone's work could have been lost ----------


def _forged_push(book: Book, tree_from: str, path: str, message: str, *parents: str) -> str:
    """Commit by hand: the tree of HEAD with ``path`` as in ``tree_from``; push it."""
    blob = book.git("rev-parse", f"{tree_from}:{path}").strip()
    book.git("update-index", "--cacheinfo", f"100644,{blob},{path}")
    tree = book.git("write-tree").strip()
    args = [a for p in parents for a in ("-p", p)]
    forged = subprocess.run(["git", "commit-tree", tree, *args], input=message, cwd=book.root,
                            capture_output=True, text=True, check=True).stdout.strip()  # fmt: skip
    book.git("reset", "-q", "--hard", forged)
    return subprocess.run(["git", "push", "origin", "HEAD:main"], cwd=book.root,
                          capture_output=True, text=True).stderr  # fmt: skip


def _failure_path(book: Book, fid: str) -> str:
    return next(p for p in book.git("ls-files", "failures").split() if p.endswith(fid + ".yaml"))


def test_a_message_holding_a_fake_record_cannot_hide_a_rewrite(book: Book, central: Path) -> None:
    fid = book.report()
    book.walk(fid, "assigned")
    x = book.git("rev-parse", "HEAD~1").strip()
    message = f"Tidy\n\x1eC {x} {x} {x}\nx@y\nKlipctl-Set-Aside: {fid}\n"
    said = _forged_push(book, "HEAD~2", _failure_path(book, fid), message, "HEAD")
    assert "refuses this push" in said
    r = book("verify")
    assert r.exit_code == 1 and "changed or removed" in r.stdout


def test_a_hand_made_merge_cannot_drop_what_the_centre_holds(book: Book, central: Path) -> None:
    fid = book.report()
    old = book.git("rev-parse", "HEAD").strip()
    book.walk(fid, "assigned")  # pushed: report, record, assign are on the central repository
    book.report("Other", env=OFFLINE)
    message = f"Sync\n\nKlipctl-Action: sync\nKlipctl-Actor: budi\nKlipctl-Set-Aside: {fid}\n"
    said = _forged_push(book, old, _failure_path(book, fid), message, "HEAD", old)
    assert "refuses this push" in said
    assert book("verify").exit_code == 1


def test_a_write_signs_with_the_key_the_central_roster_holds_now(
    book: Book, other: Book, central: Path
) -> None:
    fid = book.report()
    book.walk(fid, "assigned")
    assert other("sync", user="budi").ok
    new_key = f"{book.keys['mallory']}.pub"
    assert other("roster", "set-key", "andi", "--key", new_key, user="budi").ok
    before = book.commit_count()
    r = book("resolve", fid, "--action", "Fixed", user="andi")  # still with the old key
    assert r.exit_code == 1 and "not the key the roster holds for 'andi'" in r.stderr
    assert book.commit_count() == before + 1  # only the fetched roster change came in
    assert_verifies(book)


def test_a_refused_fast_forward_leaves_no_journal_and_no_edit_is_lost(
    book: Book, other: Book, central: Path
) -> None:
    logo = other.root.parent / "logo.png"
    logo.write_bytes(b"\x89PNG\r\n\x1a\n" + b"\x00" * 8)
    assert other("template", "add", str(logo), user="budi").ok  # pushed by its own sync
    (book.root / "templates").mkdir()
    mine = book.root / "templates" / "logo.png"
    mine.write_text("mine, not committed\n")
    r = book("sync", user="budi")
    assert r.exit_code == 1 and ("logo.png" in r.stderr or "overwritten" in r.stderr)
    assert not (book.root / ".klipctl" / "journal.json").exists()
    (book.root / "README.md").write_text("my edit\n")
    assert book("list").ok
    assert (book.root / "README.md").read_text() == "my edit\n"
    assert mine.read_text() == "mine, not committed\n"


def test_a_failed_step_still_says_what_its_sync_set_aside(
    book: Book, other: Book, central: Path
) -> None:
    fid = book.report()
    assert other("sync", user="budi").ok
    assert book("record", fid, user="sari", env=OFFLINE).ok
    assert other("record", fid, user="tono").ok
    r = book("record", fid, user="sari")  # tono's record arrives first: this one is refused
    assert r.exit_code == 1
    assert "did not go in" in r.stderr and "is at the stage" in r.stderr
    status = json.loads(book("status", "--json").stdout)
    assert status["set_aside"] and status["unpushed"] == []


def test_a_log_book_in_a_folder_of_a_larger_repository_syncs_and_verifies(
    tmp_path: Path, book: Book
) -> None:
    from conftest import make_book

    outer = tmp_path / "outer"
    outer.mkdir()
    subprocess.run(["git", "init", "-q", "-b", "main", str(outer)], check=True)
    (outer / "README").write_text("office\n")
    subprocess.run(["git", "add", "README"], cwd=outer, check=True)
    subprocess.run(["git", "commit", "-qm", "office"], cwd=outer, check=True)
    inner = make_book(outer / "lb", book.cli, book.keys)
    bare = tmp_path / "outer-central.git"
    subprocess.run(["git", "init", "-q", "--bare", "-b", "main", str(bare)], check=True)
    assert inner("remote", "set", str(bare)).ok and inner("sync", user="budi").ok
    subprocess.run(["git", "clone", "-q", str(bare), str(tmp_path / "c2")], check=True)
    second = Book(tmp_path / "c2" / "lb", book.cli, book.keys)
    fid = inner.report()
    assert second("sync", user="budi").ok
    assert inner("record", fid, user="sari", env=OFFLINE).ok
    mine = inner.report("Mine", env=OFFLINE)
    assert second("record", fid, user="tono").ok
    r = inner("sync", user="budi")
    assert r.ok and "did not go in" in r.stderr, r.stderr
    assert_verifies(inner)
    # A rewrite then put back, in history: verify sees it here too.
    path = inner.root / _failure_path(inner, mine)
    text = path.read_text()
    path.write_text(text.replace("Mine", "MINE"))
    inner.git("commit", "-qam", "tamper")
    path.write_text(text)
    inner.git("commit", "-qam", "untamper")
    assert inner("verify").exit_code == 1


def test_remote_set_takes_a_url_too_long_to_be_a_path_without_crashing(book: Book) -> None:
    r = book("remote", "set", "ssh://server/" + "x" * 300)
    assert r.ok, r.stderr
    r = book("remote", "set", "x" * 300)  # found by the property tests: OSError from exists()
    assert r.ok and "internal error" not in r.stderr, r.stderr


def test_a_read_that_brings_the_news_in_lists_them_through_the_real_entry_point(
    book: Book, other: Book, central: Path
) -> None:
    """`python -m klipctl list` asks git its questions at its first line (cli/boot.py), then
    brings the central repository's news in under the lock, which moves HEAD (and drops what
    git said before the lock): the list shows the failure just fetched."""

    before = book.git("rev-parse", "HEAD").strip()
    fid = other.report("Reported elsewhere", user="rina")
    assert central_head(central) != before
    an_hour_ago = os.stat(book.root / ".git" / "FETCH_HEAD").st_mtime - 3600
    os.utime(book.root / ".git" / "FETCH_HEAD", (an_hour_ago, an_hour_ago))  # due a fetch
    env = {**os.environ, "KLIPCTL_LANG": "en", "KLIPCTL_USER": "budi"}
    proc = subprocess.run(
        [sys.executable, "-m", "klipctl", "--logbook", str(book.root), "list", "--json"],
        capture_output=True, text=True, env=env,
    )  # fmt: skip
    assert proc.returncode == 0, proc.stderr
    assert fid in {f["id"] for f in json.loads(proc.stdout)}
    assert book.git("rev-parse", "HEAD").strip() == central_head(central)
