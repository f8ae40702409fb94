"""Appending one signed SOP entry to a failure's chain: the write path of every step.

Validate with the SOP table, chain to the entry before, sign as the actor, write and commit in
one transaction. Nothing here syncs: ``steps`` wraps these in ``sharing.around_write``, and
``sharing`` takes set-aside steps again through ``take_step`` without syncing twice.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, replace
from datetime import datetime
from pathlib import Path
from typing import Any

from klipctl.app.context import Context, author_of, commit_signer, sign
from klipctl.audit import signing
from klipctl.domain import ids, procedure
from klipctl.domain.model import Entry, Failure
from klipctl.domain.roster import Person
from klipctl.domain.standing import Status
from klipctl.errors import Refused
from klipctl.storage import commitmsg, layout, store
from klipctl.storage.logbook import LogBook


@dataclass(frozen=True)
class Change:
    """What a write command did: the failure after it, the stage before and the commit."""

    status: Status
    before: str | None
    commit: str


def seal(entry: Entry, prev: str, signer: signing.Signer | None) -> Entry:
    """The entry chained to the one before it and signed by its actor."""
    entry = replace(entry, prev=prev)
    if signer is None:
        return entry
    return replace(entry, sig=sign(signer, signing.canonical(store.entry_to_dict(entry))))


def new_failure(ctx: Context, details: Mapping[str, Any]) -> Change:
    """SOP step 1: a new failure file with its first entry."""
    lb = ctx.logbook
    actor = ctx.actor()
    entry = procedure.apply(None, "report", actor, details, ctx.now, lb.roster)
    signer = ctx.signer(actor.handle, actor.key)
    _ = ctx.calendar  # read now: a damaged calendar refuses the step, not its result after commit
    with lb.transaction() as tx:
        failure_id = _fresh_id(lb, ctx.now)
        entry = seal(entry, signing.genesis(failure_id), signer)
        failure = Failure(failure_id, (entry,))
        path = lb.failure_path(failure_id)
        tx.write(path, store.new_failure_text(failure_id, entry).encode("utf-8"))
        sha = tx.commit(message(failure, actor), author_of(actor), ctx.now, commit_signer(signer))
    return Change(ctx.status(failure), None, sha)


def _fresh_id(lb: LogBook, now: datetime) -> str:
    while True:  # a clash in this clone is astronomically rare, but cheap to rule out
        failure_id = ids.new_id(now)
        if not lb.failure_path(failure_id).exists():
            return failure_id


def take_step(
    ctx: Context,
    action: str,
    id_text: str,
    details: Mapping[str, Any],
    blobs: Mapping[str, bytes] | None = None,
) -> Change:
    """One step of the SOP on an existing failure; ``blobs``: attached files by SHA-256."""
    lb = ctx.logbook
    actor = ctx.actor()
    signer = ctx.signer(actor.handle, actor.key)
    _ = ctx.calendar  # read now: a damaged calendar refuses the step, not its result after commit
    with lb.transaction() as tx:
        # Read under the lock, so two terminals cannot both take the same step.
        failure_id = lb.resolve_id(id_text)
        failure = lb.load_failure(failure_id)
        procedure.check_allowed(failure, action, actor)
        if action == "withdraw" and details.get("duplicate_of"):
            details = {**details, "duplicate_of": _kept(lb, str(details["duplicate_of"]))}
        # Never dated before the entry it follows: a clone whose clock runs behind another's
        # (or a step taken again after a sync) takes the time of the last entry instead (of
        # an imported one, the time it was imported).
        at = max(ctx.now, failure.entries[-1].signed_at)
        entry = procedure.apply(failure, action, actor, details, at, lb.roster)
        # Draft, sign and deliver also (re)write the stored result report, in the same commit;
        # sign adds the report number and the digest of the signed text to its entry. Both
        # happen before sealing, so the signature covers them. Other steps need not load the
        # documents (templates, Babel) at all.
        files: Mapping[Path, bytes] = {}
        if entry.action in procedure.REPORT_STEPS:
            from klipctl.app import documents

            step_docs = documents.for_step(ctx, failure, entry)
            entry, files = step_docs.entry, step_docs.files
        prev = signing.digest(store.entry_to_dict(failure.entries[-1]))
        entry = seal(entry, prev, signer)
        updated = failure.with_entry(entry)
        tx.append(lb.failure_path(failure_id), store.entry_text(entry))
        for path, data in files.items():
            tx.write(path, data)
        for digest, data in (blobs or {}).items():
            tx.write(lb.root / layout.attachment_file(failure_id, digest), data)
        sha = tx.commit(message(updated, actor), author_of(actor), at, commit_signer(signer))
    return Change(ctx.status(updated), failure.stage, sha)


def _kept(lb: LogBook, id_text: str) -> str:
    """The full ID of the failure a withdrawn duplicate points to: one that exists and is not
    itself withdrawn (a chain of duplicates would leave nobody handling it)."""
    other = lb.load_failure(lb.resolve_id(id_text))
    if other.stage == "withdrawn":
        raise Refused("duplicate_of_withdrawn", id=other.id)
    return other.id


_VERBS = {
    "report": "Report",
    "record": "Record",
    "assign": "Assign",
    "resolve": "Resolve",
    "accept": "Accept",
    "reject": "Reject",
    "draft": "Draft",
    "sign": "Sign",
    "deliver": "Deliver",
    "archive": "Archive",
    "return": "Return the draft of",
    "reassign": "Reassign",
    "withdraw": "Withdraw",
    "correct": "Correct",
    "note": "Note on",
    "attach": "Attach to",
}


def message(failure: Failure, actor: Person) -> str:
    """The commit message of the failure's last entry, with its ``Klipctl-*`` trailers."""
    entry = failure.entries[-1]
    body = {
        "assign": f"Assigned to {entry.details.get('to')}.",
        "accept": f"Accepted; {entry.details.get('drafter')} drafts the result report.",
        "reject": f"Rejected: {entry.details.get('reason')}",
        "resolve": f"Action: {entry.details.get('action')}",
        "return": f"Returned: {entry.details.get('reason')}",
        "reassign": f"Reassigned to {entry.details.get('to')}: {entry.details.get('reason')}",
        "withdraw": f"Withdrawn: {entry.details.get('reason')}",
        "correct": f"{entry.details.get('field')}: {entry.details.get('reason')}",
        "note": str(entry.details.get("text")),
        "attach": ", ".join(str(f["name"]) for f in entry.details.get("files") or ()),
    }.get(entry.action)
    return commitmsg.message(
        f"{_VERBS[entry.action]} {failure.id}: {failure.title}",
        [commitmsg.typed(body)] if body else [],
        [
            (commitmsg.FAILURE, failure.id),
            (commitmsg.ACTION, entry.action),
            (commitmsg.STAGE, entry.stage),
            (commitmsg.ACTOR, actor.handle),
            (commitmsg.ROLE, entry.role),
        ],
    )
