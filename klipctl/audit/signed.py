"""Whether a signed result report still holds exactly the text that was signed.

An audit question (``verify`` asks it of every signed failure, ``show`` of the one it shows), so
it lives with the audit, apart from ``documents`` (templates, Babel), which it never loads.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from pathlib import Path

from klipctl.domain.model import Failure
from klipctl.storage.layout import report_files
from klipctl.storage.logbook import LogBook

# The stored Markdown is the signed text, then this line, then the delivery record: everything
# before the line is what the digest in the sign entry covers. A line a person reads in plain
# text (a rule and a sentence, in both languages), not a hidden comment.
DELIVERY_MARKER = "* * *\n\n*Di luar teks yang ditandatangani / Not part of the signed text*"
# What reports delivered before the marker was readable carry instead: still recognised.
_OLD_MARKER = "<!-- klipctl: catatan penyampaian, di luar teks yang ditandatangani -->"
DIGEST_KEY = "report_sha256"


def join_delivery(signed: str, delivery: str | None) -> str:
    if delivery is None:
        return signed
    return f"{signed.rstrip()}\n\n{DELIVERY_MARKER}\n\n{delivery.lstrip()}"


def signed_part(stored: str) -> str:
    for marker in (DELIVERY_MARKER, _OLD_MARKER):
        head, found, _ = stored.partition(f"\n\n{marker}\n")
        if found:
            return head + "\n"
    return stored


def digest(text: str) -> str:
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def report_paths(lb: LogBook, failure_id: str) -> tuple[Path, Path]:
    md, html = report_files(failure_id)
    return lb.root / md, lb.root / html


@dataclass(frozen=True)
class SignedCheck:
    """Whether the stored report still holds exactly the text whose digest the sign entry has."""

    path: str
    digest: str
    state: str  # intact | changed | missing
    signed_text: str = ""


def check_signed(lb: LogBook, failure: Failure) -> SignedCheck | None:
    """None when the failure has no signed report (not signed yet, or signed before klipctl
    stored reports)."""
    sign = failure.last("sign")
    if sign is None or not sign.details.get(DIGEST_KEY):
        return None
    return _check(lb, failure, str(sign.details[DIGEST_KEY]))


def check_drafted(lb: LogBook, failure: Failure) -> SignedCheck | None:
    """While a draft waits for its signature: whether the stored report is still the text the
    draft entry recorded (the supervisor signs what the clerk drafted, nothing edited after).
    None in any other stage, or for a draft made before drafts recorded their digest."""
    draft = failure.last("draft")
    if failure.stage != "drafted" or draft is None or not draft.details.get(DIGEST_KEY):
        return None
    return _check(lb, failure, str(draft.details[DIGEST_KEY]))


def _check(lb: LogBook, failure: Failure, expected: str) -> SignedCheck:
    md_path = report_paths(lb, failure.id)[0]
    rel = lb.relative(md_path)
    if not md_path.is_file():
        return SignedCheck(rel, expected, "missing")
    # As committed, whatever the checkout did to line endings: a clone made before the log book
    # had its .gitattributes, with Git for Windows' core.autocrlf=true, holds it with CRLF.
    raw = md_path.read_bytes().replace(b"\r\n", b"\n")
    text = signed_part(raw.decode("utf-8", errors="replace"))
    state = "intact" if digest(text) == expected else "changed"
    return SignedCheck(rel, expected, state, text)


def stored_html(lb: LogBook, failure_id: str) -> str | None:
    """The stored result report's HTML (``ID.report.html``), or None when there is none."""
    path = report_paths(lb, failure_id)[1]
    try:
        return path.read_bytes().decode("utf-8", errors="replace")
    except FileNotFoundError:
        return None
