"""What people ask of the log book: one failure, the board, a failure's history."""

from __future__ import annotations

from dataclasses import dataclass, field

from klipctl.app.context import Context
from klipctl.domain.model import CORRECTABLE, STAGES, Failure
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
    lb = ctx.logbook
    return ctx.status(lb.load_failure(lb.resolve_id(id_text)))


def list_failures(ctx: Context, filters: Filters) -> Listing:
    from klipctl.storage import index  # sqlite and json only for list-type commands

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


def check_field(field: str) -> None:
    if field not in CORRECTABLE:
        raise InvalidInput("invalid_field", value=field, choices=", ".join(CORRECTABLE))


def check_stage(stage: str | None) -> None:
    if stage is not None and stage not in STAGES:
        raise InvalidInput("invalid_stage", value=stage, choices=", ".join(STAGES))


def duplicates(ctx: Context, failure_id: str) -> list[str]:
    """The IDs of the withdrawn failures that name ``failure_id`` as what they duplicate."""
    from klipctl.storage import index

    q = index.Query(include_closed=True, duplicate_of=failure_id)
    failures, _ = index.query(ctx.logbook, q, ctx.env)
    return [f.id for f in failures]


def inbox(ctx: Context) -> Listing:
    """Every failure on which the person running klipctl is the next actor under the SOP:
    overdue first, then by working days left (not yet assigned last)."""
    from klipctl.storage import index

    me = ctx.actor()
    failures, problems = index.query(ctx.logbook, index.Query(), ctx.env)
    mine = []
    for failure in failures:
        status = ctx.status(failure)
        nxt = status.next
        if nxt is None or not me.has_role(nxt.role):
            continue
        if nxt.handle is None or nxt.handle == me.handle:
            mine.append(status)
    mine.sort(key=lambda s: (s.days_left is None, s.days_left or 0, s.failure.id))
    return Listing(mine, problems)
