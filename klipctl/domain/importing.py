"""An office's earlier Log Book, one spreadsheet row a failure: the column layout, and each row
read into the SOP entries it stands for, or every problem it has.

A row says who reported a failure and when, and as far as it goes who recorded, assigned,
repaired and accepted it and when. Each of those becomes the ordinary entry of that step
(``procedure.apply``: the same checks as the command), dated as the row says, with the person
the row names as its actor and an ``Imported`` marker that keeps the row's cells. Nothing here
reads files or signs: the rows come in as text, the entries go out unsealed.

The headers are part of the file format (as YAML keys are), matched without regard to case or
spaces: Indonesian, or the English beside them.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field, replace
from datetime import datetime, time
from typing import Any

from klipctl.domain import procedure
from klipctl.domain.dates import parse_written
from klipctl.domain.model import JAKARTA, SEVERITIES, Entry, Failure, Imported
from klipctl.domain.roster import Person, Roster
from klipctl.domain.validate import TEXT_MAX, problem
from klipctl.errors import KlipError

# A day without a time of day: the start of office hours (WIB), or now if that is later today.
DEFAULT_TIME = time(8, 0)
MAX_ROWS = 5000  # one import; a larger Log Book is split by year


@dataclass(frozen=True)
class Column:
    key: str
    header: str  # Indonesian, as the template writes it
    english: str
    required: bool = False


COLUMNS = (
    Column("no", "No", "No"),
    Column("reported", "Tanggal Lapor", "Reported", required=True),
    Column("reporter", "Pelapor", "Reporter", required=True),
    Column("system", "Sistem", "System", required=True),
    Column("title", "Judul", "Title", required=True),
    Column("description", "Uraian", "Description"),
    Column("severity", "Tingkat", "Severity"),
    Column("recorded", "Tanggal Catat", "Recorded"),
    Column("recorder", "Pencatat", "Recorded By"),
    Column("assigned", "Tanggal Tugas", "Assigned"),
    Column("assigner", "Penugas", "Assigned By"),
    Column("operator", "Petugas", "Operator"),
    Column("repaired", "Tanggal Selesai", "Repaired"),
    Column("action", "Tindakan", "Action"),
    Column("cause", "Penyebab", "Cause"),
    Column("accepted", "Tanggal Diterima", "Accepted"),
    Column("reviewer", "Pemeriksa", "Accepted By"),
    Column("drafter", "Penyusun Laporan", "Drafter"),
    Column("note", "Catatan", "Note"),
)
_BY_KEY = {c.key: c for c in COLUMNS}

# Severity as an office writes it.
_SEVERITY = {"rendah": "low", "sedang": "medium", "tinggi": "high", "kritis": "critical",
             **{s: s for s in SEVERITIES}}  # fmt: skip

# Each step the row may reach: its date column, the person column and the role they act in
# (None: the reporter may hold any role), and the columns its details come from.
_STEPS = (
    ("report", "reported", "reporter", None),
    ("record", "recorded", "recorder", "clerk"),
    ("assign", "assigned", "assigner", "supervisor"),
    ("resolve", "repaired", "operator", "operator"),
    ("accept", "accepted", "reviewer", "supervisor"),
)
# Which column an error about a detail of a step belongs to (its ``field`` parameter).
_FIELD_COLUMN = {"title": "title", "system": "system", "description": "description",
                 "severity": "severity", "action": "action", "cause": "cause", "note": "note",
                 "to": "operator", "drafter": "drafter"}  # fmt: skip


def _fold(text: str) -> str:
    return " ".join(text.split()).casefold()


_HEADERS = {
    name: c.key for c in COLUMNS for name in (_fold(c.header), _fold(c.english), c.key)
}


@dataclass(frozen=True)
class Problem:
    """One thing wrong with one cell (``column`` None: the row as a whole; row 1: a header)."""

    row: int
    column: int | None  # 0-based, in the file
    header: str  # the column's header as the file has it
    key: str  # catalogue message
    params: Mapping[str, Any] = field(default_factory=dict)


@dataclass(frozen=True)
class Layout:
    """Which column of the file holds what."""

    headers: tuple[str, ...]  # as in the file
    positions: Mapping[str, int]  # column key -> index


def read_headers(headers: Sequence[str]) -> tuple[Layout, list[Problem]]:
    """The file's header row against the documented columns: every unknown, repeated or
    missing column is a problem of row 1."""
    problems: list[Problem] = []
    positions: dict[str, int] = {}
    # One line each, as they are kept (Excel lets a header break over lines with Alt+Enter).
    headers = [" ".join(text.split()) for text in headers]
    for i, text in enumerate(headers):
        if not text:
            continue
        key = _HEADERS.get(_fold(text))
        why = problem(text)
        if why is not None:
            problems.append(Problem(1, i, text, why, {"field": text}))
        elif key is None:
            problems.append(Problem(1, i, text, "import_unknown_column",
                                    {"known": ", ".join(c.header for c in COLUMNS)}))  # fmt: skip
        elif key in positions:
            problems.append(Problem(1, i, text, "import_repeated_column"))
        else:
            positions[key] = i
    for c in COLUMNS:
        if c.required and c.key not in positions:
            problems.append(Problem(1, None, c.header, "import_missing_column"))
    return Layout(tuple(headers), positions), problems


@dataclass(frozen=True)
class Source:
    """The file rows come from: its name (no folders) and SHA-256, who imports it and when."""

    file: str
    sha256: str
    clerk: Person
    at: datetime
    roster: Roster


@dataclass(frozen=True)
class Row:
    """One row read into the failure it stands for (entries not yet chained or signed)."""

    row: int
    entries: tuple[Entry, ...]


def read_row(
    layout: Layout, n: int, cells: Sequence[str], source: Source
) -> tuple[Row | None, list[Problem]]:
    """Row ``n`` of the file (its cells as text) as the entries of one failure, or every
    problem with it."""
    problems: list[Problem] = []
    cells = [text.replace("\r\n", "\n") for text in cells]  # a cell's lines, as Windows ends them

    def cell(key: str) -> str:
        i = layout.positions.get(key)
        return cells[i].strip() if i is not None and i < len(cells) else ""

    def bad(key: str, message: str, **params: Any) -> None:
        i = layout.positions.get(key)
        header = layout.headers[i] if i is not None else _BY_KEY[key].header
        problems.append(Problem(n, i, header, message, params))

    for i, text in enumerate(cells):
        header = layout.headers[i] if i < len(layout.headers) else ""
        why = problem(text, multiline=True)
        if why is None and len(text) > TEXT_MAX:
            why = "field_too_long"
        if why is None and text.strip() and not header:
            why = "import_cell_without_column"  # never dropped unseen
        if why is not None:
            problems.append(Problem(n, i, header, why, {"field": header, "limit": TEXT_MAX}))
    if problems:
        return None, problems
    report = _report_details(cell, bad)
    plan = _plan(cell, bad, source)
    if problems or report is None:
        return None, problems
    imported = Imported(
        by=source.clerk.handle,
        at=source.at,
        file=source.file,
        sha256=source.sha256,
        row=n,
        values=tuple(
            (layout.headers[i], text.strip())
            for i, text in enumerate(cells)
            if i < len(layout.headers) and layout.headers[i] and text.strip()
        ),
    )
    failure: Failure | None = None
    for step in plan:
        details = report if step.action == "report" else step.details
        try:
            entry = procedure.apply(failure, step.action, step.person, details, step.at,
                                    source.roster)  # fmt: skip
        except KlipError as exc:
            column = _FIELD_COLUMN.get(str(exc.params.get("field") or ""))
            if exc.key in ("wrong_role", "not_named_person"):
                column = step.person_key
            bad(column or step.date_key, exc.key, **exc.params)
            return None, problems
        entry = replace(entry, imported=imported)
        failure = Failure("import", (*failure.entries, entry) if failure else (entry,))
    assert failure is not None
    return Row(n, failure.entries), []


def _report_details(cell: Any, bad: Any) -> dict[str, Any] | None:
    """The failure's header from the row, each value checked as ``report`` checks it."""
    severity = cell("severity")
    values = {
        "title": cell("title"),
        "system": cell("system"),
        "description": cell("description"),
        "severity": _SEVERITY.get(severity.casefold(), severity) if severity else "medium",
    }
    out: dict[str, Any] = {}
    ok = True
    for key, value in values.items():
        if key == "description" and not value:
            continue
        try:
            out[key] = procedure.header_value(key, value)
        except KlipError as exc:
            bad(key, exc.key, **exc.params)
            ok = False
    return out if ok else None


@dataclass(frozen=True)
class _Step:
    action: str
    date_key: str
    person_key: str
    person: Person
    at: datetime
    details: dict[str, Any]


def _plan(cell: Any, bad: Any, source: Source) -> list[_Step]:
    """Each step the row reaches, its person and time; what is missing or wrong is told to
    ``bad``. A step is reached when its date is given, and each needs the one before it."""
    plan: list[_Step] = []
    previous: tuple[str, datetime] | None = None
    skipped: str | None = None  # the first step whose date is missing
    for action, date_key, person_key, role in _STEPS:
        when_text, who_text = cell(date_key), cell(person_key)
        named = _NAMED.get(action)
        if action == "record" and not when_text:
            if not plan:
                continue  # the report's date is wrong: said once, there
            at: datetime | None = plan[-1].at  # a row of the Log Book was recorded that day
        elif not when_text:
            if any(cell(key) for key in _GIVEN[action]):
                bad(date_key, "import_missing_value")
            skipped = skipped or date_key
            continue
        elif skipped is not None:
            bad(date_key, "import_step_skipped", missing=_BY_KEY[skipped].header)
            continue
        else:
            at = _moment(when_text, date_key, bad, source.at)
        if (
            at is not None
            and previous is not None
            and at.time() == DEFAULT_TIME
            and at.date() == previous[1].date()
        ):
            # A day without a time, the day of a step that gave one: no earlier than that step.
            at = max(at, previous[1])
        if action == "record" and not who_text:
            who: Person | None = source.clerk  # recorded by whoever imports it
        else:
            who = _person(source.roster, who_text, role, person_key, bad)
        details = _details(action, cell)
        if named is not None:
            other = _person(source.roster, cell(named[0]), named[1], named[0], bad)
            details[named[2]] = other.handle if other else None
        if at is None or who is None or (named is not None and details[named[2]] is None):
            previous = None
            continue
        if previous is not None and at < previous[1]:
            bad(date_key, "import_date_order", before=_BY_KEY[previous[0]].header)
            continue
        previous = (date_key, at)
        plan.append(_Step(action, date_key, person_key, who, at, details))
    return plan


# The other person a step names (column, role, detail): the operator assigned, the drafter.
_NAMED = {"assign": ("operator", "operator", "to"), "accept": ("drafter", "clerk", "drafter")}
# The columns that belong to a step besides its date: given, its date must be too.
_GIVEN = {"report": ("reporter",), "record": ("recorder",), "assign": ("assigner", "operator"),
          "resolve": ("action", "cause"), "accept": ("reviewer", "drafter")}  # fmt: skip


def _details(action: str, cell: Any) -> dict[str, Any]:
    if action == "record":
        return {"note": cell("note") or None}
    if action == "resolve":
        return {"action": cell("action"), "cause": cell("cause") or None}
    return {}


def _moment(text: str, key: str, bad: Any, now: datetime) -> datetime | None:
    try:
        day, at = parse_written(text)
    except KlipError:
        bad(key, "import_bad_date", value=text)
        return None
    moment = datetime.combine(day, at or DEFAULT_TIME, JAKARTA)
    if at is None and day == now.astimezone(JAKARTA).date():
        moment = min(moment, now)
    if moment > now:
        bad(key, "import_date_future", value=text)
        return None
    return moment


def find_person(roster: Roster, text: str) -> list[Person]:
    """The active people ``text`` names: a handle, a NIP (spaces allowed) or a full name."""
    wanted = text.strip()
    person = roster.get(wanted)
    if person is not None and person.active:
        return [person]
    digits = wanted.replace(" ", "")
    if digits.isdigit():
        return [p for p in roster.active if p.nip == digits]
    return [p for p in roster.active if _fold(p.name) == _fold(wanted)]


def _person(roster: Roster, text: str, role: str | None, key: str, bad: Any) -> Person | None:
    if not text:
        bad(key, "import_missing_value")
        return None
    found = find_person(roster, text)
    if not found:
        bad(key, "import_unknown_person", value=text)
        return None
    if len(found) > 1:
        bad(key, "import_ambiguous_person", value=text,
            handles=", ".join(p.handle for p in found))  # fmt: skip
        return None
    if role is not None and not found[0].has_role(role):
        bad(key, "person_lacks_role", handle=found[0].handle, role=role)
        return None
    return found[0]
