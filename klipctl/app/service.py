"""The core operations behind each command: validate, append, commit, and derived views.

Functions take a ``Context`` (the world: log book location, environment, clock, language) and
return plain result objects; they never print. The CLI decides how results look.
"""

from __future__ import annotations

import shutil
from collections.abc import Mapping
from dataclasses import dataclass, field, replace
from datetime import date, datetime
from functools import cached_property
from pathlib import Path
from typing import Any

from klipctl.audit import signing
from klipctl.domain import ids, procedure
from klipctl.domain.model import JAKARTA, Entry, Failure
from klipctl.domain.procedure import NextStep
from klipctl.domain.roster import (
    Person,
    RosterChange,
    check_email,
    check_handle,
    check_name,
    check_nip,
    check_public_key,
    check_roles,
)
from klipctl.domain.workdays import DeadlineRule, WorkCalendar, office_days
from klipctl.errors import InvalidInput, NotFound, Refused
from klipctl.storage import store
from klipctl.storage.config import CONFIG_FILE
from klipctl.storage.git import Author, Commit, Git
from klipctl.storage.logbook import (
    ALLOWED_SIGNERS_FILE,
    FAILURES_DIR,
    ROSTER_FILE,
    LogBook,
    Problem,
    Transaction,
    locate,
)
from klipctl.storage.sync import Identity, SetAside, Syncer, SyncResult

ENV_USER = "KLIPCTL_USER"
ENV_OFFLINE = "KLIPCTL_OFFLINE"  # "1": this command does not sync, whatever the log book says
SETUP_AUTHOR = Author("klipctl", "klipctl@klipctl.invalid")


@dataclass
class Context:
    """Everything a command depends on from outside, passed in so tests need no patching."""

    env: Mapping[str, str]
    cwd: Path
    now: datetime
    language: str = "id"
    logbook_path: Path | None = None

    # What automatic syncs around this command's writes did, for the CLI to report.
    syncs: list[SyncResult] = field(default_factory=list)
    reapplying: bool = False  # re-applying set-aside steps: they do not sync again

    @cached_property
    def logbook(self) -> LogBook:
        lb = LogBook(locate(self.logbook_path, self.env, self.cwd))
        lb.recover_if_interrupted()  # a writer killed mid-change: put it right before reading
        lb.sync_hook = lambda: _auto_sync(self, lb)
        return lb

    @cached_property
    def calendar(self) -> WorkCalendar:
        """The national calendar (cached on disk) with the log book's own changes, if any."""
        from klipctl.storage.holidaycache import NationalCalendar, cache_dir

        national = NationalCalendar(self.language, cache_dir(self.env))
        lb = self.logbook_if_any()
        return WorkCalendar.from_years(national, office_days(lb.calendar_changes) if lb else {})

    @property
    def rule(self) -> DeadlineRule:
        lb = self.logbook_if_any()
        return lb.config.rule if lb else DeadlineRule()

    def logbook_if_any(self) -> LogBook | None:
        """The log book, or None when there is none here (calendar commands work without one)."""
        try:
            return self.logbook
        except NotFound as exc:
            if exc.key == "no_logbook":
                return None
            raise

    @property
    def today(self) -> date:
        return self.now.astimezone(JAKARTA).date()

    def actor(self) -> Person:
        """The person acting: $KLIPCTL_USER, else the roster entry with git's user.email."""
        roster = self.logbook.roster
        handle = self.env.get(ENV_USER)
        if handle:
            person = roster.get(handle)
            if person is None or not person.active:
                raise Refused("not_on_roster_handle", handle=handle)
            return person
        email = self.logbook.git.config_get("user.email")
        person = roster.by_email(email) if email else None
        if person is None:
            raise Refused("not_on_roster_email", email=email or "")
        return person

    def signer(self, handle: str, public_key: str | None) -> signing.Signer | None:
        """The key ``handle`` signs with: it must be ``public_key``, the one on the roster.

        With signatures required, no usable key is a refusal that says how to set one up;
        otherwise the entry is simply left unsigned.
        """
        required = self.logbook.config.signatures_required
        if public_key is None:
            if required:
                raise Refused("no_key_on_roster", handle=handle)
            return None
        source = signing.key_source(self.env, self.logbook.git.config_get("user.signingkey"))
        if source is None:
            if required:
                raise Refused("no_signing_key", handle=handle)
            return None
        try:
            signer = signing.load_signer(source)
        except signing.KeyProblem as exc:
            raise Refused(exc.key, **exc.params) from None
        if signer.public_key != public_key:
            raise Refused("signing_key_mismatch", handle=handle, path=source)
        return signer


# --- derived state ------------------------------------------------------------------------------


@dataclass(frozen=True)
class Status:
    """A failure with what is derived from it on a given day."""

    failure: Failure
    deadline: date | None
    days_left: int | None  # working days until the deadline; negative when late; None if closed
    next: NextStep | None

    @property
    def overdue(self) -> bool:
        return self.days_left is not None and self.days_left < 0


def status_of(failure: Failure, ctx: Context) -> Status:
    cal = ctx.calendar
    deadline = None
    days_left = None
    if failure.assigned_at is not None:
        deadline = cal.deadline(failure.assigned_at, ctx.rule)
        if failure.is_open:
            today = ctx.today
            if today <= deadline:
                days_left = cal.workdays_between(today, deadline)
            else:
                # On a weekend or holiday after the deadline, count to the next working day.
                late_on = (
                    today if cal.is_working_day(today) else next(cal.working_days_after(today))
                )
                days_left = -max(1, cal.workdays_between(deadline, late_on))
    return Status(failure, deadline, days_left, procedure.next_step(failure))


def stage_durations(failure: Failure, cal: WorkCalendar) -> list[int]:
    """Working days each entry took since the previous one (0 for the first)."""
    days = [0]
    for prev, entry in zip(failure.entries, failure.entries[1:], strict=False):
        days.append(cal.workdays_between(prev.day, entry.day))
    return days


# --- results ------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Change:
    """What a write command did: the failure after it, the stage before and the commit."""

    status: Status
    before: str | None
    commit: str


@dataclass(frozen=True)
class RosterResult:
    person: Person
    action: str
    commit: str


@dataclass(frozen=True)
class Listing:
    statuses: list[Status]
    problems: list[Problem] = field(default_factory=list)


# --- set-up ------------------------------------------------------------------------------------


def init_logbook(target: Path, skeleton: Path, now: datetime) -> Path:
    """Make a new log book at ``target`` from the skeleton and commit it."""
    root = target.expanduser().resolve()
    if (root / CONFIG_FILE).exists():
        raise Refused("logbook_exists", path=str(root))
    if root.exists() and not root.is_dir():
        raise InvalidInput("not_a_folder", path=str(root))
    root.mkdir(parents=True, exist_ok=True)
    git = Git(root)
    if git.toplevel() is None:
        git.init()
    # So `git log --show-signature` checks commits against the roster's keys.
    git.config_set("gpg.ssh.allowedSignersFile", str(root / ALLOWED_SIGNERS_FILE))
    copied: list[Path] = []
    for source in sorted(skeleton.rglob("*")):
        if source.is_file() and "__pycache__" not in source.parts:
            dest = root / source.relative_to(skeleton)
            if dest.exists():
                raise Refused("logbook_file_exists", path=str(dest))
            copied.append(dest)
    try:
        for dest in copied:
            dest.parent.mkdir(parents=True, exist_ok=True)
            shutil.copyfile(skeleton / dest.relative_to(root), dest)
        (root / FAILURES_DIR).mkdir(exist_ok=True)
        # Nobody is on the roster yet: the commit is git's configured user, else klipctl itself.
        author = None if git.config_get("user.email") else SETUP_AUTHOR
        paths = [p.relative_to(root) for p in copied]
        git.commit(paths, "Start the log book\n\nKlipctl-Action: init\n", author, now)
    except BaseException:
        for dest in copied:
            dest.unlink(missing_ok=True)
        raise
    return root


def add_person(
    ctx: Context,
    handle: str,
    name: str,
    nip: str,
    roles: list[str],
    email: str | None,
    key_text: str | None,
) -> RosterResult:
    lb = ctx.logbook
    check_handle(handle)
    lb.pull()
    fields: dict[str, Any] = {
        "name": check_name(name),
        "nip": check_nip(nip),
        "roles": list(check_roles(roles)),
    }
    if email:
        fields["email"] = check_email(email)
    if key_text:
        fields["key"] = check_public_key(key_text)
    actor = _roster_actor(ctx)
    if actor is not None:
        signer = ctx.signer(actor.handle, actor.key)
    else:
        # Set-up, before the first supervisor: the person added signs their own addition with
        # the key it adds, proving they hold it (verify accepts exactly this).
        signer = ctx.signer(handle, fields.get("key"))
    change = RosterChange("add", handle, fields, actor.handle if actor else None, ctx.now)
    with lb.transaction() as tx:
        # Checked under the lock, against the roster as it is after any sync.
        if handle in lb.roster:
            raise InvalidInput("handle_taken", handle=handle)
        if email and lb.roster.by_email(fields["email"]):
            raise InvalidInput("email_taken", email=fields["email"])
        _append_roster_change(ctx, tx, change, signer)
        message = (
            f"Add {handle} to the roster: {fields['name']}\n\n"
            f"Roles: {', '.join(fields['roles'])}.\n\n"
            f"Klipctl-Action: roster-add\nKlipctl-Person: {handle}\n"
            + (f"Klipctl-Actor: {actor.handle}\n" if actor else "")
        )
        sha = tx.commit(
            message,
            _author(actor) if actor else _setup_author(ctx, fields, handle),
            ctx.now,
            signer.key_path if signer else None,
        )
    person = lb.roster.get(handle)
    assert person is not None
    return RosterResult(person, "add", sha)


def set_key(ctx: Context, handle: str, key_text: str) -> RosterResult:
    """Give ``handle`` a new public key from now on; entries made before keep their old key.

    A supervisor may set anyone's key, anyone their own. The change is signed with the actor's
    key as it stands; someone setting their very first key signs with that new key.
    """
    lb = ctx.logbook
    key = check_public_key(key_text)
    lb.pull()
    person = lb.roster.get(handle)
    if person is None or not person.active:
        raise InvalidInput("unknown_person", handle=handle)
    actor = ctx.actor()
    if actor.handle != handle and not actor.has_role("supervisor"):
        raise Refused("set_key_needs_supervisor", handle=actor.handle, person=handle)
    first_own = actor.handle == handle and actor.key is None
    signer = ctx.signer(actor.handle, key if first_own else actor.key)
    change = RosterChange("set-key", handle, {"key": key}, actor.handle, ctx.now)
    with lb.transaction() as tx:
        _append_roster_change(ctx, tx, change, signer)
        message = (
            f"Set the key of {handle}\n\n{key.split()[0]} {key.split()[1][-16:]}\n\n"
            f"Klipctl-Action: roster-set-key\nKlipctl-Person: {handle}\n"
            f"Klipctl-Actor: {actor.handle}\n"
        )
        sha = tx.commit(message, _author(actor), ctx.now, signer.key_path if signer else None)
    updated = lb.roster.get(handle)
    assert updated is not None
    return RosterResult(updated, "set-key", sha)


def _append_roster_change(
    ctx: Context, tx: Transaction, change: RosterChange, signer: signing.Signer | None
) -> RosterChange:
    """Chain, sign and append a roster change; regenerate allowed_signers beside it."""
    lb = ctx.logbook
    changes = list(lb.roster.changes)
    prev = (
        signing.digest(store.roster_change_to_dict(changes[-1]))
        if changes
        else signing.genesis(signing.ROSTER_CHAIN)
    )
    change = replace(change, prev=prev)
    if signer is not None:
        message = signing.canonical(store.roster_change_to_dict(change))
        change = replace(change, sig=_sign(signer, message))
    path = lb.root / ROSTER_FILE
    text = (tx.read(path) or b"").decode("utf-8")
    tx.write(path, store.append_roster_change(text, change).encode("utf-8"))
    signers_path = lb.root / ALLOWED_SIGNERS_FILE
    signers = store.allowed_signers_text([*changes, change]).encode("utf-8")
    if tx.read(signers_path) != signers:
        tx.write(signers_path, signers)
    return change


def _sign(signer: signing.Signer, message: bytes) -> str:
    try:
        return signer.sign(message, signing.NAMESPACE)
    except signing.KeyProblem as exc:
        raise Refused(exc.key, **exc.params) from None


def _seal(entry: Entry, prev: str, signer: signing.Signer | None) -> Entry:
    """The entry chained to the one before it and signed by its actor."""
    entry = replace(entry, prev=prev)
    if signer is None:
        return entry
    return replace(entry, sig=_sign(signer, signing.canonical(store.entry_to_dict(entry))))


def _roster_actor(ctx: Context) -> Person | None:
    """Who may change the roster: anyone while there is no supervisor, then supervisors only."""
    roster = ctx.logbook.roster
    if not roster.has_supervisor:
        try:
            return ctx.actor()
        except Refused:
            return None  # the person setting up the log book, not yet on the roster
    actor = ctx.actor()
    if not actor.has_role("supervisor"):
        raise Refused("roster_needs_supervisor", handle=actor.handle)
    return actor


def _setup_author(ctx: Context, fields: Mapping[str, Any], handle: str) -> Author | None:
    # Before anyone is on the roster the commit is authored as git is configured; if git has no
    # identity, by the person being added, since in practice people add themselves first.
    if ctx.logbook.git.config_get("user.email"):
        return None
    return Author(str(fields["name"]), str(fields.get("email") or f"{handle}@klipctl.invalid"))


def _author(person: Person) -> Author:
    return Author(person.name, person.email or f"{person.handle}@klipctl.invalid")


# --- the procedure ------------------------------------------------------------------------------


def report(ctx: Context, details: Mapping[str, Any]) -> Change:
    lb = ctx.logbook
    lb.pull()  # first: the roster, keys and calendar as the central repository has them
    actor = ctx.actor()
    entry = procedure.apply(None, "report", actor, details, ctx.now, lb.roster)
    signer = ctx.signer(actor.handle, actor.key)
    _ = ctx.calendar  # read now: a damaged calendar refuses the step, not its result after commit
    with lb.transaction() as tx:
        failure_id = _fresh_id(lb, ctx.now)
        entry = _seal(entry, signing.genesis(failure_id), signer)
        failure = Failure(failure_id, (entry,))
        path = lb.failure_path(failure_id)
        tx.write(path, store.new_failure_text(failure_id, entry).encode("utf-8"))
        sha = tx.commit(
            _message(failure, actor), _author(actor), ctx.now, signer.key_path if signer else None
        )
    return Change(status_of(failure, ctx), None, sha)


def _fresh_id(lb: LogBook, now: datetime) -> str:
    while True:  # a clash in this clone is astronomically rare, but cheap to rule out
        failure_id = ids.new_id(now)
        if not lb.failure_path(failure_id).exists():
            return failure_id


def act(ctx: Context, action: str, id_text: str, details: Mapping[str, Any]) -> Change:
    """Take one step of the SOP on an existing failure."""
    lb = ctx.logbook
    lb.pull()
    actor = ctx.actor()
    signer = ctx.signer(actor.handle, actor.key)
    _ = ctx.calendar  # read now: a damaged calendar refuses the step, not its result after commit
    with lb.transaction() as tx:
        # Read under the lock, so two terminals cannot both take the same step.
        failure_id = lb.resolve_id(id_text)
        failure = lb.load_failure(failure_id)
        entry = procedure.apply(failure, action, actor, details, ctx.now, lb.roster)
        # Draft, sign and deliver also (re)write the stored result report, in the same commit;
        # sign adds the report number and the digest of the signed text to its entry. Both
        # happen before sealing, so the signature covers them. Other steps need not load the
        # documents module (templates, Babel) at all.
        files: Mapping[Path, bytes] = {}
        if entry.action in procedure.REPORT_STEPS:
            from klipctl.documents import views as documents

            step_docs = documents.for_step(ctx, failure, entry)
            entry, files = step_docs.entry, step_docs.files
        prev = signing.digest(store.entry_to_dict(failure.entries[-1]))
        entry = _seal(entry, prev, signer)
        updated = failure.with_entry(entry)
        tx.append(lb.failure_path(failure_id), store.entry_text(entry))
        for path, data in files.items():
            tx.write(path, data)
        sha = tx.commit(
            _message(updated, actor), _author(actor), ctx.now, signer.key_path if signer else None
        )
    return Change(status_of(updated, ctx), failure.stage, sha)


_VERBS = {
    "report": "Report",
    "record": "Record",
    "assign": "Assign",
    "resolve": "Resolve",
    "accept": "Accept",
    "reject": "Reject",
    "draft": "Draft",
    "sign": "Sign",
    "deliver": "Deliver",
    "archive": "Archive",
}


def _message(failure: Failure, actor: Person) -> str:
    entry = failure.entries[-1]
    body = {
        "assign": f"Assigned to {entry.details.get('to')}.",
        "accept": f"Accepted; {entry.details.get('drafter')} drafts the result report.",
        "reject": f"Rejected: {entry.details.get('reason')}",
        "resolve": f"Action: {entry.details.get('action')}",
    }.get(entry.action)
    lines = [f"{_VERBS[entry.action]} {failure.id}: {failure.title}", ""]
    if body:
        # Typed text may run over several lines: indented, none of them can pass for a trailer.
        lines += [body.replace("\n", "\n    "), ""]
    lines += [
        f"Klipctl-Failure: {failure.id}",
        f"Klipctl-Action: {entry.action}",
        f"Klipctl-Stage: {entry.stage}",
        f"Klipctl-Actor: {actor.handle}",
        f"Klipctl-Role: {entry.role}",
    ]
    return "\n".join(lines) + "\n"


# --- queries ------------------------------------------------------------------------------------


def show(ctx: Context, id_text: str) -> Status:
    lb = ctx.logbook
    return status_of(lb.load_failure(lb.resolve_id(id_text)), ctx)


@dataclass(frozen=True)
class Filters:
    stage: str | None = None
    assignee: str | None = None
    system: str | None = None
    overdue: bool = False
    include_closed: bool = False


def list_failures(ctx: Context, filters: Filters) -> Listing:
    from klipctl.storage import index  # sqlite and json only for list-type commands

    q = index.Query(filters.stage, filters.assignee, filters.system, filters.include_closed)
    failures, problems = index.query(ctx.logbook, q, ctx.env)
    statuses = [status_of(f, ctx) for f in failures]
    if filters.overdue:
        statuses = [s for s in statuses if s.overdue]
    return Listing(statuses, problems)


def history(ctx: Context, id_text: str) -> tuple[Failure, list[Commit]]:
    lb = ctx.logbook
    failure = lb.load_failure(lb.resolve_id(id_text))
    return failure, lb.git.log(lb.failure_path(failure.id).relative_to(lb.root))


def check_stage(stage: str | None) -> None:
    from klipctl.domain.model import STAGES

    if stage is not None and stage not in STAGES:
        raise InvalidInput("invalid_stage", value=stage, choices=", ".join(STAGES))


# --- the central repository -------------------------------------------------------------------


def _identity(ctx: Context) -> Identity:
    actor = ctx.actor()
    signer = ctx.signer(actor.handle, actor.key)
    return Identity(actor.handle, _author(actor), signer.key_path if signer else None)


def _syncer(ctx: Context, lb: LogBook) -> Syncer | None:
    remote = lb.config.sync_remote
    if lb.git.remote_url(remote) is None:
        return None
    return Syncer(lb, remote, lambda: _identity(ctx), ctx.now)


class _AutoSync:
    """Around one write: integrate first, push after; offline or a sync problem never stops
    the write itself, it is reported beside it."""

    def __init__(self, ctx: Context, syncer: Syncer) -> None:
        self.ctx = ctx
        self.syncer = syncer
        self.result = SyncResult(syncer.remote)

    def _guard(self, step: Any) -> None:
        from klipctl.errors import KlipError, Unreachable

        if self.result.offline or self.result.problem:
            return
        try:
            step(self.result)
        except Unreachable as exc:
            self.result.offline = str(exc.params.get("detail") or exc.key)
        except KlipError as exc:
            self.result.problem = exc

    def before(self) -> None:
        self.ctx.syncs.append(self.result)  # reported whatever follows, the step failing too
        self._guard(self.syncer.integrate)
        self.ctx.__dict__.pop("calendar", None)  # the office calendar may have come in
        if self.result.set_aside:
            _record_set_aside(self.ctx, self.result.set_aside)

    def after(self, committed: bool) -> None:
        if committed or self.result.merged:
            self._guard(self.syncer.push)

    def settle(self) -> None:
        _reapply(self.ctx, self.result)


def _auto_sync(ctx: Context, lb: LogBook) -> _AutoSync | None:
    if ctx.env.get(ENV_OFFLINE) == "1" or ctx.reapplying:
        return None
    if not lb.config.sync_auto:
        return None
    syncer = _syncer(ctx, lb)
    return _AutoSync(ctx, syncer) if syncer else None


def sync(ctx: Context) -> SyncResult:
    """`klipctl sync`: fetch, integrate, push; re-apply what was set aside where still allowed."""
    from klipctl.errors import Unreachable

    lb = ctx.logbook
    syncer = _syncer(ctx, lb)
    if syncer is None:
        raise Refused("no_remote", remote=lb.config.sync_remote)
    result = SyncResult(syncer.remote)
    with lb.locked():
        try:
            syncer.integrate(result)
            if result.set_aside:
                _record_set_aside(ctx, result.set_aside)
            syncer.push(result)
        except Unreachable as exc:
            detail = exc.params.get("detail", "")
            raise Refused("sync_offline", remote=syncer.remote, detail=detail) from None
    _reapply(ctx, result)
    return result


_PERSON_GIVEN = ("to", "drafter", "note", "reason", "action", "cause")


def _reapply(ctx: Context, result: SyncResult) -> None:
    """Take again, as new entries, the set-aside steps of the person syncing that the SOP still
    allows on top of the central repository's entries; tell them about the rest."""
    if not result.set_aside:
        return
    try:
        me = ctx.actor().handle
    except Refused:
        me = None
    ctx.reapplying = True
    try:
        for item in result.set_aside:
            for entry in item.entries:
                if item.chain in ("roster", "calendar") or entry.get("actor") != me:
                    result.not_reapplied.append((item, entry, None))
                    continue
                raw = entry.get("details") or {}
                details = {k: raw[k] for k in _PERSON_GIVEN if k in raw}
                try:
                    change = act(ctx, str(entry.get("action")), item.chain, details)
                except (Refused, InvalidInput) as exc:
                    result.not_reapplied.append((item, entry, exc))
                else:
                    result.reapplied.append((item, entry, change.commit))
    finally:
        ctx.reapplying = False
    if result.reapplied:
        # The re-applied entries are new commits: send them on.
        syncer = _syncer(ctx, ctx.logbook)
        if syncer is not None:
            from klipctl.errors import Unreachable

            with ctx.logbook.locked():
                try:
                    syncer.push(result)
                except Unreachable as exc:
                    result.offline = str(exc.params.get("detail") or exc.key)


SET_ASIDE_LOG = "set-aside.jsonl"


def _record_set_aside(ctx: Context, items: list[SetAside]) -> None:
    """Keep a local note of what was set aside, for `klipctl status` (the entries themselves
    stay in git history, in the commits named)."""
    import json

    lb = ctx.logbook
    lb.state_dir.mkdir(exist_ok=True)
    with open(lb.state_dir / SET_ASIDE_LOG, "a", encoding="utf-8") as log:
        for item in items:
            for entry in item.entries:
                record = {"chain": item.chain, "commit": item.commit, "entry": entry,
                          "theirs": item.theirs, "at": ctx.now.isoformat()}  # fmt: skip
                log.write(json.dumps(record, ensure_ascii=False, default=str) + "\n")


def set_remote(ctx: Context, url: str) -> tuple[str, str]:
    lb = ctx.logbook
    url = url.strip()
    if not url or url.startswith("-") or any(ord(c) < 32 for c in url):
        raise InvalidInput("bad_remote_url", url=url)
    local = Path(url).expanduser()
    try:
        is_folder = "://" not in url and local.exists()
    except OSError:  # a name too long to be a path here: a URL for git to judge
        is_folder = False
    if is_folder:
        # A folder on this machine or a share: absolute, so git finds it from anywhere.
        url = str((ctx.cwd / local).resolve())
    lb.git.set_remote(lb.config.sync_remote, url)
    return lb.config.sync_remote, url


@dataclass(frozen=True)
class SyncStatus:
    """`klipctl status`: what is not yet shared with the central repository."""

    remote: str
    url: str | None
    branch: str | None
    unpushed: list[Commit]
    behind: int  # commits the central repository had at the last fetch that we lack
    uncommitted: list[str]
    interrupted: bool
    set_aside: list[dict[str, Any]]


def sync_status(ctx: Context) -> SyncStatus:
    import json

    lb = ctx.logbook
    git = lb.git
    remote = lb.config.sync_remote
    branch = git.branch()
    tracking = git.resolve(f"refs/remotes/{remote}/{branch}") if branch else None
    pending = f"{tracking}..HEAD" if tracking else "HEAD"
    unpushed = git.log(limit=50, revs=[pending]) if git.head() else []
    behind = git.count(f"HEAD..{tracking}") if tracking and git.head() else 0
    log = lb.state_dir / SET_ASIDE_LOG
    set_aside = (
        [json.loads(line) for line in log.read_text(encoding="utf-8").splitlines() if line]
        if log.exists()
        else []
    )
    return SyncStatus(
        remote,
        git.remote_url(remote),
        branch,
        unpushed,
        behind,
        git.dirty_paths() if git.head() else [],
        lb.interrupted(),
        set_aside[-10:],
    )
