"""People on the roster: adding someone, setting a key, changing roles, removing someone.

Roster changes are a signed hash chain of their own (``roster.yaml``), with ``allowed_signers``
regenerated beside it in the same commit, so git and ssh-keygen check commits by the roster.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, replace
from datetime import datetime
from typing import Any

from klipctl.app import sharing
from klipctl.app.context import Context, author_of, commit_signer, sign
from klipctl.audit import signing
from klipctl.domain.roster import (
    Person,
    Roster,
    RosterChange,
    check_email,
    check_handle,
    check_name,
    check_nip,
    check_public_key,
    check_reason,
    check_roles,
    key_id,
)
from klipctl.errors import InvalidInput, NotFound, Refused
from klipctl.storage import commitmsg, store
from klipctl.storage.git import Author
from klipctl.storage.layout import ALLOWED_SIGNERS_FILE, ROSTER_FILE
from klipctl.storage.logbook import Transaction


@dataclass(frozen=True)
class RosterResult:
    person: Person
    action: str
    commit: str


@dataclass(frozen=True)
class PersonChange:
    """One roster change about a person, as `roster show` lists it."""

    at: datetime
    action: str  # add | update | set-key | remove
    actor: str | None  # None during set-up
    fields: Mapping[str, Any]  # name, nip, roles, email, key (None: taken away), reason
    fingerprint: str | None  # of the key it sets, if it sets one


@dataclass(frozen=True)
class KeyPeriod:
    """A key a person held, from when until when (None: still held)."""

    key: str
    fingerprint: str
    since: datetime
    until: datetime | None


@dataclass(frozen=True)
class PersonShown:
    """`roster show`: a person as they stand now, their roster changes and keys over time."""

    person: Person
    changes: tuple[PersonChange, ...]
    keys: tuple[KeyPeriod, ...]


def show_person(ctx: Context, handle: str) -> PersonShown:
    """``handle`` (removed people too) with the history of their roster changes."""
    roster = ctx.logbook.roster
    person = roster.get(handle)
    if person is None:
        raise NotFound("unknown_handle", handle=handle)
    changes: list[PersonChange] = []
    keys: list[KeyPeriod] = []
    for c in roster.changes:
        if c.handle != handle:
            continue
        key = c.fields.get("key") if c.action != "remove" else None
        changes.append(PersonChange(c.at, c.action, c.actor, c.fields, key and _fingerprint(key)))
        if ("key" in c.fields or c.action == "remove") and keys and keys[-1].until is None:
            keys[-1] = replace(keys[-1], until=c.at)
        if key:
            keys.append(KeyPeriod(key_id(key), _fingerprint(key), c.at, None))
    return PersonShown(person, tuple(changes), tuple(keys))


def _fingerprint(key: str) -> str:
    try:
        return signing.fingerprint(key)
    except signing.SignatureError:  # a key put in the file by hand: shown, not named
        return key_id(key)[:40]


def add_person(
    ctx: Context,
    handle: str,
    name: str,
    nip: str,
    roles: list[str],
    email: str | None,
    key_text: str | None,
) -> RosterResult:
    lb = ctx.logbook
    check_handle(handle)
    fields: dict[str, Any] = {
        "name": check_name(name),
        "nip": check_nip(nip),
        "roles": list(check_roles(roles)),
    }
    if email:
        fields["email"] = check_email(email)
    if key_text:
        fields["key"] = check_public_key(key_text)
    with sharing.around_write(ctx):
        actor = _roster_actor(ctx)
        if actor is not None:
            signer = ctx.signer(actor.handle, actor.key)
        else:
            # Set-up, before the first supervisor: the person added signs their own addition with
            # the key it adds, proving they hold it (verify accepts exactly this).
            signer = ctx.signer(handle, fields.get("key"))
        change = RosterChange("add", handle, fields, actor.handle if actor else None, ctx.now)
        with lb.transaction() as tx:
            # Checked under the lock, against the roster as it is after any sync.
            if handle in lb.roster:
                raise InvalidInput("handle_taken", handle=handle)
            if email and lb.roster.by_email(fields["email"]):
                raise InvalidInput("email_taken", email=fields["email"])
            _check_key_free(lb.roster, handle, fields.get("key"))
            _append_roster_change(ctx, tx, change, signer)
            message = commitmsg.message(
                f"Add {handle} to the roster: {fields['name']}",
                [f"Roles: {', '.join(fields['roles'])}."],
                [(commitmsg.ACTION, "roster-add"), (commitmsg.PERSON, handle)]
                + ([(commitmsg.ACTOR, actor.handle)] if actor else []),
            )
            sha = tx.commit(
                message,
                author_of(actor) if actor else _setup_author(ctx, fields, handle),
                ctx.now,
                commit_signer(signer),
            )
        person = lb.roster.get(handle)
        assert person is not None
        return RosterResult(person, "add", sha)


def set_key(ctx: Context, handle: str, key_text: str) -> RosterResult:
    """Give ``handle`` a new public key from now on; entries made before keep their old key.

    A supervisor may set anyone's key, anyone their own. The change is signed with the actor's
    key as it stands; someone setting their very first key signs with that new key.
    """
    lb = ctx.logbook
    key = check_public_key(key_text)
    with sharing.around_write(ctx):
        person = lb.roster.get(handle)
        if person is None or not person.active:
            raise InvalidInput("unknown_person", handle=handle)
        actor = ctx.actor()
        if actor.handle != handle and not actor.has_role("supervisor"):
            raise Refused("set_key_needs_supervisor", handle=actor.handle, person=handle)
        first_own = actor.handle == handle and actor.key is None
        signer = ctx.signer(actor.handle, key if first_own else actor.key)
        change = RosterChange("set-key", handle, {"key": key}, actor.handle, ctx.now)
        with lb.transaction() as tx:
            _check_key_free(lb.roster, handle, key)
            _append_roster_change(ctx, tx, change, signer)
            message = commitmsg.message(
                f"Set the key of {handle}",
                [f"{key.split()[0]} {key.split()[1][-16:]}"],
                [
                    (commitmsg.ACTION, "roster-set-key"),
                    (commitmsg.PERSON, handle),
                    (commitmsg.ACTOR, actor.handle),
                ],
            )
            sha = tx.commit(message, author_of(actor), ctx.now, commit_signer(signer))
        updated = lb.roster.get(handle)
        assert updated is not None
        return RosterResult(updated, "set-key", sha)


def remove_person(ctx: Context, handle: str, reason: str) -> RosterResult:
    """Take ``handle`` off the roster from now on: they can no longer act, and what they did
    stays valid (verify checks each entry against the roster as it stood then)."""
    lb = ctx.logbook
    reason = check_reason(reason)
    with sharing.around_write(ctx):
        actor = _supervisor(ctx)
        signer = ctx.signer(actor.handle, actor.key)
        change = RosterChange("remove", handle, {"reason": reason}, actor.handle, ctx.now)
        with lb.transaction() as tx:
            person = _current(lb.roster, handle)
            if person.has_role("supervisor"):
                _keep_a_supervisor(lb.roster, handle)
            _append_roster_change(ctx, tx, change, signer)
            message = commitmsg.message(
                f"Remove {handle} from the roster",
                [f"Reason: {commitmsg.typed(reason)}"],
                [
                    (commitmsg.ACTION, "roster-remove"),
                    (commitmsg.PERSON, handle),
                    (commitmsg.ACTOR, actor.handle),
                ],
            )
            sha = tx.commit(message, author_of(actor), ctx.now, commit_signer(signer))
        removed = lb.roster.get(handle)
        assert removed is not None
        return RosterResult(removed, "remove", sha)


def set_role(ctx: Context, handle: str, role: str, adding: bool) -> RosterResult:
    """Give ``handle`` a role, or take one away, from now on (entries made before keep being
    checked against the roles held then)."""
    lb = ctx.logbook
    role = check_roles([role])[0]
    with sharing.around_write(ctx):
        actor = _supervisor(ctx)
        signer = ctx.signer(actor.handle, actor.key)
        with lb.transaction() as tx:
            person = _current(lb.roster, handle)
            if adding:
                if role in person.roles:
                    raise Refused("role_already_held", handle=handle, role=role)
                roles = [*person.roles, role]
            else:
                if role not in person.roles:
                    raise Refused("role_not_held", handle=handle, role=role)
                roles = [r for r in person.roles if r != role]
                if not roles:
                    raise Refused("last_role", handle=handle, role=role)
                if role == "supervisor":
                    _keep_a_supervisor(lb.roster, handle)
            change = RosterChange("update", handle, {"roles": roles}, actor.handle, ctx.now)
            _append_roster_change(ctx, tx, change, signer)
            message = commitmsg.message(
                f"Change the roles of {handle}: {', '.join(roles)}",
                [f"{'Add' if adding else 'Remove'} the role {role}."],
                [
                    (commitmsg.ACTION, "roster-set-role"),
                    (commitmsg.PERSON, handle),
                    (commitmsg.ACTOR, actor.handle),
                ],
            )
            sha = tx.commit(message, author_of(actor), ctx.now, commit_signer(signer))
        updated = lb.roster.get(handle)
        assert updated is not None
        return RosterResult(updated, "set-role", sha)


def _current(roster: Roster, handle: str) -> Person:
    """The active person ``handle``; one never on the roster, or removed, is refused."""
    person = roster.get(handle)
    if person is None:
        raise NotFound("unknown_handle", handle=handle)
    if not person.active:
        when = max(c.at for c in roster.changes if c.handle == handle and c.action == "remove")
        raise Refused("person_removed", handle=handle, date=when.strftime("%Y-%m-%d"))
    return person


def _keep_a_supervisor(roster: Roster, handle: str) -> None:
    """Refuse a change that leaves the roster without a supervisor (no one could change it)."""
    if [p.handle for p in roster.with_role("supervisor")] == [handle]:
        raise Refused("last_supervisor", handle=handle)


def _supervisor(ctx: Context) -> Person:
    """Who removes people and changes roles: a supervisor (while there is none, anyone on the
    roster, as for additions)."""
    actor = _roster_actor(ctx)
    return actor if actor is not None else ctx.actor()


def _check_key_free(roster: Roster, handle: str, key: str | None) -> None:
    """One public key belongs to one person at a time: refuse one another active person holds."""
    holder = roster.holder_of(key, besides=handle) if key else None
    if holder is not None:
        raise Refused("key_held_by", handle=handle, holder=holder.handle)


def _append_roster_change(
    ctx: Context, tx: Transaction, change: RosterChange, signer: signing.Signer | None
) -> RosterChange:
    """Chain, sign and append a roster change; regenerate allowed_signers beside it."""
    lb = ctx.logbook
    changes = list(lb.roster.changes)
    prev = (
        signing.digest(store.roster_change_to_dict(changes[-1]))
        if changes
        else signing.genesis(signing.ROSTER_CHAIN)
    )
    change = replace(change, prev=prev)
    if signer is not None:
        message = signing.canonical(store.roster_change_to_dict(change))
        change = replace(change, sig=sign(signer, message))
    path = lb.root / ROSTER_FILE
    text = (tx.read(path) or b"").decode("utf-8")
    tx.write(path, store.append_roster_change(text, change).encode("utf-8"))
    signers_path = lb.root / ALLOWED_SIGNERS_FILE
    signers = signing.allowed_signers_text([*changes, change]).encode("utf-8")
    if tx.read(signers_path) != signers:
        tx.write(signers_path, signers)
    return change


def _roster_actor(ctx: Context) -> Person | None:
    """Who may change the roster: anyone during set-up (until the roster first holds a
    supervisor), then supervisors only."""
    roster = ctx.logbook.roster
    if not roster.set_up_over:
        try:
            return ctx.actor()
        except Refused:
            return None  # the person setting up the log book, not yet on the roster
    actor = ctx.actor()
    if not actor.has_role("supervisor"):
        raise Refused("roster_needs_supervisor", handle=actor.handle)
    return actor


def _setup_author(ctx: Context, fields: Mapping[str, Any], handle: str) -> Author | None:
    # Before anyone is on the roster the commit is authored as git is configured; if git has no
    # identity, by the person being added, since in practice people add themselves first.
    if ctx.logbook.git.config_get("user.email"):
        return None
    return Author(str(fields["name"]), str(fields.get("email") or f"{handle}@klipctl.invalid"))
