"""The roster: who works in the office, in which roles, with which key.

The roster file is an append-only list of changes (add, update, remove), like a failure's entries,
so the roster as it stood at any moment can be rebuilt: a later key change never rewrites who
could sign what in the past.
"""

from __future__ import annotations

import base64
import binascii
import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, replace
from datetime import date, datetime
from typing import Any

from klipctl.domain.model import ROLES
from klipctl.domain.validate import SHORT_MAX, TITLE_MAX, check_text, problem
from klipctl.errors import InvalidInput

HANDLE_RE = re.compile(r"[a-z][a-z0-9._-]{0,31}")
# No spaces, quotes, separators or control characters: git takes the email as it is.
_EMAIL_PART = r"[^@\s<>,;\"'\x00-\x1f\x7f-\x9f]+"
EMAIL_RE = re.compile(rf"{_EMAIL_PART}@{_EMAIL_PART}\.{_EMAIL_PART}")
KEY_TYPES = (
    "ssh-ed25519",
    "ecdsa-sha2-nistp256",
    "ecdsa-sha2-nistp384",
    "ecdsa-sha2-nistp521",
    "sk-ssh-ed25519@openssh.com",
    "ssh-rsa",
)


@dataclass(frozen=True)
class Person:
    handle: str
    name: str
    nip: str
    roles: tuple[str, ...]
    email: str | None = None
    key: str | None = None
    active: bool = True

    def has_role(self, role: str) -> bool:
        return self.active and role in self.roles

    @property
    def nip_grouped(self) -> str:
        """NIP as printed on official documents: 8-6-1-3 digits."""
        n = self.nip
        return f"{n[:8]} {n[8:14]} {n[14]} {n[15:]}"


@dataclass(frozen=True)
class RosterChange:
    action: str  # add | update | remove
    handle: str
    fields: dict[str, Any]
    actor: str | None  # None while the log book is being set up (no supervisor yet)
    at: datetime
    prev: str | None = None  # digest of the previous change (see signing.py)
    sig: str | None = None  # signed by the actor; during set-up by the person added


class Roster:
    """The people as they stand after a sequence of roster changes."""

    def __init__(self, changes: Iterable[RosterChange] = ()) -> None:
        self.changes: tuple[RosterChange, ...] = tuple(changes)
        self._people: dict[str, Person] = {}
        # Set-up (anyone may add people, the first signing their own addition) lasts only until
        # the roster first holds a supervisor: never again after, even if none is left.
        self.set_up_over = False
        for change in self.changes:
            self._apply(change)
            self.set_up_over = self.set_up_over or self.has_supervisor

    def _apply(self, change: RosterChange) -> None:
        f = change.fields
        if change.action == "add":
            self._people[change.handle] = Person(
                handle=change.handle,
                name=f["name"],
                nip=f["nip"],
                roles=tuple(f["roles"]),
                email=f.get("email"),
                key=f.get("key"),
            )
        elif change.action in ("update", "set-key"):
            person = self._people[change.handle]
            updates: dict[str, Any] = {k: (tuple(v) if k == "roles" else v) for k, v in f.items()}
            self._people[change.handle] = replace(person, **updates)
        elif change.action == "remove":
            self._people[change.handle] = replace(self._people[change.handle], active=False)

    def as_of(self, moment: datetime) -> Roster:
        return Roster(c for c in self.changes if c.at <= moment)

    def get(self, handle: str) -> Person | None:
        return self._people.get(handle)

    def __contains__(self, handle: str) -> bool:
        return handle in self._people

    @property
    def people(self) -> list[Person]:
        return sorted(self._people.values(), key=lambda p: p.handle)

    @property
    def active(self) -> list[Person]:
        return [p for p in self.people if p.active]

    def by_email(self, email: str) -> Person | None:
        wanted = email.strip().lower()
        for person in self.active:
            if person.email and person.email.lower() == wanted:
                return person
        return None

    def with_role(self, role: str) -> list[Person]:
        return [p for p in self.active if role in p.roles]

    @property
    def has_supervisor(self) -> bool:
        return bool(self.with_role("supervisor"))

    def holder_of(self, key: str, besides: str | None = None) -> Person | None:
        """The active person (other than ``besides``) who holds ``key``, if anyone does."""
        wanted = key_id(key)
        for person in self.active:
            if person.handle != besides and person.key and key_id(person.key) == wanted:
                return person
        return None

    def shared_keys(self) -> dict[str, tuple[str, ...]]:
        """Each active person whose key another active person holds too, with the others'
        handles (empty when every key belongs to one person, as it should)."""
        holders: dict[str, list[str]] = {}
        for person in self.active:
            if person.key:
                holders.setdefault(key_id(person.key), []).append(person.handle)
        return {
            handle: tuple(h for h in handles if h != handle)
            for handles in holders.values()
            if len(handles) > 1
            for handle in handles
        }


# --- validation of what people type ------------------------------------------------------------


def check_handle(handle: str) -> str:
    if not HANDLE_RE.fullmatch(handle):
        raise InvalidInput("invalid_handle", value=handle)
    return handle


def check_nip(nip: str) -> str:
    """A NIP is 18 digits: birth date (8), appointment year and month (6), sex (1), serial (3)."""
    digits = nip.replace(" ", "")
    if not re.fullmatch(r"[0-9]{18}", digits):
        raise InvalidInput("invalid_nip", value=nip)
    try:
        date(int(digits[0:4]), int(digits[4:6]), int(digits[6:8]))
        date(int(digits[8:12]), int(digits[12:14]), 1)
    except ValueError:
        raise InvalidInput("invalid_nip_dates", value=nip) from None
    if digits[14] not in "12":
        raise InvalidInput("invalid_nip_sex", value=nip)
    return digits


def check_name(name: str) -> str:
    return check_text(name, "name", limit=SHORT_MAX)


def check_email(email: str) -> str:
    email = email.strip()
    if not EMAIL_RE.fullmatch(email) or len(email) > 254 or problem(email):
        raise InvalidInput("invalid_email", value=email)
    return email


def check_roles(roles: Iterable[str]) -> tuple[str, ...]:
    result: list[str] = []
    for role in roles:
        if role not in ROLES:
            raise InvalidInput("invalid_role", value=role, choices=", ".join(ROLES))
        if role not in result:
            result.append(role)
    if not result:
        raise InvalidInput("no_roles", choices=", ".join(ROLES))
    return tuple(result)


def check_reason(reason: str) -> str:
    """Why someone leaves the roster: one line of text."""
    return check_text(reason, "reason", limit=TITLE_MAX)


def key_id(key: str) -> str:
    """A public key as keys are compared: its type and base64, without comment or spacing."""
    return " ".join(key.split()[:2])


def check_public_key(text: str) -> str:
    """An OpenSSH public key line; returned as "type base64" without the comment."""
    parts = text.strip().split()
    if len(parts) < 2 or parts[0] not in KEY_TYPES:
        raise InvalidInput("invalid_key", types=", ".join(KEY_TYPES[:3]))
    try:
        blob = base64.b64decode(parts[1], validate=True)
    except (binascii.Error, ValueError):
        raise InvalidInput("invalid_key", types=", ".join(KEY_TYPES[:3])) from None
    # The blob starts with its own length-prefixed type name, which must match the first field.
    n = int.from_bytes(blob[:4], "big") if len(blob) >= 4 else -1
    if blob[4 : 4 + n].decode("ascii", "replace") != parts[0]:
        raise InvalidInput("invalid_key", types=", ".join(KEY_TYPES[:3]))
    return f"{parts[0]} {parts[1]}"


def change_fields(change: Mapping[str, Any]) -> dict[str, Any]:
    """The person fields of a stored roster change (everything but the envelope)."""
    return {k: v for k, v in change.items() if k not in ENVELOPE}


ENVELOPE = ("action", "handle", "actor", "at", "prev", "sig")
ACTIONS = ("add", "update", "remove", "set-key")
