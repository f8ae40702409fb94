"""Joining clones through a central repository without ever losing or mangling an entry.

Every klipctl commit appends to one hash-chained file (a failure, the roster, the calendar), so
two clones can only truly collide on the same chain. Integration is therefore done here, not by
git's text merge: fetch the central branch; if one side is ahead, fast-forward or push; if both
moved, build the merge tree ourselves in a scratch index, taking each side's files where only
that side changed them. Where both appended to the same chain, the central repository's version
wins (it got there first) and ours is *set aside*: it stays in history as the merge's first
parent, the merge commit names it (``Klipctl-Set-Aside``), and the person is told, so nothing
is silently dropped and no conflict marker can ever reach a file. Any other file changed
differently on both sides stops the sync with nothing changed.

Nothing here prints; results are values the CLI words.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

from klipctl.errors import BadFile, KlipError, Refused
from klipctl.storage import commitmsg, store
from klipctl.storage.git import Author, CommitSigner, Git
from klipctl.storage.layout import (
    CALENDAR_CHAIN,
    CALENDAR_FILE,
    ROSTER_CHAIN,
    ROSTER_FILE,
    chain_of,
)
from klipctl.storage.logbook import LogBook

PUSH_ATTEMPTS = 5  # someone pushed in between: fetch, integrate, try again


@dataclass(frozen=True)
class SetAside:
    """Entries of ours that the central repository's own entries on the same chain displaced."""

    chain: str  # a failure ID, "roster" or "calendar"
    entries: tuple[dict[str, Any], ...]  # ours, as stored (action, actor, at, details...)
    commit: str  # our commit that still holds them (the merge's first parent)
    theirs: dict[str, Any] | None  # the central repository's last entry on the chain
    # A failure of ours imported from a spreadsheet the central repository imported first:
    # that file's SHA-256 (the whole chain is set aside, never taken again).
    imported: str | None = None


@dataclass
class SyncResult:
    """What one sync did."""

    remote: str
    received: int = 0  # commits brought in from the central repository
    sent: int = 0  # commits pushed to it
    merged: bool = False
    offline: str | None = None  # why the central repository could not be reached
    problem: KlipError | None = None  # an automatic sync that could not integrate
    set_aside: list[SetAside] = field(default_factory=list)
    # Files that are no chain (the configuration, a template) changed on both sides: the
    # central repository's version stands, ours stays in history for a supervisor to redo.
    kept_central: list[str] = field(default_factory=list)
    reapplied: list[tuple[SetAside, dict[str, Any], str]] = field(default_factory=list)
    # why not: the refusal, or None when only another person (or a supervisor) can redo it
    not_reapplied: list[tuple[SetAside, dict[str, Any], KlipError | None]] = field(
        default_factory=list
    )


@dataclass(frozen=True)
class Identity:
    """Who signs a merge commit: the person syncing."""

    handle: str
    author: Author
    sign: CommitSigner | None  # signs a commit's payload (see git.commit_tree)


class Syncer:
    """Fetch, integrate and push one log book against its central repository."""

    def __init__(self, lb: LogBook, remote: str, identity: Callable[[], Identity], now: datetime):
        self.lb = lb
        self.git = lb.git
        self.remote = remote
        self.identity = identity
        self.now = now

    @property
    def branch(self) -> str:
        branch = self.git.branch()
        if branch is None:
            raise Refused("sync_detached")
        return branch

    def integrate(self, result: SyncResult) -> None:
        """Under the lock: bring the central branch in. Raises Unreachable when offline."""
        with self.lb.progress.task("progress_fetch", None):
            theirs = self.git.fetch(self.remote, self.branch)
        ours = self.git.head()
        if theirs is None or ours is None or theirs == ours:
            return
        if self.git.is_ancestor(theirs, ours):
            return  # only we moved: the push sends it
        dirty = self.git.dirty_paths()
        if dirty:
            raise Refused("sync_dirty", paths=", ".join(dirty[:3]))
        if self.git.is_ancestor(ours, theirs):
            result.received += self.git.count(f"{ours}..{theirs}")
            self._move_to(ours, theirs)
            return
        self._merge(ours, theirs, result)

    def catch_up(self, timeout: float) -> int:
        """For a read command: fetch (waiting at most ``timeout`` seconds) and fast-forward when
        only the centre moved; a merge is left to the next write or `klipctl sync`. The number
        of commits received. Raises Unreachable when offline."""
        with self.lb.progress.task("progress_fetch", None):
            theirs = self.git.fetch(self.remote, self.branch, timeout=timeout)
        ours = self.git.head()
        if theirs is None or ours is None or theirs == ours:
            return 0
        if not self.git.is_ancestor(ours, theirs) or self.git.dirty_paths():
            return 0
        received = self.git.count(f"{ours}..{theirs}")
        self._move_to(ours, theirs)
        return received

    def last_fetch_age(self) -> float | None:
        """Seconds since this clone last fetched, None if it never did."""
        import time

        path = self.git.git_path("FETCH_HEAD")
        try:
            return time.time() - path.stat().st_mtime
        except OSError:
            return None

    def _move_to(self, ours: str, target: str) -> None:
        # Journaled, so a kill half way through a checkout is put right by the next command.
        self.lb.write_journal({"kind": "sync", "head": ours, "target": target})
        try:
            self.git.fast_forward(target)
        finally:
            self.lb.clear_journal()  # refused (a file in the way): git changed nothing
        self.lb.forget()  # the roster or calendar may have changed under us

    def _merge(self, ours: str, theirs: str, result: SyncResult) -> None:
        git = self.git
        base = git.merge_base(ours, theirs)
        if base is None:
            raise Refused("sync_unrelated", remote=self.remote)
        prefix = git.prefix()

        def chains(paths: list[str]) -> dict[str, list[str]]:
            grouped: dict[str, list[str]] = {}
            for path in paths:
                rel = path[len(prefix) :] if path.startswith(prefix) else "../" + path
                grouped.setdefault(chain_of(rel), []).append(path)
            return grouped

        our_chains = chains(git.diff_names(base, ours))
        their_chains = chains(git.diff_names(base, theirs))
        # The same spreadsheet imported on both sides (two clerks, offline): the central
        # repository's import got there first, ours is set aside whole.
        imported_there = imports_in(git, f"{base}..{theirs}")
        ours_entries = git.tree_entries(ours, [p for ps in our_chains.values() for p in ps])
        their_entries = git.tree_entries(theirs, [p for ps in their_chains.values() for p in ps])
        changes: dict[str, str | None] = {}
        for chain, paths in self.lb.progress.over("progress_merge", our_chains.items()):
            theirs_paths = their_chains.get(chain, [])
            main = _main_file(chain, paths)
            both_appended = (
                main is not None
                and main in theirs_paths
                and ours_entries.get(main) != their_entries.get(main)
            )
            if (
                imported_there
                and main is not None
                and main not in theirs_paths
                and (ours_import := _imported_sha(git.show_bytes(ours, main))) in imported_there
            ):
                entries = tuple(_failure_items(git.show_bytes(ours, main) or b""))
                result.set_aside.append(SetAside(chain, entries, ours, None, ours_import))
                continue
            if not both_appended:
                # Each file from the side that changed it. The same file changed differently
                # on both sides (no chain: the configuration, a template) is the centre's, as a
                # roster change is: two versions are never merged into a third.
                for path in paths:
                    if path in theirs_paths and ours_entries.get(path) != their_entries.get(path):
                        result.kept_central.append(path[len(prefix) :])
                        continue
                    changes[path] = ours_entries.get(path)
                continue
            assert main is not None
            if chain == CALENDAR_CHAIN:
                # The office calendar is not a hash chain: both sides' changes are kept when,
                # one after the other, they still make sense.
                merged = self._merged_calendar(main, base, ours, theirs)
                if merged is not None:
                    changes[main] = merged
                    continue
            # Both appended to one chain: the central repository's entries got there first.
            result.set_aside.append(self._set_aside(chain, main, base, ours, theirs))
        received = git.count(f"{ours}..{theirs}")
        identity = self.identity()
        message = self._message(identity, result.set_aside, received)
        tree, _ = git.tree_with(theirs, _entries(changes))
        merge = git.commit_tree(
            tree, [ours, theirs], message, identity.author, self.now, identity.sign
        )
        self._move_to(ours, merge)
        result.received += received
        result.merged = True

    def _merged_calendar(self, path: str, base: str, ours: str, theirs: str) -> str | None:
        """The central calendar with our new changes after it, or None if they now clash."""
        git = self.git
        their_data = git.show_bytes(theirs, path) or b""
        try:
            before = len(store.parse_calendar(git.show_bytes(base, path) or b"schema: 1\n", path))
            new = store.parse_calendar(git.show_bytes(ours, path) or b"", path)[before:]
            text = their_data.decode("utf-8")
            for change in new:
                text = store.append_calendar_change(text, change)
            store.parse_calendar(text.encode("utf-8"), path)
        except (BadFile, ValueError):
            return None
        mode = git.tree_entries(theirs, [path]).get(path, "100644 x").split()[0]
        return f"{mode} {git.write_blob(text.encode('utf-8'))}"

    def _set_aside(self, chain: str, main: str, base: str, ours: str, theirs: str) -> SetAside:
        """Our entries on a chain both sides appended to: those after the common base."""
        parse: Callable[[bytes], list[dict[str, Any]]]
        if chain == ROSTER_CHAIN:
            parse = _roster_items
        elif chain == CALENDAR_CHAIN:
            parse = _calendar_items
        else:
            parse = _failure_items

        def items(rev: str) -> list[dict[str, Any]]:
            data = self.git.show_bytes(rev, main)
            return parse(data) if data is not None else []

        before = len(items(base))
        their_items = items(theirs)
        return SetAside(
            chain,
            tuple(items(ours)[before:]),
            ours,
            their_items[-1] if len(their_items) > before else None,
        )

    def _message(self, identity: Identity, set_aside: list[SetAside], received: int) -> str:
        lines = [f"Sync with {self.remote}: {received} commit(s) received", ""]
        if set_aside:
            lines += [
                "The central repository had other entries on the same chain first; ours stay",
                "in the first parent and are not in the merged files:",
                "",
            ]
            for item in set_aside:
                actions = ", ".join(str(e.get("action")) for e in item.entries)
                lines.append(f"- {item.chain}: {actions}")
            lines.append("")
        lines += [f"{commitmsg.ACTION}: sync", f"{commitmsg.ACTOR}: {identity.handle}"]
        lines += [f"{commitmsg.SET_ASIDE}: {item.chain}" for item in set_aside]
        return "\n".join(lines) + "\n"

    def push(self, result: SyncResult) -> None:
        """Under the lock: push, integrating and retrying while others push in between."""
        for _attempt in range(PUSH_ATTEMPTS):
            head = self.git.head()
            if head is None:
                return
            remote_ref = self.git.resolve(f"refs/remotes/{self.remote}/{self.branch}")
            pending = self.git.count(f"{remote_ref}..{head}" if remote_ref else head)
            with self.lb.progress.task("progress_push", None):
                pushed = self.git.push(self.remote, self.branch)
            if pushed:
                # Remember what the central repository holds now (for `klipctl status`).
                self.git.update_ref(f"refs/remotes/{self.remote}/{self.branch}", head)
                result.sent += pending
                return
            self.integrate(result)
        raise Refused("sync_gave_up", attempts=PUSH_ATTEMPTS)


def _main_file(chain: str, paths: list[str]) -> str | None:
    """The chain's own file among ``paths`` (a failure's YAML, the roster, the calendar); None
    for a file that is no chain, or a chain whose own file this side did not change."""
    if chain.startswith("file:"):
        return None
    wanted = {ROSTER_CHAIN: "/" + ROSTER_FILE, CALENDAR_CHAIN: "/" + CALENDAR_FILE}
    ending = wanted.get(chain, f"/{chain}.yaml")
    return next((p for p in paths if ("/" + p).endswith(ending)), None)


def _entries(changes: dict[str, str | None]) -> dict[str, tuple[bytes, str] | None]:
    """ "mode sha" strings (as ls-tree gives them) as the (mode, blob) pairs git.tree_with takes."""
    pairs: dict[str, tuple[bytes, str] | None] = {}
    for path, entry in changes.items():
        mode, sha = entry.split() if entry else ("", "")
        pairs[path] = (mode.encode(), sha) if entry else None
    return pairs


def imports_in(git: Git, revs: str) -> set[str]:
    """The SHA-256 of every spreadsheet an import commit in ``revs`` read."""
    found = set()
    for commit in git.log(revs=[revs]):
        t = commitmsg.trailers(commit.body)
        if t.get(commitmsg.ACTION) == "import" and t.get(commitmsg.IMPORT):
            found.add(t[commitmsg.IMPORT])
    return found


def _imported_sha(data: bytes | None) -> str | None:
    """The spreadsheet a failure file's first entry was imported from, if it was."""
    try:
        failure = store.parse_failure(data, "sync") if data is not None else None
    except BadFile:
        return None
    marker = failure.imported if failure is not None else None
    return marker.sha256 if marker is not None else None


def _failure_items(data: bytes) -> list[dict[str, Any]]:
    failure = store.parse_failure(data, "sync")
    return [store.entry_to_dict(e) for e in failure.entries]


def _roster_items(data: bytes) -> list[dict[str, Any]]:
    return [store.roster_change_to_dict(c) for c in store.parse_roster(data, "sync")]


def _calendar_items(data: bytes) -> list[dict[str, Any]]:
    from dataclasses import asdict

    return [asdict(c) for c in store.parse_calendar(data, "sync")]
