"""SOP LIP10-0072 as a table: which action moves which stage, taken by which role.

``apply`` is the only way an entry is made. It validates everything first and either returns the
new entry or raises ``Refused``/``InvalidInput``; it never touches files, git or the clock.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from klipctl.domain.model import ROLES, SEVERITIES, Entry, Failure
from klipctl.domain.roster import Person, Roster
from klipctl.domain.validate import SHORT_MAX, TEXT_MAX, TITLE_MAX, check_text
from klipctl.errors import InvalidInput, Refused


@dataclass(frozen=True)
class Step:
    action: str
    sop_step: str  # the numbered step of the SOP's "Prosedur Kerja"
    before: tuple[str, ...]  # stages the action may be taken from (empty: a new failure)
    roles: tuple[str, ...]  # roles that may take it, the first held is recorded
    after: str
    command: str  # what a person types
    # The one person who must act where the SOP names them (the assigned operator, tasked clerk).
    named: Callable[[Failure], str | None] | None = None


# The steps that also (re)write the stored result report, in the same commit as their entry.
REPORT_STEPS = ("draft", "sign", "deliver")

STEPS: dict[str, Step] = {
    s.action: s
    for s in (
        Step("report", "1", (), ROLES, "reported", "report"),
        Step("record", "2", ("reported",), ("clerk",), "recorded", "record"),
        Step("assign", "3", ("recorded",), ("supervisor",), "assigned", "assign"),
        Step(
            "resolve",
            "4",
            ("assigned",),
            ("operator",),
            "resolved",
            "resolve",
            named=lambda f: f.assignee,
        ),
        Step("accept", "5", ("resolved",), ("supervisor",), "reviewed", "review --accept"),
        Step("reject", "5", ("resolved",), ("supervisor",), "assigned", "review --reject"),
        Step(
            "draft", "6", ("reviewed",), ("clerk",), "drafted", "draft", named=lambda f: f.drafter
        ),
        Step("sign", "7", ("drafted",), ("supervisor",), "signed", "sign"),
        Step("deliver", "8", ("signed",), ("supervisor",), "delivered", "deliver"),
        Step("archive", "9", ("delivered",), ("clerk",), "archived", "archive"),
    )
}


@dataclass(frozen=True)
class NextStep:
    """What the SOP expects next, and who must do it."""

    actions: tuple[str, ...]
    role: str
    handle: str | None  # set when the SOP names one person


def next_step(failure: Failure) -> NextStep | None:
    actions = tuple(a for a, s in STEPS.items() if failure.stage in s.before)
    if not actions:
        return None
    step = STEPS[actions[0]]
    return NextStep(actions, step.roles[0], step.named(failure) if step.named else None)


def _check_details(action: str, details: Mapping[str, Any], roster: Roster) -> dict[str, Any]:
    """Validate and normalise the details a person gave for ``action``."""
    d = dict(details)
    if action == "report":
        out = {
            "title": check_text(str(d.get("title") or ""), "title", limit=TITLE_MAX),
            "system": check_text(str(d.get("system") or ""), "system", limit=SHORT_MAX),
        }
        if d.get("description"):
            out["description"] = check_text(
                str(d["description"]), "description", limit=TEXT_MAX, multiline=True
            )
        severity = d.get("severity") or "medium"
        if severity not in SEVERITIES:
            raise InvalidInput("invalid_severity", value=severity, choices=", ".join(SEVERITIES))
        out["severity"] = severity
        return out
    if action == "assign":
        out = {"to": _rostered(roster, str(d.get("to") or ""), "operator")}
        if d.get("note"):
            out["note"] = check_text(str(d["note"]), "note", limit=TEXT_MAX, multiline=True)
        return out
    if action == "accept":
        out = {"drafter": _rostered(roster, str(d.get("drafter") or ""), "clerk")}
        if d.get("note"):
            out["note"] = check_text(str(d["note"]), "note", limit=TEXT_MAX, multiline=True)
        return out
    if action == "reject":
        return {
            "reason": check_text(
                str(d.get("reason") or ""), "reason", limit=TEXT_MAX, multiline=True
            )
        }
    if action == "resolve":
        out = {
            "action": check_text(
                str(d.get("action") or ""), "action", limit=TEXT_MAX, multiline=True
            )
        }
        if d.get("cause"):
            out["cause"] = check_text(str(d["cause"]), "cause", limit=TEXT_MAX, multiline=True)
        return out
    # record, draft, sign, deliver, archive: an optional note, plus what the caller computed
    out = {k: v for k, v in d.items() if k != "note" and v is not None}
    if d.get("note"):
        out["note"] = check_text(str(d["note"]), "note", limit=TEXT_MAX, multiline=True)
    return out


def _rostered(roster: Roster, handle: str, role: str) -> str:
    if not handle:
        raise InvalidInput("missing_handle", role=role)
    person = roster.get(handle)
    if person is None or not person.active:
        raise InvalidInput("unknown_person", handle=handle)
    if role not in person.roles:
        raise InvalidInput("person_lacks_role", handle=handle, role=role)
    return handle


def apply(
    failure: Failure | None,
    action: str,
    actor: Person,
    details: Mapping[str, Any],
    at: datetime,
    roster: Roster,
) -> Entry:
    """Return the entry ``actor`` makes by taking ``action`` now, or raise why they may not."""
    step = STEPS[action]
    if failure is not None and failure.stage not in step.before:
        nxt = next_step(failure)
        raise Refused(
            "wrong_stage",
            id=failure.id,
            action=action,
            stage=failure.stage,
            next_actions=nxt.actions if nxt else (),
            next_role=nxt.role if nxt else None,
            next_handle=nxt.handle if nxt else None,
        )
    role = next((r for r in step.roles if actor.has_role(r)), None)
    if role is None:
        raise Refused("wrong_role", handle=actor.handle, action=action, roles=step.roles)
    if failure is not None and step.named is not None:
        named = step.named(failure)
        if named != actor.handle:
            raise Refused("not_named_person", handle=actor.handle, action=action, named=named)
    return Entry(
        action, step.after, actor.handle, role, at, _check_details(action, details, roster)
    )
