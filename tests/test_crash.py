"""Crash recovery and `klipctl doctor`: what a killed writer leaves is put right."""

from __future__ import annotations

import base64
import json
from pathlib import Path

from conftest import Book


def _leave_half_written(book: Book) -> tuple[Path, bytes]:
    """As if a writer was killed inside `git add`: its journal names the file it was writing,
    the file holds half an entry, and git's index lock is left behind."""
    path = next(book.root.glob("failures/*/*/*.yaml"))
    original = path.read_bytes()
    path.write_bytes(original + b"- action: record\n  stage: rec")
    journal = {"kind": "files", "head": book.git("rev-parse", "HEAD").strip(),
               "files": {path.relative_to(book.root).as_posix():
                         base64.b64encode(original).decode()}}  # fmt: skip
    (book.root / ".klipctl" / "journal.json").write_text(json.dumps(journal))
    (book.root / ".git" / "index.lock").write_text("")
    (path.parent / f".{path.name}.abc123.tmp").write_bytes(b"partial")
    return path, original


def test_the_next_write_puts_a_killed_writers_change_right_first(book: Book) -> None:
    fid = book.report()
    path, original = _leave_half_written(book)
    r = book("record", fid, user="sari")
    assert r.ok, r.stderr
    assert book.git("status", "--porcelain", "--untracked-files=all") == ""
    assert path.read_bytes().startswith(original)
    shown = json.loads(book("show", fid, "--json").stdout)
    assert [e["action"] for e in shown["entries"]] == ["report", "record"]
    assert not (book.root / ".klipctl" / "journal.json").exists()
    assert book("verify").ok


def test_a_reader_puts_it_right_too(book: Book) -> None:
    book.report()
    path, original = _leave_half_written(book)
    r = book("list", "--json")
    assert r.ok and "damaged" not in r.stderr
    assert path.read_bytes() == original
    assert not (book.root / ".git" / "index.lock").exists()


def test_a_change_whose_commit_landed_is_kept(book: Book) -> None:
    fid = book.report()
    head_before = book.git("rev-parse", "HEAD").strip()
    assert book("record", fid, user="sari").ok
    # Killed after the commit, before the journal was removed.
    (book.root / ".klipctl" / "journal.json").write_text(json.dumps(
        {"kind": "files", "head": head_before, "files": {}}))  # fmt: skip
    shown = json.loads(book("show", fid, "--json").stdout)
    assert [e["action"] for e in shown["entries"]] == ["report", "record"]


def test_doctor_on_a_healthy_set_up(book: Book) -> None:
    r = book("doctor", user="budi")
    assert r.ok, r.stderr
    assert "Every check passed" in r.stderr
    data = json.loads(book("doctor", "--json", user="budi").stdout)
    assert data["ok"] and {c["check"] for c in data["checks"]} >= {
        "git", "logbook", "files", "identity", "key", "remote", "lock", "tree"}  # fmt: skip


def test_doctor_names_each_problem_and_how_to_fix_it(book: Book, tmp_path: Path) -> None:
    book.report()
    assert book("remote", "set", str(tmp_path / "missing.git")).ok
    (book.root / ".git" / "index.lock").write_text("")
    (book.root / "README.md").write_text("edited\n")
    broken = next(book.root.glob("failures/*/*/*.yaml"))
    broken.write_text("schema: 1\nid: [")
    r = book("doctor", user="nobody", env={"KLIPCTL_SIGNING_KEY": ""})
    assert r.exit_code == 1
    for phrase in ("index.lock", "doctor --fix", "cannot be reached", "README.md",
                   "nobody", broken.name):  # fmt: skip
        assert phrase in r.stderr, (phrase, r.stderr)
    assert (book.root / ".git" / "index.lock").exists()  # doctor looks; --fix repairs
    r = book("doctor", "--fix", user="budi")
    assert not (book.root / ".git" / "index.lock").exists()


def test_doctor_without_a_log_book_says_how_to_make_one(cli, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    r = cli("--logbook", str(tmp_path), "doctor")
    assert r.exit_code == 1 and ("klipctl.yaml" in r.stderr or "init" in r.stderr)
