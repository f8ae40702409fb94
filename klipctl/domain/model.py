"""The domain: a failure is an ID plus append-only entries; everything else is derived.

Objects here are frozen and do no I/O: no clock, no files, no terminal. The on-disk shape lives in
``store.py``; the rules for which entry may follow which live in ``procedure.py``.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime
from typing import Any
from zoneinfo import ZoneInfo

JAKARTA = ZoneInfo("Asia/Jakarta")

ROLES = ("staff", "clerk", "supervisor", "operator", "head")
STAGES = (
    "reported",
    "recorded",
    "assigned",
    "resolved",
    "reviewed",
    "drafted",
    "signed",
    "delivered",
    "archived",
    "withdrawn",  # closed without repair: a duplicate, or not a system failure at all
)
CLOSED_STAGES = frozenset({"archived", "withdrawn"})
SEVERITIES = ("low", "medium", "high", "critical")
# What ``correct`` may change in a failure's header, before its report is signed.
CORRECTABLE = ("title", "system", "description", "severity")


@dataclass(frozen=True)
class Imported:
    """Where an entry came from when it was read from an office's earlier Log Book (a
    spreadsheet) rather than taken in klipctl: who imported it and when, the file (its name and
    SHA-256) and the row, with the row's cells as they stood. The entry's actor, role and time
    are the row's; its signature is the importing clerk's (``by``)."""

    by: str  # the importing clerk's handle: their key signs the entry
    at: datetime  # when it was imported (the entry itself is dated as the row says)
    file: str  # the file's name, without folders
    sha256: str  # of the whole file: the same file is never imported twice
    row: int  # the row in the sheet (the header is row 1)
    values: tuple[tuple[str, str], ...]  # (column header, cell text), as in the file


@dataclass(frozen=True)
class Entry:
    """One step of the SOP taken by one person at one moment."""

    action: str
    stage: str  # the stage the failure is in after this entry
    actor: str  # roster handle
    role: str  # the role the actor acted in
    at: datetime  # aware, Asia/Jakarta
    details: dict[str, Any] = field(default_factory=dict)
    prev: str | None = None  # digest of the previous entry (see signing.py); None in old books
    sig: str | None = None  # the actor's armored SSH signature; None where not required
    imported: Imported | None = None  # read from a spreadsheet: signed by ``imported.by``

    @property
    def signer(self) -> str:
        """Whose key signs this entry: its actor's, or for an imported one the importing
        clerk's."""
        return self.imported.by if self.imported is not None else self.actor

    @property
    def signed_at(self) -> datetime:
        """When its signature was made: its time, or for an imported one the import's."""
        return self.imported.at if self.imported is not None else self.at

    @property
    def day(self) -> date:
        return self.at.astimezone(JAKARTA).date()


@dataclass(frozen=True)
class Attachment:
    """A file attached to a failure: stored by its SHA-256, described in its signed entry."""

    name: str
    size: int
    media_type: str
    sha256: str
    entry: Entry


@dataclass(frozen=True)
class Failure:
    """A reported system failure: its ID and the entries made so far, oldest first."""

    id: str
    entries: tuple[Entry, ...]

    def with_entry(self, entry: Entry) -> Failure:
        return Failure(self.id, (*self.entries, entry))

    @property
    def report(self) -> Entry:
        return self.entries[0]

    @property
    def stage(self) -> str:
        return self.entries[-1].stage

    @property
    def is_open(self) -> bool:
        return self.stage not in CLOSED_STAGES

    def header(self, field: str) -> str:
        """A header field as it stands now: the latest correction, else as reported."""
        for entry in reversed(self.entries):
            if entry.action == "correct" and entry.details.get("field") == field:
                return str(entry.details.get("value") or "")
        return self.original(field)

    def original(self, field: str) -> str:
        default = "medium" if field == "severity" else ""
        return str(self.report.details.get(field) or default)

    @property
    def corrected(self) -> frozenset[str]:
        """The header fields a ``correct`` entry changed."""
        return frozenset(str(e.details.get("field")) for e in self.entries if e.action == "correct")

    @property
    def title(self) -> str:
        return self.header("title")

    @property
    def system(self) -> str:
        return self.header("system")

    @property
    def description(self) -> str:
        return self.header("description")

    @property
    def severity(self) -> str:
        return self.header("severity")

    @property
    def reporter(self) -> str:
        return self.report.actor

    @property
    def reported_at(self) -> datetime:
        return self.report.at

    def last(self, action: str) -> Entry | None:
        for entry in reversed(self.entries):
            if entry.action == action:
                return entry
        return None

    def first(self, action: str) -> Entry | None:
        for entry in self.entries:
            if entry.action == action:
                return entry
        return None

    @property
    def assigned_at(self) -> datetime | None:
        """When the deadline clock started: the first assignment (a rejection never restarts it)."""
        entry = self.first("assign")
        return entry.at if entry else None

    @property
    def last_assigned_at(self) -> datetime | None:
        """When the operator working on it now was given it (an assignment or a reassignment)."""
        entry = self._last_assignment()
        return entry.at if entry else None

    @property
    def assignee(self) -> str | None:
        entry = self._last_assignment()
        return str(entry.details["to"]) if entry else None

    def _last_assignment(self) -> Entry | None:
        for entry in reversed(self.entries):
            if entry.action in ("assign", "reassign"):
                return entry
        return None

    @property
    def involved(self) -> frozenset[str]:
        """Everyone who made an entry on it or whom the SOP named for it."""
        named = {self.assignee, self.drafter} - {None}
        return frozenset({e.actor for e in self.entries} | {str(h) for h in named})

    @property
    def withdrawn(self) -> Entry | None:
        return self.last("withdraw") if self.stage == "withdrawn" else None

    @property
    def duplicate_of(self) -> str | None:
        entry = self.withdrawn
        value = entry.details.get("duplicate_of") if entry else None
        return str(value) if value else None

    @property
    def attachments(self) -> tuple[Attachment, ...]:
        """Every attached file, in order; numbered from 1 by ``klipctl attachment``."""
        found: list[Attachment] = []
        for entry in self.entries:
            if entry.action == "attach":
                for item in entry.details.get("files") or ():
                    found.append(
                        Attachment(
                            str(item["name"]),
                            int(item["size"]),
                            str(item["type"]),
                            str(item["sha256"]),
                            entry,
                        )
                    )
        return tuple(found)

    @property
    def drafter(self) -> str | None:
        entry = self.last("accept")
        return str(entry.details["drafter"]) if entry else None

    @property
    def rejections(self) -> tuple[Entry, ...]:
        return tuple(e for e in self.entries if e.action == "reject")

    @property
    def imported(self) -> Imported | None:
        """Where the failure was imported from (its first entry's marker), if it was."""
        return self.report.imported

    @property
    def finished_at(self) -> datetime | None:
        entry = self.last("archive")
        return entry.at if entry else None
