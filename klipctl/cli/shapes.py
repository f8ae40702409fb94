"""The JSON form of every result: what `--json` prints, a stable shape for scripts."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import TYPE_CHECKING, Any

from klipctl.storage import store

if TYPE_CHECKING:
    from klipctl.app.calendar import CalendarResult, CalendarView, DeadlineAnswer, DueBoard
    from klipctl.app.doctor import Check
    from klipctl.app.importing import Checked, Done
    from klipctl.app.people import PersonShown
    from klipctl.app.sharing import SyncStatus
    from klipctl.app.site import SiteResult
    from klipctl.audit.findings import Report as VerifyReport
    from klipctl.audit.findings import Violation
    from klipctl.audit.signed import SignedCheck
    from klipctl.domain.model import Entry
    from klipctl.domain.roster import Person
    from klipctl.domain.standing import Status
    from klipctl.i18n.messages import Messages
    from klipctl.storage.sync import SetAside, SyncResult


def entry_json(entry: Entry) -> dict[str, Any]:
    return store.entry_to_dict(entry)


def status_json(status: Status, *, entries: bool = True) -> dict[str, Any]:
    f = status.failure
    data: dict[str, Any] = {
        "id": f.id,
        "title": f.title,
        "system": f.system,
        "severity": f.severity,
        "description": f.description,
        "stage": f.stage,
        "reporter": f.reporter,
        "reported_at": store.format_time(f.reported_at),
        "assignee": f.assignee,
        "drafter": f.drafter,
        "corrected": sorted(f.corrected),
        "duplicate_of": f.duplicate_of,
        "imported": (
            {"by": f.imported.by, "file": f.imported.file, "row": f.imported.row,
             "sha256": f.imported.sha256}
            if f.imported
            else None
        ),  # fmt: skip
        "attachments": [
            {"n": n, "name": a.name, "size": a.size, "type": a.media_type, "sha256": a.sha256}
            for n, a in enumerate(f.attachments, start=1)
        ],
        "deadline": status.deadline.isoformat() if status.deadline else None,
        "days_left": status.days_left,
        "overdue": status.overdue,
        # The one verdict every view and document gives (domain.verdict).
        "verdict": {
            "state": status.verdict.state,
            "working_days_used": status.verdict.used,
            "late_by": status.verdict.late_by,
            "ended": status.verdict.ended.isoformat() if status.verdict.ended else None,
            "ends_at": status.verdict.ends_at,
        },
        "next": (
            {
                "actions": list(status.next.actions),
                "role": status.next.role,
                "handle": status.next.handle,
            }
            if status.next
            else None
        ),
    }
    if entries:
        data["entries"] = [entry_json(e) for e in f.entries]
    return data


def person_json(person: Person) -> dict[str, Any]:
    return {
        "handle": person.handle,
        "name": person.name,
        "nip": person.nip,
        "roles": list(person.roles),
        "email": person.email,
        "key": person.key,
        "active": person.active,
    }


def person_shown_json(shown: PersonShown) -> dict[str, Any]:
    """`roster show --json`: the person now, each roster change about them, their keys."""

    def time(at: Any) -> str | None:
        return store.format_time(at) if at is not None else None

    return {
        **person_json(shown.person),
        "history": [
            {
                "at": time(c.at),
                "action": c.action,
                "actor": c.actor,
                **{k: (list(v) if isinstance(v, tuple | list) else v) for k, v in c.fields.items()},
                **({"fingerprint": c.fingerprint} if "key" in c.fields else {}),
            }
            for c in shown.changes
        ],
        "keys": [
            {
                "key": k.key,
                "fingerprint": k.fingerprint,
                "from": time(k.since),
                "until": time(k.until),
            }
            for k in shown.keys
        ],
    }


def signed_json(check: SignedCheck | None) -> dict[str, Any] | None:
    if check is None:
        return None
    return {"path": check.path, "sha256": check.digest, "state": check.state}


def warnings_json(warnings: Mapping[int, str]) -> list[dict[str, Any]]:
    return [{"year": y, "reason": why} for y, why in sorted(warnings.items())]


def calendar_change_json(result: CalendarResult) -> dict[str, Any]:
    c = result.change
    return {
        "action": c.action,
        "date": c.day.isoformat(),
        "name": c.name,
        "working": c.working,
        "reason": c.reason,
        "commit": result.commit,
        "moved": [
            {"id": x.failure.id, "old": x.old.isoformat(), "new": x.new.isoformat()}
            for x in result.moved
        ],
    }


def deadline_json(answer: DeadlineAnswer, explain: bool) -> dict[str, Any]:
    data: dict[str, Any] = {
        "date": store.format_time(answer.at),
        "received": answer.received.isoformat(),
        "deadline": answer.deadline.isoformat(),
        "days": answer.rule.days,
        "receipt_day_counts": answer.rule.receipt_day_counts,
        "office_hours_end": (
            answer.rule.office_hours_end.isoformat(timespec="minutes")
            if answer.rule.office_hours_end
            else None
        ),
        "warnings": warnings_json(answer.warnings),
    }
    if explain:
        data["explain"] = [
            {
                "date": s.info.day.isoformat(),
                "kind": s.info.kind,
                "name": s.info.name or None,
                "role": s.role,
                "number": s.number,
            }
            for s in answer.steps
        ]
    return data


def calendar_json(view: CalendarView) -> dict[str, Any]:
    return {
        "months": [
            {
                "year": month.year,
                "month": month.month,
                "days": [
                    {
                        "date": d.day.isoformat(),
                        "kind": d.kind,
                        "working": d.working,
                        "name": d.name or None,
                        "reason": d.reason or None,
                    }
                    for week in month.weeks
                    for d in week
                    if d is not None
                ],
            }
            for month in view.months
        ],
        "warnings": warnings_json(view.warnings),
    }


def due_json(board: DueBoard) -> dict[str, Any]:
    return {
        "failures": [status_json(s, entries=False) for s in board.statuses],
        "summary": {
            "open": len(board.statuses),
            "overdue": board.overdue,
            "soon": board.soon,
            "unassigned": board.unassigned,
        },
        "warnings": warnings_json(board.warnings),
    }


def sync_json(result: SyncResult) -> dict[str, Any]:
    def aside(item: SetAside, entry: Mapping[str, Any]) -> dict[str, Any]:
        return {"chain": item.chain, "commit": item.commit, "entry": dict(entry),
                "theirs": item.theirs}  # fmt: skip

    return {
        "remote": result.remote,
        "received": result.received,
        "sent": result.sent,
        "merged": result.merged,
        "set_aside": [aside(i, e) for i in result.set_aside for e in i.entries],
        "kept_central": list(result.kept_central),
        "reapplied": [{**aside(i, e), "new_commit": c} for i, e, c in result.reapplied],
        "not_reapplied": [
            {**aside(i, e), "why": w.key if w else "other_person"}
            for i, e, w in result.not_reapplied
        ],
    }


def sync_status_json(report: SyncStatus) -> dict[str, Any]:
    return {
        "remote": report.remote,
        "url": report.url,
        "branch": report.branch,
        "unpushed": [
            {"commit": c.sha, "subject": c.subject, "author": c.author, "date": c.date}
            for c in report.unpushed
        ],  # fmt: skip
        "behind": report.behind,
        "uncommitted": report.uncommitted,
        "interrupted": report.interrupted,
        "set_aside": report.set_aside,
    }


def doctor_json(checks: Sequence[Check], m: Messages) -> dict[str, Any]:
    return {
        "ok": all(c.ok for c in checks),
        "checks": [
            {"check": c.name, "ok": c.ok, "key": c.key, "message": m.error(c.key, c.params)}
            for c in checks
        ],  # fmt: skip
    }


def violation_json(v: Violation, m: Messages) -> dict[str, Any]:
    from klipctl.audit.findings import violation_text

    return {
        "failure": v.failure,
        "entry": v.entry,
        "commit": v.commit,
        "path": v.path,
        "problem": v.key,
        "message": violation_text(v, m),
    }


def import_check_json(checked: Checked, m: Messages) -> dict[str, Any]:
    from klipctl.cli import output  # the words for a row's problem, as the table says them

    return {
        "file": checked.file,
        "sha256": checked.sha256,
        "ready": checked.ready,
        "problems": [
            {
                "row": p.row,
                "column": output.column_letter(p.column) if p.column is not None else None,
                "header": p.header,
                "problem": p.key,
                "message": output.import_problem_text(p, m),
            }
            for p in checked.problems
        ],
    }


def import_done_json(done: Done) -> dict[str, Any]:
    return {
        "file": done.file,
        "sha256": done.sha256,
        "commit": done.commit,
        "failures": [{"row": n, **status_json(s, entries=False)} for n, s in done.failures],
    }


def verify_json(report: VerifyReport, m: Messages) -> dict[str, Any]:
    from klipctl.cli.output import counts

    return {
        "ok": report.ok,
        **counts(report),
        "violations": [violation_json(v, m) for v in report.violations],
        "notices": [violation_json(n, m) for n in report.notices],
    }


def site_json(result: SiteResult, m: Messages) -> dict[str, Any]:
    return {
        "outdir": str(result.outdir),
        "index": str(result.index),
        "written": result.written,
        "unchanged": result.unchanged,
        "removed": result.removed,
        "failures": result.failures,
        "commit": result.commit,
        "ok": result.ok,
        "violations": [violation_json(v, m) for v in result.violations],
        "pages": result.pages,
    }
