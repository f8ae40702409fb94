"""Sharing the log book with the central repository, around each write and on `klipctl sync`.

A write is wrapped, not called back: ``around_write`` brings the central repository's news in
(under the lock) before the step reads anything, pushes after it, and then takes again, as new
entries, the person's own steps that the merge set aside where the SOP still allows them. Being
offline, or a sync problem, never stops the write itself: it is reported beside it.
"""

from __future__ import annotations

import json
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

from klipctl.app.context import Context, author_of, commit_signer
from klipctl.errors import InvalidInput, KlipError, Refused, Unreachable
from klipctl.storage.git import Commit, Git
from klipctl.storage.layout import attachment_file
from klipctl.storage.logbook import LogBook

# The sync itself (and the write path it takes set-aside steps again with) loads only where a
# central repository is set: a log book without one never pays for it.
if TYPE_CHECKING:
    from klipctl.storage.sync import Identity, SetAside, Syncer, SyncResult

ENV_OFFLINE = "KLIPCTL_OFFLINE"  # "1": this command does not sync, whatever the log book says
SET_ASIDE_LOG = "set-aside.jsonl"

# What a set-aside entry's person gave (the rest, actor and time, is the new step's own).
_PERSON_GIVEN = (
    "to", "drafter", "note", "reason", "action", "cause", "text", "field", "value", "duplicate_of",
    "files",
)  # fmt: skip


def _identity(ctx: Context) -> Identity:
    from klipctl.storage.sync import Identity

    actor = ctx.actor()
    signer = ctx.signer(actor.handle, actor.key)
    return Identity(actor.handle, author_of(actor), commit_signer(signer))


def _syncer(ctx: Context, lb: LogBook) -> Syncer | None:
    remote = lb.config.sync_remote
    if lb.git.remote_url(remote) is None:
        return None
    from klipctl.storage.sync import Syncer

    return Syncer(lb, remote, lambda: _identity(ctx), ctx.now)


def _auto_syncer(ctx: Context) -> Syncer | None:
    """The syncer for automatic syncs, if this log book has them and this command may."""
    if ctx.env.get(ENV_OFFLINE) == "1":
        return None
    lb = ctx.logbook
    return _syncer(ctx, lb) if lb.config.sync_auto else None


def _guarded(result: SyncResult, step: Callable[[], None]) -> None:
    """Run one sync step unless the sync already failed; record, never raise, what went wrong."""
    if result.offline or result.problem:
        return
    try:
        step()
    except Unreachable as exc:
        result.offline = str(exc.params.get("detail") or exc.key)
    except KlipError as exc:
        result.problem = exc


PRESYNC_FRESH_SECONDS = 60.0  # a sync before the questions this recent serves the write too


def bring_in(ctx: Context) -> None:
    """Before a write's questions: the central repository's news in, so the checks that the
    step is the person's to take see what the write will see."""
    syncer = _auto_syncer(ctx)
    if syncer is not None and _fresh_presync(ctx) is None:
        ctx.presync = (_integrated(ctx, syncer), time.monotonic())


READ_FETCH_TIMEOUT_SECONDS = 2.0  # a read command never waits longer on the network


def catch_up(ctx: Context) -> None:
    """Before a read (`list`, `due`, `inbox`, `show`): bring the centre's news in, quietly,
    when this clone last fetched longer ago than ``sync.fetch_every_minutes``; never more than
    a moment's wait, and nothing said when the centre cannot be reached or the book is busy."""
    syncer = _auto_syncer(ctx)
    if syncer is None:
        return
    interval = ctx.logbook.config.fetch_every_seconds
    age = syncer.last_fetch_age()
    if interval <= 0 or (age is not None and age < interval):
        return
    try:
        with ctx.logbook.locked(timeout=0.5):
            if syncer.catch_up(READ_FETCH_TIMEOUT_SECONDS):
                ctx.calendar_changed()
    except KlipError:
        return  # offline, busy, detached: the board as this clone has it


def finish(ctx: Context) -> None:
    """At the end of a command whose write never came (refused, cancelled): send on a merge
    that the sync before its questions made, as a write would have."""
    if ctx.presync is None:
        return
    result, _ = ctx.presync
    ctx.presync = None
    syncer = _auto_syncer(ctx)
    if syncer is not None and result.merged:
        _guarded(result, lambda: _push(ctx.logbook, syncer, result))


def _fresh_presync(ctx: Context) -> SyncResult | None:
    if ctx.presync is None or time.monotonic() - ctx.presync[1] > PRESYNC_FRESH_SECONDS:
        return None
    return ctx.presync[0]


def _integrated(ctx: Context, syncer: Syncer) -> SyncResult:
    from klipctl.storage.sync import SyncResult

    lb = ctx.logbook
    result = SyncResult(syncer.remote)
    ctx.syncs.append(result)  # reported whatever follows, the step failing too
    with lb.locked():  # a busy log book refuses the command, as the write itself would
        _guarded(result, lambda: _integrate(ctx, syncer, result))
    ctx.calendar_changed()  # the office calendar may have come in
    return result


@contextmanager
def around_write(ctx: Context) -> Iterator[None]:
    """Integrate before the block (unless done just before the questions), push after it (even
    when it failed, if a merge is waiting), then take again what the merge set aside."""
    syncer = _auto_syncer(ctx)
    if syncer is None:
        yield
        return
    lb = ctx.logbook
    result = _fresh_presync(ctx) or _integrated(ctx, syncer)
    ctx.presync = None  # used: a further write in this process fetches anew
    head = lb.git.head()
    try:
        yield
    finally:
        if lb.git.head() != head or result.merged:
            _guarded(result, lambda: _push(lb, syncer, result))
    _reapply(ctx, result)


def _integrate(ctx: Context, syncer: Syncer, result: SyncResult) -> None:
    """Under the lock: the central repository's news in; what it set aside noted locally."""
    syncer.integrate(result)
    if result.set_aside:
        _record_set_aside(ctx, result.set_aside)


def _push(lb: LogBook, syncer: Syncer, result: SyncResult) -> None:
    with lb.locked():
        syncer.push(result)


def sync(ctx: Context) -> SyncResult:
    """`klipctl sync`: fetch, integrate, push; re-apply what was set aside where still allowed."""
    lb = ctx.logbook
    syncer = _syncer(ctx, lb)
    if syncer is None:
        raise Refused("no_remote", remote=lb.config.sync_remote)
    from klipctl.storage.sync import SyncResult

    result = SyncResult(syncer.remote)
    with lb.locked():
        try:
            _integrate(ctx, syncer, result)
            syncer.push(result)
        except Unreachable as exc:
            detail = exc.params.get("detail", "")
            raise Refused("sync_offline", remote=syncer.remote, detail=detail) from None
    ctx.calendar_changed()
    _reapply(ctx, result)
    return result


def _reapply(ctx: Context, result: SyncResult) -> None:
    """Take again, as new entries, the set-aside steps of the person syncing that the SOP still
    allows on top of the central repository's entries; tell them about the rest."""
    if not result.set_aside:
        return
    from klipctl.app import entries

    try:
        me = ctx.actor().handle
    except Refused:
        me = None
    for item in result.set_aside:
        if item.imported:
            continue  # the same file imported at the centre first: nothing to take again
        for entry in item.entries:
            # An imported entry is the import's (its row, its clerk's commit), never a step
            # the person can take again as their own.
            if item.chain in ("roster", "calendar") or entry.get("actor") != me or (
                entry.get("imported")
            ):
                result.not_reapplied.append((item, entry, None))
                continue
            raw = entry.get("details") or {}
            details = {k: raw[k] for k in _PERSON_GIVEN if k in raw}
            try:
                blobs = _set_aside_files(ctx.logbook, item, details)
                change = entries.take_step(
                    ctx, str(entry.get("action")), item.chain, details, blobs
                )
            except (Refused, InvalidInput) as exc:
                result.not_reapplied.append((item, entry, exc))
            else:
                result.reapplied.append((item, entry, change.commit))
    if result.reapplied:
        # The re-applied entries are new commits: send them on.
        syncer = _syncer(ctx, ctx.logbook)
        if syncer is not None:
            try:
                _push(ctx.logbook, syncer, result)
            except Unreachable as exc:
                result.offline = str(exc.params.get("detail") or exc.key)


def _set_aside_files(lb: LogBook, item: SetAside, details: dict[str, Any]) -> dict[str, bytes]:
    """The attached files of a set-aside ``attach``, from our commit that still holds them."""
    blobs: dict[str, bytes] = {}
    prefix = lb.git.prefix() if details.get("files") else ""
    for f in details.get("files") or ():
        digest = str(f.get("sha256"))
        data = lb.git.show_bytes(item.commit, prefix + attachment_file(item.chain, digest))
        if data is None:
            raise InvalidInput("attachment_missing", path=digest, name=str(f.get("name")))
        blobs[digest] = data
    return blobs


def _record_set_aside(ctx: Context, items: list[SetAside]) -> None:
    """Keep a local note of what was set aside, for `klipctl status` (the entries themselves
    stay in git history, in the commits named)."""
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
    if is_folder and Git(Path(url)).is_bare():
        # A central repository on this machine or a share: its HEAD names our branch, so a
        # plain `git clone` of it works (git init --bare would say master).
        Git(Path(url)).point_head_at(lb.git.branch() or "main")
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
