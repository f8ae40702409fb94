"""The result report (Laporan Hasil Penanganan), SOP steps 6–8: its view model and Markdown.

The signed part and, once delivered, the delivery record below it; the stored copy is kept by
``stored.py``."""

from __future__ import annotations

from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any

from klipctl.audit.signed import DIGEST_KEY
from klipctl.documents.render import render
from klipctl.documents.shared import (
    Labels,
    Letterhead,
    Signature,
    World,
    days_used,
    in_brackets,
    letterhead,
    lines,
    long_date,
    signature,
)
from klipctl.domain.model import JAKARTA, Entry, Failure
from klipctl.domain.standing import deadline_start, stage_durations
from klipctl.domain.verdict import verdict
from klipctl.i18n.numbers import size_text

REPORT_MD = "report.md.j2"
REPORT_HTML = "report.html.j2"
DELIVERY_MD = "report-delivery.md.j2"
NUMBER_KEY = "number"  # the report number sign gives, in the sign entry's details


@dataclass(frozen=True)
class Part:
    """A numbered part of a section: an optional heading, paragraphs, then a lettered list."""

    heading: str | None = None
    paragraphs: tuple[str, ...] = ()
    items: tuple[str, ...] = ()


@dataclass(frozen=True)
class TableView:
    headers: tuple[str, ...]
    rows: tuple[tuple[str, ...], ...]


@dataclass(frozen=True)
class Section:
    letter: str
    heading: str
    parts: tuple[Part, ...] = ()
    table: TableView | None = None
    after_table: tuple[str, ...] = ()


@dataclass(frozen=True)
class Check:
    """Under a signed report: how to check the printed text against the log book (the text's
    SHA-256 and a QR code of the command; in the Markdown, the signed text itself, the command
    only: a text cannot hold its own digest). Not an electronic signature: the paper is signed
    by hand."""

    plain: str
    text: str
    qr: str | None  # a data: URI of an SVG


def _qr(payload: str) -> str:
    import segno

    return str(segno.make(payload, error="m").svg_data_uri(scale=3, border=1))


@dataclass(frozen=True)
class Delivery:
    heading: str
    text: str


@dataclass(frozen=True)
class ReportView:
    lang: str
    t: Labels
    failure_id: str
    letterhead: Letterhead
    title_lines: tuple[str, ...]
    number_line: str
    draft_notice: str | None
    draft_mark: str | None
    sections: tuple[Section, ...]
    signature: Signature
    check: Check | None  # once signed
    attachments_heading: str
    attachments: tuple[str, ...]  # each attached file: name, size and SHA-256
    delivery: Delivery | None
    doc_title: str

    def as_vars(self) -> dict[str, Any]:
        return {"doc": self, "t": self.t}


def activity_text(entry: Entry, w: World) -> str:
    """One entry as a line of a timeline (the report's, the board's)."""
    d = entry.details
    params = {
        "to": w.name(str(d.get("to", ""))),
        "drafter": w.name(str(d.get("drafter", ""))),
        "action": str(d.get("action", "")),
        "reason": str(d.get("reason", "")),
        "text": str(d.get("text", "")),
        "field": w.m(f"field_{d['field']}") if d.get("field") else "",
        "value": str(d.get("value", "")),
        "files": ", ".join(str(f["name"]) for f in d.get("files") or ()),
        "other": str(d.get("duplicate_of", "")),
    }
    key = "doc_act_note_entry" if entry.action == "note" else f"doc_act_{entry.action}"
    if entry.action == "withdraw" and d.get("duplicate_of"):
        key = "doc_act_withdraw_duplicate"
    text = w.m(key, **params)
    if d.get("note"):
        text = w.m("doc_act_note", text=text, note=str(d["note"]))
    if entry.imported is not None:  # from the office's earlier Log Book, not taken in klipctl
        text = w.m("doc_act_imported", text=text, file=entry.imported.file, row=entry.imported.row)
    return text


def report_view(failure: Failure, w: World, *, include_delivery: bool = True) -> ReportView:
    m, lang, cal, rule = w.m, w.lang, w.calendar, w.rule
    # Once signed, the report is the text as signed: its timeline, results and verdict stop at
    # the sign entry; what came after (delivery, filing) is the delivery record below it.
    deliver = failure.last("deliver")
    signs = [i for i, e in enumerate(failure.entries) if e.action == "sign"]
    today = w.today
    if signs:
        failure = Failure(failure.id, failure.entries[: signs[-1] + 1])
        today = failure.entries[-1].day  # and as of the day it was signed
    reported = failure.report
    assign = failure.first("assign")
    accept = failure.last("accept")
    resolve = failure.last("resolve")
    sign = failure.last("sign")
    draft = failure.last("draft")
    operator = w.name(failure.assignee)

    # A. Pendahuluan
    general = [
        m(
            "doc_general_text",
            date=long_date(reported.day, lang),
            reporter=w.name(failure.reporter),
            role=in_brackets(m.role(reported.role)),
            system=failure.system,
            title=failure.title,
            severity=m.severity(failure.severity),
            id=failure.id,
        )
    ]
    if failure.description:
        general.append(m("doc_description", text=failure.description))
    basis = [m("doc_basis_sop")]
    if assign:
        first_operator = w.name(str(assign.details.get("to")))
        basis.append(
            m("doc_basis_assign", operator=first_operator, date=long_date(assign.day, lang))
        )
    for moved in (e for e in failure.entries if e.action == "reassign"):
        basis.append(
            m(
                "doc_basis_reassign",
                operator=w.name(str(moved.details.get("to"))),
                date=long_date(moved.day, lang),
            )
        )
    if accept:
        basis.append(
            m(
                "doc_basis_drafter",
                drafter=w.name(str(accept.details.get("drafter"))),
                date=long_date(accept.day, lang),
            )
        )
    intro = Section(
        "A",
        m("doc_sec_intro"),
        (
            Part(m("doc_general"), tuple(general)),
            Part(m("doc_purpose"), (m("doc_purpose_text", office=w.config.office.name),)),
            Part(m("doc_scope"), (m("doc_scope_text", days=rule.days),)),
            Part(m("doc_basis"), items=tuple(basis)),
        ),
    )

    # B. Kegiatan yang Dilaksanakan: the timeline and the days used against the deadline
    durations = stage_durations(failure, cal)
    rows = tuple(
        (
            str(n),
            long_date(entry.day, lang),
            activity_text(entry, w),
            w.name(entry.actor),
            "" if n == 1 else str(days),
        )
        for n, (entry, days) in enumerate(zip(failure.entries, durations, strict=True), start=1)
    )
    # The one verdict (domain.verdict), as every view and document has it; the report itself
    # states facts up to the acceptance of the repair, and a final verdict only once it is one.
    judged = verdict(failure, cal, rule, today)
    late_by = judged.late_by
    used: int | None = None
    start = deadline_start(failure, rule)
    if assign is None or start is None:
        deadline_text = m("doc_not_assigned")
    else:
        deadline = cal.deadline(start, rule)
        finished = accept.day if accept else None
        used = days_used(cal, rule, start, finished or today)
        common = {
            "assigned": long_date(cal.received_on(start, rule), lang),
            "deadline": long_date(deadline, lang),
            "days": rule.days,
            "used": used,
        }
        if finished:
            deadline_text = m("doc_deadline_done", finished=long_date(finished, lang), **common)
        else:
            deadline_text = m("doc_deadline_open", today=long_date(today, lang), **common)
    activities = Section(
        "B",
        m("doc_sec_activities"),
        (Part(None, (m("doc_activities_intro"),)),),
        TableView(
            (
                m("doc_col_no"),
                m("doc_col_date"),
                m("doc_col_activity"),
                m("doc_col_by"),
                m("doc_col_workdays"),
            ),
            rows,
        ),
        (deadline_text,),
    )

    # C. Hasil yang Dicapai
    if resolve and accept:
        repairs = [e for e in failure.entries if e.action == "resolve"]
        results = [
            m(
                "doc_result_action",
                system=failure.system,
                operator=w.name(resolve.actor),
                action=str(resolve.details.get("action", "")),
            )
        ]
        if resolve.details.get("cause"):
            results.append(m("doc_result_cause", cause=str(resolve.details["cause"])))
        if len(repairs) > 1:  # every repair tried, with its cause: none is lost
            results = [m("doc_result_repairs", system=failure.system, n=len(repairs))]
            for e in repairs:
                cause = str(e.details.get("cause") or "")
                results.append(
                    m(
                        "doc_result_repair_cause" if cause else "doc_result_repair",
                        date=long_date(e.day, lang),
                        operator=w.name(e.actor),
                        action=str(e.details.get("action", "")),
                        cause=cause,
                    )
                )
        results.append(
            m(
                "doc_result_accepted",
                supervisor=w.name(accept.actor),
                date=long_date(accept.day, lang),
            )
        )
    elif failure.withdrawn is not None:
        gone = failure.withdrawn
        common = {"date": long_date(gone.day, lang), "reason": str(gone.details.get("reason", ""))}
        if failure.duplicate_of:
            results = [m("doc_result_withdrawn_duplicate", other=failure.duplicate_of, **common)]
        else:
            results = [m("doc_result_withdrawn", **common)]
    else:
        results = [m("doc_result_pending", stage=m.stage(failure.stage))]
    outcome = Section("C", m("doc_sec_results"), (Part(None, tuple(results)),))

    # D. Hambatan: only when there were any
    hindrances = [
        m(
            "doc_hindrance_reject",
            date=long_date(e.day, lang),
            reason=str(e.details.get("reason", "")),
            operator=operator,
        )
        for e in failure.rejections
    ]
    if late_by and start:
        hindrances.append(
            m(
                "doc_hindrance_late" if judged.final else "doc_hindrance_late_open",
                deadline=long_date(cal.deadline(start, rule), lang),
                n=late_by,
                today=long_date(today, lang),
                end=m(f"doc_ends_at_{judged.ends_at}"),
            )
        )

    # E. Simpulan dan Saran
    if judged.final:
        key = "doc_conclusion_late" if late_by else "doc_conclusion_in_time"
        conclusion = m(key, system=failure.system, used=judged.used, days=rule.days)
    elif used is not None and accept:
        # Before the end point: what is known, and to when it counts; never a verdict yet.
        key = "doc_conclusion_measured_late" if used > rule.days else "doc_conclusion_measured"
        conclusion = m(key, system=failure.system, used=used, days=rule.days,
                       end=m(f"doc_ends_at_{judged.ends_at}"))  # fmt: skip
    elif failure.withdrawn is not None:
        conclusion = m("doc_conclusion_withdrawn")
    else:
        conclusion = m("doc_conclusion_open", system=failure.system)
    advice = []
    if failure.rejections:
        advice.append(m("doc_advice_reject"))
    if late_by:
        advice.append(m("doc_advice_late"))
    if not advice and failure.withdrawn is None:
        advice.append(m("doc_advice_watch", system=failure.system))
    conclude = Section(
        "E",
        m("doc_sec_conclusion"),
        (
            Part(m("doc_conclusion"), (conclusion,)),
            *([Part(m("doc_recommendation"), tuple(advice))] if advice else []),
        ),
    )
    closing = Section("F", m("doc_sec_closing"), (Part(None, (m("doc_closing_text"),)),))
    sections = [intro, activities, outcome]
    if hindrances:
        sections.append(Section("D", m("doc_sec_hindrances"), (Part(None, tuple(hindrances)),)))
    sections += [conclude, closing]
    if not hindrances:  # the letters stay in order: E and F follow C directly
        sections = [replace(s, letter=chr(ord("A") + i)) for i, s in enumerate(sections)]

    # Signature block: the signer, else the supervisor who tasked the report, else the first one.
    signer_handle = (sign.actor if sign else None) or (accept.actor if accept else None)
    signer = w.roster.get(signer_handle) if signer_handle else None
    dated = sign.day if sign else draft.day if draft else today
    if sign:
        number = str(sign.details.get(NUMBER_KEY, ""))
    else:
        number = f"LAP-      /{w.config.office.unit_code}/{dated.year}"
    delivery = None
    if deliver and include_delivery:
        at = deliver.at.astimezone(JAKARTA)
        text = m(
            "doc_delivered",
            date=long_date(at.date(), lang),
            time=f"{at:%H.%M}",
            name=w.name(deliver.actor),
        )
        if text.endswith(".."):  # a name ending in a degree ("M.M.") ends the sentence too
            text = text[:-1]
        if deliver.details.get("note"):
            text = m("doc_act_note", text=text, note=str(deliver.details["note"]))
        delivery = Delivery(m("doc_delivery_heading"), text)
    title_lines = lines(m("doc_report_title"))
    check = None
    if sign:  # the print form says how to check the paper against the log book
        digest = str(sign.details.get(DIGEST_KEY) or "")
        plain = m("doc_check_plain", id=failure.id)
        check = Check(
            plain=plain,
            text=m("doc_check", id=failure.id, digest=digest) if digest else plain,
            qr=_qr(f"klipctl verify {failure.id} sha256:{digest}") if digest else None,
        )
    return ReportView(
        lang=lang,
        t=Labels(m),
        failure_id=failure.id,
        letterhead=letterhead(w),
        title_lines=title_lines,
        number_line=m("doc_number", number=number),
        draft_notice=None if sign else m("doc_draft_notice"),
        draft_mark=None if sign else m("doc_draft_mark"),
        sections=tuple(sections),
        signature=signature(w, signer, dated),
        check=check,
        attachments_heading=m("doc_attachments"),
        attachments=tuple(
            m("doc_attachment", name=a.name, size=size_text(a.size, lang), sha=a.sha256[:16])
            for a in failure.attachments
        ),
        delivery=delivery,
        doc_title=f"{title_lines[0]} {failure.id}",
    )


def report_markdown(failure: Failure, w: World, root: Path | None) -> tuple[str, str | None]:
    """The report's signed part and, once delivered, its delivery record (both Markdown)."""
    view = report_view(failure, w)
    body = render(REPORT_MD, view.as_vars(), root)
    delivery = render(DELIVERY_MD, view.as_vars(), root) if view.delivery else None
    return body, delivery
