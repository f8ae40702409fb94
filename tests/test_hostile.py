"""Hostile input, through the CLI: each refused with one clear sentence and nothing changed.

Command-line values (path-like IDs and handles, control characters, undecodable bytes, enormous
or option-like text) and files of the log book (tags, alias bombs, duplicate keys, huge files,
bytes that are not UTF-8, controls hidden in escapes) as a hostile script or hand would give them.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest
from conftest import Book, Run


@pytest.fixture(scope="module")
def start(module_book: Book) -> str:
    return module_book.git("rev-parse", "HEAD").strip()


@pytest.fixture
def book(module_book: Book, start: str) -> Book:
    """The module's log book put back as ``book`` makes it: cheaper than making one a test."""
    module_book.reset(start)
    return module_book


@contextmanager
def unchanged(book: Book) -> Iterator[None]:
    snapshot, commits = book.snapshot(), book.commit_count()
    yield
    assert book.snapshot() == snapshot
    assert book.commit_count() == commits


def refused(r: Run, needle: str, code: int = 1) -> None:
    assert r.exit_code == code, (r.exit_code, r.stderr)
    assert needle in r.stderr, r.stderr
    assert "Traceback" not in r.stderr and "internal error" not in r.stderr
    assert len(r.stderr.strip().splitlines()) == 1, r.stderr


def failure_file(book: Book, fid: str) -> Path:
    return next(book.root.glob(f"failures/*/*/{fid}.yaml"))


def damage(book: Book, path: Path, data: bytes) -> None:
    """Change a file of the log book and commit it, as a hostile push would bring it."""
    path.write_bytes(data)
    book.git("commit", "-q", "--no-gpg-sign", "-am", "damage")


# --- the command line ------------------------------------------------------------------------


@pytest.mark.parametrize("id_text", ["../etc/passwd", "1ng/..", "..", "/tmp", "a\\b"])
def test_an_id_with_a_path_in_it_is_refused(book: Book, id_text: str) -> None:
    book.report()
    with unchanged(book):
        refused(book("record", id_text, user="sari"), "is not a failure ID")
        refused(book("show", id_text), "is not a failure ID")


@pytest.mark.parametrize("handle", ["../eve", "eve/x", "..", "eve\n", "Eve", "e" * 33])
def test_a_handle_with_a_path_or_a_newline_is_refused(book: Book, handle: str) -> None:
    with unchanged(book):
        r = book(
            "roster", "add", handle, "--name", "Eve", "--nip", "199305122016122003",
            "--role", "staff", user="budi",
        )  # fmt: skip
        refused(r, "is not valid: use lower-case letters")


def test_a_path_like_handle_names_nobody(book: Book) -> None:
    fid = book.report()
    book.walk(fid, "recorded")
    with unchanged(book):
        refused(book("assign", fid, "--to", "../andi", user="budi"), "is not an active person")


@pytest.mark.parametrize(
    ("title", "needle"),
    [
        ("two\nlines", "must be a single line"),
        ("carriage\rreturn", "must be a single line"),
        ("line\u2028separator", "must be a single line"),
        ("escape \x1b[2J", "control characters"),
        ("tab\there", "control characters"),
        ("bidi \u202eevil", "control characters"),
        ("\x7fdelete", "control characters"),
    ],
)
def test_a_title_with_a_line_break_or_a_control_character_is_refused(
    book: Book, title: str, needle: str
) -> None:
    with unchanged(book):
        refused(book("report", "--title", title, "--system", "y", user="rina"), needle)


def test_control_characters_in_multiline_text_are_refused_but_newlines_and_tabs_kept(
    book: Book,
) -> None:
    with unchanged(book):
        r = book("report", "-t", "x", "-s", "y", "-d", "bell\x07", user="rina")
        refused(r, "'description' holds control characters")
    r = book("report", "-t", "x", "-s", "y", "-d", "one\r\n\ttwo", "--json", user="rina")
    assert r.ok, r.stderr
    assert '"description": "one\\n\\ttwo"' in r.stdout


@pytest.mark.parametrize("raw", [b"\xff", b"caf\xe9", b"\xed\xa0\x80"])
def test_an_argument_that_is_not_utf8_is_refused_before_any_command(book: Book, raw: bytes) -> None:
    text = raw.decode("utf-8", "surrogateescape")  # what Python makes of such argv bytes
    with unchanged(book):
        r = book("report", "--title", text, "--system", "y", user="rina")
        refused(r, "is not valid UTF-8 text")
        assert "\\x" in r.stderr  # the bytes are shown, escaped
        refused(book("list", "--system", text), "is not valid UTF-8 text")  # sqlite crashed
        refused(book("--lang", "en", "-C", text, "list"), "is not valid UTF-8 text")


def test_a_lone_surrogate_in_text_is_refused_with_its_own_message() -> None:
    # Text typed at a prompt of a terminal that is not UTF-8 arrives so, past the argument check.
    from klipctl.domain.validate import check_text
    from klipctl.errors import InvalidInput

    with pytest.raises(InvalidInput) as err:
        check_text("Printer \udcff", "title", limit=200)
    assert err.value.key == "field_not_utf8"


def test_a_nul_in_an_argument_is_refused(book: Book) -> None:
    with unchanged(book):
        refused(book("record", "1\x00", user="sari"), "is not valid UTF-8 text (an undecodable")


@pytest.mark.parametrize(
    ("args", "needle"),
    [
        (("--title", "x" * 201, "--system", "y"), "'title' is too long (at most 200"),
        (("--title", "x", "--system", "y" * 101), "'system' is too long (at most 100"),
        (("-t", "x", "-s", "y", "-d", "z" * 10_001), "'description' is too long (at most 10000"),
    ],
)
def test_enormous_fields_are_refused(book: Book, args: tuple[str, ...], needle: str) -> None:
    with unchanged(book):
        refused(book("report", *args, user="rina"), needle)


def test_an_enormous_reason_or_note_is_refused(book: Book) -> None:
    fid = book.report()
    book.walk(fid, "resolved")
    with unchanged(book):
        r = book("review", fid, "--reject", "--reason", "r" * 10_001, user="budi")
        refused(r, "'reason' is too long")
        r = book(
            "review", fid, "--accept", "--drafter", "sari", "--note", "n" * 10_001, user="budi"
        )
        refused(r, "'note' is too long")


def test_an_enormous_description_file_is_refused_without_reading_it_all(
    book: Book, tmp_path: Path
) -> None:
    big = tmp_path / "big.txt"
    with big.open("wb") as handle:
        handle.truncate(50_000_000)  # sparse: reading it whole would be the bug
    with unchanged(book):
        r = book("report", "-t", "x", "-s", "y", "--description-file", str(big), user="rina")
        refused(r, "is too large (at most 40000 bytes)")


def test_a_description_file_that_is_not_utf8_is_refused(book: Book, tmp_path: Path) -> None:
    latin1 = tmp_path / "latin1.txt"
    latin1.write_bytes("Printer di ruang rapat: kabel putus, café".encode("latin-1"))
    with unchanged(book):
        r = book("report", "-t", "x", "-s", "y", "--description-file", str(latin1), user="rina")
        refused(r, "is not UTF-8 text (byte 41)")
        r = book("report", "-t", "x", "-s", "y", "--description-file", "-", user="rina",
                 input=b"\xff\xfe")  # fmt: skip
        refused(r, "- is not UTF-8 text (byte 1)")
        missing = tmp_path / "missing.txt"
        r = book("report", "-t", "x", "-s", "y", "--description-file", str(missing), user="rina")
        refused(r, "cannot be read (No such file or directory)", code=2)


def test_a_key_file_that_is_not_utf8_is_refused(book: Book, tmp_path: Path) -> None:
    key = tmp_path / "key.pub"
    key.write_bytes(b"ssh-ed25519 \xff\xfe")
    with unchanged(book):
        refused(book("roster", "set-key", "rina", "--key", str(key), user="rina"), "not UTF-8")


@pytest.mark.parametrize("title", ["--", "-rf", "--foo", "--title"])
def test_option_like_text_is_taken_literally(book: Book, title: str) -> None:
    r = book("report", f"--title={title}", "--system", "--system", "--json", user="rina")
    assert r.ok, r.stderr
    assert f'"title": "{title}"' in r.stdout and '"system": "--system"' in r.stdout
    assert book.git("log", "-1", "--format=%s").strip().endswith(f": {title}")
    assert book.git("status", "--porcelain") == ""


def test_option_like_text_never_reaches_git_as_an_option(book: Book, tmp_path: Path) -> None:
    target = tmp_path / "written-by-git"
    with unchanged(book):
        r = book("verify", f"--since=--output={target}")
        refused(r, "is not a commit in this log book's history")
    assert not target.exists()  # `git log --output=FILE..HEAD` wrote it before


def test_a_hostile_value_is_echoed_escaped_and_cut_short(book: Book) -> None:
    with unchanged(book):
        r = book("report", "-t", "x", "-s", "y", "--severity", "\x1b[31mred\nx", user="rina")
        refused(r, "Unknown severity '\\x1b[31mred\\nx'")
        assert "\x1b" not in r.stderr
        r = book("show", "z" * 10_000)
        refused(r, "z" * 200 + "…'")
        assert len(r.stderr) < 400


# --- files of the log book -------------------------------------------------------------------

BILLION_LAUGHS = (
    b"schema: 1\nid: x\nentries: []\n"
    b'a: &a ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]\n'
    + b"".join(
        f"{b}: &{b} [*{a},*{a},*{a},*{a},*{a},*{a},*{a},*{a},*{a}]\n".encode()
        for a, b in zip("abcdefgh", "bcdefghi", strict=True)
    )
)


def _python_tag(text: bytes) -> bytes:
    return text.replace(b"schema: 1", b"schema: !!python/object/apply:os.system ['touch /tmp/x']")


def _duplicate_key(text: bytes) -> bytes:
    return text.replace(b"schema: 1\n", b"schema: 1\nschema: 1\n")


def _escaped_control(text: bytes) -> bytes:
    return text.replace(b"title: Print server down", b'title: "Print server \\e[2J down"')


def _title_two_lines(text: bytes) -> bytes:
    return text.replace(b"title: Print server down", b'title: "Print server\\ndown"')


def _unknown_role(text: bytes) -> bytes:
    return text.replace(b"role: staff", b"role: root")


@pytest.mark.parametrize(
    ("edit", "needle"),
    [
        (_python_tag, "the tag '!!python/object/apply:os.system' is not allowed"),
        (lambda _: BILLION_LAUGHS, "anchors and aliases are not allowed"),
        (_duplicate_key, "the key 'schema' appears twice"),
        (lambda t: t + b"#" * 1_000_001, "larger than 1000000 bytes"),
        (lambda t: t.replace(b"Print", b"Pr\xffint"), "not UTF-8"),
        (lambda t: t[: len(t) // 2] + b"\n  - [", "cannot be read (line"),
        (_escaped_control, "'details.title' holds control characters"),
        (_title_two_lines, "'details.title' holds control characters, line breaks"),
        (_unknown_role, "the field 'role' is not valid"),
        (lambda t: t.replace(b"at: '2026", b"at: '9999"), "the field 'at' is not valid"),
    ],
    ids=[
        "python-tag", "billion-laughs", "duplicate-key", "huge", "not-utf8", "truncated",
        "escaped-control", "two-line-title", "unknown-role", "far-date",
    ],
)  # fmt: skip
def test_a_damaged_failure_file_is_named_and_the_others_still_list(
    book: Book, edit: object, needle: str
) -> None:
    good = book.report("good one")
    bad = book.report(now="2026-03-11T09:00:00+07:00")
    path = failure_file(book, bad)
    assert callable(edit)
    damage(book, path, edit(path.read_bytes()))
    rel = path.relative_to(book.root).as_posix()
    with unchanged(book):
        r = book("list")
        assert r.ok and good in r.stdout and bad not in r.stdout
        assert rel in r.stderr and needle in r.stderr, r.stderr
        refused(book("show", bad), needle)
        refused(book("record", bad, user="sari"), needle)  # a write on it changes nothing
        r = book("verify")
        assert r.exit_code == 1 and needle in r.stdout + r.stderr
        assert "Traceback" not in r.stderr and "internal error" not in r.stderr


@pytest.mark.parametrize(
    ("name", "edit", "needle"),
    [
        ("roster.yaml", _duplicate_key, "roster.yaml cannot be read (line 16: the key 'schema'"),
        ("roster.yaml", lambda t: t.replace(b"role", b"rol\x1b"), "roster.yaml"),
        (
            "roster.yaml",
            lambda t: t.replace(b"name: Rina Marlina", b'name: "Rina\\nMarlina"'),
            "roster.yaml, change 6: the field 'name' is not valid",
        ),
        (
            "roster.yaml",
            lambda t: t.replace(b"handle: rina", b"handle: ../rina"),
            "roster.yaml, change 6: the field 'handle' is not valid",
        ),
        (
            "klipctl.yaml",
            lambda t: t.replace(b"city: Jakarta", b'city: "Jakarta\\e[2J"'),
            "klipctl.yaml: the field 'office.city' is not valid",
        ),
        ("klipctl.yaml", _python_tag, "klipctl.yaml cannot be read (line 2: the tag"),
        (
            "klipctl.yaml",
            lambda t: t.replace(b"receipt_day_counts: false", b'receipt_day_counts: "false"'),
            "klipctl.yaml: the field 'deadline.receipt_day_counts' is not valid",
        ),
        (
            "calendar.yaml",
            lambda t: t.replace(b"changes: []", b"changes: !!set {a}"),
            "calendar.yaml cannot be read (line 16: the tag '!!set' is not allowed)",
        ),
    ],
)
def test_a_damaged_roster_config_or_calendar_is_named(
    book: Book, name: str, edit: object, needle: str
) -> None:
    fid = book.report()
    path = book.root / name
    assert callable(edit)
    new = edit(path.read_bytes())
    assert new != path.read_bytes()
    damage(book, path, new)
    with unchanged(book):
        refused(book("record", fid, user="sari"), needle)
        r = book("show", fid)  # list and show read klipctl.yaml only for a deadline
        assert r.ok or needle in r.stderr
        assert "Traceback" not in r.stderr and "internal error" not in r.stderr


def test_a_template_cannot_reach_python(book: Book) -> None:
    fid = book.report()
    folder = book.root / "templates"
    folder.mkdir(exist_ok=True)
    (folder / "report.md.j2").write_text(
        "{{ cycler.__init__.__globals__.os.popen('echo pwned').read() }}\n"
    )
    with unchanged(book):
        r = book("render", fid)
        refused(r, "report.md.j2")
        assert "unsafe" in r.stderr and "pwned" not in r.stdout


@pytest.mark.parametrize(
    "target", ["roster.yaml", "failures/x.md", ".git/config", "templates/report.md.j2", "."]
)
def test_render_output_into_the_log_book_itself_is_refused(book: Book, target: str) -> None:
    fid = book.report()
    with unchanged(book):
        r = book("render", fid, "-o", str(book.root / target))
        refused(r, "is part of the log book itself")
    r = book("render", fid, "-o", str(book.root / "laporan.md"))  # a new file beside them is fine
    assert r.ok, r.stderr
    assert fid in (book.root / "laporan.md").read_text()


def test_history_shows_what_git_holds_escaped(book: Book) -> None:
    fid = book.report()
    path = failure_file(book, fid)
    path.write_bytes(path.read_bytes() + b"# a comment\n")
    book.git("commit", "-q", "--no-gpg-sign", "-am", "evil \x1b[2J subject", "--author",
             "Mallory \x1b]0;pwned\x07 <m@x.id>")  # fmt: skip
    r = book("history", fid)
    assert r.ok, r.stderr
    assert "evil \\x1b[2J subject" in r.stdout and "Mallory \\x1b]0;pwned" in r.stdout
    assert "\x1b" not in r.stdout


def test_a_note_given_to_assign_is_checked_and_kept(book: Book) -> None:
    fid = book.report()
    book.walk(fid, "recorded")
    with unchanged(book):
        refused(book("assign", fid, "--to", "andi", "--note", "\x1b[2J", user="budi"), "control")
    r = book("assign", fid, "--to", "andi", "--note", "Prioritas: lantai 3", user="budi")
    assert r.ok, r.stderr
    assert "note: 'Prioritas: lantai 3'" in failure_file(book, fid).read_text()


def test_a_change_that_would_make_the_roster_unreadable_is_refused(book: Book) -> None:
    path = book.root / "roster.yaml"
    room = 1_000_000 - len(path.read_bytes()) - 200  # less than one more change needs
    damage(book, path, path.read_bytes() + b"#" * room + b"\n")
    assert book("roster", "list").ok  # still readable
    with unchanged(book):
        r = book("roster", "set-key", "rina", "--key", f"{book.keys['mallory']}.pub", user="budi")
        refused(r, "would make roster.yaml larger than 1000000 bytes")


def test_bytes_typed_at_a_prompt_that_are_not_utf8_are_refused(
    book: Book, monkeypatch: pytest.MonkeyPatch
) -> None:
    from klipctl.cli.kit import State

    monkeypatch.setattr(State, "interactive", property(lambda self: True))
    with unchanged(book):
        r = book("report", "--system", "y", user="rina", input=b"\xff\xfe\n")
        refused(r, "What was typed is not valid UTF-8 text")


def test_a_step_that_would_make_a_failure_file_unreadable_is_refused(book: Book) -> None:
    fid = book.report()
    path = failure_file(book, fid)
    room = 1_000_000 - len(path.read_bytes()) - 100  # less than the record entry needs
    damage(book, path, path.read_bytes() + b"#" * room + b"\n")
    assert book("show", fid).ok  # still readable
    with unchanged(book):
        r = book("record", fid, user="sari")
        refused(r, f"would make {path.relative_to(book.root).as_posix()} larger than 1000000")


def test_typed_text_in_a_commit_message_cannot_pass_for_a_trailer(book: Book) -> None:
    fid = book.report()
    book.walk(fid, "assigned")
    action = "Restarted\nKlipctl-Actor: budi\nKlipctl-Set-Aside: roster"
    assert book("resolve", fid, "--action", action, user="andi").ok
    body = book.git("log", "-1", "--format=%B")
    claims = [line for line in body.splitlines() if line.startswith("Klipctl-")]
    assert claims == [f"Klipctl-Failure: {fid}", "Klipctl-Action: resolve",
                      "Klipctl-Stage: resolved", "Klipctl-Actor: andi",
                      "Klipctl-Role: operator"]  # fmt: skip
    assert book("verify").ok
