"""Everything the SOP or validation refuses: one sentence, non-zero exit, nothing changed."""

from __future__ import annotations

import json
import sys
from collections.abc import Callable
from pathlib import Path

import pytest
from conftest import Book, Run

from klipctl.errors import EXIT_INTERNAL, InvalidInput, Refused

# (stage reached, command, user) taken out of order or by the wrong person.
WRONG = [
    ("reported", ("record",), "budi", "wrong_role"),  # a supervisor is not a clerk
    ("reported", ("assign", "--to", "andi"), "budi", "wrong_stage"),  # not recorded yet
    ("recorded", ("assign", "--to", "andi"), "sari", "wrong_role"),  # a clerk cannot assign
    ("recorded", ("resolve", "--action", "x"), "andi", "wrong_stage"),  # not assigned yet
    ("assigned", ("resolve", "--action", "x"), "dewi", "not_named_person"),  # not the assigned
    ("assigned", ("review", "--accept", "--drafter", "sari"), "budi", "wrong_stage"),
    ("resolved", ("review", "--accept", "--drafter", "sari"), "andi", "wrong_role"),
    ("resolved", ("draft",), "sari", "wrong_stage"),  # not reviewed
    ("reviewed", ("sign", "--yes"), "budi", "wrong_stage"),  # not drafted
    ("drafted", ("sign", "--yes"), "sari", "wrong_role"),  # a clerk cannot sign
    ("signed", ("archive", "--yes"), "sari", "wrong_stage"),  # not delivered
    ("signed", ("deliver", "--yes"), "andi", "wrong_role"),
    ("delivered", ("archive", "--yes"), "budi", "wrong_role"),  # a supervisor is not a clerk
    ("archived", ("record",), "sari", "wrong_stage"),  # finished
]


@pytest.mark.parametrize(("stage", "command", "user", "refusal"), WRONG)
def test_out_of_order_or_wrong_person_changes_nothing(
    book: Book, stage: str, command: tuple[str, ...], user: str, refusal: str
) -> None:
    fid = book.report()
    book.walk(fid, stage)
    snapshot, commits = book.snapshot(), book.commit_count()
    r = book(command[0], fid, *command[1:], user=user)
    assert r.refused(refusal, Refused), (r.error, r.stderr)
    assert r.exit_code == 1
    assert book.snapshot() == snapshot and book.commit_count() == commits


def test_wrong_stage_message_says_where_it_is_and_who_is_next(book: Book) -> None:
    fid = book.report()
    r = book("assign", fid, "--to", "andi", user="budi")
    assert f'Failure {fid} is at the stage "Reported"' in r.stderr
    assert f"klipctl record {fid}" in r.stderr
    assert "Clerk" in r.stderr


@pytest.mark.parametrize(
    ("args", "needle"),
    [
        (("assign", "{id}", "--to", "sari"), "does not hold the role System support operator"),
        (("assign", "{id}", "--to", "nobody"), "'nobody' is not an active person"),
    ],
)
def test_assign_only_to_a_rostered_operator(book: Book, args: tuple[str, ...], needle: str) -> None:
    fid = book.report()
    book.walk(fid, "recorded")
    r = book(*[a.format(id=fid) for a in args], user="budi")
    assert r.exit_code == 1 and needle in r.stderr


def test_review_needs_exactly_one_decision(book: Book) -> None:
    fid = book.report()
    book.walk(fid, "resolved")
    r = book("review", fid, user="budi")
    assert r.exit_code == 2 and "--accept" in r.stderr
    r = book("review", fid, "--accept", user="budi", input="")
    assert r.exit_code == 2 and "--drafter" in r.stderr
    r = book("review", fid, "--accept", "--drafter", "andi", user="budi")
    assert r.exit_code == 1 and "does not hold the role" in r.stderr


@pytest.mark.parametrize(
    ("id_text", "needle"),
    [
        ("zzzzzzzz", "No failure has the ID"),
        ("../etc", "is not a failure ID"),
        ("1", "matches 2 failures"),
    ],
)
def test_unknown_bad_and_ambiguous_ids(book: Book, id_text: str, needle: str) -> None:
    book.report("one")
    book.report("two", now="2026-03-10T09:00:01+07:00")
    r = book("record", id_text, user="sari")
    assert r.exit_code == 1 and needle in r.stderr
    assert book("show", id_text).exit_code == 1


@pytest.mark.parametrize(
    ("args", "needle"),
    [
        (("--title", "x", "--system", "y", "--severity", "urgent"), "Unknown severity 'urgent'"),
        (("--title", "two\nlines", "--system", "y"), "must be a single line"),
        (("--title", "bell\x07", "--system", "y"), "control characters"),
        (("--title", "x" * 201, "--system", "y"), "too long"),
        (("--title", "  ", "--system", "y"), "cannot be empty"),
        (("--system", "y"), "--title"),
    ],
)
def test_bad_report_input(book: Book, args: tuple[str, ...], needle: str) -> None:
    snapshot = book.snapshot()
    r = book("report", *args, user="rina")
    assert r.exit_code in (1, 2) and needle in r.stderr, r.stderr
    assert book.snapshot() == snapshot


def test_no_input_names_the_missing_flags(book: Book) -> None:
    r = book("--no-input", "report", user="rina")
    assert r.exit_code == 2
    assert "--title" in r.stderr and "--system" in r.stderr


def test_someone_not_on_the_roster_changes_nothing(book: Book) -> None:
    snapshot = book.snapshot()
    r = book("report", "--title", "x", "--system", "y", user="stranger")
    assert r.exit_code == 1 and "'stranger'" in r.stderr and "roster" in r.stderr
    r = book("report", "--title", "x", "--system", "y")  # git email matches nobody
    assert r.exit_code == 1 and "runner@example.invalid" in r.stderr
    assert book.snapshot() == snapshot


def test_the_actor_can_be_found_by_git_email(book: Book) -> None:
    book.git("config", "user.email", "rina@pajak.go.id")
    book.git("config", "user.signingkey", str(book.keys["rina"]))  # git's key signs too
    r = book("report", "--title", "x", "--system", "y")
    assert r.ok, r.stderr
    assert book.git("log", "-1", "--format=%an").strip() == "Rina Marlina"


def test_sign_asks_for_confirmation_without_a_terminal(book: Book) -> None:
    fid = book.report()
    book.walk(fid, "drafted")
    r = book("sign", fid, user="budi")
    assert r.exit_code == 2 and "--yes" in r.stderr


def test_a_broken_file_is_named_and_the_others_still_list(book: Book) -> None:
    good = book.report("good one")
    bad = book.report("bad one", now="2026-03-11T09:00:00+07:00")
    path = next(book.root.glob(f"failures/*/*/{bad}.yaml"))
    path.write_text("schema: 1\nid: [unclosed\n")
    r = book("list")
    assert r.ok
    assert good in r.stdout and bad not in r.stdout
    assert f"{bad}.yaml cannot be read (line" in r.stderr
    r = book("show", bad)
    assert r.exit_code == 1 and f"{bad}.yaml" in r.stderr
    assert "Traceback" not in r.stderr


def test_python_tags_are_refused(book: Book) -> None:
    fid = book.report()
    path = next(book.root.glob(f"failures/*/*/{fid}.yaml"))
    path.write_text("schema: 1\nid: !!python/object/apply:os.system ['echo hacked']\n")
    r = book("show", fid)
    assert r.exit_code == 1 and "cannot be read" in r.stderr


def test_a_failed_commit_puts_the_file_back(book: Book) -> None:
    fid = book.report()
    snapshot, commits = book.snapshot(), book.commit_count()
    hook = book.root / ".git" / "hooks" / "commit-msg"
    hook.write_text("#!/bin/sh\nexit 1\n")
    hook.chmod(0o755)
    # --no-verify skips commit-msg, so break git another way: make HEAD's ref unwritable.
    hook.unlink()
    (book.root / ".git" / "index.lock").write_text("")
    r = book("record", fid, user="sari")
    assert r.exit_code == 1 and "put back as it was" in r.stderr
    (book.root / ".git" / "index.lock").unlink()
    assert book.snapshot() == snapshot and book.commit_count() == commits
    assert book.git("status", "--porcelain") == ""


def test_a_busy_log_book_fails_clearly(book: Book, monkeypatch: pytest.MonkeyPatch) -> None:
    from filelock import FileLock

    import klipctl.storage.logbook

    monkeypatch.setattr(klipctl.storage.logbook, "LOCK_TIMEOUT_SECONDS", 0.1)
    lock = FileLock(str(book.root / ".klipctl" / "lock"))
    with lock:
        # filelock locks are re-entrant per process and object; a separate object still waits.
        import threading

        result = {}

        def other() -> None:
            result["r"] = book("report", "--title", "x", "--system", "y", user="rina")

        t = threading.Thread(target=other)
        t.start()
        t.join()
    r = result["r"]
    assert r.exit_code == 1 and "Another klipctl command" in r.stderr


def test_text_written_in_the_editor_is_kept_when_the_command_fails(
    book: Book, tmp_path: Path
) -> None:
    script = tmp_path / "editor.py"
    ran = tmp_path / "editor-ran"
    script.write_text(
        "import sys\n"
        f"open({str(ran)!r}, 'w').close()\n"
        "open(sys.argv[1], 'w').write('A long careful description')\n"
    )
    editor = {"EDITOR": f"{sys.executable} {script}"}
    snapshot = book.snapshot()
    # Someone not on the roster is refused before the editor opens: nothing to lose yet.
    args = ("report", "--title", "x", "--system", "y", "--edit")
    r = book(*args, user="stranger", env=editor)
    assert r.refused("not_on_roster_handle", Refused), r.stderr
    assert not ran.exists()
    # A severity that does not exist is refused before the editor too.
    r = book(*args, "--severity", "sangat", user="rina", env=editor)
    assert r.refused("invalid_severity", InvalidInput) and not ran.exists(), r.stderr
    # Refused after the editor (a title far too long): the text is kept.
    long_title = ("report", "--title", "x" * 500, "--system", "y", "--edit")
    r = book(*long_title, user="rina", env=editor)
    # two lines: where the text was kept, then the refusal
    assert isinstance(r.error, InvalidInput) and r.error.key == "field_too_long", r.stderr
    assert r.exit_code == 1 and len(r.stderr.strip().splitlines()) == 2
    assert ran.exists()
    saved = Path(r.stderr.split("reuse it with --description-file ")[1].split()[0].rstrip("."))
    assert saved.read_text() == "A long careful description\n"
    assert book.snapshot() == snapshot
    r = book(
        "report",
        "--title",
        "x",
        "--system",
        "y",
        "--description-file",
        str(saved),
        "--json",
        user="rina",
    )
    assert r.ok and json.loads(r.stdout)["description"] == "A long careful description"


def test_a_refusal_is_seen_by_its_key(book: Book) -> None:
    fid = book.report()
    r = book("assign", fid, "--to", "andi", user="budi")
    assert r.refused("wrong_stage", Refused), (r.error, r.stderr)


def test_an_internal_error_is_not_a_refusal(book: Book, monkeypatch: pytest.MonkeyPatch) -> None:
    """A bug (here: a KeyError inside the SOP table) exits 70 with one sentence asking for a
    report, and the log book is unchanged."""
    from klipctl.domain import procedure

    def broken(*args: object, **kwargs: object) -> None:
        raise KeyError("role")

    fid = book.report()
    snapshot, commits = book.snapshot(), book.commit_count()
    monkeypatch.setattr(procedure, "apply", broken)
    r = book("record", fid, user="sari", internal_error=True)
    assert r.exit_code == EXIT_INTERNAL and r.error is None
    assert r.stderr.count("\n") == 1 and "KLIPCTL_DEBUG=1" in r.stderr and "KeyError" in r.stderr
    assert "report it" in r.stderr
    assert book.snapshot() == snapshot and book.commit_count() == commits


@pytest.mark.parametrize(
    ("args", "key"),
    [
        (("asign", "x"), "usage_no_such_command_near"),
        (("lihat",), "usage_no_such_command"),
        (("report", "--title", "a", "--bogus"), "usage_no_such_option"),
        (("list", "--stag", "x"), "usage_no_such_option_near"),
        (("attach", "1ngyy"), "usage_missing"),
        (("attachment", "1nfwp", "satu"), "usage_bad_value"),
        (("show", "a", "b"), "usage_extra"),
        (("roster", "tambah"), "usage_no_such_command"),
    ],
)
def test_a_wrong_command_line_is_one_indonesian_sentence(
    cli: Callable[..., Run], args: tuple[str, ...], key: str
) -> None:
    from klipctl.i18n.catalogue import catalogue

    r = cli("--lang", "id", *args, lang="id")
    assert r.exit_code == 2 and len(r.stderr.strip().splitlines()) == 1, r.stderr
    english = ("Usage:", "Error:", "Try '", "No such", "Missing", "is not a valid", "Got ")
    assert not any(word in r.stderr for word in english), r.stderr
    opening = catalogue("id").text(key).split("{")[0]
    assert opening in r.stderr, r.stderr
