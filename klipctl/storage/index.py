"""A derived index of the log book, so list-type commands need not parse every YAML file.

Reading 100,000 YAML files takes minutes; a SQLite file under ``.klipctl/`` (never committed)
keeps each failure's parsed document and the columns the lists filter on. It is refreshed
exactly from what git says changed since the indexed commit, plus what changed in the work tree
without a commit, rebuilt from scratch when missing, damaged or of another version, and never
the source of truth: with ``KLIPCTL_INDEX=0`` the same answers come from a full scan.

Changes not committed are looked for where the question looks (``_NARROW``): a question over
the open failures, or over a few thousand (a month, one failure's duplicates), checks the files
of the open failures, of the damaged ones and of those it selects against the size and times
each had when it was read, without asking git to look at all 100,000 files, which costs more
than the rest of the command; a question over most of the book asks git (``diff-index``). A
closed failure's file edited by hand and not committed is therefore seen by the next question
over closed failures (``list --all``, the register, a report number), by ``verify`` and
``doctor``, not by the list of open ones (docs/speed.md).
"""

from __future__ import annotations

import json
import os
import sqlite3
import time
from collections.abc import Collection, Iterable, Iterator, Mapping, Sequence
from contextlib import closing
from dataclasses import dataclass
from datetime import date
from pathlib import Path

from klipctl import __version__
from klipctl.domain.model import Failure
from klipctl.errors import BadFile
from klipctl.storage import store
from klipctl.storage.files import read_own
from klipctl.storage.layout import FAILURES_DIR, STATE_DIR, failure_of
from klipctl.storage.logbook import LogBook, Problem

INDEX_FILE = "index.sqlite"
# Bump when the stored document shape or the columns change: older indexes are rebuilt.
FORMAT = f"5/{__version__}"

_SCHEMA = """
CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);
CREATE TABLE failures (
    id TEXT PRIMARY KEY,
    path TEXT NOT NULL,
    stage TEXT NOT NULL,
    is_open INTEGER NOT NULL,
    system_key TEXT NOT NULL,
    assignee TEXT,
    reported_day TEXT NOT NULL,
    numbers TEXT NOT NULL,
    duplicate_of TEXT,
    imported TEXT,
    seen TEXT,
    doc TEXT NOT NULL
);
CREATE INDEX failures_open ON failures (is_open, stage);
CREATE INDEX failures_duplicate_of ON failures (duplicate_of) WHERE duplicate_of IS NOT NULL;
CREATE INDEX failures_imported ON failures (imported) WHERE imported IS NOT NULL;
CREATE TABLE problems (
    path TEXT PRIMARY KEY, key TEXT NOT NULL, params TEXT NOT NULL, seen TEXT
);
CREATE TABLE dirty (path TEXT PRIMARY KEY);
CREATE TABLE folders (path TEXT PRIMARY KEY, mtime_ns INTEGER NOT NULL);
"""


@dataclass(frozen=True)
class Query:
    """What a list-type command wants; filtering on these happens in SQL."""

    stage: str | None = None
    assignee: str | None = None
    system: str | None = None
    include_closed: bool = False
    reported_from: date | None = None  # the day reported (WIB), inclusive
    reported_to: date | None = None
    duplicate_of: str | None = None  # the withdrawn duplicates of this failure


# A question whose failures number at most this many checks their files itself (a few
# microseconds each); beyond, git's diff-index (a tenth of a second at 100,000 files) is cheaper.
_NARROW = 5_000
# A file changed less than this long before it was read may change again within the same tick
# of its clock with the same size (FAT keeps two seconds): its signature is not kept, so the
# next refresh reads it again (git's "racy" entries).
_RACY_NS = 3_000_000_000


def _signature(path: Path) -> str | None:
    """What tells a file changed since it was read: its size, modification and change times
    and inode, as git's index keeps them (a tool that puts the modification time back still
    moves the change time; on Windows ``st_ctime`` is the creation time, which adds nothing);
    None when it is missing or too fresh to be told apart by them."""
    try:
        st = os.lstat(path)
    except OSError:
        return None
    if time.time_ns() - st.st_mtime_ns < _RACY_NS:
        return None
    return f"{st.st_size} {st.st_mtime_ns} {st.st_ctime_ns} {st.st_ino}"


def _subdirs(path: Path) -> list[Path]:
    try:
        return [Path(e.path) for e in os.scandir(path) if e.is_dir()]
    except FileNotFoundError:
        return []


class Index:
    def __init__(self, logbook: LogBook) -> None:
        self.logbook = logbook
        self.path = logbook.root / STATE_DIR / INDEX_FILE

    # --- keeping it up to date ---------------------------------------------------------------

    def _open(self) -> sqlite3.Connection:
        self.path.parent.mkdir(exist_ok=True)
        db = sqlite3.connect(self.path, isolation_level=None)
        db.execute("PRAGMA journal_mode=WAL")
        db.execute("PRAGMA synchronous=NORMAL")
        return db

    def refresh(self, where: str = "", args: Sequence[object] = ()) -> sqlite3.Connection:
        """An up-to-date connection for the failures the SQL condition ``where`` selects (every
        failure when empty); rebuilds the index when it cannot be trusted."""
        git = self.logbook.git
        head = git.head() or ""
        # git reports paths from the repository's top; a log book may be a folder inside it.
        prefix = git.prefix()
        try:
            db = self._open()
            meta = dict(db.execute("SELECT key, value FROM meta"))
            if meta.get("format") != FORMAT:
                raise sqlite3.DatabaseError("index of another format")
            changed: list[str] | None = []
            if meta.get("head") != head:
                changed = (
                    git.changed_paths(meta["head"], head, FAILURES_DIR)
                    if meta.get("head") and head
                    else None
                )
            if changed is None:
                raise sqlite3.DatabaseError("indexed commit unknown")
            with db:
                db.execute("BEGIN")
                todo = {self._strip(p, prefix) for p in changed} | self._added_or_removed(db)
                self._update(db, todo)
                self._catch_up_work_tree(db, where, args, done=todo)
                db.execute("INSERT OR REPLACE INTO meta VALUES ('head', ?)", (head,))
            return db
        except sqlite3.DatabaseError:
            return self._rebuild(head)

    def _catch_up_work_tree(
        self, db: sqlite3.Connection, where: str, args: Sequence[object], done: set[str]
    ) -> None:
        """Read again what changed in the work tree without a commit, among the failures
        ``where`` selects (and the damaged files); ``dirty`` keeps the files that may differ
        from their commit, so that a later question reads them again whichever way it looks."""
        previously = {row[0] for row in db.execute("SELECT path FROM dirty")}
        condition = f" WHERE {where}" if where else ""
        (count,) = db.execute(f"SELECT count(*) FROM failures{condition}", args).fetchone()
        (open_count,) = db.execute("SELECT count(*) FROM failures WHERE is_open = 1").fetchone()
        if count + open_count > _NARROW:
            prefix = self.logbook.git.prefix()
            dirty = {self._strip(p, prefix) for p in self.logbook.git.modified_paths(FAILURES_DIR)}
            self._update(db, (dirty | previously) - done)
        else:
            seen: dict[str, str | None] = dict.fromkeys(previously)
            # Every open failure's file, whatever the filter: a hand edit may have moved one
            # into it (another operator, another system); the question's own files beside.
            seen.update(db.execute("SELECT path, seen FROM failures WHERE is_open = 1"))
            seen.update(db.execute(f"SELECT path, seen FROM failures{condition}", args))
            seen.update(db.execute("SELECT path, seen FROM problems"))
            for rel in previously:  # by ID: the path has no index of its own
                seen.update(
                    db.execute("SELECT path, seen FROM failures WHERE id = ?", (failure_of(rel),))
                )
            root = self.logbook.root
            fresh = {rel for rel, signature in seen.items() if signature is None} - done
            changed = {
                rel
                for rel, signature in seen.items()
                if signature is not None and rel not in done and _signature(root / rel) != signature
            }
            self._update(db, fresh | changed)
            # Read again because it was too fresh to tell (klipctl had just written it) is no
            # sign of a hand edit; a changed size or time is.
            dirty = previously | changed
        if dirty != previously:
            db.execute("DELETE FROM dirty")
            db.executemany("INSERT INTO dirty VALUES (?)", [(p,) for p in sorted(dirty)])

    @staticmethod
    def _strip(path: str, prefix: str) -> str:
        return path[len(prefix) :] if prefix and path.startswith(prefix) else path

    def _rebuild(self, head: str) -> sqlite3.Connection:
        for suffix in ("", "-wal", "-shm"):
            Path(f"{self.path}{suffix}").unlink(missing_ok=True)
        db = self._open()
        with db:
            db.execute("BEGIN")
            for statement in _SCHEMA.strip().split(";"):
                if statement.strip():
                    db.execute(statement)
            paths = [
                self.logbook.relative(self.logbook.failure_path(i))
                for i in self.logbook.failure_ids()
            ]
            self._update(db, paths)
            db.execute("INSERT INTO meta VALUES ('format', ?)", (FORMAT,))
            db.execute("INSERT INTO meta VALUES ('head', ?)", (head,))
            prefix = self.logbook.git.prefix()
            dirty = self.logbook.git.modified_paths(FAILURES_DIR)
            db.executemany(
                "INSERT OR IGNORE INTO dirty VALUES (?)", [(self._strip(p, prefix),) for p in dirty]
            )
            self._added_or_removed(db)
        return db

    def _added_or_removed(self, db: sqlite3.Connection) -> set[str]:
        """Files added or removed in the work tree (committed or not), found cheaply: only the
        month folders whose modification time changed are listed and compared."""
        known = dict(db.execute("SELECT path, mtime_ns FROM folders"))
        found: set[str] = set()
        base = self.logbook.root / FAILURES_DIR
        folders = [m for y in _subdirs(base) for m in _subdirs(y)]
        for folder in folders:
            rel = folder.relative_to(self.logbook.root).as_posix()
            mtime = folder.stat().st_mtime_ns
            if known.pop(rel, None) == mtime:
                continue
            db.execute("INSERT OR REPLACE INTO folders VALUES (?, ?)", (rel, mtime))
            on_disk = {f"{rel}/{name}" for name in os.listdir(folder) if name.endswith(".yaml")}
            indexed = {
                row[0]
                for row in db.execute(
                    "SELECT path FROM failures WHERE path LIKE ? || '/%' "
                    "UNION SELECT path FROM problems WHERE path LIKE ? || '/%'",
                    (rel, rel),
                )
            }
            found |= on_disk ^ indexed
        for rel in known:  # folders that disappeared
            db.execute("DELETE FROM folders WHERE path = ?", (rel,))
            found |= {
                row[0]
                for row in db.execute("SELECT path FROM failures WHERE path LIKE ? || '/%'", (rel,))
            }
        return found

    def _update(self, db: sqlite3.Connection, paths: Collection[str]) -> None:
        for rel in self.logbook.progress.over("progress_index", paths):
            failure_id = failure_of(rel)
            if failure_id is None:
                continue
            db.execute("DELETE FROM failures WHERE id = ?", (failure_id,))
            db.execute("DELETE FROM problems WHERE path = ?", (rel,))
            seen = _signature(self.logbook.root / rel)  # before reading: a change after it shows
            try:
                data = read_own(self.logbook.root, rel)
            except FileNotFoundError:
                continue
            try:
                doc = store.load_failure_doc(data, rel)
                failure = store.failure_from_doc(doc, rel, failure_id)
            except BadFile as exc:
                db.execute(
                    "INSERT INTO problems VALUES (?, ?, ?, ?)",
                    (rel, exc.key, json.dumps(exc.params, default=str), seen),
                )
                continue
            db.execute(
                "INSERT INTO failures VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                (
                    failure.id,
                    rel,
                    failure.stage,
                    int(failure.is_open),
                    failure.system.casefold(),
                    failure.assignee,
                    failure.report.day.isoformat(),
                    " ".join(_numbers(failure)),
                    failure.duplicate_of,
                    failure.imported.sha256 if failure.imported else None,
                    seen,
                    json.dumps(doc, default=str, ensure_ascii=False, separators=(",", ":")),
                ),
            )

    # --- answering ---------------------------------------------------------------------------

    def query(self, q: Query) -> tuple[list[Failure], list[Problem]]:
        where, args = _where(q)
        with closing(self.refresh(where, args)) as db:
            sql = "SELECT id, doc FROM failures"
            if where:
                sql += " WHERE " + where
            sql += " ORDER BY id"
            failures = list(self._failures(db.execute(sql, args)))
            problems = self.problems(db)
        return failures, problems

    @staticmethod
    def problems(db: sqlite3.Connection) -> list[Problem]:
        return [
            Problem(path, BadFile(key, **json.loads(params)))
            for path, key, params in db.execute(
                "SELECT path, key, params FROM problems ORDER BY path"
            )
        ]

    def _failures(self, rows: Iterable[tuple[str, str]]) -> Iterator[Failure]:
        for failure_id, doc in rows:
            yield store.failure_from_index(json.loads(doc), failure_id)


def _where(q: Query) -> tuple[str, list[object]]:
    """``q`` as an SQL condition on the failures table and its arguments."""
    where: list[str] = []
    args: list[object] = []
    if q.stage:
        where.append("stage = ?")
        args.append(q.stage)
    elif not q.include_closed:
        where.append("is_open = 1")
    if q.assignee:
        where.append("assignee = ?")
        args.append(q.assignee)
    if q.system:
        where.append("system_key = ?")
        args.append(q.system.casefold())
    if q.reported_from:
        where.append("reported_day >= ?")
        args.append(q.reported_from.isoformat())
    if q.reported_to:
        where.append("reported_day <= ?")
        args.append(q.reported_to.isoformat())
    if q.duplicate_of:
        where.append("duplicate_of = ?")
        args.append(q.duplicate_of)
    return " AND ".join(where), args


def matches(failure: Failure, q: Query) -> bool:
    """The same filter as the SQL in ``Index.query``, for the full scan without an index."""
    if q.stage:
        if failure.stage != q.stage:
            return False
    elif not q.include_closed and not failure.is_open:
        return False
    if q.assignee and failure.assignee != q.assignee:
        return False
    if q.system and failure.system.casefold() != q.system.casefold():
        return False
    if q.reported_from and failure.report.day < q.reported_from:
        return False
    if q.duplicate_of and failure.duplicate_of != q.duplicate_of:
        return False
    return not (q.reported_to and failure.report.day > q.reported_to)


def _numbers(failure: Failure) -> list[str]:
    return [
        str(e.details["number"])
        for e in failure.entries
        if e.action == "sign" and e.details.get("number")
    ]


def report_numbers(logbook: LogBook, env: Mapping[str, str]) -> tuple[list[str], list[Problem]]:
    """Every result report number handed out so far, and the files that could not be read."""
    if env.get("KLIPCTL_INDEX") == "0":
        failures, problems = logbook.load_all()
        return [n for f in failures for n in _numbers(f)], problems
    idx = Index(logbook)
    with closing(idx.refresh("numbers != ''")) as db:
        numbers = [
            n
            for (row,) in db.execute("SELECT numbers FROM failures WHERE numbers != ''")
            for n in row.split(" ")
        ]
        problems = idx.problems(db)
    return numbers, problems


def imported_from(logbook: LogBook, sha256: str, env: Mapping[str, str]) -> list[str]:
    """The IDs of the failures imported from the spreadsheet with this SHA-256."""
    if env.get("KLIPCTL_INDEX") == "0":
        failures, _ = logbook.load_all()
        return [f.id for f in failures if f.imported and f.imported.sha256 == sha256]
    with closing(Index(logbook).refresh("imported = ?", (sha256,))) as db:
        rows = db.execute("SELECT id FROM failures WHERE imported = ? ORDER BY id", (sha256,))
        return [row[0] for row in rows]


def query(
    logbook: LogBook, q: Query, env: Mapping[str, str]
) -> tuple[list[Failure], list[Problem]]:
    """Failures matching ``q`` (by ID) and the files that could not be read."""
    if env.get("KLIPCTL_INDEX") == "0":
        failures, problems = logbook.load_all()
        return [f for f in failures if matches(f, q)], problems
    return Index(logbook).query(q)


@dataclass(frozen=True)
class Known:
    """A failure as the index last saw it, for shell completion."""

    id: str
    is_open: bool
    title: str


def peek(logbook: LogBook, prefix: str, limit: int) -> list[Known] | None:
    """The indexed failures whose ID starts with ``prefix``, open ones first then the newest,
    at most ``limit``; None when there is no index to read. Read as it stands: never
    refreshed, built nor written (it runs on every Tab, and may be a little behind)."""
    path = logbook.root / STATE_DIR / INDEX_FILE
    if not path.is_file():
        return None
    try:
        with closing(sqlite3.connect(f"{path.as_uri()}?mode=ro", uri=True)) as db:
            rows = db.execute(
                "SELECT id, is_open, doc FROM failures WHERE id >= ? AND id < ? "
                "ORDER BY is_open DESC, id DESC LIMIT ?",
                (prefix, prefix + "\x7f", limit),
            ).fetchall()
    except sqlite3.Error:
        return None
    known = []
    for failure_id, is_open, doc in rows:
        try:
            title = store.failure_from_index(json.loads(doc), failure_id).title
        except (BadFile, ValueError):
            continue
        known.append(Known(failure_id, bool(is_open), title))
    return known


def near_ids(logbook: LogBook, shown: Iterable[str]) -> list[str] | None:
    """The IDs next to each of ``shown`` in the index's order, with ``shown`` and the damaged
    files' IDs, sorted; None without an index. All that telling ``shown`` apart by a prefix
    needs (``ids.unique_prefix_length`` looks at an ID's neighbours only), read by the primary
    key instead of all 100,000 IDs; read as it stands, for a command that has just refreshed
    it (``query``)."""
    path = logbook.root / STATE_DIR / INDEX_FILE
    if not path.is_file():
        return None
    found = set(shown)
    with closing(sqlite3.connect(f"{path.as_uri()}?mode=ro", uri=True)) as db:
        for failure_id in list(found):
            for query in (_BEFORE, _AFTER):
                (near,) = db.execute(query, (failure_id,)).fetchone()
                if near is not None:
                    found.add(near)
        found.update(f for (p,) in db.execute("SELECT path FROM problems") if (f := failure_of(p)))
    return sorted(found)


_BEFORE = "SELECT max(id) FROM failures WHERE id < ?"
_AFTER = "SELECT min(id) FROM failures WHERE id > ?"
