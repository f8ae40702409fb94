"""The on-disk shape of failures, the roster and the office calendar, apart from the domain types.

Each file carries ``schema: 1``. Failure, roster and calendar files are append-only: a new entry
is written as YAML text appended to the file's closing list, so earlier bytes never change and
``git diff`` shows exactly one added entry per command.
"""

from __future__ import annotations

from collections.abc import Mapping
from datetime import UTC, date, datetime
from typing import Any

from klipctl import yamlio
from klipctl.errors import BadFile
from klipctl.model import JAKARTA, Entry, Failure
from klipctl.procedure import STEPS
from klipctl.roster import ACTIONS as ROSTER_ACTIONS
from klipctl.roster import RosterChange, change_fields
from klipctl.workdays import CalendarChange

SCHEMA = 1
FAILURE_HEADER = "# klipctl failure: append-only, change it only with klipctl\n"
_ENTRY_KEYS = ("action", "stage", "actor", "role", "at", "details")


def format_time(at: datetime) -> str:
    return at.astimezone(JAKARTA).isoformat(timespec="seconds")


def _parse_time(value: Any, where: str) -> datetime:
    if isinstance(value, datetime):
        parsed = value
    else:
        try:
            parsed = datetime.fromisoformat(str(value))
        except ValueError:
            raise BadFile("bad_field", where=where, field="at") from None
    if parsed.tzinfo is None:
        raise BadFile("bad_field", where=where, field="at")
    return parsed


# --- failures -----------------------------------------------------------------------------------


def entry_to_dict(entry: Entry) -> dict[str, Any]:
    data = {
        "action": entry.action,
        "stage": entry.stage,
        "actor": entry.actor,
        "role": entry.role,
        "at": format_time(entry.at),
        "details": dict(entry.details),
    }
    # Only when present, so log books made before signatures read and write as they did.
    if entry.prev is not None:
        data["prev"] = entry.prev
    if entry.sig is not None:
        data["sig"] = entry.sig
    return data


def new_failure_text(failure_id: str, first: Entry) -> str:
    head = yamlio.dumps({"schema": SCHEMA, "id": failure_id})
    return FAILURE_HEADER + head + "entries:\n" + entry_text(first)


def entry_text(entry: Entry) -> str:
    """One entry as the YAML list item appended to a failure file."""
    return yamlio.dumps([entry_to_dict(entry)])


def _scalar_details(value: Any, where: str) -> dict[str, Any]:
    if not isinstance(value, Mapping):
        raise BadFile("bad_field", where=where, field="details")
    for key, item in value.items():
        if not isinstance(key, str) or not (item is None or isinstance(item, str | int | float)):
            raise BadFile("bad_field", where=where, field=f"details.{key}")
    return dict(value)


def parse_entry(raw: Any, where: str, n: int) -> Entry:
    """One stored entry (the ``n``th of its failure), validated."""
    if not isinstance(raw, Mapping) or any(k not in raw for k in _ENTRY_KEYS):
        raise BadFile("bad_entry", where=where, keys=", ".join(_ENTRY_KEYS))
    step = STEPS.get(str(raw["action"]))
    if step is None or raw["stage"] != step.after or (n == 1) != (step.action == "report"):
        raise BadFile("bad_field", where=where, field="action")
    if not all(isinstance(raw[k], str) for k in ("actor", "role")):
        raise BadFile("bad_field", where=where, field="actor")
    return Entry(
        action=step.action,
        stage=step.after,
        actor=raw["actor"],
        role=raw["role"],
        at=_parse_time(raw["at"], where),
        details=_scalar_details(raw["details"], where),
        prev=_optional_str(raw, "prev", where),
        sig=_optional_str(raw, "sig", where),
    )


def _optional_str(raw: Mapping[str, Any], key: str, where: str) -> str | None:
    value = raw.get(key)
    if value is not None and not isinstance(value, str):
        raise BadFile("bad_field", where=where, field=key)
    return value


def load_failure_doc(data: bytes, source: str) -> Any:
    """The parsed YAML of a failure file, not yet validated."""
    try:
        return yamlio.loads(data)
    except yamlio.YamlProblem as exc:
        raise BadFile("unreadable_file", path=source, reason=str(exc)) from None


def parse_failure(data: bytes, source: str, expected_id: str | None = None) -> Failure:
    """Read a failure file, validating its shape; BadFile names the file and the reason."""
    return failure_from_doc(load_failure_doc(data, source), source, expected_id)


def failure_from_doc(doc: Any, source: str, expected_id: str | None = None) -> Failure:
    """Validate a parsed failure document (from YAML, or the index's copy of it)."""
    if not isinstance(doc, Mapping) or doc.get("schema") != SCHEMA:
        raise BadFile("bad_schema", path=source, schema=SCHEMA)
    failure_id = doc.get("id")
    if not isinstance(failure_id, str) or (expected_id and failure_id != expected_id):
        raise BadFile("bad_field", where=source, field="id")
    raw_entries = doc.get("entries")
    if not isinstance(raw_entries, list) or not raw_entries:
        raise BadFile("bad_field", where=source, field="entries")
    entries = [parse_entry(raw, f"{source}, entry {n}", n) for n, raw in enumerate(raw_entries, 1)]
    report = entries[0].details
    if not isinstance(report.get("title"), str) or not isinstance(report.get("system"), str):
        raise BadFile("bad_field", where=f"{source}, entry 1", field="details.title")
    return Failure(failure_id, tuple(entries))


# --- roster -------------------------------------------------------------------------------------


def roster_change_to_dict(change: RosterChange) -> dict[str, Any]:
    data: dict[str, Any] = {
        "action": change.action,
        "handle": change.handle,
        "actor": change.actor,
        "at": format_time(change.at),
    }
    data.update({k: (list(v) if isinstance(v, tuple) else v) for k, v in change.fields.items()})
    if change.prev is not None:
        data["prev"] = change.prev
    if change.sig is not None:
        data["sig"] = change.sig
    return data


def roster_change_text(change: RosterChange) -> str:
    return yamlio.dumps([roster_change_to_dict(change)])


def append_roster_change(text: str, change: RosterChange) -> str:
    return append_roster_change_text(text, roster_change_text(change))


def append_roster_change_text(text: str, item: str) -> str:
    """Append one list item to a file whose last key is ``changes`` (roster, calendar)."""
    # An empty list ends with "changes: []"; the first change turns it into a block list.
    if text.rstrip().endswith("changes: []"):
        text = text.rstrip()[: -len("[]")].rstrip() + "\n"
    elif text and not text.endswith("\n"):
        text += "\n"
    return text + item


def parse_roster(data: bytes, source: str) -> list[RosterChange]:
    try:
        doc = yamlio.loads(data)
    except yamlio.YamlProblem as exc:
        raise BadFile("unreadable_file", path=source, reason=str(exc)) from None
    if not isinstance(doc, Mapping) or doc.get("schema") != SCHEMA:
        raise BadFile("bad_schema", path=source, schema=SCHEMA)
    raw_changes = doc.get("changes") or []
    if not isinstance(raw_changes, list):
        raise BadFile("bad_field", where=source, field="changes")
    changes = []
    seen: set[str] = set()
    for n, raw in enumerate(raw_changes, start=1):
        where = f"{source}, change {n}"
        if not isinstance(raw, Mapping) or raw.get("action") not in ROSTER_ACTIONS:
            raise BadFile("bad_field", where=where, field="action")
        handle = raw.get("handle")
        if not isinstance(handle, str) or (raw["action"] == "add") == (handle in seen):
            raise BadFile("bad_field", where=where, field="handle")
        seen.add(handle)
        fields = change_fields(raw)
        if raw["action"] == "add" and not all(k in fields for k in ("name", "nip", "roles")):
            raise BadFile("bad_entry", where=where, keys="name, nip, roles")
        if "nip" in fields:
            fields["nip"] = str(fields["nip"])
        changes.append(
            RosterChange(
                raw["action"],
                handle,
                fields,
                raw.get("actor"),
                _parse_time(raw.get("at"), where),
                _optional_str(raw, "prev", where),
                _optional_str(raw, "sig", where),
            )
        )
    return changes


# --- the office's calendar ----------------------------------------------------------------------


def calendar_change_text(change: CalendarChange) -> str:
    data: dict[str, Any] = {
        "action": change.action,
        "date": change.day.isoformat(),
        "name": change.name,
        "working": change.working,
        "reason": change.reason,
        "actor": change.actor,
        "at": format_time(change.at),
    }
    return yamlio.dumps([data])


def append_calendar_change(text: str, change: CalendarChange) -> str:
    return append_roster_change_text(text, calendar_change_text(change))


def parse_calendar(data: bytes, source: str) -> list[CalendarChange]:
    """Read the office's calendar changes; a ``remove`` must undo an earlier ``add``."""
    try:
        doc = yamlio.loads(data)
    except yamlio.YamlProblem as exc:
        raise BadFile("unreadable_file", path=source, reason=str(exc)) from None
    if not isinstance(doc, Mapping) or doc.get("schema") != SCHEMA:
        raise BadFile("bad_schema", path=source, schema=SCHEMA)
    raw_changes = doc.get("changes") or []
    if not isinstance(raw_changes, list):
        raise BadFile("bad_field", where=source, field="changes")
    changes = []
    active: set[date] = set()
    for n, raw in enumerate(raw_changes, start=1):
        where = f"{source}, change {n}"
        if not isinstance(raw, Mapping) or raw.get("action") not in ("add", "remove"):
            raise BadFile("bad_field", where=where, field="action")
        value = raw.get("date")
        try:
            day = value if isinstance(value, date) else date.fromisoformat(str(value))
        except ValueError:
            raise BadFile("bad_field", where=where, field="date") from None
        if (raw["action"] == "add") == (day in active):
            raise BadFile("bad_field", where=where, field="date")
        name, reason, actor = raw.get("name"), raw.get("reason") or "", raw.get("actor")
        if not isinstance(name, str) or not name.strip():
            raise BadFile("bad_field", where=where, field="name")
        if not isinstance(reason, str) or not isinstance(actor, str):
            raise BadFile("bad_field", where=where, field="reason")
        if not isinstance(raw.get("working"), bool):
            raise BadFile("bad_field", where=where, field="working")
        (active.add if raw["action"] == "add" else active.discard)(day)
        changes.append(
            CalendarChange(
                raw["action"],
                day,
                name,
                raw["working"],
                reason,
                actor,
                _parse_time(raw.get("at"), where),
            )
        )
    return changes


# --- allowed signers ----------------------------------------------------------------------------

ALLOWED_SIGNERS_HEADER = (
    "# klipctl: the roster's public keys for `git log --show-signature` and\n"
    "# `ssh-keygen -Y verify`. Generated by klipctl from roster.yaml in the same commit as each\n"
    "# key change; do not edit.\n"
)


def allowed_signers_text(changes: list[RosterChange]) -> str:
    """The allowed_signers file for the roster: each key with the period it was valid."""
    from klipctl.signing import allowed_signers_line

    def stamp(at: datetime) -> str:
        return at.astimezone(UTC).strftime("%Y%m%d%H%M%S")

    periods: dict[str, list[tuple[str, str, str]]] = {}  # handle -> [(key, after, before)]
    emails: dict[str, str] = {}
    for change in changes:
        if "email" in change.fields and change.fields["email"]:
            emails[change.handle] = str(change.fields["email"])
        if "key" not in change.fields:
            continue
        spans = periods.setdefault(change.handle, [])
        if spans and not spans[-1][2]:
            spans[-1] = (spans[-1][0], spans[-1][1], stamp(change.at))
        if change.fields["key"]:
            spans.append((str(change.fields["key"]), stamp(change.at), ""))
    lines = []
    for handle in sorted(periods):
        principals = [handle, emails.get(handle, f"{handle}@klipctl.invalid")]
        for key, after, before in periods[handle]:
            lines.append(allowed_signers_line(principals, key, after, before))
    return ALLOWED_SIGNERS_HEADER + "".join(line + "\n" for line in lines)
