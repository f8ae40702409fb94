"""What people ask of the log book: one failure, the board, a failure's history."""

from __future__ import annotations

from dataclasses import dataclass, field

from klipctl.app.context import Context
from klipctl.domain.model import STAGES, Failure
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


def check_stage(stage: str | None) -> None:
    if stage is not None and stage not in STAGES:
        raise InvalidInput("invalid_stage", value=stage, choices=", ".join(STAGES))
