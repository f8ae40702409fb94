"""What `show` says of one failure, as rows of text: drawn by Rich at a terminal, written as
plain lines into a file or a pipe.

The rows are made here once, without Rich, so that both drawings say the same thing: a heading,
the fields beside their labels, the attachments and the timeline. Into a pipe Rich would only
pad each field to the console's width and box the tables; `show | grep` and a file opened in
Notepad read better without, and the read does not wait for Rich to load (docs/speed.md).
"""

from __future__ import annotations

import sys
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import datetime
from typing import TYPE_CHECKING

from klipctl.cli.columns import Column
from klipctl.cli.lines import Styled, deadline_parts, print_rows
from klipctl.domain.model import CORRECTABLE, JAKARTA
from klipctl.domain.procedure import ASIDES
from klipctl.domain.validate import printable
from klipctl.i18n.numbers import size_text

if TYPE_CHECKING:
    from klipctl.audit.signed import SignedCheck
    from klipctl.domain.model import Entry
    from klipctl.domain.standing import Status
    from klipctl.i18n.messages import Messages

ATTACHMENT_COLUMNS = ("col_no", "col_file", "col_size", "col_who", "col_when")
TIMELINE_COLUMNS = ("col_when", "col_stage", "col_who", "col_workdays", "col_details")


@dataclass(frozen=True)
class Sheet:
    """One failure as `show` shows it. A field's value is a list of parts (the deadline's
    standing has a colour of its own)."""

    heading: Styled
    fields: list[tuple[str, list[str]]]
    attachments: list[list[str]]
    timeline: list[list[str]]


def when_text(at: datetime) -> str:
    return f"{at.astimezone(JAKARTA):%Y-%m-%d %H:%M} WIB"


def sheet(
    status: Status, durations: Sequence[int], duplicates: Sequence[str], m: Messages
) -> Sheet:
    f = status.failure
    corrected = f.corrected
    mark = f" ({m('corrected')})"

    def header(field: str) -> list[str]:
        value = m.severity(f.header(field)) if field == "severity" else f.header(field)
        return [Styled(value + (mark if field in corrected else ""))]

    fields: list[tuple[str, list[str]]] = [
        (m("col_system"), header("system")),
        (m("col_severity"), header("severity")),
        (m("col_reporter"), [Styled(f"{f.reporter} · {when_text(f.reported_at)}")]),
        (m("col_stage"), [m.stage(f.stage)]),
    ]
    withdrawn = f.withdrawn
    if withdrawn is not None:
        fields.append((m("col_withdrawn"), [Styled(str(withdrawn.details.get("reason", "")))]))
    if f.duplicate_of:
        fields.append((m("col_duplicate_of"), [f.duplicate_of]))
    if duplicates:
        fields.append((m("col_duplicates"), [", ".join(duplicates)]))
    if f.assignee:
        fields.append((m("col_assignee"), [f.assignee]))
    fields.append((m("col_deadline"), deadline_parts(status, m)))
    nxt = status.next
    fields.append(
        (
            m("next_label"),
            [m.next_step(f.id, nxt.actions, nxt.role, nxt.handle) if nxt else m("next_done")],
        )
    )
    if f.description:
        fields.append((m("col_description"), header("description")))
    # Text from the file is Styled: control characters dropped, as Rich's Text drops them.
    attachments = [
        [
            str(n),
            Styled(a.name),
            f"{size_text(a.size, m.lang)} · {a.media_type}",
            Styled(a.entry.actor),
            when_text(a.entry.at),
        ]
        for n, a in enumerate(f.attachments, start=1)
    ]
    timeline = []
    header_now = {field: f.original(field) for field in CORRECTABLE}
    stage_before: str | None = None
    assignee: str | None = None
    for entry, days in zip(f.entries, durations, strict=True):
        timeline.append(
            [
                when_text(entry.at),
                _stage_cell(entry, stage_before, m),
                Styled(f"{entry.actor} ({m.role_short(entry.role)})"),
                str(days) if entry is not f.entries[0] else "",
                Styled(details_text(entry, header_now, assignee, m)),
            ]
        )
        stage_before = entry.stage
        if entry.action in ("assign", "reassign"):
            assignee = str(entry.details.get("to"))
        if entry.action == "correct":
            header_now[str(entry.details.get("field"))] = str(entry.details.get("value", ""))
    heading = Styled(f"{f.id} · {f.title}" + (mark if "title" in corrected else ""), "bold")
    return Sheet(heading, fields, attachments, timeline)


def write_plain(s: Sheet, signed: SignedCheck | None, m: Messages) -> None:
    """The sheet as lines: labels padded to one width, the tables as the lists are written."""
    width = max(len(label) for label, _ in s.fields)
    under = "\n" + " " * (width + 2)  # a value's further lines start under its first
    out = [s.heading] + [
        f"{label.ljust(width)}  {''.join(value).expandtabs(8).replace(chr(10), under)}"
        for label, value in s.fields
    ]
    sys.stdout.write("\n".join(out) + "\n")
    for title, keys, rows in (
        (m("attachments"), ATTACHMENT_COLUMNS, s.attachments),
        (m("timeline"), TIMELINE_COLUMNS, s.timeline),
    ):
        if rows:
            sys.stdout.write(f"\n{title}\n")
            print_rows([Column(m(k)) for k in keys], [[_one_line(c) for c in r] for r in rows])
    if signed is not None:
        text = signed_text(signed, m)
        if signed.state == "intact":
            sys.stdout.write(f"\n{text}\n")
        else:
            sys.stdout.flush()
            sys.stderr.write(f"{text}\n")
    sys.stdout.flush()


def _one_line(cell: str) -> str:
    """A cell as one line of a row: its line breaks and tabs as spaces (Rich wraps them inside
    the cell at a terminal), its style kept."""
    flat = " ".join(cell.expandtabs(8).splitlines())
    return Styled(flat, cell.style) if isinstance(cell, Styled) else flat


def signed_text(check: SignedCheck, m: Messages) -> Styled:
    """Whether the stored report still holds the signed text; a difference is said loudly."""
    if check.state == "intact":
        return Styled(m("report_intact", digest=check.digest[:16]), "green")
    if check.state == "changed":
        return Styled(m("report_changed", path=check.path, digest=check.digest[:16]), "bold red")
    return Styled(m("report_gone", path=check.path), "bold red")


def _stage_cell(entry: Entry, before: str | None, m: Messages) -> str:
    """The stage after an entry; for a rejection or one of the office's asides, what it was."""
    if entry.action == "reject" or entry.action in ASIDES:
        label, stage = m(f"entry_{entry.action}"), m.stage(entry.stage)
        return f"{label} → {stage}" if entry.stage != before and label != stage else label
    return m.stage(entry.stage)


def details_text(entry: Entry, before: Mapping[str, str], assignee: str | None, m: Messages) -> str:
    """An entry's details in a line; ``before``: the header as it stood before this entry,
    ``assignee`` the operator it was given to."""
    text = _step_details_text(entry, before, assignee, m)
    if entry.imported is None:
        return text
    mark = imported_text(entry, m)
    return f"{text} ({mark})" if text else mark


def imported_text(entry: Entry, m: Messages) -> str:
    """``diimpor oleh sari dari logbook.xlsx, baris 3``: where an imported entry came from."""
    assert entry.imported is not None
    i = entry.imported
    return m("show_imported", by=i.by, file=printable(i.file, 100), row=i.row)


def _step_details_text(
    entry: Entry, before: Mapping[str, str], assignee: str | None, m: Messages
) -> str:
    d = entry.details
    if entry.action == "reassign":
        return m("show_reassigned", old=assignee or "—", new=str(d.get("to")),
                 reason=str(d.get("reason", "")))  # fmt: skip
    if entry.action == "withdraw" and d.get("duplicate_of"):
        return m("show_withdrawn_duplicate", reason=str(d.get("reason", "")),
                 other=str(d["duplicate_of"]))  # fmt: skip
    if entry.action in ("withdraw", "return", "reject"):
        return f"{m('field_reason')}: {d.get('reason', '')}"
    if entry.action == "note":
        return f"{m('field_text')}: {d.get('text', '')}"
    if entry.action == "attach":
        names = ", ".join(str(f["name"]) for f in d.get("files") or ())
        return f"{names} — {d['note']}" if d.get("note") else names
    if entry.action == "correct":
        field = str(d.get("field"))
        return m(
            "show_corrected",
            field=m(f"field_{field}"),
            old=before.get(field, ""),
            new=str(d.get("value", "")),
            reason=str(d.get("reason", "")),
        )
    parts = []
    for key, value in d.items():
        if entry.action == "report" and key in ("title", "system", "description"):
            continue
        if key == "severity":
            value = m.severity(str(value))
        if key == "files":
            value = ", ".join(str(f["name"]) for f in value)
        if key == "report_sha256":
            value = str(value)[:16]  # as `show` prints a signed report's digest
        # Every field by its name in this language; one a newer klipctl wrote, as stored.
        label = m(f"field_{key}") if m.has(f"field_{key}") else key
        parts.append(f"{label}: {value}")
    return "; ".join(parts)
