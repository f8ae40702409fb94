"""The on-disk shape of failures, the roster and the office calendar, apart from the domain types.

Each file carries ``schema: 1``. Failure, roster and calendar files are append-only: a new entry
is written as YAML text appended to the file's closing list, so earlier bytes never change and
``git diff`` shows exactly one added entry per command.
"""

from __future__ import annotations

from collections.abc import Mapping
from datetime import date, datetime
from typing import Any

from klipctl.domain import ids, validate
from klipctl.domain.model import JAKARTA, ROLES, Entry, Failure, Imported
from klipctl.domain.procedure import SHA256_RE, STEPS
from klipctl.domain.roster import ACTIONS as ROSTER_ACTIONS
from klipctl.domain.roster import (
    HANDLE_RE,
    RosterChange,
    change_fields,
    check_email,
    check_name,
    check_nip,
    check_roles,
)
from klipctl.domain.workdays import CalendarChange
from klipctl.errors import BadFile, InvalidInput
from klipctl.storage import yamlio

SCHEMA = 1
FAILURE_HEADER = "# klipctl failure: append-only, change it only with klipctl\n"
_ENTRY_KEYS = ("action", "stage", "actor", "role", "at", "details")
_SINGLE_LINE_DETAILS = (
    "title", "system", "to", "drafter", "number", "report_sha256", "field", "duplicate_of"
)  # fmt: skip
_PERSON_FIELDS = ("name", "nip", "roles", "email", "key", "reason")


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
    if parsed.tzinfo is None or not validate.FIRST_YEAR <= parsed.year <= validate.LAST_YEAR:
        raise BadFile("bad_field", where=where, field="at")
    return parsed


def _text(value: Any, where: str, field: str, *, multiline: bool = False) -> str:
    """A string as klipctl writes it: no control characters, one line unless ``multiline``."""
    if not isinstance(value, str):
        raise BadFile("bad_field", where=where, field=field)
    if validate.problem(value, multiline=multiline):
        raise BadFile("bad_text", where=where, field=field)
    return value


def _handle(value: Any, where: str, field: str) -> str:
    if not isinstance(value, str) or not HANDLE_RE.fullmatch(value):
        raise BadFile("bad_field", where=where, field=field)
    return value


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
    if entry.imported is not None:
        data["imported"] = imported_to_dict(entry.imported)
    # Only when present, so log books made before signatures read and write as they did.
    if entry.prev is not None:
        data["prev"] = entry.prev
    if entry.sig is not None:
        data["sig"] = entry.sig
    return data


def imported_to_dict(imported: Imported) -> dict[str, Any]:
    return {
        "by": imported.by,
        "at": format_time(imported.at),
        "file": imported.file,
        "sha256": imported.sha256,
        "row": imported.row,
        "values": dict(imported.values),
    }


_IMPORTED_KEYS = {"by", "at", "file", "sha256", "row", "values"}


def _imported(raw: Any, where: str) -> Imported:
    """An entry's import marker, every part checked (it says whose key signed the entry)."""
    if not isinstance(raw, Mapping) or set(raw) != _IMPORTED_KEYS:
        raise BadFile("bad_field", where=where, field="imported")
    row, sha, values = raw["row"], raw["sha256"], raw["values"]
    if not isinstance(row, int) or isinstance(row, bool) or row < 2:
        raise BadFile("bad_field", where=where, field="imported.row")
    if not isinstance(sha, str) or not SHA256_RE.fullmatch(sha):
        raise BadFile("bad_field", where=where, field="imported.sha256")
    if not isinstance(values, Mapping) or not values:
        raise BadFile("bad_field", where=where, field="imported.values")
    for key, value in values.items():
        _text(key, where, "imported.values")
        _text(value, where, "imported.values", multiline=True)
    return Imported(
        by=_handle(raw["by"], where, "imported.by"),
        at=_parse_time(raw["at"], where),
        file=_text(raw["file"], where, "imported.file"),
        sha256=sha,
        row=row,
        values=tuple((str(k), str(v)) for k, v in values.items()),
    )


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
            field = f"details.{validate.printable(str(key), 40)}"
            raise BadFile("bad_field", where=where, field=field)
        if isinstance(item, str):
            _text(item, where, f"details.{key}", multiline=key not in _SINGLE_LINE_DETAILS)
    return dict(value)


def _files(value: Any, where: str) -> list[dict[str, Any]]:
    """An attach entry's list of files: name, size, media type, SHA-256 each."""
    if not isinstance(value, list) or not value:
        raise BadFile("bad_field", where=where, field="details.files")
    for item in value:
        if not isinstance(item, Mapping) or set(item) != {"name", "size", "type", "sha256"}:
            raise BadFile("bad_field", where=where, field="details.files")
        size, sha = item["size"], item["sha256"]
        if not isinstance(size, int) or isinstance(size, bool) or size < 0:
            raise BadFile("bad_field", where=where, field="details.files.size")
        if not isinstance(sha, str) or not SHA256_RE.fullmatch(sha):
            raise BadFile("bad_field", where=where, field="details.files.sha256")
        _text(item["name"], where, "details.files.name")
        _text(item["type"], where, "details.files.type")
    return [dict(item) for item in value]


def parse_entry(raw: Any, where: str, n: int, stage_before: str | None = None) -> Entry:
    """One stored entry (the ``n``th of its failure, after one at ``stage_before``), validated."""
    if not isinstance(raw, Mapping) or any(k not in raw for k in _ENTRY_KEYS):
        raise BadFile("bad_entry", where=where, keys=", ".join(_ENTRY_KEYS))
    step = STEPS.get(str(raw["action"]))
    # A step that keeps the stage must name the stage it kept.
    stage = None if step is None else (step.after or stage_before)
    if (
        step is None
        or stage is None
        or raw["stage"] != stage
        or (n == 1) != (step.action == "report")
    ):
        raise BadFile("bad_field", where=where, field="action")
    if raw["role"] not in ROLES:
        raise BadFile("bad_field", where=where, field="role")
    details = raw["details"]
    files = None
    if step.action == "attach" and isinstance(details, Mapping) and "files" in details:
        files = _files(details["files"], where)
        details = {k: v for k, v in details.items() if k != "files"}
    details = _scalar_details(details, where)
    if files is not None:
        details["files"] = files
    return Entry(
        action=step.action,
        stage=stage,
        actor=_handle(raw["actor"], where, "actor"),
        role=raw["role"],
        at=_parse_time(raw["at"], where),
        details=details,
        prev=_optional_str(raw, "prev", where),
        sig=_optional_str(raw, "sig", where),
        imported=None if raw.get("imported") is None else _imported(raw["imported"], where),
    )


def _optional_str(raw: Mapping[str, Any], key: str, where: str) -> str | None:
    value = raw.get(key)
    return None if value is None else _text(value, where, key, multiline=True)


def load_failure_doc(data: bytes, source: str) -> Any:
    """The parsed YAML of a failure file, not yet validated."""
    try:
        return yamlio.loads(data)
    except yamlio.YamlProblem as exc:
        raise BadFile("unreadable_file", path=source, reason=str(exc)) from None


def read_failure_doc(data: bytes, source: str) -> tuple[Any, list[int] | None]:
    """The parsed YAML of a failure file, not yet validated, and the byte offset where each
    of its entries begins when it is in klipctl's own layout (``yamlio.loads_with_items``)."""
    try:
        return yamlio.loads_with_items(data)
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
    if not isinstance(failure_id, str) or not ids.is_id(failure_id):
        raise BadFile("bad_field", where=source, field="id")
    if expected_id and failure_id != expected_id:
        raise BadFile("bad_field", where=source, field="id")
    raw_entries = doc.get("entries")
    if not isinstance(raw_entries, list) or not raw_entries:
        raise BadFile("bad_field", where=source, field="entries")
    entries: list[Entry] = []
    for n, raw in enumerate(raw_entries, 1):
        before = entries[-1].stage if entries else None
        entries.append(parse_entry(raw, f"{source}, entry {n}", n, before))
    report = entries[0].details
    if not isinstance(report.get("title"), str) or not isinstance(report.get("system"), str):
        raise BadFile("bad_field", where=f"{source}, entry 1", field="details.title")
    return Failure(failure_id, tuple(entries))


def failure_from_index(doc: Mapping[str, Any], failure_id: str) -> Failure:
    """The failure the index's copy of a document stands for: the copy was checked whole by
    ``failure_from_doc`` when it was indexed, so here it is only taken apart (a list reads a
    few hundred of them; checking each again was most of its work). The same values:
    ``tests/test_index.py`` compares the two for every failure of a generated log book."""
    entries = tuple(
        Entry(
            action=raw["action"],
            stage=raw["stage"],
            actor=raw["actor"],
            role=raw["role"],
            at=datetime.fromisoformat(raw["at"]),
            details=dict(raw["details"]),
            prev=raw.get("prev"),
            sig=raw.get("sig"),
            imported=None if raw.get("imported") is None else _imported(raw["imported"], ""),
        )
        for raw in doc["entries"]
    )
    return Failure(failure_id, entries)


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
        handle = _handle(raw.get("handle"), where, "handle")
        if (raw["action"] == "add") == (handle in seen):
            raise BadFile("bad_field", where=where, field="handle")
        seen.add(handle)
        fields = _person_fields(change_fields(raw), where)
        if "reason" in fields and raw["action"] != "remove":
            raise BadFile("bad_field", where=where, field="reason")  # only a removal says why
        if raw["action"] == "add" and not all(k in fields for k in ("name", "nip", "roles")):
            raise BadFile("bad_entry", where=where, keys="name, nip, roles")
        actor = raw.get("actor")
        changes.append(
            RosterChange(
                raw["action"],
                handle,
                fields,
                None if actor is None else _handle(actor, where, "actor"),
                _parse_time(raw.get("at"), where),
                _optional_str(raw, "prev", where),
                _optional_str(raw, "sig", where),
            )
        )
    return changes


def _person_fields(fields: dict[str, Any], where: str) -> dict[str, Any]:
    """A roster change's person fields, each checked as ``roster add`` checks it (and kept as
    stored, since the change's signature covers it)."""
    for key, value in fields.items():
        if key not in _PERSON_FIELDS:
            raise BadFile("bad_field", where=where, field=validate.printable(str(key), 40))
        if value is None and key in ("email", "key"):
            continue  # taken away
        try:
            if key == "nip" and isinstance(value, str | int) and not isinstance(value, bool):
                fields[key] = value = str(value)
                check_nip(value)
            elif key == "roles" and isinstance(value, list):
                check_roles(value)
            elif key == "name" and isinstance(value, str):
                check_name(value)
            elif key == "email" and isinstance(value, str):
                check_email(value)
            elif key in ("key", "reason") and isinstance(value, str):
                _text(value, where, key)
            else:
                raise InvalidInput("bad_field")
        except InvalidInput:
            raise BadFile("bad_field", where=where, field=key) from None
    return fields


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
        name = _text(raw.get("name"), where, "name")
        reason = _text(raw.get("reason") or "", where, "reason")
        actor = _handle(raw.get("actor"), where, "actor")
        if not name.strip():
            raise BadFile("bad_field", where=where, field="name")
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
