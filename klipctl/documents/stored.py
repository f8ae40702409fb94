"""The result report as the log book stores it, kept in step with draft, sign and deliver.

Its files (``ID.report.md`` and ``.html`` beside the failure) are rewritten in the same commit as
the step's entry; sign gives the report number and the digest of the signed text; deliver only
appends the delivery record below the signed text, which must still be exactly what was signed.
Also: where ``--output`` may not write (the log book's own files).
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass, field, replace
from pathlib import Path

from klipctl.audit.signed import (
    DIGEST_KEY,
    check_drafted,
    check_signed,
    digest,
    join_delivery,
    report_paths,
)
from klipctl.documents.render import render
from klipctl.documents.report import DELIVERY_MD, NUMBER_KEY, REPORT_HTML, REPORT_MD, report_view
from klipctl.documents.shared import World
from klipctl.domain.model import Entry, Failure
from klipctl.domain.procedure import REPORT_STEPS
from klipctl.errors import Refused
from klipctl.storage.layout import (
    ALLOWED_SIGNERS_FILE,
    CALENDAR_FILE,
    CONFIG_FILE,
    FAILURES_DIR,
    ROSTER_FILE,
    STATE_DIR,
    TEMPLATES_DIR,
)
from klipctl.storage.logbook import LogBook

NUMBER_RE = re.compile(r"^LAP-(\d+)/.+/(\d{4})$")


@dataclass(frozen=True)
class StepDocuments:
    """What a step adds besides its entry: details for the entry, and files to commit with it."""

    entry: Entry
    files: dict[Path, bytes] = field(default_factory=dict)


def for_step(
    lb: LogBook, w: World, env: Mapping[str, str], failure: Failure, entry: Entry
) -> StepDocuments:
    """The stored result report after ``entry`` (draft, sign, deliver); nothing for other steps.

    Called under the log book's lock, in the step's transaction, so a report number is given
    once. ``w`` is in the log book's language: the stored report is the office's document.
    """
    if entry.action not in REPORT_STEPS:
        return StepDocuments(entry)
    md_path, html_path = report_paths(lb, failure.id)
    if entry.action == "sign":
        _check_draft(lb, failure)
        number = next_number(lb, entry.day.year, env)
        entry = replace(entry, details={**entry.details, NUMBER_KEY: number})
    view = report_view(failure.with_entry(entry), w)
    if entry.action == "deliver":
        signed = _checked_signed_text(lb, failure)
        delivery = render(DELIVERY_MD, view.as_vars(), lb.root)
        markdown = join_delivery(signed, delivery)
    else:
        markdown = render(REPORT_MD, view.as_vars(), lb.root)
        # The digest of the text as drafted, then as signed: a hand edit in between is caught.
        entry = replace(entry, details={**entry.details, DIGEST_KEY: digest(markdown)})
        if entry.action == "sign":  # the print form under a signed report shows the digest
            view = report_view(failure.with_entry(entry), w)
    html = render(REPORT_HTML, view.as_vars(), lb.root)
    files = {md_path: markdown.encode("utf-8"), html_path: html.encode("utf-8")}
    return StepDocuments(entry, files)


def _check_draft(lb: LogBook, failure: Failure) -> None:
    check = check_drafted(lb, failure)
    if check is not None and check.state != "intact":
        raise Refused("draft_changed", path=check.path)


def _checked_signed_text(lb: LogBook, failure: Failure) -> str:
    check = check_signed(lb, failure)
    if check is None or check.state != "intact":
        path = check.path if check else lb.relative(report_paths(lb, failure.id)[0])
        raise Refused("signed_report_changed", path=path)
    return check.signed_text


def next_number(lb: LogBook, year: int, env: Mapping[str, str]) -> str:
    """The next report number of ``year``: one more than the highest used in the log book.

    Called under the log book's lock, after every earlier sign is committed, so two terminals
    on one clone cannot be given the same number.
    """
    from klipctl.storage import index

    numbers, problems = index.report_numbers(lb, env)
    if problems:
        raise Refused("number_unsure", path=problems[0].path)
    used = [0]
    for number in numbers:
        found = NUMBER_RE.match(number)
        if found and int(found.group(2)) == year:
            used.append(int(found.group(1)))
    return f"LAP-{max(used) + 1}/{lb.config.office.unit_code}/{year}"


# What a log book holds of its own: only klipctl's commands (and git) may change these.
_LOGBOOK_OWN = (
    *(".git", STATE_DIR, FAILURES_DIR, TEMPLATES_DIR, "README.md", ".gitignore"),
    *(CONFIG_FILE, ROSTER_FILE, CALENDAR_FILE, ALLOWED_SIGNERS_FILE),
)


def check_output(lb: LogBook | None, path: Path) -> Path:
    """Refuse ``--output`` into a file or folder of the log book itself (``-o roster.yaml``
    would replace it outside any commit); anywhere else, or a new name beside them, is fine."""
    if lb is None:
        return path
    try:
        inside = path.expanduser().resolve().relative_to(lb.root).parts
    except (OSError, ValueError):  # outside the log book, or a path that cannot be resolved
        return path
    if not inside or inside[0] in _LOGBOOK_OWN:
        raise Refused("output_in_logbook", path=str(path))
    return path
