"""The audit trail attacked (issue 15), and honest work that must pass: each forged change is
built as an attacker would (by hand or with git's plumbing), pushed to a central repository with
klipctl's hook, and checked with `verify`; each asserts the violation's kind."""

from __future__ import annotations

import json
import subprocess
from pathlib import Path

import pytest
from conftest import Book
from test_verify import hand_commit


def kinds(book: Book) -> set[str]:
    r = book("verify", "--json")
    return {v["problem"] for v in json.loads(r.stdout)["violations"]}


def push(book: Book) -> subprocess.CompletedProcess[str]:
    return subprocess.run(["git", "push", "-q", "origin", "main"], cwd=book.root,
                          capture_output=True, text=True)  # fmt: skip


def test_a_person_rotating_their_own_key_verifies_and_pushes(
    book: Book, central: Path, tmp_path: Path
) -> None:
    new = tmp_path / "andi-new"
    subprocess.run(["ssh-keygen", "-q", "-t", "ed25519", "-N", "", "-f", str(new)], check=True)
    r = book("roster", "set-key", "andi", "--key", f"{new}.pub", user="andi")
    assert r.ok, r.stderr
    assert kinds(book) == set()
    fid = book.report()
    book.walk(fid, "recorded")
    assert book("assign", fid, "--to", "andi", user="budi").ok
    r = book("resolve", fid, "--action", "Diperbaiki", user="andi",
             env={"KLIPCTL_SIGNING_KEY": str(new)})  # fmt: skip
    assert r.ok, r.stderr
    assert kinds(book) == set()
    assert book("sync", user="budi").ok  # the hook takes it all
    assert push(book).returncode == 0


def test_the_roster_never_falls_back_to_set_up(book: Book, central: Path) -> None:
    """Once there was a supervisor, nobody adds themselves, even when none is left."""
    roster = book.root / "roster.yaml"
    # budi, the only supervisor, leaves by a hand-made change (the CLI refuses it).
    from datetime import datetime, timedelta

    from klipctl.audit import signing
    from klipctl.domain.model import JAKARTA
    from klipctl.domain.roster import RosterChange
    from klipctl.storage import store
    from klipctl.storage.logbook import LogBook

    lb = LogBook(book.root)
    changes = list(lb.roster.changes)
    at = datetime.now(JAKARTA) + timedelta(minutes=1)
    signer = signing.load_signer(str(book.keys["budi"]))
    prev = signing.digest(store.roster_change_to_dict(changes[-1]))
    gone = RosterChange("remove", "budi", {"reason": "Pensiun"}, "budi", at, prev)
    gone = RosterChange(gone.action, gone.handle, gone.fields, gone.actor, gone.at, prev,
                        signer.sign(signing.canonical(store.roster_change_to_dict(gone)),
                                    signing.NAMESPACE))  # fmt: skip
    roster.write_text(store.append_roster_change(roster.read_text(), gone))
    (book.root / "allowed_signers").write_text(signing.allowed_signers_text([*changes, gone]))
    hand_commit(book, "budi", "Remove budi\n\nKlipctl-Person: budi\nKlipctl-Actor: budi\n")
    # mallory then adds herself as supervisor "during set-up", signing with her own key.
    mallory_pub = Path(f"{book.keys['mallory']}.pub").read_text().split()
    key = f"{mallory_pub[0]} {mallory_pub[1]}"
    fields = {"name": "Mallory", "nip": "199001012020121001", "roles": ["supervisor"],
              "key": key}  # fmt: skip
    later = at + timedelta(minutes=1)
    prev2 = signing.digest(store.roster_change_to_dict(gone))
    add = RosterChange("add", "mallory", fields, None, later, prev2)
    m_signer = signing.load_signer(str(book.keys["mallory"]))
    add = RosterChange(add.action, add.handle, add.fields, None, add.at, prev2,
                       m_signer.sign(signing.canonical(store.roster_change_to_dict(add)),
                                     signing.NAMESPACE))  # fmt: skip
    roster.write_text(store.append_roster_change(roster.read_text(), add))
    (book.root / "allowed_signers").write_text(signing.allowed_signers_text([*changes, gone, add]))
    hand_commit(book, "mallory", "Add mallory\n\nKlipctl-Person: mallory\n")
    assert "v_roster_actor" in kinds(book)
    r = push(book)
    assert r.returncode != 0 and "klipctl refuses this push" in r.stderr


def test_a_signing_key_that_is_a_device_or_endless_is_refused(book: Book) -> None:
    r = book("report", "--title", "x", "--system", "y", user="rina",
             env={"KLIPCTL_SIGNING_KEY": "/dev/zero"})  # fmt: skip
    assert r.refused("signing_key_unreadable"), r.stderr


def test_a_text_file_that_is_a_device_or_a_pipe_is_refused(book: Book, tmp_path: Path) -> None:
    import os

    fid = book.report()
    fifo = tmp_path / "pipa"
    os.mkfifo(fifo)
    for path in ("/dev/zero", str(fifo)):
        r = book("note", fid, "--text-file", path, user="rina")
        assert r.refused("file_not_regular"), r.stderr


def test_a_writer_waits_its_turn_and_says_so(book: Book) -> None:
    """Another process holds the lock for 4 s: the writer is told it waits (after 3 s), keeps
    waiting instead of giving up, and gets the lock once it is free."""
    import sys
    import time

    from klipctl.storage.logbook import LogBook

    fid = book.report()
    holder = subprocess.Popen(
        [sys.executable, "-c",
         "import sys, time; from klipctl.storage.logbook import LogBook; from pathlib import Path\n"
         "lock = LogBook(Path(sys.argv[1])).lock(); lock.acquire(); print('held', flush=True)\n"
         "time.sleep(4)", str(book.root)],
        stdout=subprocess.PIPE, text=True,
    )  # fmt: skip
    assert holder.stdout is not None and holder.stdout.readline().strip() == "held"
    waited: list[float] = []
    lb = LogBook(book.root)
    lb.on_wait = lambda: waited.append(time.monotonic())
    start = time.monotonic()
    with lb.locked():
        took = time.monotonic() - start
    holder.wait()
    assert waited and took > 3, (waited, took)
    assert book("record", fid, user="sari", env={"KLIPCTL_OFFLINE": "1"}).ok


@pytest.mark.parametrize("hazard", ["symlink", "gitattributes", "gitmodules", "case"])
def test_what_git_would_act_on_at_checkout_is_named_and_refused(
    book: Book, central: Path, hazard: str
) -> None:
    import os

    if hazard == "symlink":
        os.symlink("/etc/passwd", book.root / "templates-link")
        book.git("add", "templates-link")
        want = "v_symlink"
    elif hazard == "gitattributes":
        (book.root / "failures" / ".gitattributes").write_text(
            "*.yaml working-tree-encoding=UTF-16\n"
        )
        book.git("add", "failures/.gitattributes")
        want = "v_gitattributes"
    elif hazard == "gitmodules":
        (book.root / ".gitmodules").write_text('[submodule "x"]\n\tpath = x\n\turl = /tmp/x\n')
        book.git("add", ".gitmodules")
        want = "v_submodule"
    else:
        (book.root / "ROSTER.yaml").write_text("schema: 1\nchanges: []\n")
        book.git("add", "ROSTER.yaml")
        want = "v_case_collision"
    hand_commit(book, "budi", "Tidy up")
    assert want in kinds(book)
    r = push(book)
    assert r.returncode != 0 and "klipctl refuses this push" in r.stderr, r.stderr


def test_times_never_go_back_along_a_chain(book: Book, central: Path) -> None:
    """A clone whose clock runs a day behind still writes in order; a forged back-dated entry
    (to borrow a time when the roster or a key was different) is named and refused."""
    from datetime import datetime, timedelta

    from test_verify import forge

    fid = book.report()
    reported = datetime.fromisoformat(json.loads(book("show", fid, "--json").stdout)["reported_at"])
    behind = (reported - timedelta(days=1)).isoformat(timespec="minutes")
    assert book("record", fid, user="sari", now=behind).ok
    entries = json.loads(book("show", fid, "--json").stdout)["entries"]
    assert entries[1]["at"] >= entries[0]["at"]  # dated no earlier than the report
    assert kinds(book) == set()
    assert book("sync", user="budi").ok
    forge(book, fid, "assign", "budi", "supervisor", "budi")  # dated LATER: 2026-03-10 15:00
    path = next(book.root.glob(f"failures/*/*/{fid}.yaml"))
    text = path.read_text()
    earlier = (reported - timedelta(days=30)).isoformat(timespec="seconds")
    path.write_text(text[: text.rindex("at: ")] + text[text.rindex("at: "):].replace(
        "2026-03-10T15:00:00+07:00", earlier, 1))  # fmt: skip
    hand_commit(book, "budi", f"Assign {fid}\n\nKlipctl-Failure: {fid}\nKlipctl-Action: assign\n"
                f"Klipctl-Actor: budi\n")  # fmt: skip
    assert "v_time_order" in kinds(book)
    r = push(book)
    assert r.returncode != 0 and "klipctl refuses this push" in r.stderr


def _forge_at(book: Book, fid: str, action: str, actor: str, role: str, key: Path, at: str) -> None:
    """Append an entry by hand dated ``at``: chained correctly, signed with ``key``."""
    from dataclasses import replace
    from datetime import datetime

    from klipctl.audit import signing
    from klipctl.domain.model import Entry
    from klipctl.domain.procedure import STEPS
    from klipctl.storage import store
    from klipctl.storage.logbook import LogBook

    failure = LogBook(book.root).load_failure(fid)
    entry = Entry(
        action, STEPS[action].after, actor, role, datetime.fromisoformat(at), {"action": "x"},
        prev=signing.digest(store.entry_to_dict(failure.entries[-1])),
    )  # fmt: skip
    signer = signing.load_signer(str(key))
    entry = replace(
        entry, sig=signer.sign(signing.canonical(store.entry_to_dict(entry)), signing.NAMESPACE)
    )
    path = next(book.root.glob(f"failures/*/*/{fid}.yaml"))
    path.write_text(path.read_text(encoding="utf-8") + store.entry_text(entry), encoding="utf-8")


def _commit_as(book: Book, who: str, key: Path, message: str, when: str | None = None) -> None:
    """A commit by ``who`` signed with ``key``, its author and committer time ``when``."""
    import os

    env = {**os.environ, **({"GIT_COMMITTER_DATE": when, "GIT_AUTHOR_DATE": when} if when else {})}
    subprocess.run(
        ["git", "-c", f"user.name={who}", "-c", f"user.email={who}@pajak.go.id",
         "-c", "gpg.format=ssh", "-c", f"user.signingkey={key}", "commit", "-q", "-S", "-a",
         "-m", message],
        cwd=book.root, env=env, check=True, capture_output=True,
    )  # fmt: skip


def _trailers(fid: str, action: str, actor: str) -> str:
    return (
        f"{action} {fid}\n\nKlipctl-Failure: {fid}\nKlipctl-Action: {action}\n"
        f"Klipctl-Actor: {actor}\n"
    )


def test_an_entry_dated_after_its_commit_or_after_the_push_is_named(
    book: Book, central: Path
) -> None:
    fid = book.report()
    book.walk(fid, "assigned")
    assert book("sync", user="budi").ok
    # Dated a month ahead, committed today (the tests' today): verify names it.
    _forge_at(book, fid, "resolve", "andi", "operator", book.keys["andi"], "2026-04-10T09:00+07:00")
    _commit_as(book, "andi", book.keys["andi"], _trailers(fid, "resolve", "andi"),
               "2026-03-10T16:00+07:00")  # fmt: skip
    assert kinds(book) == {"v_after_commit"}
    assert push(book).returncode != 0
    # The commit dated a month ahead too: only the central repository, which knows when it
    # received the push, can tell.
    book.reset("HEAD~1")
    _forge_at(book, fid, "resolve", "andi", "operator", book.keys["andi"], "2026-04-10T09:00+07:00")
    _commit_as(book, "andi", book.keys["andi"], _trailers(fid, "resolve", "andi"),
               "2026-04-10T09:00+07:00")  # fmt: skip
    assert kinds(book) == set()
    r = push(book)
    assert r.returncode != 0 and "after the central repository received it" in r.stderr


def test_a_key_replaced_on_the_roster_signs_nothing_committed_after(
    book: Book, central: Path, tmp_path: Path
) -> None:
    fid = book.report(now="2026-03-10T09:00")
    book.walk(fid, "assigned", now="2026-03-10T10:00")
    new = tmp_path / "andi-new"
    subprocess.run(["ssh-keygen", "-q", "-t", "ed25519", "-N", "", "-f", str(new)], check=True)
    r = book("roster", "set-key", "andi", "--key", f"{new}.pub", user="andi",
             now="2026-03-12T09:00")  # fmt: skip
    assert r.ok, r.stderr
    assert book("sync", user="budi", now="2026-03-12T09:05").ok
    # Whoever kept andi's old key dates an entry before the change, commit and all.
    old = book.keys["andi"]
    when = "2026-03-11T15:00+07:00"
    _forge_at(book, fid, "resolve", "andi", "operator", old, when)
    _commit_as(book, "andi", old, _trailers(fid, "resolve", "andi"), when)
    assert kinds(book) == {"v_key_revoked"}
    assert push(book).returncode != 0


def test_a_merge_claiming_a_set_aside_where_nothing_clashed_is_named(
    book: Book, other: Book, central: Path
) -> None:
    fid = book.report()
    assert book("sync", user="budi").ok
    other.report("Scanner macet")  # the centre moves on, but not on this failure
    assert book("record", fid, user="sari", env={"KLIPCTL_OFFLINE": "1"}).ok
    book.git("fetch", "-q", "origin")
    ours, theirs = (
        book.git("rev-parse", "HEAD").strip(),
        book.git("rev-parse", "origin/main").strip(),
    )
    # A "sync merge" that keeps the centre's file of this failure, dropping our record, and says
    # it set it aside: but the centre never added to this failure.
    tree = book.git("rev-parse", f"{theirs}^{{tree}}").strip()
    message = f"Sync\n\nKlipctl-Action: sync\nKlipctl-Actor: budi\nKlipctl-Set-Aside: {fid}\n"
    merge = subprocess.run(
        ["git", "commit-tree", tree, "-p", ours, "-p", theirs, "-m", message],
        cwd=book.root, capture_output=True, text=True, check=True,
    ).stdout.strip()  # fmt: skip
    book.git("reset", "-q", "--hard", merge)
    assert "v_rewritten" in kinds(book)
    assert push(book).returncode != 0


def test_a_supervisor_replacing_someones_key_is_a_notice_naming_both(
    book: Book, tmp_path: Path
) -> None:
    new = tmp_path / "andi-new"
    subprocess.run(["ssh-keygen", "-q", "-t", "ed25519", "-N", "", "-f", str(new)], check=True)
    assert book("roster", "set-key", "andi", "--key", f"{new}.pub", user="budi").ok
    r = book("verify")
    assert r.ok and "Notice: roster.yaml, change 7" in r.stdout, r.stdout
    assert "'budi' replaced 'andi''s key on" in r.stdout
    notices = json.loads(book("verify", "--json").stdout)["notices"]
    assert [n["problem"] for n in notices] == ["n_key_replaced"]


def test_a_key_signs_nothing_committed_before_the_roster_change_that_granted_it(
    book: Book, central: Path, tmp_path: Path
) -> None:
    fid = book.report(now="2026-03-10T09:00")
    book.walk(fid, "assigned", now="2026-03-10T10:00")
    assert book("sync", user="budi", now="2026-03-10T10:05").ok
    new = tmp_path / "andi-new"
    subprocess.run(["ssh-keygen", "-q", "-t", "ed25519", "-N", "", "-f", str(new)], check=True)
    # An entry signed with a key no roster holds yet, dated after the change that will grant it,
    # committed first; then the change, dated earlier.
    when = "2026-03-12T10:00+07:00"
    _forge_at(book, fid, "resolve", "andi", "operator", new, when)
    _commit_as(book, "andi", new, _trailers(fid, "resolve", "andi"), when)
    r = book("roster", "set-key", "andi", "--key", f"{new}.pub", user="andi",
             now="2026-03-12T09:00", env={"KLIPCTL_OFFLINE": "1"})  # fmt: skip
    assert r.ok, r.stderr
    assert kinds(book) == {"v_key_not_granted"}
    assert push(book).returncode != 0
