"""Signed entries and `klipctl verify`: a clean log book verifies; every kind of tampering is
detected and named by verify and refused by the central repository's pre-receive hook, each
against a real log book and real keys made with ssh-keygen."""

from __future__ import annotations

import json
import re
import subprocess
from collections.abc import Callable
from dataclasses import replace
from datetime import datetime, timedelta
from pathlib import Path

import pytest
from conftest import Book

from klipctl.audit import signing
from klipctl.domain.model import Entry
from klipctl.domain.procedure import STEPS
from klipctl.storage import store
from klipctl.storage.logbook import LogBook

LATER = datetime.fromisoformat("2026-03-10T15:00:00+07:00")


def failure_file(book: Book, fid: str) -> Path:
    return next(book.root.glob(f"failures/*/*/{fid}.yaml"))


def split_entries(text: str) -> tuple[str, list[str]]:
    """A failure file as its header and the text of each entry."""
    head, _, body = text.partition("entries:\n")
    chunks = re.split(r"(?m)^(?=- action: )", body)
    return head + "entries:\n", [c for c in chunks if c]


def forge(book: Book, fid: str, action: str, actor: str, role: str, key_of: str) -> None:
    """Append an entry by hand: chained correctly, signed with ``key_of``'s key."""
    failure = LogBook(book.root).load_failure(fid)
    entry = Entry(
        action, STEPS[action].after, actor, role, LATER, {},
        prev=signing.digest(store.entry_to_dict(failure.entries[-1])),
    )  # fmt: skip
    signer = signing.load_signer(str(book.keys[key_of]))
    message = signing.canonical(store.entry_to_dict(entry))
    entry = replace(entry, sig=signer.sign(message, signing.NAMESPACE))
    path = failure_file(book, fid)
    path.write_text(path.read_text(encoding="utf-8") + store.entry_text(entry), encoding="utf-8")


def hand_commit(book: Book, who: str, message: str, *, amend: bool = False) -> None:
    """Commit everything by hand as ``who``, signed with their key as klipctl would."""
    book.git(
        "-c", f"user.name={who}", "-c", f"user.email={who}@pajak.go.id",
        "-c", "gpg.format=ssh", "-c", f"user.signingkey={book.keys[who]}",
        "commit", "-q", "-S", "-a", *(["--amend"] if amend else []), "-m", message,
    )  # fmt: skip


def trailers(fid: str, action: str, actor: str, role: str) -> str:
    return (
        f"{action.title()} {fid}\n\nKlipctl-Failure: {fid}\nKlipctl-Action: {action}\n"
        f"Klipctl-Stage: {STEPS[action].after}\nKlipctl-Actor: {actor}\nKlipctl-Role: {role}\n"
    )


def problems(book: Book) -> list[dict[str, object]]:
    r = book("verify", "--json")
    assert r.exit_code == 1, r.stdout
    return list(json.loads(r.stdout)["violations"])


@pytest.fixture
def central(book: Book, tmp_path: Path) -> Path:
    """A bare central repository with klipctl's hook, holding the log book as it is now."""
    bare = tmp_path / "central.git"
    subprocess.run(["git", "init", "-q", "--bare", "-b", "main", str(bare)], check=True)
    r = book.cli("hook", "install", str(bare))
    assert r.ok, r.stderr
    book.git("remote", "add", "origin", str(bare))
    push = push_to(book)
    assert push.returncode == 0, push.stderr  # a clean log book is accepted, whole
    return bare


def push_to(book: Book, *extra: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        ["git", "push", "-q", *extra, "origin", "main"],
        cwd=book.root, capture_output=True, text=True,
    )  # fmt: skip


def assert_refused(book: Book, *phrases: str, force: bool = False) -> None:
    push = push_to(book, *(["--force"] if force else []))
    assert push.returncode != 0
    assert "klipctl refuses this push" in push.stderr
    for phrase in phrases:
        assert phrase in push.stderr, push.stderr


# --- the clean case ------------------------------------------------------------------------------


def test_a_clean_log_book_verifies(book: Book) -> None:
    fid = book.report()
    book.walk(fid, "archived")
    r = book("verify")
    assert r.ok, r.stdout + r.stderr
    assert r.stdout.startswith("OK: 1 failure, 9 entries, 0 attachments, 6 roster changes")
    data = json.loads(book("verify", "--json").stdout)
    assert data["ok"] and data["entries"] == 9 and data["violations"] == []
    assert book("verify", fid[:6]).ok


def test_entries_verify_with_stock_ssh_keygen_and_commits_with_git(book: Book) -> None:
    fid = book.report()
    book.walk(fid, "recorded")
    entry = LogBook(book.root).load_failure(fid).entries[1]
    assert entry.sig is not None
    (book.root.parent / "msg.sig").write_text(entry.sig)
    check = subprocess.run(
        ["ssh-keygen", "-Y", "verify", "-f", str(book.root / "allowed_signers"), "-I", "sari",
         "-n", signing.NAMESPACE, "-s", str(book.root.parent / "msg.sig")],
        input=signing.canonical(store.entry_to_dict(entry)), capture_output=True,
    )  # fmt: skip
    assert check.returncode == 0, check.stderr
    shown = book.git("log", "-1", "--show-signature")
    assert 'Good "git" signature for sari' in shown


def test_without_a_usable_key_nothing_changes_and_the_way_out_is_named(book: Book) -> None:
    fid = book.report()
    snapshot, commits = book.snapshot(), book.commit_count()
    wrong = book("record", fid, user="sari", env={"KLIPCTL_SIGNING_KEY": str(book.keys["tono"])})
    assert wrong.exit_code == 1 and "roster set-key sari" in wrong.stderr
    none = book("record", fid, user="sari", env={"KLIPCTL_SIGNING_KEY": ""})
    assert none.exit_code == 1 and "KLIPCTL_SIGNING_KEY" in none.stderr
    assert book.snapshot() == snapshot and book.commit_count() == commits


def test_a_new_key_applies_from_then_on_and_history_still_verifies(book: Book) -> None:
    fid = book.report()
    book.walk(fid, "recorded")
    new_pub = f"{book.keys['mallory']}.pub"  # a key no one on the roster holds
    # sari may not set someone else's key; budi (supervisor) may.
    assert book("roster", "set-key", "andi", "--key", new_pub, user="sari").exit_code == 1
    r = book("roster", "set-key", "sari", "--key", new_pub, user="budi",
             now="2026-03-11T09:00:00+07:00")  # fmt: skip
    assert r.ok, r.stderr
    # Her old key no longer works; the new one does; her earlier entry still verifies.
    later = "2026-03-12T09:00:00+07:00"
    assert book("report", "--title", "x", "--system", "y", user="sari", now=later).exit_code == 1
    key = {"KLIPCTL_SIGNING_KEY": str(book.keys["mallory"])}
    assert book("report", "--title", "x", "--system", "y", user="sari", now=later, env=key).ok
    assert book("verify").ok, book("verify").stdout
    assert "valid-before" in (book.root / "allowed_signers").read_text()


# --- tampering: each named by verify and refused by the hook ------------------------------------


def test_an_old_entry_edited_by_hand(book: Book, central: Path) -> None:
    fid = book.report("Print server down")
    book.walk(fid, "assigned")
    path = failure_file(book, fid)
    path.write_text(path.read_text().replace("Print server down", "Print server fine"))
    found = problems(book)
    kinds = {(p["problem"], p["entry"]) for p in found if p["failure"] == fid}
    assert ("v_bad_signature", 1) in kinds and ("v_chain", 2) in kinds
    assert any(p["problem"] == "v_uncommitted" for p in found)
    hand_commit(book, "rina", "Fix a typo")
    assert "v_rewritten" in {p["problem"] for p in problems(book)}
    r = book("verify")
    assert f"failure {fid}, entry 1" in r.stdout and "signature is not by the key" in r.stdout
    assert_refused(book, f"failure {fid}, entry 1", "changed or removed")


def test_an_entry_removed(book: Book, central: Path) -> None:
    fid = book.report()
    book.walk(fid, "resolved")
    path = failure_file(book, fid)
    head, entries = split_entries(path.read_text())
    path.write_text(head + entries[0] + "".join(entries[2:]))  # the record entry is gone
    hand_commit(book, "budi", "Tidy up")
    kinds = {(p["problem"], p["entry"]) for p in problems(book)}
    assert {("v_chain", 2), ("v_wrong_stage", 2), ("v_rewritten", None)} <= kinds
    assert_refused(book, "hash chain is broken", "cannot follow the stage 'reported'")


def test_two_entries_swapped(book: Book, central: Path) -> None:
    fid = book.report()
    book.walk(fid, "resolved")
    path = failure_file(book, fid)
    head, e = split_entries(path.read_text())
    path.write_text(head + e[0] + e[2] + e[1] + e[3])
    hand_commit(book, "budi", "Reorder")
    kinds = {(p["problem"], p["entry"]) for p in problems(book)}
    assert {("v_chain", 2), ("v_chain", 3), ("v_wrong_stage", 2)} <= kinds
    assert_refused(book, f"failure {fid}, entry 2", "hash chain is broken")


def test_an_entry_signed_with_someone_elses_key(book: Book, central: Path) -> None:
    fid = book.report()
    forge(book, fid, "record", "sari", "clerk", key_of="andi")
    hand_commit(book, "sari", trailers(fid, "record", "sari", "clerk"))
    found = problems(book)
    assert [(p["problem"], p["failure"], p["entry"]) for p in found] == [
        ("v_bad_signature", fid, 2)
    ]
    assert_refused(book, f"failure {fid}, entry 2", "not by the key sari held")


def test_a_sign_entry_forged_by_someone_without_the_supervisor_role(
    book: Book, central: Path
) -> None:
    fid = book.report()
    book.walk(fid, "drafted")
    assert push_to(book).returncode == 0
    # sari (a clerk) signs "as supervisor" with her own, valid key: the roster says no.
    forge(book, fid, "sign", "sari", "supervisor", key_of="sari")
    hand_commit(book, "sari", trailers(fid, "sign", "sari", "supervisor"))
    found = problems(book)
    assert [(p["problem"], p["entry"]) for p in found] == [("v_wrong_role", 7)]
    assert "'sari' did not hold the role 'supervisor'" in str(found[0]["message"])
    assert_refused(book, "did not hold the role 'supervisor'")


def test_a_roster_key_replaced_retroactively(book: Book, central: Path) -> None:
    fid = book.report()
    book.walk(fid, "recorded")  # sari's entry, signed with her real key
    roster = book.root / "roster.yaml"
    sari_key = Path(f"{book.keys['sari']}.pub").read_text().split()[1]
    mallory_key = Path(f"{book.keys['mallory']}.pub").read_text().split()[1]
    roster.write_text(roster.read_text().replace(sari_key, mallory_key))
    hand_commit(book, "budi", "Correct sari's key")
    found = problems(book)
    kinds = {(p["problem"], p["path"], p["entry"]) for p in found}
    assert ("v_bad_signature", "roster.yaml", 2) in kinds  # budi never signed that change
    assert ("v_rewritten", "roster.yaml", None) in kinds
    assert ("v_bad_signature", None, 2) in kinds  # sari's entry no longer matches "her" key
    assert_refused(book, "roster.yaml, change 2", "roster.yaml: lines already there")


def test_history_rewritten_with_amend_and_force_pushed(book: Book, central: Path) -> None:
    fid = book.report()
    book.walk(fid, "assigned")
    assert book("verify").ok  # remembers the commit it found clean
    assert push_to(book).returncode == 0
    # budi quietly rewrites his assignment commit (to another operator) and force-pushes.
    path = failure_file(book, fid)
    path.write_text(path.read_text().replace("to: andi", "to: dewi"))
    hand_commit(book, "budi", trailers(fid, "assign", "budi", "supervisor"), amend=True)
    kinds = {p["problem"] for p in problems(book)}
    assert {"v_history_rewritten", "v_bad_signature"} <= kinds
    assert_refused(book, "this push replaces history", force=True)


def test_a_rebase_that_drops_a_commit_is_refused(book: Book, central: Path) -> None:
    fid = book.report()
    book.walk(fid, "recorded")
    assert push_to(book).returncode == 0
    book.git("reset", "-q", "--hard", "HEAD~1")  # as if rebased away
    assert_refused(book, "replaces history", force=True)


def test_a_legitimate_push_is_accepted(book: Book, central: Path) -> None:
    fid = book.report()
    book.walk(fid, "archived")
    push = push_to(book)
    assert push.returncode == 0, push.stderr


def test_hook_install_refuses_a_folder_that_is_not_a_bare_repository(
    cli: Callable[..., object], tmp_path: Path
) -> None:
    r = cli("hook", "install", str(tmp_path))
    assert r.exit_code == 1  # type: ignore[attr-defined]


def test_several_hundred_failures_verify_clean_and_one_forgery_among_them_is_found(
    book: Book,
) -> None:
    import sys

    sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "bench"))
    import random

    from generate import add_failures

    start = datetime.fromisoformat("2026-03-11T08:00+07:00")
    moments = [start + timedelta(minutes=10 * i) for i in range(300)]
    entries = add_failures(
        book.root, book.keys, moments, start + timedelta(days=60), random.Random(3)
    )
    r = book("verify")
    assert r.ok, r.stdout[:2000]
    assert f"300 failures, {entries} entries" in r.stdout
    fid = LogBook(book.root).failure_ids()[123]
    forge(book, fid, "archive", "rina", "clerk", key_of="rina")
    hand_commit(book, "rina", trailers(fid, "archive", "rina", "clerk"))
    found = problems(book)
    assert {p["failure"] for p in found} == {fid}


@pytest.mark.parametrize("start", [None, "spawn"])
def test_verify_in_worker_processes_finds_what_one_process_finds(
    book: Book, monkeypatch: pytest.MonkeyPatch, start: str | None
) -> None:
    """A large log book is verified over every core (its workers started the platform's way,
    or afresh as on Windows): the same findings, in the same order, as in one process."""
    import random
    import sys

    from klipctl.audit import fanout

    sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "bench"))
    from generate import add_failures

    begin = datetime.fromisoformat("2026-03-11T08:00+07:00")
    moments = [begin + timedelta(minutes=10 * i) for i in range(120)]
    add_failures(book.root, book.keys, moments, begin + timedelta(days=60), random.Random(5))
    ids = LogBook(book.root).failure_ids()
    forge(book, ids[7], "archive", "rina", "clerk", key_of="rina")  # not rina's to take
    hand_commit(book, "rina", trailers(ids[7], "archive", "rina", "clerk"))
    path = failure_file(book, ids[90])
    path.write_text(path.read_text(encoding="utf-8").replace("role: staff", "role: clerk", 1))
    hand_commit(book, "budi", "Fix a typo")  # an old entry rewritten, in a commit of no failure
    failure_file(book, ids[100]).write_text("schema: 1\n")  # and one broken, not committed
    one = book("verify", "--json")
    assert one.exit_code == 1
    monkeypatch.setattr(fanout, "PARALLEL_FROM", 1)
    monkeypatch.setattr(fanout, "cores", lambda: 3)
    monkeypatch.setattr(fanout, "START_METHOD", start)
    many = book("verify", "--json")
    assert many.exit_code == 1
    assert json.loads(many.stdout) == json.loads(one.stdout)
    found = {(p["problem"], p["failure"]) for p in json.loads(many.stdout)["violations"]}
    assert {("v_wrong_role", ids[7]), ("v_bad_signature", ids[90]), ("v_rewritten", ids[90]),
            ("v_uncommitted", ids[100])} <= found  # fmt: skip


def test_a_person_added_without_a_key_sets_their_own_first_key(book: Book) -> None:
    r = book("roster", "add", "tini", "--name", "Tini Suryani", "--nip", "199401012019022001",
             "--role", "staff", user="budi")  # fmt: skip
    assert r.ok, r.stderr
    key = {"KLIPCTL_SIGNING_KEY": str(book.keys["mallory"])}
    refused = book("report", "--title", "x", "--system", "y", user="tini", env=key)
    assert refused.exit_code == 1 and "roster set-key tini" in refused.stderr
    pub = f"{book.keys['mallory']}.pub"
    assert book("roster", "set-key", "tini", "--key", pub, user="tini", env=key).ok
    assert book("report", "--title", "x", "--system", "y", user="tini", env=key).ok
    assert book("verify").ok
    head = book.git("rev-parse", "HEAD").strip()
    book.report()
    r = book("verify", "--since", head, "--json")
    assert r.ok and json.loads(r.stdout)["commits"] == 1


def test_a_log_book_without_required_signatures_works_unsigned_and_verifies(
    cli: Callable[..., object], tmp_path: Path
) -> None:
    root = tmp_path / "old"
    assert cli("init", str(root)).ok  # type: ignore[attr-defined]
    config = root / "klipctl.yaml"
    config.write_text(config.read_text().replace("required: true", "required: false"))
    subprocess.run(["git", "commit", "-qam", "No signatures"], cwd=root, check=True)
    b = Book(root, cli, {})  # type: ignore[arg-type]
    r = b("roster", "add", "budi", "--name", "Budi Santoso", "--nip", "198203152006041003",
          "--role", "supervisor", "--role", "staff")  # fmt: skip
    assert r.ok, r.stderr
    assert b("report", "--title", "x", "--system", "y", user="budi", env={"X": "1"}).ok
    assert "sig:" not in next(root.glob("failures/*/*/*.yaml")).read_text()
    assert b("verify").ok


def test_incremental_verify_checks_what_changed_since_the_last_clean_run(book: Book) -> None:
    old, new = book.report("Old one"), book.report("New one", now="2026-03-10T09:00:07+07:00")
    book.walk(old, "assigned")
    assert book("verify").ok  # remembers HEAD as verified
    book.walk(new, "recorded")
    r = book("verify", "--incremental", "--json")
    assert r.ok, r.stdout
    assert json.loads(r.stdout)["failures"] == 1  # only the failure touched since
    # A forged entry committed since the last clean run is found.
    forge(book, new, "assign", "budi", "supervisor", key_of="mallory")
    hand_commit(book, "budi", trailers(new, "assign", "budi", "supervisor"))
    r = book("verify", "--incremental", "--json")
    assert r.exit_code == 1
    assert {v["failure"] for v in json.loads(r.stdout)["violations"]} == {new}
    # History rewritten under the remembered commit is found too, even incrementally.
    book.git("reset", "-q", "--hard", "HEAD~3")
    hand_commit(book, "sari", "Rewritten", amend=True)
    r = book("verify", "--incremental", "--json")
    assert r.exit_code == 1
    assert "v_history_rewritten" in {v["problem"] for v in json.loads(r.stdout)["violations"]}


def test_an_unencrypted_openssh_key_is_read_as_cryptography_reads_it(
    keys: dict[str, Path], tmp_path: Path
) -> None:
    """A write opens its signer's key without cryptography's reader of every format: the
    seed read from OpenSSH's own layout is the one cryptography reads, the public key the one
    in the .pub file; anything else is left to cryptography (or ssh-keygen) as before."""
    from cryptography.hazmat.primitives import serialization

    made = tmp_path / "made"
    signing.make_key(made, "made")
    for path in [keys["budi"], keys["sari"], made]:
        data = path.read_bytes()
        private = serialization.load_ssh_private_key(data, password=None)
        assert signing._plain_ed25519(data) == private.private_bytes_raw()  # type: ignore[union-attr]
        signer = signing.load_signer(str(path))
        pub = path.with_name(path.name + ".pub").read_text().split()
        assert signer.public_key == " ".join(pub[:2])
        signature = signer.sign(b"message", signing.NAMESPACE)
        signing.verify(b"message", signature, signer.public_key)

    locked = tmp_path / "locked"
    signing.make_key(locked, "locked", passphrase="rahasia")
    rsa = tmp_path / "rsa"
    subprocess.run(["ssh-keygen", "-q", "-t", "rsa", "-b", "2048", "-N", "", "-f", str(rsa)],
                   check=True)  # fmt: skip
    text = keys["budi"].read_bytes().decode()
    body = "".join(text.splitlines()[1:-1])
    blob = bytearray(signing.base64.b64decode(body))
    check = blob.index(b"ssh-ed25519", 60) - 12  # the first check number before the key type
    blob[check] ^= 1
    damaged = text.splitlines()[0] + "\n" + signing.base64.b64encode(bytes(blob)).decode()
    damaged += "\n" + text.splitlines()[-1] + "\n"
    for data in [locked.read_bytes(), rsa.read_bytes(), damaged.encode(), b"not a key"]:
        assert signing._plain_ed25519(data) is None
