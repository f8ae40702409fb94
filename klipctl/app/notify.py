"""The central repository tells people: after each push, mail whoever acts next.

``after_push`` is what the ``post-receive`` hook runs. The push is already stored and was
accepted on the audit checks alone (``pre-receive``); here the server's own reading clone of the
log book (``server_dir(bare)/logbook``) is brought up to date, and for every entry the push added
the people the SOP table names (``domain.audience``) get one mail each, queued first in the
outbox, then sent. A mail server that is down loses nothing: what waits is sent by the next push
or by `klipctl notify flush`. A set-aside entry (one that lost a sync race) is not news: only
entries still in the log book's files are told of.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from datetime import datetime
from email.message import EmailMessage
from pathlib import Path

from klipctl.app.context import Context
from klipctl.documents.mail import wire_bytes
from klipctl.documents.shared import World
from klipctl.domain.audience import told_of
from klipctl.domain.model import Entry, Failure
from klipctl.domain.procedure import STEPS
from klipctl.errors import BadFile, KlipError, MailFailed, NotFound, Refused
from klipctl.storage import commitmsg, smtp, store
from klipctl.storage.config import Notify
from klipctl.storage.git import Git
from klipctl.storage.layout import failure_file
from klipctl.storage.outbox import Outbox, Queued, message_key, server_dir

ZERO = "0" * 40


@dataclass
class Flushed:
    """What one attempt to send the outbox did."""

    sent: int = 0
    waiting: int = 0  # still in the outbox, to be tried again
    given_up: int = 0  # refused by the mail server for good (kept in failed/, with the reason)
    problem: MailFailed | None = None  # why sending stopped, or a message was refused


@dataclass
class PushNews:
    """What the post-receive hook did for one push."""

    queued: int = 0
    flushed: Flushed = field(default_factory=Flushed)
    enabled: bool = True
    site: Path | None = None  # the board rebuilt there
    site_problem: KlipError | None = None


def reading_clone(bare: Path, branch: str = "main") -> Path:
    """The server's own clone of the log book, beside the bare repository, at its newest."""
    folder = server_dir(bare) / "logbook"
    if not (folder / ".git").exists():
        folder.parent.mkdir(parents=True, exist_ok=True)
        Git(folder.parent).clone(str(bare.resolve()), folder)
        return folder
    git = Git(folder)
    fetched = git.fetch("origin", branch)
    if fetched is not None and git.head() != fetched:
        git.fast_forward(fetched)
    return folder


def outbox_of(bare: Path) -> Outbox:
    return Outbox(server_dir(bare))


def password_of(n: Notify, env: Mapping[str, str]) -> str | None:
    if not n.password_env:
        return None
    value = env.get(n.password_env)
    if value is None:
        raise MailFailed("mail_no_password", variable=n.password_env)
    return value


def sender_of(n: Notify) -> str:
    if not n.smtp_host:
        raise Refused("notify_no_host")
    if not n.sender:
        raise Refused("notify_no_sender")
    return n.sender


def after_push(bare: Path, updates: Sequence[tuple[str, str, str]], ctx: Context) -> PushNews:
    """Queue and send the mails for the entries the pushed ``updates`` added; rebuild the
    board when the log book names a folder for it. ``ctx`` is on the server's reading clone."""
    lb = ctx.logbook
    config = lb.config
    news = PushNews(enabled=config.notify.enabled)
    branch = lb.git.branch() or "main"
    outbox = outbox_of(bare)
    if config.notify.enabled:
        central = Git(bare)
        for old, new, ref in updates:
            if ref != f"refs/heads/{branch}" or new == ZERO:
                continue
            for key, msg in messages_for_push(ctx, central, old, new):
                news.queued += outbox.put(key, wire_bytes(msg))
        news.flushed = flush(outbox, config.notify, ctx.env)
    if config.site.dir:
        news.site, news.site_problem = _rebuild_site(ctx, Path(config.site.dir))
    return news


def _rebuild_site(ctx: Context, folder: Path) -> tuple[Path | None, KlipError | None]:
    from klipctl.app import site  # the board's templates load only where it is configured

    try:
        site.build(ctx, folder)
    except KlipError as exc:
        return None, exc
    return folder, None


def messages_for_push(
    ctx: Context, central: Git, old: str, new: str
) -> list[tuple[str, EmailMessage]]:
    """Each mail the commits ``old..new`` call for, with its outbox key (commit, recipient)."""
    from klipctl.documents.mail import step_mail

    lb = ctx.logbook
    revs = [new] if old == ZERO else [f"{old}..{new}"]
    commits = list(reversed(central.log(revs=revs)))
    added: list[tuple[str, Entry, int, str]] = []  # commit, entry, its index, failure
    heads: dict[str, Failure] = {}
    for commit in commits:
        trailers = commitmsg.trailers(commit.body)
        fid, action = trailers.get(commitmsg.FAILURE), trailers.get(commitmsg.ACTION)
        if not fid or action not in STEPS:
            continue  # a merge, a roster or calendar change: nobody's next step
        data = central.show_bytes(commit.sha, failure_file(fid))
        if data is None:
            continue
        try:
            then = store.parse_failure(data, failure_file(fid), fid)
            head = heads.get(fid) or heads.setdefault(fid, lb.load_failure(fid))
        except (BadFile, NotFound):
            continue  # verify's business; mail only what reads
        k = len(then.entries) - 1
        if k < len(head.entries) and head.entries[k] == then.entries[k]:
            added.append((commit.sha, then.entries[k], k, fid))
    # A step someone takes later in the same push answers the mail this one would send.
    last_main = {fid: k for _sha, e, k, fid in added if STEPS[e.action].main}
    w = World(lb.config, lb.roster, ctx.calendar, ctx.today, lb.config.language or "id")
    n = lb.config.notify
    out = []
    for sha, entry, k, fid in added:
        failure = Failure(fid, heads[fid].entries[: k + 1])
        status = ctx.status(failure)
        superseded = last_main.get(fid, k) > k
        for told in told_of(failure, entry, lb.roster):
            if told.acts_next and superseded:
                continue
            assert told.person.email
            msg = step_mail(status, entry, told.person, told.acts_next, w, n.sender,
                            lb.config.site.url, lb.root)  # fmt: skip
            out.append((message_key(sha, told.person.email), msg))
    return out


def flush(outbox: Outbox, n: Notify, env: Mapping[str, str]) -> Flushed:
    """Send what waits in ``outbox``, oldest first; stop at the first sign the server cannot
    take mail now (the rest waits for the next try)."""
    result = Flushed()
    with outbox.sending():
        waiting = outbox.pending()
        if not waiting:
            return result
        try:
            sender = sender_of(n)
            with smtp.connection(n, password_of(n, env)) as send:
                for item in waiting:
                    try:
                        send(_outgoing(item, sender))
                    except MailFailed as exc:
                        if exc.key != "mail_refused":
                            raise
                        outbox.failed(item, f"{exc.key}: {exc.params.get('reason', '')}")
                        result.given_up += 1
                        result.problem = exc
                        continue
                    outbox.sent(item)
                    result.sent += 1
        except (MailFailed, Refused) as exc:
            result.problem = exc if isinstance(exc, MailFailed) else MailFailed(exc.key)
        result.waiting = outbox.count("outbox")
    return result


def _outgoing(item: Queued, sender: str) -> smtp.Outgoing:
    from email import message_from_bytes
    from email.utils import getaddresses

    data = item.read()
    parsed = message_from_bytes(data)
    recipients = [addr for _name, addr in getaddresses(parsed.get_all("To", []))]
    return smtp.Outgoing(sender, recipients, data)


def send_test(ctx: Context, address: str, now: datetime) -> str:
    """One test mail to ``address`` with the log book's settings; what failed, if it fails."""
    from klipctl.documents.mail import test_mail
    from klipctl.domain.roster import check_email

    address = check_email(address)
    lb = ctx.logbook
    n = lb.config.notify
    sender = sender_of(n)
    w = World(lb.config, lb.roster, ctx.calendar, ctx.today, ctx.language)
    msg = test_mail(address, w, sender, now)
    with smtp.connection(n, password_of(n, ctx.env)) as send:
        send(smtp.Outgoing(sender, [address], wire_bytes(msg)))
    return f"{n.smtp_host}:{n.smtp_port}"
