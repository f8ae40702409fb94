"""What people ask of the log book: one failure, the board, a failure's history."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field

from klipctl.app import sharing
from klipctl.app.context import Context
from klipctl.domain import ids
from klipctl.domain.model import CORRECTABLE, SEVERITIES, STAGES, Failure
from klipctl.domain.roster import Person, Roster
from klipctl.domain.standing import Status
from klipctl.errors import InvalidInput
from klipctl.storage.git import Commit
from klipctl.storage.logbook import Problem


@dataclass(frozen=True)
class Listing:
    statuses: list[Status]
    problems: list[Problem] = field(default_factory=list)


@dataclass(frozen=True)
class Filters:
    stage: str | None = None
    assignee: str | None = None
    system: str | None = None
    overdue: bool = False
    include_closed: bool = False


def show(ctx: Context, id_text: str) -> Status:
    sharing.catch_up(ctx)
    lb = ctx.logbook
    return ctx.status(lb.load_failure(lb.resolve_id(id_text)))


def list_failures(ctx: Context, filters: Filters) -> Listing:
    from klipctl.storage import index  # sqlite and json only for list-type commands

    sharing.catch_up(ctx)
    q = index.Query(filters.stage, filters.assignee, filters.system, filters.include_closed)
    failures, problems = index.query(ctx.logbook, q, ctx.env)
    statuses = [ctx.status(f) for f in failures]
    if filters.overdue:
        statuses = [s for s in statuses if s.overdue]
    return Listing(statuses, problems)


def history(ctx: Context, id_text: str) -> tuple[Failure, list[Commit]]:
    lb = ctx.logbook
    failure = lb.load_failure(lb.resolve_id(id_text))
    return failure, lb.git.log(lb.failure_path(failure.id).relative_to(lb.root))


# What an office types for the fields `correct` takes: the English names and the Indonesian.
FIELD_ALIASES = {"judul": "title", "sistem": "system", "uraian": "description",
                 "deskripsi": "description", "tingkat": "severity"}  # fmt: skip


def check_field(field: str) -> str:
    """The header field named (in English or Indonesian), or refuse it."""
    name = FIELD_ALIASES.get(field.strip().lower(), field.strip().lower())
    if name not in CORRECTABLE:
        choices = ", ".join(f"{c} ({i})" for i, c in zip(("judul", "sistem", "uraian", "tingkat"),
                                                          CORRECTABLE, strict=True))  # fmt: skip
        raise InvalidInput("invalid_field", value=field, choices=choices)
    return name


def check_severity(severity: str) -> None:
    if severity not in SEVERITIES:
        raise InvalidInput("invalid_severity", value=severity, choices=", ".join(SEVERITIES))


def check_stage(stage: str | None) -> None:
    if stage is not None and stage not in STAGES:
        raise InvalidInput("invalid_stage", value=stage, choices=", ".join(STAGES))


def _active(person: Person | None) -> bool:
    return person is not None and person.active


def stranded(status: Status, roster: Roster) -> str | None:
    """The handle of the one person the SOP waits for, when they are no longer on the roster."""
    nxt = status.next
    if nxt is None or nxt.handle is None or _active(roster.get(nxt.handle)):
        return None
    return nxt.handle


def id_width(ctx: Context, shown: Iterable[str]) -> int:
    """How much of each ID a narrow table needs: the shortest prefix (at least
    ``ids.SHORT_MIN`` characters) that still names only that failure in this log book, as
    `show ID` and the other commands read it."""
    from klipctl.storage import index

    shown = list(shown)
    every = None if ctx.env.get("KLIPCTL_INDEX") == "0" else index.near_ids(ctx.logbook, shown)
    if every is None:
        every = ctx.logbook.failure_ids()
    return ids.unique_prefix_length(shown, every)


def duplicates(ctx: Context, failure_id: str) -> list[str]:
    """The IDs of the withdrawn failures that name ``failure_id`` as what they duplicate."""
    from klipctl.storage import index

    q = index.Query(include_closed=True, duplicate_of=failure_id)
    failures, _ = index.query(ctx.logbook, q, ctx.env)
    return [f.id for f in failures]


@dataclass(frozen=True)
class Waiting(Listing):
    """`inbox`: the failures waiting for one person; ``stranded``: ID → the person no longer on
    the roster whom the SOP names for it (the supervisor sees those, to reassign them)."""

    stranded: dict[str, str] = field(default_factory=dict)


def waits_for(status: Status, person: Person, roster: Roster) -> bool:
    """Is ``person`` the next actor on the failure under the SOP (or, as a supervisor, the one
    who reassigns it when the person the SOP names has left the roster)?"""
    nxt = status.next
    if nxt is None:
        return False
    if person.has_role(nxt.role) and nxt.handle in (None, person.handle):
        return True
    return (
        person.has_role("supervisor")
        and bool(nxt.handle)
        and not _active(roster.get(nxt.handle or ""))
    )


def by_urgency(status: Status) -> tuple[bool, int, str]:
    """Overdue first, then by working days left, not yet assigned last."""
    return (status.days_left is None, status.days_left or 0, status.failure.id)


def inbox(ctx: Context) -> Waiting:
    """Every failure on which the person running klipctl is the next actor under the SOP:
    overdue first, then by working days left (not yet assigned last)."""
    from klipctl.storage import index

    sharing.catch_up(ctx)
    me = ctx.actor()
    roster = ctx.logbook.roster
    failures, problems = index.query(ctx.logbook, index.Query(), ctx.env)
    mine = [s for s in map(ctx.status, failures) if waits_for(s, me, roster)]
    mine.sort(key=by_urgency)
    left = {s.failure.id: h for s in mine if (h := stranded(s, roster)) is not None}
    return Waiting(mine, problems, left)
