"""The roster over time: one key per person, removing people, changing roles, a person's history.

Each allowed change is one signed, dated roster change in one commit and `klipctl verify` stays
clean; each refusal is named, and leaves the log book and its commits as they were.
"""

from __future__ import annotations

import json
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
