"""The roster over time: one key per person, removing people, changing roles, a person's history.

Each allowed change is one signed, dated roster change in one commit and `klipctl verify` stays
clean; each refusal is named, and leaves the log book and its commits as they were.
"""

from __future__ import annotations

import json
import subprocess
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import replace
from datetime import datetime

from conftest import Book

from klipctl.audit import signing
from klipctl.domain.roster import RosterChange
from klipctl.errors import Refused
from klipctl.storage import store
from klipctl.storage.logbook import LogBook

LATER = "2026-03-11T09:00:00+07:00"


@contextmanager
def unchanged(book: Book) -> Iterator[None]:
    """The block changes no file of the log book and makes no commit."""
    snapshot, head = book.snapshot(), book.git("rev-parse", "HEAD")
    yield
    assert book.git("rev-parse", "HEAD") == head
    assert book.snapshot() == snapshot


def one_commit(book: Book, *args: str, user: str = "budi", **kw: str) -> str:
    """Run an allowed roster change: exactly one commit, and the log book still verifies."""
    before = book.commit_count()
    r = book(*args, user=user, **kw)
    assert r.ok, r.stderr
    assert book.commit_count() == before + 1
    verified = book("verify")
    assert verified.ok, verified.stdout
    return r.stdout + r.stderr


def pub(book: Book, handle: str) -> str:
    return f"{book.keys[handle]}.pub"


def forge_roster_change(book: Book, change: RosterChange, signer: str) -> None:
    """Append a roster change by hand, chained and signed by ``signer`` as klipctl would, with
    allowed_signers beside it, and commit it by hand as ``signer``: only what it says is wrong."""
    lb = LogBook(book.root)
    changes = list(lb.roster.changes)
    change = replace(change, prev=signing.digest(store.roster_change_to_dict(changes[-1])))
    key = signing.load_signer(str(book.keys[signer]))
    message = signing.canonical(store.roster_change_to_dict(change))
    change = replace(change, sig=key.sign(message, signing.NAMESPACE))
    path = book.root / "roster.yaml"
    path.write_text(store.append_roster_change(path.read_text("utf-8"), change), "utf-8")
    signers = signing.allowed_signers_text([*changes, change])
    (book.root / "allowed_signers").write_text(signers, "utf-8")
    book.git(
        "-c", f"user.name={signer}", "-c", f"user.email={signer}@pajak.go.id",
        "-c", "gpg.format=ssh", "-c", f"user.signingkey={book.keys[signer]}",
        "commit", "-q", "-S", "-a", "-m",
        f"By hand\n\nKlipctl-Action: roster-{change.action}\nKlipctl-Person: {change.handle}\n"
        f"Klipctl-Actor: {signer}\n",
    )  # fmt: skip


def violations(book: Book) -> list[dict[str, object]]:
    r = book("verify", "--json")
    assert r.exit_code == 1, r.stdout
    return list(json.loads(r.stdout)["violations"])


# --- one key, one person --------------------------------------------------------------------------


def test_a_key_another_person_holds_is_refused_for_add_and_set_key(book: Book) -> None:
    with unchanged(book):
        r = book(
            "roster", "add", "hasan", "--name", "Hasan Basri", "--nip", "197506302000031001",
            "--role", "head", "--key", pub(book, "sari"), user="budi",
        )  # fmt: skip
        assert r.refused("key_held_by", Refused), r.stderr
        assert "belongs to 'sari'" in r.stderr
        r = book("roster", "set-key", "rina", "--key", pub(book, "andi"), user="budi")
        assert r.refused("key_held_by", Refused), r.stderr
        r = book("--lang", "id", "roster", "set-key", "rina", "--key", pub(book, "andi"),
                 user="budi")  # fmt: skip
        assert r.refused("key_held_by", Refused) and "milik 'andi'" in r.stderr
    # A person's own key again, and a key no one holds, are fine.
    one_commit(book, "roster", "set-key", "rina", "--key", pub(book, "rina"))
    one_commit(book, "roster", "set-key", "rina", "--key", pub(book, "mallory"))


def test_a_key_shared_by_hand_is_reported_by_verify(book: Book) -> None:
    fid = book.report()
    rina_key = signing.load_signer(str(book.keys["rina"])).public_key
    # budi, by hand: tono gets rina's key (a copied file), bypassing klipctl's refusal.
    at = datetime.fromisoformat("2026-03-10T10:00:00+07:00")
    change = RosterChange("set-key", "tono", {"key": rina_key}, "budi", at)
    forge_roster_change(book, change, "budi")
    found = violations(book)
    assert [(v["problem"], v["path"], v["entry"]) for v in found] == [
        ("v_key_held_by", "roster.yaml", 7)
    ]
    r = book("verify")
    assert r.exit_code == 1
    assert "roster.yaml, change 7: this change gives 'tono' the key 'rina' also held" in r.stdout
    # Her entry before the change is fine; one signed while both held the key is not.
    fid2 = book.report(now="2026-03-10T11:00:00+07:00")
    found = violations(book)
    shared = [v for v in found if v["problem"] == "v_shared_key"]
    assert [(v["failure"], v["entry"]) for v in shared] == [(fid2, 1)]
    assert fid not in {v["failure"] for v in found}
    assert "with a key 'tono' also held then" in str(shared[0]["message"])
    r = book("--lang", "id", "verify")
    assert r.exit_code == 1 and "juga dipegang 'tono'" in r.stdout


# --- roster remove --------------------------------------------------------------------------------


def test_a_removed_person_can_no_longer_act_and_their_entries_stay_valid(book: Book) -> None:
    fid = book.report()
    book.walk(fid, "recorded")  # sari records it, signing with her key
    said = one_commit(
        book, "roster", "remove", "sari", "--reason", "Pindah tugas ke KPP Bandung", now=LATER
    )
    assert "sari is removed from the roster" in said
    assert book.git("log", "-1", "--format=%s%n%b").startswith("Remove sari from the roster")
    people = {p["handle"]: p for p in json.loads(book("roster", "list", "--json").stdout)}
    assert people["sari"]["active"] is False and people["sari"]["roles"] == ["clerk"]
    assert "inactive" in book("roster", "list").stdout
    text = (book.root / "roster.yaml").read_text()
    assert "action: remove" in text and "reason: Pindah tugas ke KPP Bandung" in text
    # Her key is valid for git and ssh-keygen only up to her removal.
    signers = (book.root / "allowed_signers").read_text().splitlines()
    assert 'valid-before="20260311020000Z"' in next(s for s in signers if s.startswith("sari,"))
    # She can no longer act ...
    later = "2026-03-12T09:00:00+07:00"
    with unchanged(book):
        r = book("report", "--title", "x", "--system", "y", user="sari", now=later)
        assert r.refused("not_on_roster_handle", Refused), r.stderr
    # ... and her entry is still checked against her key as it was when she made it.
    r = book("verify", "--json")
    assert r.ok and json.loads(r.stdout)["signatures"] >= 8, r.stdout
    path = next(book.root.glob(f"failures/*/*/{fid}.yaml"))
    signed = path.read_text()
    path.write_text(signed.replace("role: clerk", "role: staff"))
    book.git("-c", "user.email=sari@pajak.go.id", "commit", "-q", "-a", "-m", "By hand")
    found = {(v["problem"], v["failure"], v["entry"]) for v in violations(book)}
    assert ("v_bad_signature", fid, 2) in found
    assert not any(p == "v_not_on_roster" for p, _, _ in found)


def test_a_supervisor_may_remove_another_or_themselves_but_not_the_last_one(book: Book) -> None:
    add = (
        "roster",
        "add",
        "hasan",
        "--name",
        "Hasan Basri",
        "--nip",
        "197506302000031001",
        "--role",
        "supervisor",
        "--email",
        "hasan@pajak.go.id",
        "--key",
        pub(book, "mallory"),
    )
    one_commit(book, *add)  # fmt: skip
    one_commit(book, "roster", "remove", "budi", "--reason", "Pensiun", now=LATER)
    with unchanged(book):
        r = book("roster", "remove", "hasan", "--reason", "x", user="hasan",
                 env={"KLIPCTL_SIGNING_KEY": str(book.keys["mallory"])})  # fmt: skip
        assert r.refused("last_supervisor", Refused), r.stderr
        assert "the roster's only supervisor" in r.stderr and "set-role" in r.stderr


def test_removals_that_are_refused_change_nothing(book: Book) -> None:
    from klipctl.errors import InvalidInput, NotFound, UsageError

    one_commit(book, "roster", "remove", "tono", "--reason", "Mutasi")
    with unchanged(book):
        r = book("roster", "remove", "rina", "--reason", "x", user="sari")
        assert r.refused("roster_needs_supervisor", Refused), r.stderr
        r = book("roster", "remove", "nobody", "--reason", "x", user="budi")
        assert r.refused("unknown_handle", NotFound), r.stderr
        assert "'nobody' has never been on the roster" in r.stderr
        r = book("roster", "remove", "tono", "--reason", "x", user="budi")
        assert r.refused("person_removed", Refused), r.stderr
        assert "already removed from the roster on 2026-03-10" in r.stderr
        r = book("roster", "remove", "budi", "--reason", "x", user="budi")
        assert r.refused("last_supervisor", Refused), r.stderr
        r = book("--lang", "id", "roster", "remove", "budi", "--reason", "x", user="budi")
        assert r.refused("last_supervisor", Refused)
        assert "satu-satunya Kepala Subbagian" in r.stderr
        r = book("--no-input", "roster", "remove", "rina", user="budi")
        assert r.refused("missing_flags", UsageError) and r.exit_code == 2, r.stderr
        r = book("roster", "remove", "rina", "--reason", "a\nb", user="budi")
        assert r.refused("field_multiline", InvalidInput), r.stderr
        r = book("roster", "remove", "rina", "--reason", " ", user="budi")
        assert r.refused("empty_field", InvalidInput), r.stderr


def test_a_reason_is_stored_only_on_a_removal() -> None:
    import pytest

    from klipctl.errors import BadFile

    head = "schema: 1\nchanges:\n"
    add = ("- action: add\n  handle: sari\n  actor: null\n  at: '2026-03-10T09:00:00+07:00'\n"
           "  name: Sari\n  nip: '198501012010012001'\n  roles: [clerk]\n")  # fmt: skip
    remove = "- action: remove\n  handle: sari\n  actor: null\n  at: '2026-03-11T09:00:00+07:00'\n"
    changes = store.parse_roster(f"{head}{add}{remove}  reason: Pensiun\n".encode(), "r")
    assert changes[1].fields == {"reason": "Pensiun"}
    with pytest.raises(BadFile) as raised:
        store.parse_roster(f"{head}{add}  reason: x\n".encode(), "r")
    assert raised.value.params["field"] == "reason"
    with pytest.raises(BadFile):
        store.parse_roster(f'{head}{add}{remove}  reason: "a\\nb"\n'.encode(), "r")


# --- roster set-role ------------------------------------------------------------------------------


def roles_of(book: Book) -> dict[str, list[str]]:
    listed = json.loads(book("roster", "list", "--json").stdout)
    return {p["handle"]: p["roles"] for p in listed}


def test_roles_change_from_then_on_and_history_keeps_the_roles_held_then(book: Book) -> None:
    fid = book.report()
    book.walk(fid, "assigned")  # budi assigns, as supervisor
    said = one_commit(book, "roster", "set-role", "tono", "--add", "supervisor", now=LATER)
    assert "The roles of tono from now on: clerk, supervisor." in said
    assert book.git("log", "-1", "--format=%s").strip() == (
        "Change the roles of tono: clerk, supervisor"
    )
    one_commit(book, "roster", "set-role", "dewi", "--remove", "staff", now=LATER)
    one_commit(book, "roster", "set-role", "budi", "--add", "head", now=LATER)
    one_commit(book, "roster", "set-role", "budi", "--remove", "supervisor", now=LATER)
    roles = roles_of(book)
    assert (roles["tono"], roles["dewi"], roles["budi"]) == (
        ["clerk", "supervisor"],
        ["operator"],
        ["head"],
    )
    later = "2026-03-12T09:00:00+07:00"
    with unchanged(book):  # budi is no supervisor now
        r = book("roster", "set-role", "rina", "--add", "clerk", user="budi", now=later)
        assert r.refused("roster_needs_supervisor", Refused), r.stderr
    # tono acts as the supervisor he now is; budi's assignment, made as one, still verifies.
    one_commit(book, "resolve", fid, "--action", "Restarted", user="andi", now=later)
    one_commit(book, "review", fid, "--accept", "--drafter", "sari", user="tono", now=later)


def test_role_changes_that_are_refused_change_nothing(book: Book) -> None:
    from klipctl.errors import InvalidInput, NotFound, UsageError

    one_commit(book, "roster", "remove", "rina", "--reason", "Pensiun")
    with unchanged(book):
        cases = [
            (("tono", "--add", "clerk"), "role_already_held", Refused, "already holds the role"),
            (("tono", "--remove", "operator"), "role_not_held", Refused, "does not hold the role"),
            (("tono", "--remove", "clerk"), "last_role", Refused, "the only role 'tono' holds"),
            (("tono", "--add", "boss"), "invalid_role", InvalidInput, "Unknown role 'boss'"),
            (("tono", "--add", "pelaksana"), "role_already_held", Refused, "already holds"),
            (("rina", "--add", "clerk"), "person_removed", Refused, "already removed"),
            (("nobody", "--add", "clerk"), "unknown_handle", NotFound, "never been"),
            (("tono", "--add", "staff", "--remove", "clerk"), "add_or_remove_role", UsageError,
             "exactly one"),
            (("tono",), "add_or_remove_role", UsageError, "--add ROLE or --remove ROLE"),
        ]  # fmt: skip
        for args, key, kind, needle in cases:
            r = book("roster", "set-role", *args, user="budi")
            assert r.refused(key, kind), (args, r.stderr)
            assert needle in r.stderr, (args, r.stderr)
        assert book("roster", "set-role", "tono", user="budi").exit_code == 2
        r = book("roster", "set-role", "dewi", "--add", "clerk", user="sari")
        assert r.refused("roster_needs_supervisor", Refused), r.stderr
    # Demoting the last supervisor (budi a head too, so it is not his last role).
    one_commit(book, "roster", "set-role", "budi", "--add", "head")
    with unchanged(book):
        r = book("roster", "set-role", "budi", "--remove", "supervisor", user="budi")
        assert r.refused("last_supervisor", Refused), r.stderr
        r = book("--lang", "id", "roster", "set-role", "budi", "--remove", "supervisor",
                 user="budi")  # fmt: skip
        assert r.refused("last_supervisor", Refused) and "satu-satunya" in r.stderr


# --- roster show ----------------------------------------------------------------------------------


def test_show_tells_a_persons_roles_and_keys_over_time(book: Book) -> None:
    old_fp = signing.fingerprint(signing.load_signer(str(book.keys["tono"])).public_key)
    new_fp = signing.fingerprint(signing.load_signer(str(book.keys["mallory"])).public_key)
    book("roster", "set-role", "tono", "--add", "supervisor", user="budi",
         now="2026-03-11T09:00:00+07:00")  # fmt: skip
    book("roster", "set-key", "tono", "--key", pub(book, "mallory"), user="budi",
         now="2026-03-12T09:00:00+07:00")  # fmt: skip
    book("roster", "remove", "tono", "--reason", "Mutasi ke KPP Bandung", user="budi",
         now="2026-03-13T09:00:00+07:00")  # fmt: skip
    r = book("roster", "show", "tono")
    assert r.ok, r.stderr
    out = r.stdout
    assert "tono · Tono Hartono" in out and "19871212 201212 1 001" in out
    assert "tono@pajak.go.id" in out and "removed on 2026-03-13 09:00 WIB" in out
    for line in (
        "added with the roles clerk; key set: " + old_fp,
        "roles changed to clerk, supervisor",
        "key set: " + new_fp,
        "removed: Mutasi ke KPP Bandung",
    ):
        assert line in out, (line, out)  # fmt: skip
    assert out.count("budi") == 4  # who made each change
    assert "Keys over time" in out and old_fp in out
    # The fingerprint is the one ssh-keygen gives.
    keygen = subprocess.run(["ssh-keygen", "-l", "-f", pub(book, "tono")], capture_output=True,
                            text=True, check=True).stdout  # fmt: skip
    assert old_fp == keygen.split()[1]

    shown = json.loads(book("roster", "show", "tono", "--json").stdout)
    assert shown["handle"] == "tono" and shown["active"] is False
    assert shown["roles"] == ["clerk", "supervisor"]
    assert [h["action"] for h in shown["history"]] == ["add", "update", "set-key", "remove"]
    assert [h["actor"] for h in shown["history"]] == ["budi"] * 4
    assert shown["history"][1]["roles"] == ["clerk", "supervisor"]
    assert shown["history"][3]["reason"] == "Mutasi ke KPP Bandung"
    assert [(k["fingerprint"], k["from"], k["until"]) for k in shown["keys"]] == [
        (old_fp, "2026-03-10T09:00:00+07:00", "2026-03-12T09:00:00+07:00"),
        (new_fp, "2026-03-12T09:00:00+07:00", "2026-03-13T09:00:00+07:00"),
    ]
    id_out = book("--lang", "id", "roster", "show", "tono").stdout
    assert "dikeluarkan: Mutasi ke KPP Bandung" in id_out and "Kunci dari waktu ke waktu" in id_out


def test_show_of_an_active_person_and_of_no_one(book: Book) -> None:
    from klipctl.errors import NotFound

    r = book("roster", "show", "budi")
    assert r.ok and "active" in r.stdout and "still held" in r.stdout
    assert "added with the roles supervisor" in r.stdout and "budi (set-up)" in r.stdout
    r = book("roster", "show", "nobody")
    assert r.refused("unknown_handle", NotFound), r.stderr
