"""`klipctl digest`: each morning, each person's own inbox, and the office's urgent list.

Run by cron or a systemd timer on the server. The supervisor and the head of office also get
the failures overdue or due within two working days, grouped by who acts next; everyone with
something waiting gets their own list. Without ``send`` it only says what it would send; on a
day that is not a working day it sends nothing.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from email.message import EmailMessage

from klipctl.app import notify, queries, sharing
from klipctl.app.context import Context
from klipctl.documents.mail import wire_bytes
from klipctl.documents.shared import World
from klipctl.domain.roster import Person
from klipctl.domain.standing import Status
from klipctl.storage import smtp

SOON_DAYS = 2  # "due within two working days"
OFFICE_ROLES = ("supervisor", "head")


@dataclass(frozen=True)
class DigestMail:
    person: Person
    message: EmailMessage
    yours: int
    urgent: int


@dataclass
class Digest:
    day: date
    working_day: bool
    mails: list[DigestMail] = field(default_factory=list)
    sent: int = 0


def _who(status: Status, w: World) -> str:
    nxt = status.next
    if nxt is None:
        return "—"
    return f"{w.name(nxt.handle)} ({w.m.role(nxt.role)})" if nxt.handle else w.m.role(nxt.role)


def digest(ctx: Context, send: bool) -> Digest:
    from klipctl.documents.mail import digest_mail
    from klipctl.storage import index

    sharing.catch_up(ctx)
    lb = ctx.logbook
    config = lb.config
    result = Digest(ctx.today, ctx.calendar.is_working_day(ctx.today))
    if not result.working_day:
        return result
    failures, _problems = index.query(lb, index.Query(), ctx.env)
    statuses = sorted(map(ctx.status, failures), key=queries.by_urgency)
    w = World(config, lb.roster, ctx.calendar, ctx.today, config.language or "id")
    urgent = [s for s in statuses if s.days_left is not None and s.days_left <= SOON_DAYS]
    groups: dict[str, list[Status]] = {}
    for s in urgent:
        groups.setdefault(_who(s, w), []).append(s)
    sender = config.notify.sender or "klipctl@localhost"
    for person in lb.roster.active:
        if not person.email:
            continue
        yours = [s for s in statuses if queries.waits_for(s, person, lb.roster)]
        office = any(person.has_role(r) for r in OFFICE_ROLES)
        grouped = list(groups.items()) if office else []
        if not yours and not grouped:
            continue
        msg = digest_mail(person, yours, grouped, w, sender, config.site.url, ctx.now, lb.root)
        result.mails.append(DigestMail(person, msg, len(yours), len(urgent) if office else 0))
    if send and result.mails:
        n = config.notify
        real_sender = notify.sender_of(n)
        with smtp.connection(n, notify.password_of(n, ctx.env)) as deliver:
            for mail in result.mails:
                assert mail.person.email
                deliver(smtp.Outgoing(real_sender, [mail.person.email], wire_bytes(mail.message)))
                result.sent += 1
    return result
