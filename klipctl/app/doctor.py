"""`klipctl doctor`: is this terminal set up to work on the log book, and if not, what to fix.

Each check returns a ``Check`` (a catalogue key and its parameters, and whether it passed); all
are run and reported together, so one visit fixes everything. Nothing here prints.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from klipctl.app.context import Context
from klipctl.errors import KlipError, NotFound
from klipctl.storage.git import git_version
from klipctl.storage.layout import locate
from klipctl.storage.logbook import LogBook

MIN_GIT = (2, 34)  # SSH signing of commits


@dataclass(frozen=True)
class Check:
    name: str  # what was checked: git, logbook, files, identity, key, remote, lock, tree
    ok: bool
    key: str  # the catalogue sentence
    params: dict[str, Any] = field(default_factory=dict)


def run(ctx: Context, fix: bool = False) -> list[Check]:
    """Every check, in the order a person would fix them."""
    return list(_checks(ctx, fix))


def _checks(ctx: Context, fix: bool) -> Iterator[Check]:
    version = git_version()
    if version is None:
        yield Check("git", False, "dr_git_missing")
        return
    text = ".".join(map(str, version))
    yield Check("git", version >= MIN_GIT, "dr_git" if version >= MIN_GIT else "dr_git_old",
                {"version": text})  # fmt: skip
    try:
        root = locate(ctx.logbook_path, ctx.env, ctx.cwd)
    except NotFound as exc:
        yield Check("logbook", False, exc.key, exc.params)
        return
    yield Check("logbook", True, "dr_logbook", {"path": str(root)})

    # Before anything reads the log book (reading puts an interrupted change right by itself).
    bare = LogBook(root)
    yield from _lock_checks(bare, fix)

    lb = ctx.logbook
    problems = _file_problems(ctx, lb)
    if problems:
        for problem in problems:
            yield Check("files", False, "dr_file_bad", {"reason": problem})
    else:
        from klipctl.storage import index

        count = len(index.query(lb, index.Query(None, None, None, True), ctx.env)[0])
        yield Check("files", True, "dr_files", {"n": count})

    yield from _identity_checks(ctx, lb)
    yield from _remote_check(lb)
    dirty = lb.git.dirty_paths() if lb.git.head() else []
    if dirty:
        yield Check("tree", False, "dr_uncommitted", {"paths": ", ".join(dirty[:5])})
    else:
        yield Check("tree", True, "dr_clean")


def _lock_checks(lb: LogBook, fix: bool) -> Iterator[Check]:
    from filelock import Timeout

    lock = lb.lock(timeout=0)
    try:
        lock.acquire()
    except Timeout:
        yield Check("lock", False, "dr_lock_held")
        return
    try:
        yield Check("lock", True, "dr_lock_free")
        if lb.interrupted():
            if fix:
                lb.recover()
                yield Check("lock", True, "dr_recovered")
            else:
                yield Check("lock", False, "dr_interrupted")
        # With klipctl's lock free, no klipctl git is running: a git lock file is left over
        # (or belongs to someone's own git command, hence --fix only on request).
        stale = lb.git.stale_locks()
        if stale and fix:
            lb.git.clear_stale_locks()
            yield Check("lock", True, "dr_recovered")
        elif stale:
            yield Check("lock", False, "dr_git_locks", {"names": ", ".join(p.name for p in stale)})
    finally:
        lock.release()


def _file_problems(ctx: Context, lb: LogBook) -> list[str]:
    from klipctl.i18n.messages import Messages
    from klipctl.storage import index

    m = Messages(ctx.language)
    found = []
    for load in (lambda: lb.config, lambda: lb.roster, lambda: lb.calendar_changes):
        try:
            load()
        except KlipError as exc:
            found.append(m.error(exc.key, exc.params))
    if not found:
        _, problems = index.query(lb, index.Query(None, None, None, True), ctx.env)
        found += [m.error(p.error.key, p.error.params) for p in problems]
    return found


def _identity_checks(ctx: Context, lb: LogBook) -> Iterator[Check]:
    from klipctl.audit import signing

    try:
        actor = ctx.actor()
    except KlipError as exc:
        yield Check("identity", False, exc.key, exc.params)
        return
    # A list: the catalogue words each role as the SOP names it.
    params = {"handle": actor.handle, "name": actor.name, "roles": list(actor.roles)}
    yield Check("identity", True, "dr_identity", params)
    try:
        signer = ctx.signer(actor.handle, actor.key)
    except KlipError as exc:
        yield Check("key", False, exc.key, exc.params)
        return
    if signer is None:
        yield Check("key", True, "dr_key_optional")
        return
    source = signing.key_source(ctx.env, lb.git.config_get("user.signingkey")) or ""
    # A real signature, checked against the roster's key: what every write will do.
    probe = b"klipctl doctor"
    try:
        signing.verify(probe, signer.sign(probe, signing.NAMESPACE), str(actor.key))
    except signing.KeyProblem as exc:
        yield Check("key", False, exc.key, exc.params)
        return
    except signing.SignatureError:
        yield Check("key", False, "signing_key_mismatch", {"handle": actor.handle, "path": source})
        return
    if not source.startswith("key::") and signing.key_too_open(Path(source).expanduser()):
        # klipctl signs regardless, but ssh, ssh-agent and ssh-keygen refuse such a key.
        yield Check("key", False, "dr_key_too_open", {"path": source})
        return
    yield Check("key", True, "dr_key", {"path": source})


def _remote_check(lb: LogBook) -> Iterator[Check]:
    remote = lb.config.sync_remote
    url = lb.git.remote_url(remote)
    if url is None:
        yield Check("remote", True, "dr_remote_none")
        return
    try:
        lb.git.ls_remote(remote)
    except KlipError as exc:
        detail = exc.params.get("detail") or exc.key
        yield Check("remote", False, "dr_remote_bad", {"url": url, "detail": detail})
        return
    yield Check("remote", True, "dr_remote_ok", {"url": url})
