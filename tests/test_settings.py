"""`config get/set`: the supervisor changes klipctl.yaml in one signed commit; others cannot."""

from __future__ import annotations

import json

from conftest import Book

from klipctl.errors import InvalidInput, Refused


def test_a_supervisor_sets_a_value_in_one_signed_commit_that_keeps_the_comments(book: Book) -> None:
    before = (book.root / "klipctl.yaml").read_text(encoding="utf-8")
    commits = book.commit_count()
    r = book("config", "set", "notify.smtp_host", "mail.pajak.go.id", user="budi")
    assert r.ok, r.stderr
    assert "notify.smtp_host: (empty) → mail.pajak.go.id" in r.stderr
    after = (book.root / "klipctl.yaml").read_text(encoding="utf-8")
    changed = [
        (a, b) for a, b in zip(before.splitlines(), after.splitlines(), strict=True) if a != b
    ]
    assert changed == [("  smtp_host:", "  smtp_host: mail.pajak.go.id")]
    assert book.commit_count() == commits + 1
    body = book.git("log", "-1", "--format=%B")
    assert "Klipctl-Action: config-set" in body and "Klipctl-Setting: notify.smtp_host" in body
    assert "Klipctl-Actor: budi" in body
    assert book.git("log", "-1", "--format=%G?").strip() == "G"  # signed with budi's key
    assert book("verify").ok
    got = book("config", "get", "notify.smtp_host")
    assert got.ok and got.stdout == "mail.pajak.go.id\n"


def test_values_are_typed_as_an_office_types_them(book: Book) -> None:
    assert book("config", "set", "notify.enabled", "ya", user="budi").ok
    assert book("config", "set", "deadline.office_hours_end", "16.00", user="budi").ok
    assert book("config", "set", "notify.security", "STARTTLS", user="budi").ok
    shown = json.loads(book("config", "get", "--json").stdout)
    assert shown["notify.enabled"] is True
    assert shown["deadline.office_hours_end"] == "16:00"
    assert shown["notify.security"] == "starttls"
    assert book("config", "get", "notify.enabled").stdout == "true\n"
    table = book("--lang", "id", "config", "get").stdout
    assert "notify.enabled" in table and "ya" in table and "(kosong)" in table


def test_the_same_value_again_changes_nothing(book: Book) -> None:
    commits = book.commit_count()
    r = book("config", "set", "deadline.working_days", "10", user="budi")
    assert r.ok and "already 10" in r.stderr
    assert book.commit_count() == commits


def test_refusals_leave_the_file_as_it_was(book: Book) -> None:
    files = book.snapshot()
    r = book("config", "set", "notify.smtp_host", "mail.pajak.go.id", user="sari")
    assert r.refused("config_needs_supervisor", Refused)
    r = book("config", "set", "notify.smtp_port", "99999", user="budi")
    assert r.refused("config_bad_value", InvalidInput)
    assert "1–65535" in r.stderr
    r = book("config", "set", "notify.enabled", "mungkin", user="budi")
    assert r.refused("config_bad_value", InvalidInput)
    r = book("config", "set", "notify.password", "rahasia", user="budi")
    assert r.refused("config_unknown_key", InvalidInput)
    r = book("config", "set", "notify.sender", "not an address", user="budi")
    assert r.refused("config_bad_value", InvalidInput)
    r = book("config", "get", "nope")
    assert r.refused("config_unknown_key", InvalidInput)
    assert book.snapshot() == files


def test_a_missing_section_is_added(book: Book) -> None:
    path = book.root / "klipctl.yaml"
    text = path.read_text(encoding="utf-8")
    path.write_text(text.split("\n# The board for the head of office")[0] + "\n", encoding="utf-8")
    book.git("commit", "-qam", "An older log book, without a site section")
    r = book("config", "set", "site.url", "http://klip.kantor.lan/", user="budi")
    assert r.ok, r.stderr
    assert path.read_text(encoding="utf-8").endswith("\nsite:\n  url: http://klip.kantor.lan/\n")
    assert book("config", "get", "site.url").stdout == "http://klip.kantor.lan/\n"
