"""A log book on disk: where it is, what is in it, and changing it safely.

Every change goes through ``LogBook.transaction()``: it takes the log book's lock, writes files
atomically, commits exactly those files, and puts every file back as it was if anything fails, so
the log book never holds an uncommitted or half-written klipctl change.

A process killed outright (SIGKILL, power loss) runs no clean-up, so before its first write a
transaction leaves a journal in ``.klipctl/`` (the commit it started from and every file's
original bytes). Whoever next finds the journal, under the lock, finishes the story: the commit
landed, or every file goes back as it was.
"""

from __future__ import annotations

import base64
import json
import os
from collections.abc import Callable, Iterator, Mapping
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import datetime
from functools import cached_property
from pathlib import Path
from typing import Any

from klipctl.domain import ids
from klipctl.domain.model import JAKARTA, Failure
from klipctl.domain.roster import Roster
from klipctl.domain.workdays import CalendarChange
from klipctl.errors import BadFile, Busy, KlipError, NotFound, Refused
from klipctl.storage import store
from klipctl.storage.config import Config, parse_config
from klipctl.storage.files import atomic_write, read_own
from klipctl.storage.git import UNKNOWN, Author, CommitSigner, Git, forget_early
from klipctl.storage.layout import (
    ATTRIBUTES_FILE,
    CALENDAR_FILE,
    CONFIG_FILE,
    FAILURES_DIR,
    JOURNAL_FILE,
    ROSTER_FILE,
    STATE_DIR,
    failure_file,
)
from klipctl.storage.progress import NOTHING, Progress
from klipctl.storage.resources import data_dir

# Writers on one clone wait their turn: up to two minutes (eight busy terminals on a slow PC),
# told after a few seconds that they are waiting, then refused with one clear sentence.
LOCK_TIMEOUT_SECONDS = 120.0
LOCK_NOTICE_SECONDS = 3.0


@dataclass(frozen=True)
class Problem:
    """A file that could not be read, reported beside the results instead of stopping them."""

    path: str
    error: KlipError


class LogBook:
    def __init__(self, root: Path) -> None:
        self.root = root
        self.git = Git(root)
        # Called once when a writer has waited LOCK_NOTICE_SECONDS for another (the CLI says so).
        self.on_wait: Callable[[], None] | None = None
        # Told how far long work on this log book has got (the CLI shows it at a terminal).
        self.progress: Progress = NOTHING

    # --- reading ---------------------------------------------------------------------------

    @cached_property
    def config(self) -> Config:
        return parse_config(read_own(self.root, CONFIG_FILE), CONFIG_FILE)

    @cached_property
    def roster(self) -> Roster:
        try:
            data = read_own(self.root, ROSTER_FILE)
        except FileNotFoundError:
            raise BadFile("missing_file", path=ROSTER_FILE) from None
        return Roster(store.parse_roster(data, ROSTER_FILE))

    @cached_property
    def calendar_changes(self) -> list[CalendarChange]:
        try:
            data = read_own(self.root, CALENDAR_FILE)
        except FileNotFoundError:  # log books made before the office calendar existed
            return []
        return store.parse_calendar(data, CALENDAR_FILE)

    def relative(self, path: Path) -> str:
        return path.relative_to(self.root).as_posix()

    def failure_path(self, failure_id: str) -> Path:
        """Where the failure's file is (see ``layout``)."""
        return self.root / failure_file(failure_id)

    def failure_ids(self, prefix: str = "") -> list[str]:
        """The IDs of the failure files, all or those starting with ``prefix``.

        An ID begins with the second it was made, so a prefix names a span of time and only
        the month folders in that span are listed (one or two for a usual 4–6 character
        prefix, instead of every file of the log book)."""
        found = []
        base = self.root / FAILURES_DIR
        if not base.is_dir():
            return []
        first = last = ""
        if prefix:
            low, high = (t.astimezone(JAKARTA) for t in ids.prefix_span(prefix))
            first, last = f"{low:%Y/%m}", f"{high:%Y/%m}"
        for year in os.scandir(base):
            if not year.is_dir(follow_symlinks=False):  # never a folder that points elsewhere
                continue
            for month in os.scandir(year.path):
                if not month.is_dir(follow_symlinks=False):
                    continue
                if prefix and not first <= f"{year.name}/{month.name}" <= last:
                    continue
                for item in os.scandir(month.path):
                    stem, dot, ext = item.name.partition(".")
                    if ext == "yaml" and dot and stem.startswith(prefix) and ids.is_id(stem):
                        found.append(stem)
        return sorted(found)

    def resolve_id(self, text: str) -> str:
        """The full ID for what a person typed: a whole ID or any unique prefix."""
        prefix = ids.normalise_prefix(text)
        if prefix is None:
            raise NotFound("bad_id", value=text)
        matches = self.failure_ids(prefix)
        if not matches:
            raise NotFound("unknown_id", value=text)
        if len(matches) > 1:
            raise NotFound(
                "ambiguous_id", value=text, count=len(matches), examples=", ".join(matches[:3])
            )
        return matches[0]

    def load_failure(self, failure_id: str) -> Failure:
        rel = failure_file(failure_id)
        return store.parse_failure(read_own(self.root, rel), rel, failure_id)

    def load_all(self) -> tuple[list[Failure], list[Problem]]:
        failures, problems = [], []
        for failure_id in self.failure_ids():
            try:
                failures.append(self.load_failure(failure_id))
            except BadFile as exc:
                problems.append(Problem(self.relative(self.failure_path(failure_id)), exc))
        return failures, problems

    # --- writing ---------------------------------------------------------------------------

    @property
    def state_dir(self) -> Path:
        return self.root / STATE_DIR

    def lock(self, timeout: float | None = None) -> Any:
        """The log book's writer lock (an OS file lock: a killed holder releases it at once)."""
        from filelock import FileLock  # only writers pay for this import

        self.state_dir.mkdir(exist_ok=True)
        wait = LOCK_TIMEOUT_SECONDS if timeout is None else timeout  # read now: tests shorten it
        return FileLock(str(self.state_dir / "lock"), timeout=wait)

    @contextmanager
    def locked(self, timeout: float | None = None) -> Iterator[None]:
        """Hold the writer lock; finish first whatever a killed writer left half done."""
        from filelock import Timeout

        lock = self.lock(timeout)
        wait = lock.timeout
        try:
            try:
                lock.acquire(timeout=min(wait, LOCK_NOTICE_SECONDS))
            except Timeout:
                if wait <= LOCK_NOTICE_SECONDS:
                    raise
                if self.on_wait is not None:
                    self.on_wait()
                lock.acquire(timeout=wait - LOCK_NOTICE_SECONDS)
        except Timeout:
            raise Busy("logbook_busy", seconds=max(1, round(wait))) from None
        # What git said before the lock may no longer hold once this holder writes (a read
        # that brings the central repository's news in moves HEAD): asked again from here.
        forget_early()
        try:
            self.recover()
            yield
        finally:
            lock.release()
            self.forget()

    def forget(self) -> None:
        """Drop what was read from the files: they changed (a write, or a sync moved HEAD)."""
        for name in ("roster", "calendar_changes", "config"):
            self.__dict__.pop(name, None)

    @contextmanager
    def transaction(self) -> Iterator[Transaction]:
        """Under the lock: the files written are committed together, or all put back.

        Syncing with the central repository is not done here: the use case wraps the
        transaction in ``app.sharing.around_write``."""
        with self.locked():
            tx = Transaction(self)
            try:
                yield tx
            except BaseException:
                tx.rollback()
                raise

    # --- crash recovery ----------------------------------------------------------------------

    @property
    def journal_path(self) -> Path:
        return self.state_dir / JOURNAL_FILE

    def interrupted(self) -> bool:
        """Did a writer die mid-change? (A stat: cheap enough for every command.)"""
        return self.journal_path.exists()

    def recover_if_interrupted(self) -> bool:
        """For readers: if a writer died mid-change and nobody holds the lock, clean up now."""
        if not self.interrupted():
            return False
        from filelock import Timeout

        lock = self.lock(timeout=0)
        try:
            lock.acquire()
        except Timeout:
            return False  # a writer is at work: its journal is live, not left over
        try:
            return self.recover()
        finally:
            lock.release()

    def recover(self) -> bool:
        """Under the lock: finish what a killed writer left (see the module docstring)."""
        journal = self.journal_path
        try:
            doc = json.loads(journal.read_bytes())
        except FileNotFoundError:
            return False
        except ValueError:
            doc = None  # killed while writing the journal itself: no file was touched yet
        if isinstance(doc, dict):
            # A killed git leaves its own lock files behind; ours is held, so they are stale.
            self.git.clear_stale_locks()
            files = {self.root / rel: _decode(data) for rel, data in doc.get("files", {}).items()}
            head = self.git.head()
            if doc.get("kind") == "sync":
                # A sync starts from a clean work tree and moves HEAD in one step: whichever
                # commit HEAD names now, make the log book's folder (only it) match it.
                self.git.restore_to_head()
            elif head == doc.get("head") or not self.git.is_parent(doc.get("head"), head):
                for path, original in files.items():
                    _restore(path, original)
            if files:
                self.git.unstage([p.relative_to(self.root) for p in files])
            for path in files:
                for tmp in path.parent.glob(f".{path.name}.*.tmp"):
                    tmp.unlink(missing_ok=True)  # a write killed before its rename
        journal.unlink(missing_ok=True)
        return True

    def write_journal(self, doc: dict[str, Any]) -> None:
        self.state_dir.mkdir(exist_ok=True)
        atomic_write(self.journal_path, json.dumps(doc).encode())

    def clear_journal(self) -> None:
        self.journal_path.unlink(missing_ok=True)


def _encode(data: bytes | None) -> str | None:
    return None if data is None else base64.b64encode(data).decode()


def _decode(text: str | None) -> bytes | None:
    return None if text is None else base64.b64decode(text)


def _restore(path: Path, original: bytes | None) -> None:
    if original is None:
        path.unlink(missing_ok=True)
    else:
        atomic_write(path, original)


class Transaction:
    """Files written during one command; committed together or all put back."""

    def __init__(self, logbook: LogBook) -> None:
        self.logbook = logbook
        self._originals: dict[Path, bytes | None] = {}
        self._head: str | None = None
        self.committed = False

    def read(self, path: Path) -> bytes | None:
        return path.read_bytes() if path.exists() else None

    def write(self, path: Path, data: bytes) -> None:
        if path.suffix == ".yaml":
            from klipctl.storage.yamlio import MAX_FILE_BYTES

            # Never write a file that klipctl would then refuse to read.
            if len(data) > MAX_FILE_BYTES:
                raise Refused("file_full", path=self.logbook.relative(path), limit=MAX_FILE_BYTES)
        self._remember(path)
        atomic_write(path, data)

    def write_new(self, files: Mapping[Path, bytes]) -> None:
        """Write many new files at once (an import's failures): journaled once rather than
        once per file, and each written in place (a new file has no old version for a crash to
        spoil: the journal, synced first, removes whatever a killed writer left)."""
        from klipctl.storage.yamlio import MAX_FILE_BYTES

        assert not any(p.exists() for p in files), "write_new is for new files only"
        for path, data in files.items():
            if path.suffix == ".yaml" and len(data) > MAX_FILE_BYTES:
                raise Refused("file_full", path=self.logbook.relative(path), limit=MAX_FILE_BYTES)
        if files and not self._originals:
            self._head = self.logbook.git.head()
        self._originals.update(dict.fromkeys(files))
        self._journal()
        for path, data in files.items():
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_bytes(data)

    def delete(self, path: Path) -> None:
        """Remove a file in this transaction (put back on rollback)."""
        self._remember(path)
        path.unlink(missing_ok=True)

    def _remember(self, path: Path) -> None:
        if path not in self._originals:
            if not self._originals:
                self._head = self.logbook.git.head()
            self._originals[path] = self.read(path)
            # The journal names every file before that file is touched.
            self._journal()

    def _journal(self) -> None:
        lb = self.logbook
        files = {lb.relative(p): _encode(data) for p, data in self._originals.items()}
        lb.write_journal({"kind": "files", "head": self._head, "files": files})

    def append(self, path: Path, text: str) -> None:
        """Append YAML text to an append-only file, never rewriting its earlier bytes."""
        old = self.read(path)
        if old is None:
            raise NotFound("missing_file", path=self.logbook.relative(path))
        # klipctl writes LF only; CRLF here is a Windows checkout's conversion, never content.
        old = old.replace(b"\r\n", b"\n")
        if not old.endswith(b"\n"):
            old += b"\n"
        self.write(path, old + text.encode("utf-8"))

    def commit(
        self, message: str, author: Author | None, when: datetime, sign: CommitSigner | None = None
    ) -> str:
        attributes = self.logbook.root / ATTRIBUTES_FILE
        adding = bool(self._originals) and not attributes.exists()
        if adding:
            # A log book made before klipctl shipped one: from its first write on, git never
            # converts line endings in it either (Git for Windows would, by default).
            self.write(attributes, (data_dir("logbook") / ATTRIBUTES_FILE).read_bytes())
        paths = [p.relative_to(self.logbook.root) for p in self._originals]
        known = self._head if self._originals else UNKNOWN  # read at the first write
        sha = self.logbook.git.commit(paths, message, author, when, sign, on=known)
        if adding:  # files the old checkout turned to CRLF now read as changed: put them back
            self.logbook.git.renormalize()
        self._originals.clear()  # committed: nothing to put back
        self.logbook.clear_journal()
        self.committed = True
        return sha

    def rollback(self) -> None:
        if not self._originals:
            return
        paths = [p.relative_to(self.logbook.root) for p in self._originals]
        self.logbook.git.unstage(paths)
        for path, original in self._originals.items():
            _restore(path, original)
        self._originals.clear()
        self.logbook.clear_journal()
