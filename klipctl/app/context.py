"""The world a use case runs in, passed in so tests need no patching.

``Context`` holds where the log book is, the environment, the clock and the language, and gives
the few things every use case asks of that world: the log book, the office calendar and deadline
rule, who is acting and the key they sign with, and a failure's standing today.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from datetime import date, datetime
from functools import cached_property
from pathlib import Path
from typing import TYPE_CHECKING

from klipctl.domain.model import JAKARTA, Failure
from klipctl.domain.roster import Person
from klipctl.domain.standing import Status, status_of
from klipctl.domain.workdays import DeadlineRule, WorkCalendar, office_days
from klipctl.errors import NotFound, Refused
from klipctl.storage.git import Author, CommitSigner
from klipctl.storage.layout import locate
from klipctl.storage.logbook import LogBook
from klipctl.storage.progress import Progress

if TYPE_CHECKING:  # signing (and the sync) load with the commands that sign (or sync)
    from klipctl.audit import signing
    from klipctl.storage.sync import SyncResult

ENV_USER = "KLIPCTL_USER"


@dataclass
class Context:
    """Everything a command depends on from outside."""

    env: Mapping[str, str]
    cwd: Path
    now: datetime
    language: str = "id"
    logbook_path: Path | None = None

    # What automatic syncs around this command's writes did, for the CLI to report.
    syncs: list[SyncResult] = field(default_factory=list)
    # A sync taken before the questions of a write (``sharing.bring_in``), and when
    # (time.monotonic): the write itself then need not fetch again.
    presync: tuple[SyncResult, float] | None = None
    # Asks the person for the passphrase of their key (path -> passphrase; None: cannot ask).
    passphrase: Callable[[str], str | None] | None = None
    # Tells the person their command waits for another one writing (None: nobody to tell).
    on_wait: Callable[[], None] | None = None
    # Shows how far long work has got (index, verify, sync, import); the default shows nothing.
    progress: Progress = field(default_factory=Progress)
    _signers: dict[str, signing.Signer] = field(default_factory=dict, repr=False)

    @cached_property
    def logbook(self) -> LogBook:
        lb = LogBook(locate(self.logbook_path, self.env, self.cwd))
        lb.on_wait = self.on_wait
        lb.progress = self.progress
        lb.recover_if_interrupted()  # a writer killed mid-change: put it right before reading
        return lb

    @cached_property
    def calendar(self) -> WorkCalendar:
        """The national calendar (cached on disk) with the log book's own changes, if any."""
        from klipctl.storage.holidaycache import NationalCalendar, cache_dir

        national = NationalCalendar(self.language, cache_dir(self.env))
        lb = self.logbook_if_any()
        return WorkCalendar.from_years(national, office_days(lb.calendar_changes) if lb else {})

    def calendar_changed(self) -> None:
        """The office calendar changed under us (a calendar step, a sync): read it again."""
        self.__dict__.pop("calendar", None)

    @property
    def rule(self) -> DeadlineRule:
        lb = self.logbook_if_any()
        return lb.config.rule if lb else DeadlineRule()

    def logbook_if_any(self) -> LogBook | None:
        """The log book, or None when there is none here (calendar commands work without one)."""
        try:
            return self.logbook
        except NotFound as exc:
            if exc.key == "no_logbook":
                return None
            raise

    @property
    def today(self) -> date:
        return self.now.astimezone(JAKARTA).date()

    def status(self, failure: Failure) -> Status:
        """The failure's standing today, by this log book's calendar and rule."""
        return status_of(failure, self.calendar, self.rule, self.today)

    def actor(self) -> Person:
        """The person acting: $KLIPCTL_USER, else the roster entry with git's user.email."""
        roster = self.logbook.roster
        handle = self.env.get(ENV_USER)
        if handle:
            person = roster.get(handle)
            if person is None or not person.active:
                raise Refused("not_on_roster_handle", handle=handle)
            return person
        email = self.logbook.git.config_get("user.email")
        person = roster.by_email(email) if email else None
        if person is None:
            raise Refused("not_on_roster_email", email=email or "")
        return person

    def signer(self, handle: str, public_key: str | None) -> signing.Signer | None:
        """The key ``handle`` signs with: it must be ``public_key``, the one on the roster.

        With signatures required, no usable key is a refusal that says how to set one up;
        otherwise the entry is simply left unsigned.
        """
        from klipctl.audit import signing

        required = self.logbook.config.signatures_required
        if public_key is None:
            if required:
                raise Refused("no_key_on_roster", handle=handle)
            return None
        source = signing.key_source(self.env, self.logbook.git.config_get("user.signingkey"))
        if source is None:
            if required:
                raise Refused("no_signing_key", handle=handle)
            return None
        signer = self._signers.get(source)
        if signer is None:  # loaded once a command: a passphrase is asked for once
            try:
                signer = signing.load_signer(source, self.passphrase)
            except signing.KeyProblem as exc:
                raise Refused(exc.key, **exc.params) from None
            self._signers[source] = signer
        if signer.public_key != public_key:
            raise Refused("signing_key_mismatch", handle=handle, path=source)
        return signer


def author_of(person: Person) -> Author:
    """The git author of a person's commits."""
    return Author(person.name, person.email or f"{person.handle}@klipctl.invalid")


def commit_signer(signer: signing.Signer | None) -> CommitSigner | None:
    """How a commit by ``signer`` is signed: by klipctl itself, in OpenSSH's format under git's
    namespace, so git never needs ssh-keygen (old or absent on Windows) to sign it."""
    if signer is None:
        return None
    from klipctl.audit.signing import GIT_NAMESPACE

    return lambda payload: signer.sign(payload, GIT_NAMESPACE)


def sign(signer: signing.Signer, message: bytes) -> str:
    """The signature of ``message``; a key that cannot sign is a refusal naming why."""
    from klipctl.audit import signing

    try:
        return signer.sign(message, signing.NAMESPACE)
    except signing.KeyProblem as exc:
        raise Refused(exc.key, **exc.params) from None
