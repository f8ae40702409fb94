"""The mails the central repository sends: one step's news to a person, and the daily digest.

Like every document, a mail is a view model (dates in words, working days counted, sentences in
the log book's language) rendered by a template (``mail-step.txt.j2``, ``mail-digest.txt.j2``),
which an office may override in its ``templates/`` folder. The result is an RFC 5322 message.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import asdict, dataclass
from datetime import datetime
from email.message import EmailMessage
from email.policy import SMTP
from email.utils import format_datetime, make_msgid
from pathlib import Path

from klipctl.documents.render import render
from klipctl.documents.shared import Labels, World, full_date, long_date
from klipctl.domain.model import JAKARTA, Entry
from klipctl.domain.roster import Person
from klipctl.domain.standing import Status
from klipctl.i18n.messages import ACTION_NAMES, Messages


@dataclass(frozen=True)
class FailureLine:
    """A failure as a mail lists it."""

    id: str
    title: str
    system: str
    stage: str
    deadline: str  # "Rabu, 16 Desember 2026", or why there is none
    standing: str  # "3 hari kerja lagi", "terlambat 2 hari kerja"
    next: str  # who acts next, and the command
    command: str  # what the reader types, if it is theirs to do
    link: str  # the failure's page on the board, if the board has an address


def command_for(status: Status) -> str:
    nxt = status.next
    if nxt is None:
        return ""
    command = "review" if set(nxt.actions) == {"accept", "reject"} else nxt.actions[0]
    return f"klipctl {command} {status.failure.id}"


def standing_words(status: Status, m: Messages) -> str:
    left = status.days_left
    if status.failure.stage == "withdrawn":
        return m("entry_withdraw").lower()
    if status.deadline is None:
        return m("no_deadline")
    if left is None:
        return m("mail_closed")
    if left < 0:
        return m("days_late", n=-left)
    return m("due_today") if left == 0 else m("days_left", n=left)


def failure_line(status: Status, w: World, site_url: str, mine: bool) -> FailureLine:
    m, f = w.m, status.failure
    nxt = status.next
    who = ""
    if nxt is not None:
        who = w.name(nxt.handle) if nxt.handle else m.role(nxt.role)
    return FailureLine(
        id=f.id,
        title=f.title,
        system=f.system,
        stage=m.stage(f.stage),
        deadline=day_words(status, w),
        standing=standing_words(status, m),
        next=who,
        command=command_for(status) if mine else "",
        link=f"{site_url.rstrip('/')}/f/{f.id}.html" if site_url else "",
    )


def day_words(status: Status, w: World) -> str:
    if status.deadline is None:
        return w.m("no_deadline")
    return full_date(status.deadline, w.lang)


# CRLF line ends, as SMTP wants; long subjects (an ID and a title) kept on one line rather than
# folded after "Subject:", which some mail programs then show with a leading space.
WIRE = SMTP.clone(max_line_length=400)


def wire_bytes(msg: EmailMessage) -> bytes:
    """The message as it goes to the mail server (and into the outbox)."""
    return msg.as_bytes(policy=WIRE)


def _message(sender: str, to: Person, subject: str, body: str, when: datetime) -> EmailMessage:
    msg = EmailMessage()
    msg["From"] = sender
    msg["To"] = f"{to.name} <{to.email}>"
    msg["Subject"] = subject
    msg["Date"] = format_datetime(when.astimezone(JAKARTA))
    msg["Message-ID"] = make_msgid(domain=sender.rsplit("@", 1)[-1])
    msg["Auto-Submitted"] = "auto-generated"  # RFC 3834: no out-of-office replies to this
    msg.set_content(body, cte="quoted-printable")
    return msg


def step_mail(
    status: Status,
    entry: Entry,
    to: Person,
    acts_next: bool,
    w: World,
    sender: str,
    site_url: str,
    root: Path | None,
) -> EmailMessage:
    """What ``to`` is told of ``entry`` (``status``: the failure right after it)."""
    m = w.m
    line = failure_line(status, w, site_url, acts_next)
    at = entry.at.astimezone(JAKARTA)
    view = {
        "t": Labels(m),
        "to": to.name,
        "failure": asdict(line),
        "step": m.action(entry.action) if entry.action in ACTION_NAMES else entry.action,
        "actor": w.name(entry.actor),
        "when": f"{long_date(at.date(), w.lang)} {at:%H:%M} WIB",
        "acts_next": acts_next,
        "office": w.config.office.name,
    }
    body = render("mail-step.txt.j2", view, root)
    key = "mail_subject_yours" if acts_next else "mail_subject_news"
    subject = m(key, id=line.id, title=line.title, stage=line.stage)
    return _message(sender, to, subject, body, entry.at)


def digest_mail(
    to: Person,
    yours: Sequence[Status],
    office_late: Sequence[tuple[str, Sequence[Status]]],
    w: World,
    sender: str,
    site_url: str,
    now: datetime,
    root: Path | None,
) -> EmailMessage:
    """The day's digest for ``to``: what waits for them, and (for the supervisor and the head of
    office) the office's overdue and nearly due failures grouped by who acts next."""
    m = w.m
    view = {
        "t": Labels(m),
        "to": to.name,
        "day": long_date(w.today, w.lang),
        "yours": [asdict(failure_line(s, w, site_url, True)) for s in yours],
        "groups": [
            {"who": who, "failures": [asdict(failure_line(s, w, site_url, False)) for s in group]}
            for who, group in office_late
        ],
        "office": w.config.office.name,
        "board": site_url,
    }
    body = render("mail-digest.txt.j2", view, root)
    subject = m("mail_subject_digest", day=long_date(w.today, w.lang), n=len(yours))
    return _message(sender, to, subject, body, now)


def test_mail(to: str, w: World, sender: str, now: datetime) -> EmailMessage:
    m = w.m
    person = Person(handle="-", name=to, nip="", roles=(), email=to)
    body = m("mail_test_body", office=w.config.office.name) + "\n"
    return _message(sender, person, m("mail_subject_test"), body, now)

