"""SOP LIP10-0072 as a table: which action moves which stage, taken by which role.

``apply`` is the only way an entry is made. It validates everything first and either returns the
new entry or raises ``Refused``/``InvalidInput``; it never touches files, git or the clock.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from klipctl.domain.model import CORRECTABLE, ROLES, SEVERITIES, STAGES, Entry, Failure
from klipctl.domain.roster import Person, Roster
from klipctl.domain.validate import SHORT_MAX, TEXT_MAX, TITLE_MAX, check_text
from klipctl.errors import InvalidInput, Refused

SHA256_RE = re.compile(r"[0-9a-f]{64}")


@dataclass(frozen=True)
class Step:
    action: str
    sop_step: str  # the numbered step of the SOP's "Prosedur Kerja"; "-" for an office's aside
    before: tuple[str, ...]  # stages the action may be taken from (empty: a new failure)
    roles: tuple[str, ...]  # roles that may take it, the first held is recorded
    after: str | None  # the stage after it; None: the stage stays as it was
    command: str  # what a person types
    # The one person who must act where the SOP names them (the assigned operator, tasked clerk).
    named: Callable[[Failure], str | None] | None = None
    # People who may take it whatever their role (the reporter correcting their own report).
    also: Callable[[Failure], frozenset[str]] | None = None
    # On the SOP's own path (what `next_step` proposes) rather than one of the office's asides.
    main: bool = True

    def stage_after(self, failure: Failure | None) -> str:
        if self.after is not None:
            return self.after
        assert failure is not None  # only the first step has no failure, and it moves the stage
        return failure.stage


# The steps that also (re)write the stored result report, in the same commit as their entry.
REPORT_STEPS = ("draft", "sign", "deliver")
# Before the report is signed, what it says may still change; after, only notes and files.
UNSIGNED = ("reported", "recorded", "assigned", "resolved", "reviewed", "drafted")
# Withdrawn only while nobody has repaired it yet: after that, the SOP's own path finishes it.
UNRESOLVED = ("reported", "recorded", "assigned")


def _reporter(failure: Failure) -> frozenset[str]:
    return frozenset({failure.reporter})


def _involved(failure: Failure) -> frozenset[str]:
    return failure.involved


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
        # The office's asides: none moves the SOP forward, each is one signed entry.
        Step("return", "7", ("drafted",), ("supervisor",), "reviewed", "sign --reject", main=False),
        Step("reassign", "3", ("assigned",), ("supervisor",), None, "reassign", main=False),
        Step(
            "withdraw",
            "-",
            UNRESOLVED,
            ("clerk", "supervisor"),
            "withdrawn",
            "withdraw",
            main=False,
        ),  # fmt: skip
        Step(
            "correct",
            "-",
            UNSIGNED,
            ("clerk", "supervisor"),
            None,
            "correct",
            also=_reporter,
            main=False,
        ),  # fmt: skip
        Step("note", "-", STAGES, ROLES, None, "note", main=False),
        Step(
            "attach",
            "-",
            STAGES,
            ("clerk", "supervisor"),
            None,
            "attach",
            also=_involved,
            main=False,
        ),  # fmt: skip
    )
}


# The office's asides: steps off the SOP's own path.
ASIDES = tuple(a for a, s in STEPS.items() if not s.main)


@dataclass(frozen=True)
class NextStep:
    """What the SOP expects next, and who must do it."""

    actions: tuple[str, ...]
    role: str
    handle: str | None  # set when the SOP names one person


def next_step(failure: Failure) -> NextStep | None:
    actions = tuple(a for a, s in STEPS.items() if s.main and failure.stage in s.before)
    if not actions:
        return None
    step = STEPS[actions[0]]
    return NextStep(actions, step.roles[0], step.named(failure) if step.named else None)


def acting_role(step: Step, failure: Failure | None, person: Person) -> str | None:
    """The role ``person`` takes ``step`` in (the first of the step's they hold; for someone
    the step lets act whatever their role, the role they last acted in on this failure if they
    still hold it, else their own first role), or None if they may not."""
    role = next((r for r in step.roles if person.has_role(r)), None)
    if role is not None or failure is None or step.also is None or not person.active:
        return role
    if person.handle not in step.also(failure) or not person.roles:
        return None
    earlier = [e.role for e in failure.entries if e.actor == person.handle]
    return earlier[-1] if earlier and person.has_role(earlier[-1]) else person.roles[0]


def may_act_as(step: Step, failure: Failure | None, person: Person, role: str) -> bool:
    """Whether an entry recorded as taken by ``person`` in ``role`` was theirs to take."""
    if not person.has_role(role):
        return False
    if role in step.roles:
        return True
    return failure is not None and step.also is not None and person.handle in step.also(failure)


def _note(d: Mapping[str, Any], out: dict[str, Any]) -> dict[str, Any]:
    if d.get("note"):
        out["note"] = check_text(str(d["note"]), "note", limit=TEXT_MAX, multiline=True)
    return out


def _required(d: Mapping[str, Any], key: str) -> str:
    return check_text(str(d.get(key) or ""), key, limit=TEXT_MAX, multiline=True)


def header_value(field: str, value: str) -> str:
    """A title, system, description or severity, checked as ``report`` checks it."""
    if field == "title":
        return check_text(value, "title", limit=TITLE_MAX)
    if field == "system":
        return check_text(value, "system", limit=SHORT_MAX)
    if field == "description":
        return check_text(value, "description", limit=TEXT_MAX, multiline=True)
    if value not in SEVERITIES:
        raise InvalidInput("invalid_severity", value=value, choices=", ".join(SEVERITIES))
    return value


def _check_files(raw: Any) -> list[dict[str, Any]]:
    if not isinstance(raw, list | tuple) or not raw:
        raise InvalidInput("no_files")
    files = []
    for item in raw:
        sha = str(item.get("sha256") or "")
        size = item.get("size")
        if not SHA256_RE.fullmatch(sha) or not isinstance(size, int) or size < 0:
            raise InvalidInput("bad_attachment", name=str(item.get("name") or ""))
        files.append(
            {
                "name": check_text(str(item.get("name") or ""), "file_name", limit=SHORT_MAX),
                "size": size,
                "type": check_text(str(item.get("type") or ""), "media_type", limit=SHORT_MAX),
                "sha256": sha,
            }
        )
    return files


def _check_details(
    failure: Failure | None, action: str, details: Mapping[str, Any], roster: Roster
) -> dict[str, Any]:
    """Validate and normalise the details a person gave for ``action``."""
    d = dict(details)
    if action == "report":
        out = {
            "title": header_value("title", str(d.get("title") or "")),
            "system": header_value("system", str(d.get("system") or "")),
        }
        if d.get("description"):
            out["description"] = header_value("description", str(d["description"]))
        out["severity"] = header_value("severity", str(d.get("severity") or "medium"))
        return out
    if action in ("assign", "reassign"):
        to = _rostered(roster, str(d.get("to") or ""), "operator")
        if action == "reassign":
            assert failure is not None
            if to == failure.assignee:
                raise InvalidInput("same_assignee", handle=to, id=failure.id)
            return {"to": to, "reason": _required(d, "reason")}
        return _note(d, {"to": to})
    if action == "accept":
        return _note(d, {"drafter": _rostered(roster, str(d.get("drafter") or ""), "clerk")})
    if action in ("reject", "return"):
        return {"reason": _required(d, "reason")}
    if action == "resolve":
        out = {"action": _required(d, "action")}
        if d.get("cause"):
            out["cause"] = check_text(str(d["cause"]), "cause", limit=TEXT_MAX, multiline=True)
        return out
    if action == "note":
        return {"text": _required(d, "text")}
    if action == "withdraw":
        out = {"reason": _required(d, "reason")}
        other = d.get("duplicate_of")
        if other:
            assert failure is not None
            if other == failure.id:
                raise InvalidInput("duplicate_of_itself", id=failure.id)
            out["duplicate_of"] = str(other)
        return out
    if action == "correct":
        assert failure is not None
        field = str(d.get("field") or "")
        if field not in CORRECTABLE:
            raise InvalidInput("invalid_field", value=field, choices=", ".join(CORRECTABLE))
        value = header_value(field, str(d.get("value") or ""))
        if value == failure.header(field):
            raise InvalidInput("correction_unchanged", field=field)
        return {"field": field, "value": value, "reason": _required(d, "reason")}
    if action == "attach":
        return _note(d, {"files": _check_files(d.get("files"))})
    # record, draft, sign, deliver, archive: an optional note, plus what the caller computed
    out = {k: v for k, v in d.items() if k != "note" and v is not None}
    return _note(d, out)


def _rostered(roster: Roster, handle: str, role: str) -> str:
    if not handle:
        raise InvalidInput("missing_handle", role=role)
    person = roster.get(handle)
    if person is None or not person.active:
        raise InvalidInput("unknown_person", handle=handle)
    if role not in person.roles:
        raise InvalidInput("person_lacks_role", handle=handle, role=role)
    return handle


def check_allowed(failure: Failure | None, action: str, actor: Person) -> str:
    """The role ``actor`` takes ``action`` in now, or raise why they may not: the stage, the
    role, the person named. Commands ask this before any question, so nobody types an answer
    to a step that is not theirs."""
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
    role = acting_role(step, failure, actor)
    if role is None:
        key = "wrong_role_or_involved" if step.also is not None else "wrong_role"
        raise Refused(key, handle=actor.handle, action=action, roles=step.roles)
    if failure is not None and step.named is not None:
        named = step.named(failure)
        if named != actor.handle:
            raise Refused("not_named_person", handle=actor.handle, action=action, named=named)
    return role


def apply(
    failure: Failure | None,
    action: str,
    actor: Person,
    details: Mapping[str, Any],
    at: datetime,
    roster: Roster,
) -> Entry:
    """Return the entry ``actor`` makes by taking ``action`` now, or raise why they may not."""
    role = check_allowed(failure, action, actor)
    details = _check_details(failure, action, details, roster)
    return Entry(action, STEPS[action].stage_after(failure), actor.handle, role, at, details)
