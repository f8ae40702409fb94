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
)
CLOSED_STAGES = frozenset({"archived"})
SEVERITIES = ("low", "medium", "high", "critical")


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

    @property
    def day(self) -> date:
        return self.at.astimezone(JAKARTA).date()


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

    @property
    def title(self) -> str:
        return str(self.report.details["title"])

    @property
    def system(self) -> str:
        return str(self.report.details["system"])

    @property
    def description(self) -> str:
        return str(self.report.details.get("description") or "")

    @property
    def severity(self) -> str:
        return str(self.report.details.get("severity") or "medium")

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
    def assignee(self) -> str | None:
        entry = self.last("assign")
        return str(entry.details["to"]) if entry else None

    @property
    def drafter(self) -> str | None:
        entry = self.last("accept")
        return str(entry.details["drafter"]) if entry else None

    @property
    def rejections(self) -> tuple[Entry, ...]:
        return tuple(e for e in self.entries if e.action == "reject")

    @property
    def finished_at(self) -> datetime | None:
        entry = self.last("archive")
        return entry.at if entry else None
