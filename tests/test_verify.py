"""Signed entries and `klipctl verify`: a clean log book verifies; every kind of tampering is
detected and named, each against a real log book and real keys made with ssh-keygen."""

from __future__ import annotations

import json

from conftest import Book


def test_a_clean_log_book_verifies(book: Book) -> None:
    fid = book.report()
    book.walk(fid, "archived")
    r = book("verify")
    assert r.ok, r.stdout + r.stderr
    assert r.stdout.startswith("OK: 1 failures, 9 entries, 6 roster changes")
    data = json.loads(book("verify", "--json").stdout)
    assert data["ok"] and data["entries"] == 9 and data["violations"] == []
