"""Proving the audit trail intact: signatures, the hash chain, the SOP replayed, git history.

Every check returns problems as values (``Violation``: failure, entry, commit, path, and a
catalogue key with its parameters) and carries on, so one run reports everything that is wrong.
The same functions serve ``klipctl verify``, the central repository's ``pre-receive`` hook and
(later) ``doctor``. Nothing here prints.

What is checked:

* the roster: each change chained to the one before, signed by its actor with the key they held
  then, and made by someone allowed to (a supervisor; anyone for their own key; during set-up,
  before the first supervisor, the person added, signing with the key being added);
* each failure: the chain from its ID, each entry signed with the key its actor held at the
  entry's time (so a later key change or a removal never invalidates history), and every step
  legal: the stage it follows, a role the actor held then, the person the SOP named;
* each attached file: present, with the SHA-256 its signed entry records;
* one key, one person: no roster change gives a key another active person holds, and no entry
  or roster change is signed with a key two active people held at its time;
* git history: each commit only appends to failure files and the roster, appends exactly the
  entry its trailers claim, is authored (and, with signatures, signed) by that entry's actor;
  no file is deleted; and a history verified before was not rewritten since;
* every other file: by its own rule (``audit.files``): the configuration, the calendar and the
  templates changed only by a supervisor's signed klipctl command, nothing klipctl does not know;
* each signed result report: still exactly the text whose digest its sign entry holds.
"""

from __future__ import annotations

import hashlib
import io
import re
import tarfile
import tempfile
from collections.abc import Iterator, Mapping, Sequence
from concurrent.futures import Future
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from pathlib import Path
from typing import Any

from klipctl.audit import files, keyuse, signing
from klipctl.audit.fanout import Fanout
from klipctl.audit.findings import Report, Violation
from klipctl.audit.ledger import HeldChange, Ledger
from klipctl.audit.signed import check_drafted, check_signed
from klipctl.audit.timeline import Timeline
from klipctl.domain.model import Entry, Failure
from klipctl.domain.procedure import STEPS, may_act_as
from klipctl.domain.roster import Person, RosterChange
from klipctl.errors import BadFile, GitFailed, InvalidInput, KlipError
from klipctl.storage import commitmsg, store, yamlio
from klipctl.storage.files import read_own
from klipctl.storage.git import Git, ObjectReader, Started
from klipctl.storage.layout import (
    ALLOWED_SIGNERS_FILE,
    ATTACHMENTS_SUFFIX,
    ATTRIBUTES_FILE,
    FAILURES_DIR,
    ROSTER_FILE,
    STATE_DIR,
    attachment_file,
    attachments_folder,
    claimed_failure,
    failure_file,
    failure_owning,
)
from klipctl.storage.logbook import LogBook
from klipctl.storage.progress import NOTHING, Progress
from klipctl.storage.resources import data_dir

# How much later than its commit an entry may be dated, and than the push at the central
# repository: clocks of office PCs drift, never by this much when they keep Windows time.
CLOCK_SKEW_MINUTES = 10
CLOCK_SKEW = timedelta(minutes=CLOCK_SKEW_MINUTES)
VERIFIED_FILE = "verified"  # in .klipctl/: the last commit a whole-book verify found clean
ZERO = "0" * 40


def _check_signature(
    body: bytes, sig: str, key: str | None, handle: str, at: datetime
) -> str | None:
    """None when ``sig`` is ``key``'s over ``body`` (an entry's canonical encoding); else why
    not, as a catalogue key."""
    if key is None:
        return "v_no_key"
    try:
        signing.verify(body, sig, key)
    except signing.SignatureError:
        return "v_bad_signature"
    return None


def check_roster(
    changes: Sequence[RosterChange],
    required: bool,
    report: Report,
    not_after: datetime | None = None,
) -> Timeline:
    timeline = Timeline(changes)
    prev = signing.genesis(signing.ROSTER_CHAIN)
    for i, change in enumerate(changes):
        n = i + 1
        data = store.roster_change_to_dict(change)

        def bad(key: str, n: int = n, change: RosterChange = change, **params: Any) -> None:
            report.violations.append(
                Violation(
                    key,
                    entry=n,
                    path=ROSTER_FILE,
                    params={"handle": change.handle, "actor": change.actor or "", **params},
                )
            )

        report.roster_changes += 1
        if change.prev is not None and change.prev != prev:
            bad("v_chain")
        elif change.prev is None and required:
            bad("v_unsigned")
        body = signing.canonical(data)  # once: it is signed, and the next change chains to it
        prev = hashlib.sha256(body).hexdigest()
        if i and change.at < changes[i - 1].at:
            bad("v_time_order")
        if not_after is not None and change.at > not_after:
            bad("v_future", date=store.format_time(change.at), minutes=CLOCK_SKEW_MINUTES)
        before = timeline.before(i)
        # Who may make this change, and which key must have signed it.
        key: str | None
        if change.actor is None:
            if before.set_up_over:
                bad("v_roster_actor", date=store.format_time(change.at))
            key = change.fields.get("key")
        else:
            actor = before.get(change.actor)
            if actor is None or not actor.active:
                bad("v_not_on_roster", date=store.format_time(change.at))
                continue
            own_key = change.action == "set-key" and change.actor == change.handle
            if not own_key and not actor.has_role("supervisor") and before.set_up_over:
                bad("v_roster_actor", date=store.format_time(change.at))
            key = change.fields.get("key") if own_key and actor.key is None else actor.key
        if change.action == "set-key" and change.actor and change.actor != change.handle:
            report.notices.append(
                Violation(
                    "n_key_replaced",
                    entry=n,
                    path=ROSTER_FILE,
                    params={
                        "handle": change.handle,
                        "actor": change.actor,
                        "date": store.format_time(change.at),
                    },
                )  # fmt: skip
            )
        if change.fields.get("key") and (holders := timeline.shared_after(i, change.handle)):
            bad("v_key_held_by", holder=", ".join(holders), date=store.format_time(change.at))
        if change.sig is None:
            if required:
                bad("v_unsigned")
            continue
        report.signatures += 1
        why = _check_signature(body, change.sig, key, change.actor or change.handle, change.at)
        if why:
            bad(why, signer=change.actor or change.handle, date=store.format_time(change.at))
        elif change.actor and (others := timeline.shared_before(i, change.actor)):
            bad("v_shared_key", signer=change.actor, others=", ".join(others),
                date=store.format_time(change.at))  # fmt: skip
    return timeline


# --- failures -------------------------------------------------------------------------------------


def check_failure(
    failure: Failure,
    timeline: Timeline,
    required: bool,
    report: Report,
    not_after: datetime | None = None,
) -> None:
    """One failure's chain; ``not_after``: no entry may be dated later (the push time, at the
    central repository)."""
    report.failures += 1
    prev = signing.genesis(failure.id)
    so_far: Failure | None = None
    for n, entry in enumerate(failure.entries, start=1):
        report.entries += 1
        data = store.entry_to_dict(entry)
        date = data["at"]  # store.format_time(entry.at), as stored

        def bad(key: str, n: int = n, entry: Entry = entry, **params: Any) -> None:
            report.violations.append(
                Violation(
                    key,
                    failure=failure.id,
                    entry=n,
                    params={"actor": entry.actor, "action": entry.action, **params},
                )
            )

        if entry.prev is not None and entry.prev != prev:
            bad("v_chain")
        body = signing.canonical(data)  # once: it is signed, and the next entry chains to it
        prev = hashlib.sha256(body).hexdigest()
        last = so_far.entries[-1] if so_far is not None else None
        # Times never go back along a chain (klipctl dates an entry no earlier than the one it
        # follows, whatever a clone's clock says): a back-dated entry cannot borrow the roster,
        # or a rotated-out key, of a time before the chain's last step (nor, after imported
        # entries dated as their spreadsheet row says, of a time before the import).
        if last is not None and (
            entry.at < last.at or (entry.imported is None and entry.at < last.signed_at)
        ):
            bad("v_time_order")
        if entry.imported is not None:
            _check_imported(entry, last, bad)
        if not_after is not None and entry.signed_at > not_after:
            bad("v_future", date=date, minutes=CLOCK_SKEW_MINUTES)
        # An imported entry is held to the roster as it stood when it was imported: its actor
        # then held the role, and the importing clerk's key signed it.
        roster = timeline.at(entry.signed_at)
        person = roster.get(entry.actor)
        signer = roster.get(entry.signer)
        if person is None or not person.active:
            bad("v_not_on_roster", date=date)
        elif entry.imported is not None and (signer is None or not signer.has_role("clerk")):
            bad("v_import_not_clerk", by=entry.signer,
                date=store.format_time(entry.imported.at))  # fmt: skip
        else:
            _check_step(so_far, entry, person, bad, date)
            if entry.sig is None:
                if required:
                    bad("v_unsigned")
            else:
                report.signatures += 1
                key = signer.key if signer is not None else None
                why = _check_signature(body, entry.sig, key, entry.signer, entry.signed_at)
                if why:
                    bad(why, signer=entry.signer, date=date)
        so_far = Failure(failure.id, (entry,)) if so_far is None else so_far.with_entry(entry)


def _check_imported(entry: Entry, last: Entry | None, bad: Any) -> None:
    """An imported entry: among the first of its failure, all with one marker (one row of one
    file, imported at one moment), dated no later than the import."""
    assert entry.imported is not None
    if last is not None and last.imported != entry.imported:
        bad("v_import_marker")
    if entry.at > entry.imported.at:
        bad("v_import_after", date=store.format_time(entry.at),
            imported=store.format_time(entry.imported.at))  # fmt: skip


def check_shared_keys(failure: Failure, timeline: Timeline, report: Report) -> None:
    """Each signed entry whose signer's key another active person held too at its time: the
    signature cannot tell which of them signed. A lookup per entry, none when no key was ever
    shared."""
    if not timeline.any_shared:
        return
    for n, entry in enumerate(failure.entries, start=1):
        others = timeline.shared_at(entry.signed_at, entry.signer) if entry.sig is not None else ()
        if others:
            report.violations.append(
                Violation(
                    "v_shared_key",
                    failure=failure.id,
                    entry=n,
                    params={
                        "actor": entry.actor,
                        "action": entry.action,
                        "signer": entry.signer,
                        "others": ", ".join(others),
                        "date": store.format_time(entry.signed_at),
                    },
                )
            )


def _check_step(so_far: Failure | None, entry: Entry, person: Person, bad: Any, date: str) -> None:
    """Replay one step of the SOP: the stage it follows, the role, the person named."""
    step = STEPS[entry.action]
    if so_far is not None and so_far.stage not in step.before:
        bad("v_wrong_stage", stage=so_far.stage)
    if not may_act_as(step, so_far, person, entry.role):
        bad("v_wrong_role", as_role=entry.role, date=date)
    if so_far is not None and step.named is not None:
        named = step.named(so_far)
        if named != entry.actor:
            bad("v_not_named", named=named or "")


# --- git history ----------------------------------------------------------------------------------

_HUNK = re.compile(r"^@@ -\d+(?:,\d+)? \+\d+(?:,\d+)? @@")
_TRAILER = re.compile(r"^(Klipctl-[A-Za-z]+): (.*)$", re.MULTILINE)
_INDEX = re.compile(r"^index ([0-9a-f]+)\.\.([0-9a-f]+)")


@dataclass
class _FileDiff:
    path: str
    new: bool = False
    deleted: bool = False
    hunks: list[list[str]] = field(default_factory=list)
    ids: tuple[str, str] = ("", "")  # the objects before and after ("" when git names none)


@dataclass
class _Commit:
    sha: str
    parents: list[str]
    email: str
    trailers: dict[str, str]
    files: list[_FileDiff]
    body: str = ""
    committed: int | None = None  # the committer time, in seconds since the epoch


def _parse_patch(text: str) -> list[_FileDiff]:
    """The files of a patch (``git diff-tree -p``), each with its hunks."""
    files: list[_FileDiff] = []
    current: _FileDiff | None = None
    for line in text.split("\n"):
        if line.startswith("diff --git "):
            path = line.split(" b/", 1)[-1]
            current = _FileDiff(path)
            files.append(current)
        elif current is None:
            continue
        elif line.startswith("new file mode"):
            current.new = True
        elif line.startswith("deleted file mode"):
            current.deleted = True
        elif not current.hunks and (index := _INDEX.match(line)):
            current.ids = (index[1], index[2])
        elif _HUNK.match(line):
            current.hunks.append([])
        elif current.hunks and line[:1] in ("+", "-", " ", "\\"):
            current.hunks[-1].append(line)
    return files


def _appended(diff: _FileDiff) -> tuple[str | None, str]:
    """The text a diff appends, or (None, why) when it changes anything already there."""
    if diff.deleted:
        return None, "v_deleted_file"
    if diff.new:
        return "".join(line[1:] + "\n" for hunk in diff.hunks for line in hunk), ""
    if len(diff.hunks) != 1:
        return None, "v_rewritten"
    hunk = [line for line in diff.hunks[0] if line != "\\ No newline at end of file"]
    removed = [line for line in hunk if line.startswith("-")]
    # The first roster change turns "changes: []" into the block list that follows it.
    if removed == ["-changes: []"] and "+changes:" in hunk and diff.path == ROSTER_FILE:
        hunk = [line for line in hunk if line not in ("-changes: []", "+changes:")]
    elif removed or len(hunk) != len(diff.hunks[0]):
        return None, "v_rewritten"
    while hunk and hunk[-1] == "+":  # blank trailing lines appended: still an append
        hunk.pop()
    added = [line for line in hunk if line.startswith("+")]
    if not added:
        return "", ""
    first_added = hunk.index(added[0])
    if any(not line.startswith("+") for line in hunk[first_added:]):
        return None, "v_inserted"
    return "".join(line[1:] + "\n" for line in added), ""


def _item_time(item: Mapping[str, Any]) -> str:
    """An appended item's time as ``store.format_time`` writes it ("" if it is no time)."""
    try:
        return store.format_time(datetime.fromisoformat(str(item.get("at"))))
    except ValueError:
        return ""


def _set_aside_ok(git: Git, commit: _Commit, path: str, fid: str | None) -> bool:
    """A sync merge may replace our entries on a chain with the central repository's (which
    got there first): only when its trailers name that chain and the file is exactly the other
    parent's. Our entries stay in history, in the first parent."""
    chain = fid or "roster"
    claimed = commitmsg.set_aside_chains(commit.body)
    if chain not in claimed:
        return False
    ours, others = commit.parents[0], commit.parents[1:]
    if fid is not None and git.show_bytes(commit.sha, git.prefix() + path) is None:
        return _import_set_aside_ok(git, commit, git.prefix() + path)

    def both_appended(parent: str) -> bool:
        """Entries are set aside only where both sides added to the same chain state: each
        side's file differs from the one at their common base."""
        base = git.merge_base(ours, parent)
        return base is not None and not (
            git.same_file(base, parent, path) or git.same_file(base, ours, path)
        )

    # The side whose file it keeps must be the other clone's, not history ours already holds.
    return any(
        git.same_file(parent, commit.sha, path)
        and not git.is_ancestor(parent, ours)
        and both_appended(parent)
        for parent in others
    )


def _import_set_aside_ok(git: Git, commit: _Commit, path: str) -> bool:
    """A sync merge may leave out a failure of ours imported from a spreadsheet that the other
    side imported too (it got there first): only one no other side holds, whose import the
    other side's own history since the common base repeats. (``path`` from the repository's
    top.)"""
    from klipctl.storage.sync import imports_in

    ours, others = commit.parents[0], commit.parents[1:]
    data = git.show_bytes(ours, path)
    try:
        failure = store.parse_failure(data, path) if data is not None else None
    except BadFile:
        return False
    marker = failure.imported if failure is not None else None
    if marker is None:
        return False
    for parent in others:
        base = git.merge_base(ours, parent)
        if (
            base is not None
            and git.show_bytes(parent, path) is None
            and not git.is_ancestor(parent, ours)
            and marker.sha256 in imports_in(git, f"{base}..{parent}")
        ):
            return True
    return False


_CLAIM_KEYS = ("action", "actor", "handle", "at")
_ITEM_LINE = re.compile(r"^(?:- |  )(action|actor|handle|at|imported): ?(.*)$")


def _quick_items(text: str) -> list[dict[str, Any]] | None:
    """The claim fields of appended list items, read from klipctl's own plain layout without a
    YAML parse (the history of a large log book holds one per commit); None when the text is
    laid out any other way, so the caller parses it properly instead."""
    items: list[dict[str, Any]] = []
    after_claim = False
    for line in text.splitlines():
        if after_claim and line.startswith("   "):
            return None  # a claim value continued on the next line
        after_claim = False
        if line.startswith("- "):
            items.append({})
        if not items:
            if line.startswith(("#", "schema:", "id:", "entries:", "changes:")):
                continue
            return None
        found = _ITEM_LINE.match(line)
        if found:
            key, value = found.groups()
            if key in items[-1] or any(q in value for q in '"#&*!|>{[') or value.count("'") % 2:
                return None
            if len(value) > 1 and value[0] == value[-1] == "'":
                value = value[1:-1]
            items[-1][key] = None if value in ("", "null", "~") else value
            after_claim = True
    return items


def _appended_items(text: str, new: bool, list_key: str) -> list[Mapping[str, Any]]:
    quick = _quick_items(text)
    if quick is not None:
        return list(quick)
    doc = yamlio.loads(text)
    if new and isinstance(doc, Mapping):
        doc = doc.get(list_key) or []
    if not isinstance(doc, list) or not all(isinstance(item, Mapping) for item in doc):
        raise yamlio.YamlProblem("not a list of entries")
    return doc


def _check_not_imported(
    commit: _Commit, path: str, fid: str | None, items: list[Mapping[str, Any]], report: Report
) -> bool:
    """Entries marked imported come only in an import commit (which ``_check_import`` reads):
    anywhere else the marker would let anyone's key pass for a clerk's, and any date pass."""
    marked = [item for item in items if "imported" in item]
    for item in marked:
        raw = item.get("imported")
        by = raw.get("by") if isinstance(raw, Mapping) else None
        report.violations.append(
            Violation("v_import_outside", failure=fid, commit=commit.sha, path=path,
                      params={"by": str(by or "-")})  # fmt: skip
        )
    return not marked


def _check_import(
    commit: _Commit,
    path: str,
    new: bool,
    fid: str | None,
    items: list[Mapping[str, Any]],
    timeline: Timeline,
    report: Report,
) -> tuple[str, datetime] | None:
    """A failure an import commit adds: a new file, every entry marked as imported from the
    file the commit names by the clerk it names, imported no later than the commit, which that
    clerk authored. Return the clerk and the time of the import."""
    t = commit.trailers
    actor, sha = t.get(commitmsg.ACTOR), t.get(commitmsg.IMPORT)
    markers = [m for item in items if isinstance(m := item.get("imported"), Mapping)]
    if (
        fid is None
        or not new
        or len(markers) != len(items)
        or any(m.get("by") != actor or m.get("sha256") != sha for m in markers)
    ):
        report.violations.append(
            Violation("v_import_commit", failure=fid, commit=commit.sha, path=path)
        )
        return None
    item = {"actor": actor, "at": markers[0].get("at")}
    return _check_author_and_time(commit, path, fid, item, timeline, report)


def _check_claim(
    commit: _Commit,
    path: str,
    fid: str | None,
    items: list[Mapping[str, Any]],
    timeline: Timeline,
    report: Report,
) -> tuple[str, datetime] | None:
    """A commit appends exactly the one entry its trailers name, authored by its actor; return
    that actor and the entry's time."""
    t = commit.trailers
    item = items[0]
    claimed: tuple[Any, ...]
    actual: tuple[Any, ...]
    if fid is not None:
        claimed = (t.get(commitmsg.FAILURE), t.get(commitmsg.ACTION), t.get(commitmsg.ACTOR))
        actual = (fid, item.get("action"), item.get("actor"))
    else:
        claimed = (t.get(commitmsg.PERSON), t.get(commitmsg.ACTOR))
        actual = (item.get("handle"), item.get("actor") or None)
    if len(items) != 1 or claimed != actual:
        report.violations.append(
            Violation(
                "v_unclaimed",
                failure=fid,
                commit=commit.sha,
                path=path,
                params={"n": len(items), "claimed": " ".join(str(c) for c in claimed)},
            )
        )
        return None
    return _check_author_and_time(commit, path, fid, item, timeline, report)


def _check_author_and_time(
    commit: _Commit,
    path: str,
    fid: str | None,
    item: Mapping[str, Any],
    timeline: Timeline,
    report: Report,
) -> tuple[str, datetime] | None:
    """The item (its ``actor`` and ``at``) dated no later than its commit, which its actor
    authored; return the actor and the time."""
    actor = item.get("actor")
    if not isinstance(actor, str):
        return None  # set-up: authored by whoever set the log book up
    try:
        at = datetime.fromisoformat(str(item.get("at")))
    except ValueError:
        return None  # the file check names the bad time
    latest = commit.committed + CLOCK_SKEW.total_seconds() if commit.committed else None
    if latest is not None and at.timestamp() > latest:
        report.violations.append(
            Violation(
                "v_after_commit",
                failure=fid,
                commit=commit.sha,
                path=path,
                params={"date": store.format_time(at), "minutes": CLOCK_SKEW_MINUTES},
            )
        )
    person = timeline.at(at).get(actor)
    expected = (person.email if person else None) or f"{actor}@klipctl.invalid"
    if commit.email.lower() != expected.lower():
        report.violations.append(
            Violation(
                "v_wrong_author",
                failure=fid,
                commit=commit.sha,
                path=path,
                params={"email": commit.email, "actor": actor},
            )
        )
    return actor, at


def _check_commit_signature(
    sha: str,
    raw: bytes,
    signed_by: tuple[str, bool],
    timeline: Timeline,
    required: bool,
    report: Report,
) -> None:
    actor, roster_change = signed_by
    payload, sig, when = signing.split_commit(raw)
    if sig is None and not required:
        return
    roster = (timeline.just_before(when) if roster_change else timeline.at(when)) if when else None
    person = roster.get(actor) if roster is not None else None
    key = person.key if person else None
    if sig is None:
        if required and key:
            report.violations.append(
                Violation("v_commit_unsigned", commit=sha, params={"actor": actor})
            )
        return
    if key is None:
        return  # no key to hold it to: the entry check already says so
    report.signatures += 1
    try:
        signing.verify(payload, sig, key, signing.GIT_NAMESPACE)
    except signing.SignatureError:
        report.violations.append(
            Violation("v_commit_signature", commit=sha, params={"actor": actor})
        )


@dataclass(frozen=True)
class ChainFile:
    """A failure file as read, for the history check. Git names a file's content by a hash of
    its bytes, so the names of the file as it stood after each of its entries tell, for any
    commit's change to it, which entries the commit appended, without reading the commit's
    files or diffing them; with each entry's claim fields (action, actor, at)."""

    ids: tuple[bytes, ...]
    claims: tuple[tuple[str, str, str], ...]


def chain_file(data: bytes, doc: Any, items: list[int] | None, algorithm: str) -> ChainFile | None:
    """``data`` (read as ``doc``, its entries beginning at the byte offsets ``items``) for the
    history check; None unless it is in klipctl's own layout with plain claim fields, where
    the appended text of a commit reads the same as the file's entry (the history check then
    reads that commit's files instead)."""
    if not items or not isinstance(doc, Mapping) or list(doc)[-1:] != ["entries"]:
        return None
    entries = doc["entries"]
    if not isinstance(entries, list) or len(entries) != len(items):
        return None
    claims = []
    for entry in entries:
        if not isinstance(entry, Mapping) or "imported" in entry:
            return None  # an import's markers are checked from the appended text itself
        fields = (entry.get("action"), entry.get("actor"), entry.get("at"))
        if not all(isinstance(f, str) and "'" not in f for f in fields):
            return None
        claims.append(fields)
    ends = [*items[1:], len(data)]
    header = b"blob %d\0"
    ids = tuple(hashlib.new(algorithm, header % end + data[:end]).digest() for end in ends)
    return ChainFile(ids, tuple(claims))  # type: ignore[arg-type]


def _byte_append(old: bytes, new: bytes, added: bool, path: str) -> str | None:
    """The text ``new`` appends to ``old``, as its diff would show it, when it is plainly
    that: whole lines after whole lines (blank lines at the end not counted, as in a diff),
    no binary file; None when only the diff can tell (the caller asks git for it)."""
    if b"\0" in old or b"\0" in new:
        return None  # git shows a binary file, not its lines
    if added:
        return new.decode("utf-8", "replace") if not new or new.endswith(b"\n") else None
    if not old.endswith(b"\n") or not new.endswith(b"\n"):
        return None
    empty = b"changes: []\n"  # the first roster change turns it into the block list after it
    if new.startswith(old) and len(new) > len(old):
        tail = new[len(old) :]
    elif path == ROSTER_FILE and old.endswith(empty):
        grown = old[: -len(empty)] + b"changes:\n"
        if not new.startswith(grown):
            return None
        tail = new[len(grown) :]
    else:
        return None
    lines = tail.decode("utf-8", "replace").split("\n")[:-1]
    while lines and not lines[-1]:
        lines.pop()
    return "".join(line + "\n" for line in lines)


def _algorithm(head: str | None) -> str | None:
    """How the repository names objects (SHA-1, or SHA-256 where it was made so)."""
    return None if head is None else ("sha256" if len(head) == 64 else "sha1")


_Appended = list[Mapping[str, Any]] | tuple[str | None, str, bool]


class _History:
    """The git history check of one verify: ``read`` the commits (what each changed), then
    ``match`` each batch of failure files as they are checked, then ``finish``.

    Each commit only appends to failure files and the roster, appends exactly the entry its
    trailers claim, authored (and, with signatures, signed) by that entry's actor; no file is
    deleted; every other file is changed by its own rule (``audit.files``).

    A commit's change to a failure file is judged from the file as read: when the objects it
    names before and after are the file as it stood after entries i and j (``ChainFile``), it
    appended entries i+1..j, whose fields the file check has read. Anything else (a merge
    setting entries aside, a file in another layout, a rewrite) is judged from the commit's
    own files, read with ``git cat-file``, and its diff where they are not a plain append. The
    order of the report is the order of history, whatever order the files are matched in."""

    def __init__(
        self,
        git: Git,
        head: str,
        timeline: Timeline,
        required: bool,
        roster: bytes | None,
        fanout: Fanout,
    ) -> None:
        self.git, self.head, self.timeline, self.required = git, head, timeline, required
        self.roster, self.fanout = roster, fanout
        self.ledger = Ledger()
        self.commits = 0
        # Each violation with where its change stands in history: (position, side, index).
        self.found: list[tuple[tuple[int, int, int], Violation]] = []
        self._scratch = Report()
        self.owned = files.OwnedFiles(self._scratch)
        # Commits changing other files, for their own rules: sha -> (parents, one list of
        # (status, path) per parent it differs from).
        self.others: dict[str, tuple[list[str], list[list[tuple[str, str]]]]] = {}
        self.roster_positions: dict[tuple[str, str], tuple[int, str]] = {}
        self.claims: list[tuple[tuple[int, int, int], keyuse.Claim]] = []
        self._keep: Any = None
        self._reader: ObjectReader | None = None
        # Commit signatures the workers check ahead: the commits' positions, the task.
        self._ahead: list[tuple[list[int], Future[Any]]] = []

    # --- reading history ----------------------------------------------------------------------

    def read(self, revs: Sequence[str], progress: Progress = NOTHING) -> None:
        """Read the commits of ``revs``, each a step of ``progress``."""
        with progress.task("progress_verify_history", None) as step:
            self._read(revs, step)

    def _read(self, revs: Sequence[str], step: Any) -> None:
        ledger = self.ledger
        last, position, side = "", 0, 0
        batch: list[tuple[int, str, str, bool]] = []
        for logged in self.git.history(revs):
            if logged.sha == last:
                side += 1
            else:
                trailers = dict(_TRAILER.findall(logged.body))
                position = ledger.add_commit(
                    logged.sha, logged.parents, logged.email, logged.committed, trailers,
                    logged.body,
                )  # fmt: skip
                last, side, counted = logged.sha, 0, False
            chains = roster = False
            others: list[tuple[str, str]] = []
            for index, change in enumerate(logged.changes):
                path = change.path
                if path == ALLOWED_SIGNERS_FILE:
                    continue  # checked as it stands
                if path in (ROSTER_FILE, FAILURES_DIR) or path.startswith(_FAILURES):
                    if claimed_failure(path) is None and path != ROSTER_FILE:
                        self.owned.check(logged.sha, logged.parents, trailers, path)
                        self._found((position, side, index))
                    else:
                        ledger.add_change(position, side, index, change)
                        chains, roster = True, roster or path == ROSTER_FILE
                else:
                    others.append((change.status, path))
                if not counted:
                    counted = True
                    self.commits += 1
                    step()
            if others:
                self.others.setdefault(logged.sha, (logged.parents, []))[1].append(others)
            actor = trailers.get(commitmsg.ACTOR)
            if chains and actor and len(logged.parents) <= 1 and self.fanout.parallel:
                batch.append((position, logged.sha, actor, roster))
                if len(batch) >= _SIGNATURE_BATCH:
                    self._sign_ahead(batch)
                    batch = []
        if batch:
            self._sign_ahead(batch)

    def _found(self, where: tuple[int, int, int]) -> None:
        """Move what a check just reported into ``found``, at ``where``."""
        self.found.extend((where, v) for v in self._scratch.violations)
        self._scratch.violations.clear()

    def _sign_ahead(self, batch: list[tuple[int, str, str, bool]]) -> None:
        """Workers check these commits' signatures while the failure files are checked; each
        result counts only for a commit that turns out to append entries, as it assumed."""
        commits = [(sha, actor, roster) for _, sha, actor, roster in batch]
        future = self.fanout.submit(
            check_commit_signatures, str(self.git.cwd), commits, self.roster, self.required
        )
        self._ahead.append(([position for position, *_ in batch], future))

    # --- judging each change ------------------------------------------------------------------

    def start(self) -> None:
        """Once history is read: the roster's changes first (where each roster change was
        committed is needed to tell which entries matter to the key rules)."""
        for change in self.ledger.take(ROSTER_FILE):
            self._change(change, ROSTER_FILE, None, None)
        self._keep = keyuse.may_matter(self.timeline, self.roster_positions)

    def match(self, chains: Mapping[str, ChainFile]) -> None:
        """The changes to these failure files (path -> the file as read)."""
        for path, chain in chains.items():
            changes = self.ledger.take(path)
            if changes:
                fid = claimed_failure(path)
                index = {name: n for n, name in enumerate(chain.ids, start=1)}
                for change in changes:
                    self._change(change, path, fid, (chain, index))

    def finish(self, report: Report) -> None:
        """What is left (changes to files no check read: deleted, misplaced, not asked
        for), then the report in the order of history, the commits' signatures, where each
        key signed, and the other files' rules."""
        for path in self.ledger.paths():
            for change in self.ledger.take(path):
                self._change(change, path, claimed_failure(path), None)
        self.close()
        self.found.sort(key=lambda item: item[0])
        report.violations.extend(v for _, v in self.found)
        report.commits += self.commits
        self._commit_signatures(report)
        self.claims.sort(key=lambda item: item[0])
        claims = [claim for _, claim in self.claims]
        keyuse.check(self.git, self.head, self.timeline, claims, self.roster_positions, report)
        files.check_history(self.git, self.others, report)

    def close(self) -> None:
        if self._reader is not None:
            self._reader.close()
            self._reader = None

    def _commit(self, position: int) -> _Commit:
        held = self.ledger.commit(position)
        return _Commit(held.sha, list(held.parents), held.email, held.trailers, [], held.body,
                       held.committed)  # fmt: skip

    def _change(
        self,
        change: HeldChange,
        path: str,
        fid: str | None,
        chain: tuple[ChainFile, Mapping[bytes, int]] | None,
    ) -> None:
        """One change to a chain file, as the commit (one side of a merge) made it."""
        ledger = self.ledger
        position = change.position
        where = (position, change.side, change.index)
        merge = ledger.is_merge(position)
        commit: _Commit | None = None
        for outcome in self._appended(change, path, chain):
            added = change.status == "A"
            if isinstance(outcome, tuple):
                text, why, added = outcome
                if text is None:
                    commit = commit or self._commit(position)
                    if merge and _set_aside_ok(self.git, commit, path, fid):
                        continue
                    self.found.append(
                        (where, Violation(why, failure=fid, commit=commit.sha, path=path))
                    )
                    continue
                if merge or not text:
                    continue
                try:
                    items = _appended_items(text, added, "entries" if fid else "changes")
                except (yamlio.YamlProblem, BadFile):
                    sha = (commit or self._commit(position)).sha
                    self.found.append(
                        (
                            where,
                            Violation("v_unreadable_append", failure=fid, commit=sha, path=path),
                        )
                    )
                    continue
            elif merge:
                continue
            else:
                items = outcome
            if not items:
                continue
            ledger.appended[position] += len(items)
            if fid is None:
                ledger.roster_change[position] = 1
            commit = commit or self._commit(position)
            claim: tuple[str, datetime] | None = None
            if commit.trailers.get(commitmsg.ACTION) == "import":
                claim = _check_import(commit, path, added, fid, list(items), self.timeline,
                                      self._scratch)  # fmt: skip
            elif _check_not_imported(commit, path, fid, list(items), self._scratch):
                claim = _check_claim(commit, path, fid, list(items), self.timeline, self._scratch)
            self._found(where)
            if claim is not None and fid is not None:
                found = keyuse.Claim(commit.sha, fid, *claim, position)
                if self._keep is None or self._keep(found):
                    self.claims.append((where, found))
            elif fid is None:
                for item in items:
                    self.roster_positions[(str(item.get("handle")), _item_time(item))] = (
                        position, commit.sha,
                    )  # fmt: skip

    def _appended(
        self, change: HeldChange, path: str, chain: tuple[ChainFile, Mapping[bytes, int]] | None
    ) -> list[_Appended]:
        """What one change appended: the entries (from the file as read), or for each file
        its diff shows (text, why not an append, whether the file is new)."""
        status = change.status
        if status == "D":
            return [(None, "v_deleted_file", False)]
        if change.regular and status in ("A", "M"):
            if chain is not None:
                file, index = chain
                j = index.get(change.new)
                i = 0 if status == "A" else index.get(change.old)
                if j is not None and i is not None and i < j:
                    keys = ("action", "actor", "at")
                    return [[dict(zip(keys, fields, strict=True)) for fields in file.claims[i:j]]]
            reader = self._reader = self._reader or self.git.object_reader()
            old = _blob(reader, change.old) if status == "M" else b""
            new = _blob(reader, change.new)
            if old is not None and new is not None:
                text = _byte_append(old, new, status == "A", path)
                if text is not None:
                    return [(text, "", status == "A")]
        return [(*_appended(diff), diff.new) for diff in self._diffs(change, path)]

    def _diffs(self, change: HeldChange, path: str) -> list[_FileDiff]:
        """The files of this change's diff, as ``git log -p`` shows them."""
        commit = self.ledger.commit(change.position)
        old, new = change.old.hex(), change.new.hex()
        found: list[_FileDiff] = []
        seen: set[tuple[tuple[str, str], bool, bool]] = set()
        for diff in _parse_patch(self.git.file_patch(commit.sha, path)):
            before, after = (i.strip("0") and i for i in diff.ids)
            if diff.ids == ("", ""):  # only the mode changed
                ours = old == new
            elif change.status == "T":
                ours = (before, after) in ((old, ""), ("", new))
            else:
                ours = (before, after) == (old, new)
            key = (diff.ids, diff.new, diff.deleted)
            if ours and key not in seen:
                seen.add(key)
                found.append(diff)
        return found

    # --- the commits' signatures --------------------------------------------------------------

    def _commit_signatures(self, report: Report) -> None:
        """Each plain commit that appends entries, signed by its actor's key (the key before
        the change, for a commit recording a roster change): as checked ahead where the
        workers assumed rightly what it appends, else here."""
        ledger = self.ledger
        ahead = bytearray(len(ledger))  # 0: not checked; else _CHECKED | what was found
        violations: dict[int, list[Violation]] = {}
        for positions, future in self._ahead:
            codes, found = future.result()
            for n, position in enumerate(positions):
                ahead[position] = codes[n]
                if n in found:
                    violations[position] = found[n]
        self._ahead = []
        to_sign: list[tuple[int, str, bool]] = []
        for position in range(len(ledger)):
            actor = ledger.trailer(position, commitmsg.ACTOR)
            if ledger.appended[position] and actor and not ledger.is_merge(position):
                to_sign.append((position, actor, bool(ledger.roster_change[position])))
        again = [
            (position, actor, roster)
            for position, actor, roster in to_sign
            if not ahead[position] or bool(ahead[position] & _ROSTER) != roster
        ]
        for start in range(0, len(again), _SIGNATURE_BATCH):
            batch = again[start : start + _SIGNATURE_BATCH]
            commits = [(ledger.commit(p).sha, actor, roster) for p, actor, roster in batch]
            codes, found = check_commit_signatures(
                str(self.git.cwd), commits, self.roster, self.required
            )
            for n, (position, _, _) in enumerate(batch):
                ahead[position] = codes[n]
                violations.pop(position, None)
                if n in found:
                    violations[position] = found[n]
        for position, _, _ in to_sign:
            report.signatures += bool(ahead[position] & _SIGNED)
            report.violations.extend(violations.get(position, ()))


_FAILURES = FAILURES_DIR + "/"
_SIGNATURE_BATCH = 2000


def _blob(reader: ObjectReader, oid: bytes) -> bytes | None:
    found = reader.read(oid.hex())
    return found[1] if found is not None and found[0] == "blob" else None


def check_commit_signatures(
    cwd: str, commits: Sequence[tuple[str, str, bool]], roster: bytes | None, required: bool
) -> tuple[bytes, dict[int, list[Violation]]]:
    """Each commit (sha, the actor whose key must have signed it, whether it records a roster
    change) checked: a code for each (_CHECKED, and _ROSTER as assumed, _SIGNED if a signature
    was checked), and the violations found, by the commit's place in ``commits``. A task for a
    worker process: given names and bytes, it gives bytes back."""
    timeline = _timeline(roster)
    raw = Git(Path(cwd)).raw_commits([sha for sha, _, _ in commits])
    codes = bytearray()
    found: dict[int, list[Violation]] = {}
    for n, (sha, actor, roster_change) in enumerate(commits):
        part = Report()
        _check_commit_signature(sha, raw.get(sha, b""), (actor, roster_change), timeline,
                                required, part)  # fmt: skip
        codes.append(
            _CHECKED | (_ROSTER if roster_change else 0) | (_SIGNED if part.signatures else 0)
        )
        if part.violations:
            found[n] = part.violations
    return bytes(codes), found


_CHECKED, _ROSTER, _SIGNED = 1, 2, 4


# --- what git itself would do on checkout --------------------------------------------------------

_SYMLINK, _SUBMODULE = "120000", "160000"


def check_tree(git: Git, rev: str, folder: str, report: Report) -> None:
    """The log book's tree as committed holds nothing git would act on at checkout: no symlink
    (out of the repository), no submodule, no ``.gitmodules``, no ``.gitattributes`` but
    klipctl's own at the top (a filter or an encoding would change what the next clone reads),
    no two names differing only in case (one file on Windows), no ``..`` or ``.git``."""
    own = _own_attributes()
    seen: dict[str, str] = {}
    for mode, sha, path in git.walk_tree(rev, folder):
        key = _entry_rule(mode, sha, path, own)
        folded = path.casefold()
        if key is None and folded in seen:
            key = "v_case_collision"
        seen.setdefault(folded, path)
        if key is not None:
            report.violations.append(
                Violation(
                    key,
                    failure=failure_owning(path),
                    commit=rev,
                    path=path,
                    params={"other": seen.get(folded, "")},
                )  # fmt: skip
            )


def _own_attributes() -> str:
    return _blob_sha((data_dir("logbook") / ATTRIBUTES_FILE).read_bytes())


def _entry_rule(mode: str, sha: str, path: str, own: str) -> str | None:
    """What is wrong with one entry of a tree (its mode, object and path), else None; whether
    another entry's name folds to its own is the caller's to tell."""
    parts = path.split("/")
    if mode == _SYMLINK:
        return "v_symlink"
    if mode == _SUBMODULE or parts[-1] == ".gitmodules":
        return "v_submodule"
    if parts[-1] == ATTRIBUTES_FILE and (path != ATTRIBUTES_FILE or sha != own):
        return "v_gitattributes"
    if any(p in ("..", ".git") or p.lower() == ".git" for p in parts):
        return "v_bad_name"
    return None


def check_tree_since(git: Git, verified: str, rev: str, folder: str, report: Report) -> None:
    """``check_tree`` of ``rev`` where ``verified``, an ancestor, passed it: what it would
    find, from only the entries that differ between the two trees (and the few at the top,
    whose rule depends on klipctl's own ``.gitattributes``), not all 500,000 of a large log
    book. A name that folds to another entry's on the way to an added path (where
    ``check_tree`` might find two names differing only in case) has the whole tree walked."""
    spec = (lambda commit: f"{commit}:{folder}") if folder else (lambda commit: commit)
    try:
        changes = git.tree_changes(spec(verified), spec(rev))
    except GitFailed:
        check_tree(git, rev, folder, report)
        return
    own = _own_attributes()
    entries: dict[bytes, tuple[str, str]] = {}  # path as stored -> (mode, object)
    added: list[bytes] = []
    for status, mode, sha, stored in changes:
        if status != "D":
            entries[stored] = (mode, sha)
        if status == "A":
            added.append(stored)
    with git.object_reader() as reader:
        listings: dict[bytes, list[tuple[str, str, bytes]] | None] = {}

        def listing(at: bytes) -> list[tuple[str, str, bytes]] | None:
            if at not in listings:
                where = folder + at.decode("utf-8", "replace")
                found = reader.read(f"{rev}:{where}" if where else f"{rev}^{{tree}}")
                try:
                    listings[at] = (
                        _tree_entries(found[1], len(rev) // 2)
                        if found is not None and found[0] == "tree"
                        else None
                    )
                except ValueError:  # not a tree git would read: the whole walk says so
                    listings[at] = None
            return listings[at]

        top = listing(b"")
        if top is None:
            check_tree(git, rev, folder, report)
            return
        for mode, sha, name in top:
            if mode != _TREE:
                entries[name] = (mode, sha)
        for stored in added:
            parts = stored.split(b"/")
            for depth in range(len(parts)):
                here = listing(b"/".join(parts[:depth]))
                wanted = parts[depth].decode("utf-8", "replace").casefold()
                alike = [n for _, _, n in here or () if n.decode("utf-8", "replace").casefold()
                         == wanted]  # fmt: skip
                if here is None or len(alike) != 1:
                    check_tree(git, rev, folder, report)
                    return
    for stored in sorted(entries):
        mode, sha = entries[stored]
        path = stored.decode("utf-8", "replace")
        key = _entry_rule(mode, sha, path, own)
        if key is not None:
            report.violations.append(
                Violation(key, failure=failure_owning(path), commit=rev, path=path,
                          params={"other": path})  # fmt: skip
            )


_TREE = "40000"


def _tree_entries(data: bytes, size: int) -> list[tuple[str, str, bytes]]:
    """(mode, object id, name as stored) of each entry of a raw tree object whose object ids
    are ``size`` bytes (20 for SHA-1, 32 for SHA-256)."""
    found = []
    pos = 0
    while pos < len(data):
        space = data.index(b" ", pos)
        nul = data.index(b"\0", space)
        oid = data[nul + 1 : nul + 1 + size]
        if len(oid) != size:
            raise ValueError("truncated tree")
        mode = _canon_mode(int(data[pos:space].decode("ascii"), 8))
        shown = f"{mode:06o}" if mode != 0o40000 else _TREE
        found.append((shown, oid.hex(), data[space + 1 : nul]))
        pos = nul + 1 + size
    return found


def _canon_mode(mode: int) -> int:
    """A tree entry's mode as git reads it (``canon_mode``), so as ``ls-tree`` shows it."""
    kind = mode & 0o170000
    if kind == 0o100000:
        return 0o100755 if mode & 0o100 else 0o100644
    if kind in (0o120000, 0o40000):
        return kind
    return 0o160000


def _blob_sha(data: bytes) -> str:
    import hashlib

    return hashlib.sha1(b"blob %d\0" % len(data) + data, usedforsecurity=False).hexdigest()


# --- the whole log book ---------------------------------------------------------------------------


def verify_files(
    lb: LogBook, report: Report, not_after: datetime | None = None
) -> tuple[Timeline, bool, bytes | None]:
    """Check the configuration's reading, the roster and ``allowed_signers`` as they are on
    disk; return the roster's timeline, whether signatures are required, and the roster file
    as read (what the workers build the same timeline from). ``not_after``: nothing may be
    dated later (at the central repository: the push time and the allowed clock skew)."""
    try:
        required = lb.config.signatures_required
    except KlipError as exc:
        report.violations.append(Violation(exc.key, path="klipctl.yaml", params=exc.params))
        required = True
    data, changes = _read_roster(lb.root)
    if isinstance(changes, KlipError):
        report.violations.append(Violation(changes.key, path=ROSTER_FILE, params=changes.params))
        changes = []
    timeline = check_roster(changes, required, report, not_after)
    if data is not None and changes:
        # The timeline ``_timeline`` would build again from the same bytes (this process
        # checks the files itself when there are few).
        _TIMELINES.clear()
        _TIMELINES[data] = timeline
    signers = lb.root / ALLOWED_SIGNERS_FILE
    if changes and (
        not signers.is_file() or signers.read_text("utf-8") != signing.allowed_signers_text(changes)
    ):
        report.violations.append(Violation("v_allowed_signers", path=ALLOWED_SIGNERS_FILE))
    return timeline, required, data


def _read_roster(root: Path) -> tuple[bytes | None, list[RosterChange] | KlipError]:
    try:
        data = read_own(root, ROSTER_FILE)
    except FileNotFoundError:
        return None, BadFile("missing_file", path=ROSTER_FILE)
    except KlipError as exc:
        return None, exc
    try:
        return data, store.parse_roster(data, ROSTER_FILE)
    except KlipError as exc:
        return None, exc


_TIMELINES: dict[bytes | None, Timeline] = {}


def _timeline(roster: bytes | None) -> Timeline:
    """The roster's timeline from the roster file's bytes, built once per process (a worker
    checks many batches against the same roster)."""
    if roster not in _TIMELINES:
        changes: Any = store.parse_roster(roster, ROSTER_FILE) if roster is not None else []
        _TIMELINES.clear()
        _TIMELINES[roster] = Timeline(changes)
    return _TIMELINES[roster]


class _FileChecks:
    """The failure files ``ids``, checked in batches (in the workers when there are many):
    their findings are taken in the order of the IDs, with each file as read for the
    history check."""

    def __init__(
        self,
        lb: LogBook,
        ids: Sequence[str],
        roster: bytes | None,
        required: bool,
        not_after: datetime | None,
        algorithm: str | None,
        fanout: Fanout,
    ) -> None:
        size = max(50, min(1000, len(ids) // (8 * fanout.workers) + 1))
        self._total = len(ids)
        # (how many failures, their findings to come), in the order of the IDs
        self._batches = [
            (
                len(batch),
                fanout.submit(check_failure_files, str(lb.root), batch, roster, required,
                              not_after, algorithm),
            )  # fmt: skip
            for batch in (list(ids[start : start + size]) for start in range(0, len(ids), size))
        ]

    def results(
        self, report: Report, progress: Progress = NOTHING
    ) -> Iterator[dict[str, ChainFile]]:
        """Each batch's files as read, once its findings are in ``report``; each file checked
        is a step of ``progress``."""
        with progress.task("progress_verify_files", self._total) as step:
            while self._batches:
                checked, pending = self._batches.pop(0)
                found, chains = pending.result()
                _add(report, found)
                step(checked)
                yield chains


def _add(report: Report, other: Report) -> None:
    report.violations.extend(other.violations)
    report.notices.extend(other.notices)
    report.failures += other.failures
    report.entries += other.entries
    report.signatures += other.signatures
    report.roster_changes += other.roster_changes
    report.commits += other.commits
    report.attachments += other.attachments


def check_failure_files(
    root: str,
    ids: Sequence[str],
    roster: bytes | None,
    required: bool,
    not_after: datetime | None,
    algorithm: str | None,
) -> tuple[Report, dict[str, ChainFile]]:
    """Check the failures ``ids`` of the log book at ``root`` as they are on disk, each read
    once: its chain, signatures and steps, its attached files, its stored report. Return the
    findings and, with ``algorithm`` (how the repository names objects), each file as read for
    the history check. A task for a worker process: given names and bytes, it gives values."""
    lb = LogBook(Path(root))
    timeline = _timeline(roster)
    report = Report()
    chains: dict[str, ChainFile] = {}
    for failure_id in ids:
        rel = failure_file(failure_id)
        try:
            data = read_own(lb.root, rel)
            doc, items = store.read_failure_doc(data, rel)
        except KlipError as exc:
            report.violations.append(Violation(exc.key, failure=failure_id, params=exc.params))
            continue
        chain = chain_file(data, doc, items, algorithm) if algorithm else None
        if chain is not None:
            chains[rel] = chain
        try:
            failure = store.failure_from_doc(doc, rel, failure_id)
        except KlipError as exc:
            report.violations.append(Violation(exc.key, failure=failure_id, params=exc.params))
            continue
        check_failure(failure, timeline, required, report, not_after)
        check_attachments(lb, failure, report, rel[: -len(".yaml")] + ATTACHMENTS_SUFFIX)
        check_signed_report(lb, failure, report)
        check_shared_keys(failure, timeline, report)
    return report, chains


def check_attachments(
    lb: LogBook, failure: Failure, report: Report, files_folder: str | None = None
) -> None:
    """Every file an ``attach`` entry names is in the log book, byte for byte as attached, and
    the failure's files folder (``files_folder``, when the caller has it) holds nothing
    else."""
    named = {str(item["sha256"]) for e in failure.entries if e.action == "attach"
             for item in e.details.get("files") or ()}  # fmt: skip
    folder = lb.root / (files_folder or attachments_folder(failure.id))
    if folder.is_dir():
        for extra in sorted(p.name for p in folder.iterdir() if p.name not in named):
            report.violations.append(
                Violation(
                    "v_attachment_unreferenced",
                    failure=failure.id,
                    path=lb.relative(folder / extra),
                )  # fmt: skip
            )
    for n, entry in enumerate(failure.entries, start=1):
        for item in entry.details.get("files") or () if entry.action == "attach" else ():
            rel = attachment_file(failure.id, str(item["sha256"]))
            path = lb.root / rel
            params = {"name": str(item["name"]), "actor": entry.actor, "action": entry.action}
            if not path.is_file():
                key = "v_attachment_missing"
            elif _sha256(path) != item["sha256"]:
                key = "v_attachment_changed"
            else:
                report.attachments += 1
                continue
            report.violations.append(
                Violation(key, failure=failure.id, entry=n, path=rel, params=params)
            )


def check_signed_report(lb: LogBook, failure: Failure, report: Report) -> None:
    """The stored result report still holds, byte for byte, the text its sign entry's digest
    covers, whatever the templates say now (and, while it waits for its signature, the text
    its draft entry's digest covers)."""
    check = check_signed(lb, failure)
    if check is not None and check.state != "intact":
        key = "v_report_missing" if check.state == "missing" else "v_report_changed"
        report.violations.append(Violation(key, failure=failure.id, path=check.path))
    draft = check_drafted(lb, failure)
    if draft is not None and draft.state != "intact":
        key = "v_report_missing" if draft.state == "missing" else "v_draft_changed"
        report.violations.append(Violation(key, failure=failure.id, path=draft.path))


def _sha256(path: Path) -> str:
    import hashlib

    digest = hashlib.sha256()
    with path.open("rb") as handle:
        for block in iter(lambda: handle.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


def verify(
    lb: LogBook,
    failure_ids: Sequence[str] | None = None,
    since: str | None = None,
    incremental: bool = False,
) -> Report:
    """Check the log book (or the given failures) and its git history up to HEAD.

    ``incremental``: only what changed since the last commit a whole-book verify found clean
    (the failures its later commits touch, and those commits), falling back to everything
    when there is no such commit or history was rewritten since.
    """
    # What git says of the work tree, asked first: it runs while the rest is checked.
    uncommitted = _Uncommitted(lb.git)
    try:
        if since is not None:
            # A name given for a commit reaches git only as the SHA it names, never as an
            # option.
            resolved = lb.git.resolve(since)
            if resolved is None:
                raise InvalidInput("unknown_commit", value=since)
            since = resolved
        if incremental and failure_ids is None and since is None:
            anchor = _anchor(lb)
            head = lb.git.head()  # and the log book's folder in its repository, in one git run
            if anchor and head and lb.git.resolve(anchor) and lb.git.is_ancestor(anchor, head):
                # Each touched failure looked for in its own month folders, not all 100,000
                # files.
                since_anchor = _touched(lb.git, [f"{anchor}..{head}"])
                touched = {fid for fid in since_anchor if fid in lb.failure_ids(fid)}
                return _verify(lb, sorted(touched), anchor, True, uncommitted, (anchor, head))
        return _verify(lb, failure_ids, since, failure_ids is None, uncommitted)
    finally:
        uncommitted.close()


def _anchor(lb: LogBook) -> str:
    path = lb.root / STATE_DIR / VERIFIED_FILE
    return path.read_text().strip() if path.is_file() else ""


def _set_anchor(lb: LogBook, head: str) -> None:
    path = lb.root / STATE_DIR / VERIFIED_FILE
    path.parent.mkdir(exist_ok=True)
    path.write_text(head + "\n")


def _verify(
    lb: LogBook,
    failure_ids: Sequence[str] | None,
    since: str | None,
    whole_book: bool,
    uncommitted: _Uncommitted | None = None,
    verified: tuple[str, str] | None = None,
) -> Report:
    """``whole_book``: every uncommitted change counts and a clean result is remembered;
    otherwise only what concerns ``failure_ids`` is reported. ``verified``: (the commit a
    whole-book verify found clean, HEAD then), when the first is an ancestor of the second:
    while HEAD is still there, the tree is checked from what changed since."""
    report = Report()
    timeline, required, roster = verify_files(lb, report)
    git = lb.git
    head = git.resolve("HEAD")
    ids = lb.failure_ids() if failure_ids is None else list(failure_ids)
    with Fanout.sized(len(ids)) as fanout:
        checks = _FileChecks(lb, ids, roster, required, None, _algorithm(head), fanout)
        # While the workers check the files: what git says of the work tree and the tree.
        later = Report()
        paths = [FAILURES_DIR, ROSTER_FILE, ALLOWED_SIGNERS_FILE]
        if uncommitted is None:
            status = git.status_porcelain(*[Path(p) for p in paths]).splitlines()
        else:
            status = uncommitted.lines()
        for line in status:
            path = line[3:].strip()
            fid = claimed_failure(path)
            if whole_book or fid is None or fid in (failure_ids or ()):
                later.violations.append(Violation("v_uncommitted", failure=fid, path=path))
        if head is None:
            for _ in checks.results(report, lb.progress):
                pass
            _add(report, later)
            return report
        anchor = _anchor(lb)
        known = verified is not None and verified == (anchor, head)
        if anchor and not known and (
            git.resolve(anchor) is None or not git.is_ancestor(anchor, head)
        ):
            later.violations.append(Violation("v_history_rewritten", commit=anchor))
        if whole_book and known:
            check_tree_since(git, anchor, head, git.prefix(), later)
        elif whole_book:
            check_tree(git, head, git.prefix(), later)
        history = _History(git, head, timeline, required, roster, fanout)
        try:
            history.read([f"{since}..{head}"] if since else [head], lb.progress)
            history.start()
            for chains in checks.results(report, lb.progress):
                history.match(chains)
            _add(report, later)
            before = len(report.violations)
            history.finish(report)
        finally:
            history.close()
    if not whole_book and failure_ids is not None:
        wanted = set(failure_ids)
        report.violations[before:] = [
            v for v in report.violations[before:] if v.failure is None or v.failure in wanted
        ]
    if report.ok and whole_book:
        _set_anchor(lb, head)
    return report


class _Uncommitted:
    """What ``git status --porcelain -- failures roster.yaml allowed_signers`` prints, from a
    ``git status`` of the whole repository started at once (it runs while verify reads the
    roster and history): given paths, git does not use its untracked cache and reads every
    folder (0.1 s at 100,000 failures); given none, it reads only the folders changed since.
    Its lines for those paths are the same, but for a rename or copy (which pairs paths
    inside and outside them), a quoted name, a name matching them only in another case (as
    git matches where case is ignored) and a folder above them: then the status with the
    paths is asked for, as ever."""

    def __init__(self, git: Git) -> None:
        self.git = git
        self._started: Started | None = git.started("status", "--porcelain")

    def lines(self) -> list[str]:
        started, self._started = self._started, None
        try:
            out = started.output() if started is not None else None
        except GitFailed:
            out = None
        prefix = self.git.prefix()
        wanted = [prefix + p for p in _UNCOMMITTED_PATHS]
        lowered = [w.lower() for w in wanted]
        kept: list[str] = []
        for line in out.splitlines() if out is not None else []:
            path = line[3:]
            low = path.lower()
            if (
                "R" in line[:2]
                or "C" in line[:2]
                or path.startswith('"')
                or (path.endswith("/") and any(w.startswith(low) for w in lowered))
            ):
                out = None
                break
            if any(path == w or path.startswith(w + "/") for w in wanted):
                kept.append(line)
            elif any(low == w or low.startswith(w + "/") for w in lowered):
                out = None
                break
        if out is None:
            paths = [Path(p) for p in _UNCOMMITTED_PATHS]
            return self.git.status_porcelain(*paths).splitlines()
        return kept

    def close(self) -> None:
        if self._started is not None:
            self._started.close()
            self._started = None


_UNCOMMITTED_PATHS = (FAILURES_DIR, ROSTER_FILE, ALLOWED_SIGNERS_FILE)


# --- a push to the central repository -------------------------------------------------------------


def verify_push(git: Git, updates: Sequence[tuple[str, str, str]], now: datetime) -> Report:
    """What a ``pre-receive`` hook checks: each ``(old, new, ref)`` a pushed branch update,
    received at ``now``. The same checks as ``verify``, of the pushed commits and the failures
    they touch."""
    report = Report()
    for old, new, ref in updates:
        if not ref.startswith("refs/heads/"):
            continue
        if new == ZERO:
            report.violations.append(Violation("v_branch_deleted", params={"ref": ref}))
            continue
        if old != ZERO and not git.is_ancestor(old, new):
            report.violations.append(
                Violation("v_force_push", commit=new, params={"ref": ref, "old": old[:10]})
            )
            continue
        before = len(report.violations)
        check_tree(git, new, "", report)
        if len(report.violations) > before:
            continue  # refused already; a symlink must not even be unpacked to look further
        with tempfile.TemporaryDirectory(prefix="klipctl-push-") as tmp:
            root = Path(tmp)
            with tarfile.open(fileobj=io.BytesIO(git.archive(new))) as tar:
                tar.extractall(root, filter="data")
            lb = LogBook(root)
            new_only = [new, "--not", "--all"]
            # Which failures the pushed commits touch: only those need their files checked.
            touched = _touched(git, new_only)
            wanted = sorted(touched & set(lb.failure_ids()))
            not_after = now + CLOCK_SKEW
            timeline, required, roster = verify_files(lb, report, not_after)
            with Fanout.sized(len(wanted)) as fanout:
                checks = _FileChecks(lb, wanted, roster, required, not_after, _algorithm(new),
                                     fanout)  # fmt: skip
                history = _History(git, new, timeline, required, roster, fanout)
                try:
                    history.read(new_only)
                    history.start()
                    for chains in checks.results(report):
                        history.match(chains)
                    history.finish(report)
                finally:
                    history.close()
            _check_set_aside_sides(git, new_only, old, new, report)
    return report


def _check_set_aside_sides(
    git: Git, revs: Sequence[str], old: str, new: str, report: Report
) -> None:
    """A sync merge may only set aside entries that never reached the central repository: its
    second parent (whose files it keeps) is what the central branch held, its first parent
    (whose entries it drops) is not; and whatever the merges, every chain file the central
    branch held only grows."""
    if old != ZERO:
        for path in git.diff_names(old, new):
            if claimed_failure(path) is None and path != ROSTER_FILE:
                continue
            before, after = git.show_bytes(old, path), git.show_bytes(new, path)
            if before is not None and not files.grew(before, after or b""):
                report.violations.append(
                    Violation(
                        "v_set_aside_wrong_side",
                        failure=claimed_failure(path),
                        commit=new,
                        path=path,
                    )  # fmt: skip
                )
    for sha, parents, body in git.merges(revs):
        if not commitmsg.set_aside_chains(body) or len(parents) < 2:
            continue
        first, second = parents[:2]
        central_side = old == ZERO or git.is_ancestor(second, old)
        if not central_side or (old != ZERO and git.is_ancestor(first, old)):
            report.violations.append(Violation("v_set_aside_wrong_side", commit=sha))


def _touched(git: Git, revs: Sequence[str]) -> set[str]:
    paths = git.paths_touched(revs, FAILURES_DIR)
    return {fid for path in paths if (fid := failure_owning(path))}
