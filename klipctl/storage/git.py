"""The one module that talks to git: subprocess with argument lists, never a shell."""

from __future__ import annotations

import atexit
import hashlib
import os
import re
import subprocess
import sys
import tempfile
from collections.abc import Callable, Iterator, Mapping, MutableMapping, Sequence
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from typing import Any, NamedTuple

from klipctl.errors import GitFailed, NotFound, PushRefused, Unreachable
from klipctl.storage.files import atomic_write


@dataclass(frozen=True)
class Author:
    name: str
    email: str


@dataclass(frozen=True)
class Commit:
    sha: str
    author: str
    email: str
    date: str
    subject: str
    body: str


# What `git rev-parse --local-env-vars` names: the variables that tie git to one repository. git
# sets them for a hook (GIT_DIR=. in the bare repository); git run on another repository from
# the hook must not inherit them.
LOCAL_ENV_VARS = (
    "GIT_ALTERNATE_OBJECT_DIRECTORIES", "GIT_CONFIG", "GIT_CONFIG_PARAMETERS", "GIT_CONFIG_COUNT",
    "GIT_OBJECT_DIRECTORY", "GIT_DIR", "GIT_WORK_TREE", "GIT_IMPLICIT_WORK_TREE",
    "GIT_GRAFT_FILE", "GIT_INDEX_FILE", "GIT_NO_REPLACE_OBJECTS", "GIT_REPLACE_REF_BASE",
    "GIT_PREFIX", "GIT_SHALLOW_FILE", "GIT_COMMON_DIR", "GIT_QUARANTINE_PATH",
)  # fmt: skip


def forget_repository_env(environ: MutableMapping[str, str]) -> None:
    for name in LOCAL_ENV_VARS:
        environ.pop(name, None)


# What `tune_repository` sets. feature.manyFiles: index version 4 and the untracked cache, so
# the index of 100,000+ paths is smaller to read; a split index, so a commit rewrites a few
# entries instead of the whole 8 MB file; commit-graphs written on fetch and by upkeep, so
# history walks stay fast.
TUNING = {
    "feature.manyFiles": "true",
    "core.splitIndex": "true",
    "core.commitGraph": "true",
    "fetch.writeCommitGraph": "true",
    "gc.writeCommitGraph": "true",
}
HOUSEKEEPING = {"gc.auto": "0", "maintenance.auto": "false"}
HOUSEKEEPING_TASKS = ("--task=loose-objects", "--task=incremental-repack", "--task=commit-graph")
HOUSEKEEPING_KEY = "klipctl.housekeeping"  # background (klipctl starts it) | git (as git does)
TUNED_KEY = "klipctl.tuned"  # the version of the settings above this repository has
TUNED_VERSION = "1"

_BACKGROUND: list[subprocess.Popen[bytes]] = []

# Told each git command line before it runs (`klipctl -v` prints them); None: nobody listens.
trace: Callable[[Sequence[str]], None] | None = None


def _argv(*args: str) -> list[str]:
    """The command line of one git run: every git process klipctl starts is made here."""
    if trace is not None:
        trace(args)
    return ["git", *args]


# git writes a loose object into objects/xx/, making the folder when it is missing and trying
# once more; a `git prune-packed` running at the same time (the detached `maintenance run
# --auto` after another process's commit) can remove that empty folder in between, and the
# write fails with "unable to create temporary file". Writing an object again is harmless (its
# name is its content), so a write that lost its folder so is simply tried again.
_WRITE_ATTEMPTS = 4
_OBJECT_WRITERS = ("hash-object", "commit-tree", "mktree")


def _completed(
    args: Sequence[str],
    cwd: Path,
    env: Mapping[str, str],
    stdin: str | bytes | None,
    text: bool,
) -> subprocess.CompletedProcess[Any]:
    """One git run to its end, its output captured (as text or as bytes); an object write
    that lost its folder tried again."""
    options: dict[str, Any] = {"encoding": "utf-8", "errors": "replace"} if text else {}
    writes_objects = bool(args) and args[0] in _OBJECT_WRITERS
    for attempt in range(_WRITE_ATTEMPTS):
        try:
            proc = subprocess.run(
                _argv(*args), cwd=cwd, env=dict(env), input=stdin, capture_output=True,
                text=text, **options,
            )  # fmt: skip
        except FileNotFoundError:
            raise NotFound("git_missing") from None
        stderr = proc.stderr if text else proc.stderr.decode("utf-8", "replace")
        lost = writes_objects and "unable to create temporary file" in stderr
        if proc.returncode == 0 or not lost or attempt + 1 == _WRITE_ATTEMPTS:
            return proc
    raise AssertionError("unreachable")  # the last attempt returns


def _parse_tree(content: bytes, id_length: int) -> dict[bytes, tuple[bytes, bytes]]:
    entries = {}
    pos = 0
    while pos < len(content):
        space = content.index(b" ", pos)
        nul = content.index(b"\0", space)
        entries[content[space + 1 : nul]] = (
            content[pos:space],
            content[nul + 1 : nul + 1 + id_length],
        )
        pos = nul + 1 + id_length
    return entries


def git_version() -> tuple[int, ...] | None:
    """The installed git's version, or None when there is no git."""
    try:
        out = subprocess.run(_argv("--version"), capture_output=True, text=True).stdout
    except FileNotFoundError:
        return None
    found = re.search(r"(\d+)\.(\d+)(?:\.(\d+))?", out)
    return tuple(int(g) for g in found.groups() if g) if found else None


def _tree_body(entries: Mapping[bytes, tuple[bytes, bytes]]) -> bytes:
    # git's order: by name, a folder compared as if its name ended with "/".
    def key(name: bytes) -> bytes:
        return name + b"/" if entries[name][0] == b"40000" else name

    return b"".join(
        entries[n][0] + b" " + n + b"\0" + entries[n][1] for n in sorted(entries, key=key)
    )


def _clean_message(message: str) -> str:
    """What ``git commit`` stores for a message given with -F (cleanup "whitespace"): trailing
    spaces removed, runs of blank lines made one, none at the start or end."""
    lines: list[str] = []
    for line in message.splitlines():
        line = line.rstrip()
        if line or (lines and lines[-1]):
            lines.append(line)
    while lines and not lines[-1]:
        lines.pop()
    return "\n".join(lines) + "\n" if lines else ""


# What one `git config --get-regexp` reads for a whole command: klipctl's keys, the remotes,
# and the identity every command asks for (who acts, which key signs).
_READ_WITH_KLIPCTL_KEYS = ("user.email", "user.signingkey")
_KLIPCTL_KEYS = r"^(klipctl|remote)\.|^user\.(email|signingkey)$"


class _Unknown:
    """HEAD not read by the caller (``Git.commit``)."""


UNKNOWN = _Unknown()

_FIELD = "\x1f"
_RECORD = "\x1e"
# Reading all of a large history: pack files mapped a little at a time, a small cache of
# delta bases, so git's memory stays small (it maps the whole pack, a gigabyte, otherwise).
_LEAN = ("-c", "core.packedGitWindowSize=16m", "-c", "core.packedGitLimit=64m",
         "-c", "core.deltaBaseCacheLimit=16m")  # fmt: skip
_HISTORY_BATCH = 50_000  # commits per diff-tree process


class RawChange(NamedTuple):
    """One path a commit changed, as ``git log --raw`` names it: the status letter (A added,
    M modified, D deleted, T type changed), each side's mode and object, the path."""

    status: str
    old_mode: str
    new_mode: str
    old: str  # all zeros when there was no file before
    new: str  # all zeros when there is none after
    path: str


class LoggedCommit(NamedTuple):
    """A commit as ``Git.history`` reads it; a merge comes once per parent it differs from.
    (Tuples: a verify reads close to a million.)"""

    sha: str
    parents: list[str]
    email: str  # the author's
    committed: int | None  # the committer time, in seconds since the epoch
    body: str  # the whole message
    changes: list[RawChange]


def _nul_separated(stream: Any) -> Iterator[bytes]:
    """The NUL-separated fields of a stream, one at a time, read a megabyte at a time."""
    rest = b""
    while chunk := stream.read(1 << 20):
        parts = (rest + chunk).split(b"\0")
        rest = parts.pop()
        yield from parts
    if rest:
        yield rest


class ObjectReader:
    """``git cat-file --batch`` kept open: each object read by its name, in turn, without a
    process each (verify reads the odd file and commit this way)."""

    def __init__(self, cwd: Path, env: Mapping[str, str]) -> None:
        try:
            self._proc = subprocess.Popen(
                _argv("cat-file", "--batch"), cwd=cwd, env=dict(env),
                stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=subprocess.DEVNULL,
            )  # fmt: skip
        except FileNotFoundError:
            raise NotFound("git_missing") from None

    def read(self, name: str) -> tuple[str, bytes] | None:
        """The kind ("blob", "commit", ...) and content of the object ``name`` names (an
        object id, or ``rev:path``); None when there is none."""
        proc = self._proc
        assert proc.stdin is not None and proc.stdout is not None
        if "\n" in name:
            return None
        proc.stdin.write(name.encode("utf-8") + b"\n")
        proc.stdin.flush()
        header = proc.stdout.readline().split()
        if len(header) != 3:
            if not header:
                raise GitFailed("git_failed", command="cat-file", detail="no answer")
            return None  # "<name> missing" (or ambiguous)
        data = proc.stdout.read(int(header[2]) + 1)[:-1]
        return header[1].decode("ascii"), data

    def close(self) -> None:
        proc = self._proc
        if proc.stdin is not None:
            proc.stdin.close()
        if proc.stdout is not None:
            proc.stdout.close()
        proc.wait()

    def __enter__(self) -> ObjectReader:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()


def _git_env() -> dict[str, str]:
    """The environment of every git klipctl runs: never a prompt, messages in English (parsed)."""
    return {**os.environ, "GIT_TERMINAL_PROMPT": "0", "LC_ALL": "C"}


# The questions a read asks git in any case, exactly as the methods below ask them.
_CONFIG_QUESTION = ("config", "-z", "--get-regexp", _KLIPCTL_KEYS)
_HEAD_QUESTION = ("rev-parse", "--show-prefix", "--verify", "-q", "HEAD^{commit}")


def _modified_question(*pathspec: str) -> tuple[str, ...]:
    # Against HEAD, not the staging area (diff-files): an edit staged with `git add` is one.
    return ("diff-index", "--name-only", "-z", "HEAD", "--", *pathspec)


# Questions asked at a read's first line (``ask_early``), by folder and command line, with the
# environment they were asked in; a ``Git.run`` of the same question takes the answer.
_EARLY: dict[tuple[Path, tuple[str, ...]], tuple[subprocess.Popen[str], dict[str, str]]] = {}


def ask_early(cwd: Path, config: bool, head: bool, modified: Sequence[str] = ()) -> None:
    """Start git on the questions a read will ask, before Python has loaded what asks them: git
    answers on another core meanwhile (a read never holds the lock, so an answer a tenth of a
    second older is the answer it would have had). ``modified``: the pathspec of the
    ``modified_paths`` question, if asked."""
    questions: list[tuple[str, ...]] = [_CONFIG_QUESTION] if config else []
    questions += [_HEAD_QUESTION] if head else []
    questions += [_modified_question(*modified)] if modified else []
    env = _git_env()
    for args in questions:
        try:
            proc = subprocess.Popen(  # traced (`-v`) when taken: nobody listens yet
                ["git", *args], cwd=cwd, env=env, stdin=subprocess.DEVNULL,
                stdout=subprocess.PIPE, stderr=subprocess.PIPE, encoding="utf-8",
                errors="replace",
            )  # fmt: skip
        except OSError:
            return  # no git (or no such folder): the command asks again and says why
        if not _EARLY:
            atexit.register(forget_early)
        _EARLY[(cwd, args)] = (proc, env)


def _take_early(cwd: Path, args: tuple[str, ...], env: dict[str, str]) -> Any:
    """The answer to a question asked early, once; None when it was not (or in another
    environment, when it must be asked again)."""
    asked = _EARLY.pop((cwd, args), None)
    if asked is None:
        return None
    proc, asked_env = asked
    out, err = proc.communicate()
    if asked_env != env:
        return None
    if trace is not None:
        trace(args)
    return subprocess.CompletedProcess(["git", *args], proc.returncode, out, err)


def forget_early() -> None:
    """The early questions not taken yet, dropped: at exit (nobody asked them after all: a
    refusal came first), and when the lock is taken (a write may change their answers)."""
    for proc, _ in _EARLY.values():
        proc.kill()
        proc.communicate()
    _EARLY.clear()


class Started:
    """One git command running in the background; ``output`` waits for it (a failure is
    raised there, as ``Git.run`` raises it)."""

    def __init__(self, git: Git, args: Sequence[str]) -> None:
        self._git, self._args = git, tuple(args)
        try:
            self._proc: subprocess.Popen[bytes] | None = subprocess.Popen(
                _argv(*args), cwd=git.cwd, env=git._env, stdout=subprocess.PIPE,
                stderr=subprocess.PIPE, stdin=subprocess.DEVNULL,
            )  # fmt: skip
        except FileNotFoundError:
            raise NotFound("git_missing") from None

    def output(self) -> str:
        proc = self._proc
        assert proc is not None
        out, err = proc.communicate()
        self._proc = None
        if proc.returncode != 0:
            detail = _reason(err.decode("utf-8", "replace"))
            raise GitFailed("git_failed", command=self._args[0], detail=detail)
        return out.decode("utf-8", "replace")

    def close(self) -> None:
        """Stop waiting for it (its output is not needed after all)."""
        if self._proc is not None:
            self._proc.communicate()
            self._proc = None


class Git:
    def __init__(self, cwd: Path) -> None:
        self.cwd = cwd
        self._env = _git_env()
        self._klipctl_cache: dict[str, str] | None = None
        self._prefix: str | None = None
        self._has_head = False  # a commit was seen at HEAD (it never goes back to none)

    def run(
        self,
        *args: str,
        env: dict[str, str] | None = None,
        check: bool = True,
        stdin: str | None = None,
    ) -> str:
        early = _take_early(self.cwd, args, self._env) if env is None and stdin is None else None
        proc = early or _completed(args, self.cwd, {**self._env, **(env or {})}, stdin, text=True)
        if check and proc.returncode != 0:
            detail = _reason(proc.stderr or proc.stdout)
            raise GitFailed("git_failed", command=args[0], detail=detail)
        out: str = proc.stdout
        return out

    def toplevel(self) -> Path | None:
        try:
            return Path(self.run("rev-parse", "--show-toplevel").strip())
        except GitFailed:
            return None

    def init(self) -> None:
        self.run("init", "-q", "-b", "main")

    def config_get(self, key: str) -> str | None:
        if key in _READ_WITH_KLIPCTL_KEYS:
            return self._klipctl_config().get(key) or None
        value = self.run("config", "--get", key, check=False).strip()
        return value or None

    def config_set(self, key: str, value: str) -> None:
        self.run("config", key, value)
        self._klipctl_cache = None

    # --- staying fast as the log book grows ---------------------------------------------------

    def clone(self, url: str, target: Path, timeout: float = 300) -> None:
        """``git clone URL TARGET`` (``self`` is any folder to run it from)."""
        proc = self._network("clone", "-q", "--", url, str(target), timeout=timeout)
        if proc.returncode != 0:
            raise Unreachable("remote_unreachable", detail=_reason(proc.stderr))

    def point_head_at(self, branch: str) -> bool:
        """In a bare repository: make HEAD name ``branch`` (a plain ``git clone`` then checks
        out the log book, not an empty ``master``); True if it changed."""
        current = self.run("symbolic-ref", "-q", "HEAD", check=False).strip()
        if current == f"refs/heads/{branch}":
            return False
        self.run("symbolic-ref", "HEAD", f"refs/heads/{branch}")
        return True

    def is_bare(self) -> bool:
        return self.run("rev-parse", "--is-bare-repository", check=False).strip() == "true"

    def tune_repository(self) -> bool:
        """Give the repository the settings a log book of 100,000 files needs; True if it
        changed anything. Idempotent and cheap once done (one ``git config`` read): ``init``
        runs it through its first commit, and so does the first write in a clone made with
        ``git clone``; ``doctor`` or ``sync`` may call it too.

        When the repository is the log book's own (not an office repository holding one in a
        folder), git stops running ``gc --auto`` inside commands (``gc.auto=0``,
        ``maintenance.auto=false``); klipctl starts git's incremental upkeep in the background
        after each of its commits instead (``start_housekeeping``), so upkeep never lands in
        the middle of a person's command.
        """
        if self._klipctl_config().get(TUNED_KEY) == TUNED_VERSION:
            return False
        top = self.toplevel()
        own = top is not None and top.resolve() == self.cwd.resolve()
        for key, value in {**TUNING, **(HOUSEKEEPING if own else {})}.items():
            self.config_set(key, value)
        if self.has_index():
            self.run("update-index", "--index-version", "4")  # index.version is for new ones
        self.config_set(HOUSEKEEPING_KEY, "background" if own else "git")
        self.config_set(TUNED_KEY, TUNED_VERSION)
        return True

    def has_index(self) -> bool:
        return self.git_path("index").is_file()

    def git_path(self, name: str) -> Path:
        """A file in the repository's git folder (``index``, ``FETCH_HEAD``)."""
        path = Path(self.run("rev-parse", "--git-path", name).strip())
        return path if path.is_absolute() else self.cwd / path

    def _klipctl_config(self) -> dict[str, str]:
        """klipctl's own keys, the remotes and who the person is, in git's config (one read per
        process)."""
        if self._klipctl_cache is None:
            out = self.run(*_CONFIG_QUESTION, check=False)
            pairs = (item.partition("\n") for item in out.split("\0") if item)
            self._klipctl_cache = {key: value for key, _, value in pairs}
        return self._klipctl_cache

    def _after_commit(self, tuned_now: bool) -> None:
        if tuned_now:
            # Bloom filters make `git log -- FILE` (a failure's history) fast; once the first
            # commit-graph has them, every later incremental write keeps them.
            self.spawn_detached("commit-graph", "write", "--reachable", "--changed-paths")
        elif self._klipctl_config().get(HOUSEKEEPING_KEY) == "background":
            self.start_housekeeping()

    def start_housekeeping(self) -> None:
        """Start git's incremental upkeep (pack loose objects, merge small packs, extend the
        commit-graph) in a detached background process that nobody waits for; each task runs
        only when its threshold is reached and git's own lock keeps runs from overlapping."""
        self.spawn_detached("maintenance", "run", "--auto", "--quiet", *HOUSEKEEPING_TASKS)

    def spawn_detached(self, *args: str) -> None:
        """Run git in the background, detached from this process and its terminal."""
        kwargs: dict[str, Any] = {}
        if sys.platform == "win32":
            kwargs["creationflags"] = (
                subprocess.DETACHED_PROCESS | subprocess.CREATE_NEW_PROCESS_GROUP
            )
        else:
            kwargs["start_new_session"] = True
        try:
            proc = subprocess.Popen(
                _argv(*args),
                cwd=self.cwd,
                env=self._env,
                stdin=subprocess.DEVNULL,
                stdout=subprocess.DEVNULL,
                stderr=subprocess.DEVNULL,
                close_fds=True,
                **kwargs,
            )
        except OSError:
            return  # upkeep is an optimisation; the command itself has already succeeded
        _BACKGROUND.append(proc)  # not waited for; kept so it is not reported as leaked

    def commit(
        self,
        paths: Sequence[Path],
        message: str,
        author: Author | None,
        when: datetime,
        sign: CommitSigner | None = None,
        on: str | None | _Unknown = UNKNOWN,
    ) -> str:
        """Commit exactly ``paths`` as they are in the work tree, dated ``when``, on top of
        HEAD (``on``: HEAD as the caller last read it, which saves reading it again; if it has
        moved since, the commit is refused); return the new commit's SHA.

        Whatever else someone has staged by hand stays out of the commit (and staged), as with
        ``git commit --only``. Built from plumbing, because ``git add`` and ``git commit`` each
        read, refresh (one ``lstat`` per tracked file) and rewrite the whole index: a third of a
        second at 100,000 files. Here the blobs are hashed, only the trees on the way to the
        changed paths are rewritten, the commit is made with ``commit-tree``, the index learns
        just these paths, and HEAD moves only if nobody moved it meanwhile.

        With ``sign`` the commit carries its SSH signature (see ``commit_tree``).
        """
        tuned_now = self.tune_repository()
        rel = [Path(p).as_posix() for p in paths]
        if self._prefix is not None and not isinstance(on, _Unknown):
            prefix, parent = self._prefix, on  # HEAD as the caller read it, under its lock
        else:
            prefix, parent = self._prefix_and_head()
        present = [p for p in rel if (self.cwd / p).is_file()]
        # Absolute paths: git reads --stdin-paths from the repository's top, not from here.
        hashed = self.run(
            "hash-object",
            "-w",
            "--stdin-paths",
            stdin="".join(f"{self.cwd / p}\n" for p in present),
        )
        blobs = dict(zip(present, hashed.split(), strict=True))
        changes = {prefix + p: (self._file_mode(p), blobs[p]) if p in blobs else None for p in rel}
        tree, unchanged = self.tree_with(parent, changes)
        if unchanged:
            raise GitFailed("git_failed", command="commit", detail="nothing to commit")
        text = _clean_message(message)
        sha = self.commit_tree(tree, [parent] if parent else [], text, author, when, sign)
        subject = text.split("\n", 1)[0]
        reason = f"commit{'' if parent else ' (initial)'}: {subject}"
        # The index first: it fails while another git holds the index, before anything is
        # committed; if what follows fails, the transaction's rollback unstages the paths.
        self.run("update-index", "--add", "--remove", "--", *rel)
        # Compare-and-swap: refused if HEAD moved since it was read (nothing is lost then).
        self.run("update-ref", "-m", reason, "HEAD", sha, parent or "")
        self._after_commit(tuned_now)
        return sha

    def _file_mode(self, rel: str) -> bytes:
        executable = sys.platform != "win32" and os.stat(self.cwd / rel).st_mode & 0o100
        return b"100755" if executable else b"100644"

    def tree_with(
        self, parent: str | None, changes: Mapping[str, tuple[bytes, str] | None]
    ) -> tuple[str, bool]:
        """The root tree of ``parent`` with ``changes`` (path → (mode, blob) or None to remove)
        written, and whether it is the same as ``parent``'s."""
        folders = {""}
        for path in changes:
            parts = path.split("/")
            folders.update("/".join(parts[:i]) for i in range(1, len(parts)))
        order = sorted(folders, key=lambda f: (f.count("/") + bool(f), f))
        old, old_root = self._read_trees(parent, order) if parent else ({}, None)
        trees = {f: dict(old.get(f, {})) for f in order}
        for path, change in changes.items():
            folder, _, name = path.rpartition("/")
            if change is None:
                trees[folder].pop(name.encode(), None)
            else:
                mode, blob = change
                trees[folder][name.encode()] = (mode, bytes.fromhex(blob))
        algorithm = "sha256" if any(len(c[1]) == 64 for c in changes.values() if c) else "sha1"
        bodies: dict[str, bytes] = {}
        shas: dict[str, str] = {}
        for folder in reversed(order):  # deepest first: a parent needs its children's names
            body = _tree_body(trees[folder])
            sha = hashlib.new(algorithm, b"tree %d\0" % len(body) + body).hexdigest()
            shas[folder], bodies[folder] = sha, body
            if folder:
                up, _, name = folder.rpartition("/")
                if trees[folder]:
                    trees[up][name.encode()] = (b"40000", bytes.fromhex(sha))
                else:
                    trees[up].pop(name.encode(), None)  # git keeps no empty folders
        kept = [f for f in order if trees[f] or not f]
        with tempfile.TemporaryDirectory(prefix="klipctl-trees-") as tmp:
            files = [Path(tmp, str(n)) for n in range(len(kept))]
            for file, folder in zip(files, kept, strict=True):
                file.write_bytes(bodies[folder])
            written = self.run(
                "hash-object", "-w", "-t", "tree", "--no-filters", "--stdin-paths",
                stdin="".join(f"{f}\n" for f in files),
            ).split()  # fmt: skip
        if written != [shas[f] for f in kept]:  # git's own hashing must agree with the above
            raise GitFailed("git_failed", command="hash-object", detail="tree mismatch")
        return shas[""], shas[""] == old_root

    def _read_trees(
        self, parent: str, folders: Sequence[str]
    ) -> tuple[dict[str, dict[bytes, tuple[bytes, bytes]]], str]:
        """The entries (name → (mode, raw object id)) of ``folders`` in ``parent``, those that
        exist, and the SHA of ``parent``'s root tree."""
        wanted = "".join(f"{parent}:{f}\n" if f else f"{parent}^{{tree}}\n" for f in folders)
        out = self.run_bytes("cat-file", "--batch", stdin=wanted.encode())
        found: dict[str, dict[bytes, tuple[bytes, bytes]]] = {}
        root = ""
        pos = 0
        for folder in folders:
            end = out.index(b"\n", pos)
            header = out[pos:end].split()
            pos = end + 1
            if header[-1] == b"missing":
                continue
            sha, kind, size = header[0].decode(), header[1], int(header[2])
            content = out[pos : pos + size]
            pos += size + 1
            if not folder:
                root = sha
            if kind != b"tree":
                raise GitFailed("git_failed", command="commit", detail=f"{folder} is not a folder")
            found[folder] = _parse_tree(content, len(sha) // 2)
        return found, root

    def unstage(self, paths: Sequence[Path]) -> None:
        self.run("reset", "-q", "--", *[str(p) for p in paths], check=False)

    def log(self, *paths: Path, limit: int | None = None, revs: Sequence[str] = ()) -> list[Commit]:
        """The commits of ``revs`` (else HEAD) that touch ``paths`` (else any), newest first."""
        fmt = _FIELD.join(["%H", "%an", "%ae", "%aI", "%s", "%b"]) + _RECORD
        args = ["log", f"--format={fmt}"]
        if limit:
            args.append(f"-n{limit}")
        out = self.run(*args, *revs, "--", *[str(p) for p in paths])
        commits = []
        for record in out.split(_RECORD):
            record = record.strip("\n")
            if record:
                sha, name, email, date, subject, body = record.split(_FIELD)
                commits.append(Commit(sha, name, email, date, subject, body.strip()))
        return commits

    def status_porcelain(self, *paths: Path) -> str:
        return self.run("status", "--porcelain", "--", *[str(p) for p in paths])

    # --- what changed, for the derived index ------------------------------------------------

    def head(self) -> str | None:
        return self._prefix_and_head()[1]

    def _prefix_and_head(self) -> tuple[str, str | None]:
        """The log book's folder in its repository (kept: it never changes) and HEAD, in one
        git process."""
        out = self.run(*_HEAD_QUESTION, check=False).split("\n")
        self._prefix = out[0]
        head = (out[1].strip() if len(out) > 1 else "") or None
        self._has_head = self._has_head or head is not None
        return out[0], head

    def changed_paths(self, old: str, new: str, *pathspec: str) -> list[str] | None:
        """Paths that differ between two commits; None when ``old`` is no longer known."""
        if self.run("cat-file", "-t", old, check=False).strip() != "commit":
            return None
        out = self.run("diff", "--name-only", "--no-renames", "-z", old, new, "--", *pathspec)
        return [p for p in out.split("\0") if p]

    def modified_paths(self, *pathspec: str) -> list[str]:
        """Tracked paths changed or deleted in the work tree but not committed, staged or not
        (before the first commit: changed since they were staged)."""
        if not self._has_head and self.head() is None:
            out = self.run("diff-files", "--name-only", "-z", "--", *pathspec)
            return [p for p in out.split("\0") if p]
        out = self.run(*_modified_question(*pathspec))
        return [p for p in out.split("\0") if p]

    # --- reading history for verify ----------------------------------------------------------

    def run_bytes(self, *args: str, stdin: bytes | None = None) -> bytes:
        proc = _completed(args, self.cwd, self._env, stdin, text=False)
        if proc.returncode != 0:
            detail = proc.stderr.decode("utf-8", "replace").strip().splitlines()
            raise GitFailed("git_failed", command=args[0], detail=detail[-1] if detail else "")
        data: bytes = proc.stdout
        return data

    def has_commits(self) -> bool:
        return self.run("rev-parse", "--verify", "-q", "HEAD", check=False).strip() != ""

    def resolve(self, rev: str) -> str | None:
        out = self.run(
            "rev-parse", "--verify", "-q", "--end-of-options", f"{rev}^{{commit}}", check=False
        ).strip()
        return out or None

    def is_ancestor(self, older: str, newer: str) -> bool:
        proc = subprocess.run(
            _argv("merge-base", "--is-ancestor", older, newer),
            cwd=self.cwd,
            env=self._env,
            capture_output=True,
        )
        return proc.returncode == 0

    def history(self, revs: Sequence[str]) -> Iterator[LoggedCommit]:
        """Every commit of ``revs``, parents before children (``--topo-order --reverse``),
        with what it changed inside the log book: a merge once per parent it differs from,
        against that parent. Trees are compared, no file is read or diffed (``--raw``), a
        fraction of the time ``log -p`` takes; streamed, since a large log book has close to a
        million commits.

        The commits are listed first, then read by one ``git diff-tree --stdin`` for each
        batch of them: one git process over all of them keeps every commit it has read in
        memory (1.4 GB at 100,000 failures), a batch's process only its own. Fields are read
        by position between NULs (``-z``; no message, address or path can hold one): whatever
        a pusher writes in a message or names a file cannot pass for another commit or
        another change."""
        listed = self.run_bytes(*_LEAN, "rev-list", "--reverse", "--topo-order", *revs, "--")
        lines = listed.splitlines(keepends=True)
        del listed
        args = _argv(
            *_LEAN, "diff-tree", "--stdin", "--always", "--root", "-z", "-m", "-r",
            "--raw", "--no-abbrev", "--no-renames", "--relative",
            "--format=%x1e%H %P%x00%ae%x00%ct%x00%B",
        )  # fmt: skip
        for start in range(0, len(lines), _HISTORY_BATCH):
            with tempfile.TemporaryFile() as batch:
                batch.writelines(lines[start : start + _HISTORY_BATCH])
                batch.seek(0)
                yield from self._diff_trees(args, batch)

    def _diff_trees(self, args: list[str], batch: Any) -> Iterator[LoggedCommit]:
        try:
            proc = subprocess.Popen(
                args, cwd=self.cwd, env=self._env, stdin=batch, stdout=subprocess.PIPE,
                stderr=subprocess.PIPE,
            )  # fmt: skip
        except FileNotFoundError:
            raise NotFound("git_missing") from None
        assert proc.stdout is not None and proc.stderr is not None
        with proc:
            tokens = _nul_separated(proc.stdout)
            token = next(tokens, None)
            while token is not None:
                head = token.lstrip(b"\n")
                if not head:
                    token = next(tokens, None)
                    continue
                if not head.startswith(b"\x1e"):
                    raise GitFailed("git_failed", command="diff-tree", detail="unexpected output")
                sha, *parents = head[1:].decode("ascii").split()
                email = next(tokens, b"").decode("utf-8", "replace")
                stamp = next(tokens, b"").decode("ascii", "replace")
                body = next(tokens, b"").decode("utf-8", "replace")
                changes: list[RawChange] = []
                token = next(tokens, None)
                while token is not None and (meta := token.lstrip(b"\n")).startswith(b":"):
                    old_mode, new_mode, old, new, status = meta[1:].decode("ascii").split()
                    path = next(tokens, b"").decode("utf-8", "replace")
                    changes.append(RawChange(status, old_mode, new_mode, old, new, path))
                    token = next(tokens, None)
                committed = int(stamp) if stamp.strip().isdigit() else None
                yield LoggedCommit(sha, parents, email.strip(), committed, body, changes)
            error = proc.stderr.read().decode("utf-8", "replace")
        if proc.returncode != 0:
            raise GitFailed("git_failed", command="diff-tree", detail=_reason(error))

    def file_patch(self, commit: str, path: str) -> str:
        """The patch ``git log -p -m -U1`` shows for ``path`` (relative to the log book) in
        ``commit``: against each parent of a merge, against nothing for a root commit;
        ``--full-index``, so each side's object is named whole."""
        return self.run_bytes(
            "diff-tree", "-p", "-m", "--root", "--no-commit-id", "-U1", "--no-renames",
            "--no-ext-diff", "--no-color", "--relative", "--full-index", commit, "--", path,
        ).decode("utf-8", "replace")  # fmt: skip

    def object_reader(self) -> ObjectReader:
        """One ``git cat-file --batch`` to read many objects in turn (close it after)."""
        return ObjectReader(self.cwd, self._env)

    def merges(self, revs: Sequence[str]) -> Iterator[tuple[str, list[str], str]]:
        """Each merge commit in ``revs``: its sha, its parents and its message."""
        out = self.run("log", "--merges", "--format=%H %P%x1f%B%x1e", *revs)
        for record in out.split("\x1e"):
            head, _, body = record.strip().partition("\x1f")
            if head:
                sha, *parents = head.split()
                yield sha, parents, body

    def paths_touched(self, revs: Sequence[str], *pathspec: str) -> list[str]:
        """Every path any commit in ``revs`` changed (with repeats)."""
        out = self.run("log", "--format=", "--name-only", "--no-renames", *revs, "--", *pathspec)
        return [line.strip() for line in out.splitlines() if line.strip()]

    def raw_commits(self, shas: Sequence[str]) -> dict[str, bytes]:
        """The raw objects of commits, as signed (for checking their SSH signatures)."""
        if not shas:
            return {}
        out = self.run_bytes("cat-file", "--batch", stdin="".join(s + "\n" for s in shas).encode())
        found: dict[str, bytes] = {}
        pos = 0
        while pos < len(out):
            end = out.index(b"\n", pos)
            sha, _kind, size = out[pos:end].decode().split()
            found[sha] = out[end + 1 : end + 1 + int(size)]
            pos = end + 1 + int(size) + 1
        return found

    def started(self, *args: str) -> Started:
        """A git command started now and left to run (while verify does other work); its
        output (text) is taken with ``Started.output``."""
        return Started(self, args)

    def tree_changes(self, old: str, new: str) -> list[tuple[str, str, str, bytes]]:
        """(status, new mode, new object id, path as stored) of each entry that differs between
        the trees ``old`` and ``new`` (``rev:folder`` names), every folder entered (``-r``),
        no renames: a file moved is one deleted and one added."""
        out = self.run_bytes("diff-tree", "-r", "-z", "--raw", "--no-abbrev", "--no-renames",
                             old, new, "--")  # fmt: skip
        fields = out.split(b"\0")
        found = []
        for n in range(0, len(fields) - 1, 2):
            meta, path = fields[n], fields[n + 1]
            _old_mode, new_mode, _old, new_id, status = meta[1:].decode("ascii").split()
            found.append((status[:1], new_mode, new_id, path))
        return found

    def archive(self, rev: str) -> bytes:
        """The tree of ``rev`` as a tar archive (to check a pushed commit without a worktree)."""
        return self.run_bytes("archive", "--format=tar", rev)

    # --- crash recovery ------------------------------------------------------------------------

    def git_dir(self) -> Path:
        return Path(self.run("rev-parse", "--absolute-git-dir").strip())

    def stale_locks(self) -> list[Path]:
        """The lock files a killed git leaves (index, HEAD, the branch, packed refs) that exist."""
        gitdir = self.git_dir()
        candidates = [gitdir / "index.lock", gitdir / "HEAD.lock", gitdir / "packed-refs.lock"]
        branch = self.branch()
        if branch:
            candidates.append(gitdir / "refs" / "heads" / f"{branch}.lock")
        return [lock for lock in candidates if lock.exists()]

    def clear_stale_locks(self) -> None:
        """Remove them. Only called with the log book's own lock held, after a klipctl writer
        died (or by `doctor --fix`): no git started by klipctl can be running, so these locks
        belong to nobody."""
        for lock in self.stale_locks():
            lock.unlink(missing_ok=True)

    def is_parent(self, parent: str | None, child: str | None) -> bool:
        if not parent or not child:
            return False
        line = self.run("rev-list", "--parents", "-n1", child, check=False).split()
        return parent in line[1:]

    # --- the central repository ----------------------------------------------------------------

    def branch(self) -> str | None:
        out = self.run("symbolic-ref", "-q", "--short", "HEAD", check=False).strip()
        return out or None

    def remote_url(self, name: str) -> str | None:
        return self._klipctl_config().get(f"remote.{name}.url")

    def set_remote(self, name: str, url: str) -> None:
        if self.remote_url(name) is None:
            self.run("remote", "add", name, "--", url)
        else:
            self.run("remote", "set-url", name, "--", url)
        self._klipctl_cache = None

    def _network(self, *args: str, timeout: float) -> subprocess.CompletedProcess[str]:
        """A fetch or push: never a prompt, a bounded wait, offline reported as Unreachable."""
        env = {**self._env}
        env.setdefault("GIT_SSH_COMMAND", "ssh -o BatchMode=yes -o ConnectTimeout=10")
        try:
            return subprocess.run(
                _argv("-c", "http.lowSpeedLimit=1000", "-c", "http.lowSpeedTime=20", *args),
                cwd=self.cwd,
                env=env,
                capture_output=True,
                text=True,
                encoding="utf-8",
                errors="replace",
                timeout=timeout,
            )
        except FileNotFoundError:
            raise NotFound("git_missing") from None
        except subprocess.TimeoutExpired:
            detail = f"timeout after {timeout:.0f} s"
            raise Unreachable("remote_unreachable", detail=detail) from None

    def fetch(self, remote: str, branch: str, timeout: float = 60) -> str | None:
        """Fetch ``branch`` of ``remote``; the fetched commit, or None if the branch is new."""
        proc = self._network("fetch", "-q", "--no-tags", remote, "--", branch, timeout=timeout)
        if proc.returncode != 0:
            if "couldn't find remote ref" in proc.stderr:
                return None  # an empty central repository, or this branch not pushed yet
            raise Unreachable("remote_unreachable", detail=_reason(proc.stderr))
        return self.resolve("FETCH_HEAD")

    def ls_remote(self, remote: str, timeout: float = 20) -> None:
        """Raise Unreachable unless ``remote`` answers."""
        proc = self._network("ls-remote", "-q", "--heads", remote, timeout=timeout)
        if proc.returncode != 0:
            raise Unreachable("remote_unreachable", detail=_reason(proc.stderr))

    def push(self, remote: str, branch: str, timeout: float = 60) -> bool:
        """Push HEAD to ``branch``; False when the remote has moved on (fetch and integrate)."""
        proc = self._network(
            "push", "-q", "--porcelain", remote, f"HEAD:refs/heads/{branch}", timeout=timeout
        )
        if proc.returncode == 0:
            return True
        text = proc.stdout + proc.stderr
        if "[rejected]" in text or "non-fast-forward" in text or "fetch first" in text:
            return False
        lines = [line for line in proc.stderr.strip().splitlines() if line.strip()]
        if any(line.startswith("remote:") for line in lines):
            # The central repository's hook refused the push: its words are the reason.
            said = [line[7:].strip() for line in lines if line.startswith("remote:")]
            raise PushRefused("push_refused", detail=" ".join(s for s in said if s))
        raise Unreachable("remote_unreachable", detail=_reason(proc.stderr))

    def merge_base(self, a: str, b: str) -> str | None:
        out = self.run("merge-base", a, b, check=False).strip()
        return out or None

    def diff_names(self, old: str, new: str) -> list[str]:
        out = self.run("diff", "--name-only", "--no-renames", "-z", old, new)
        return [p for p in out.split("\0") if p]

    def show_bytes(self, rev: str, path: str) -> bytes | None:
        """A file as it is in commit ``rev`` (path relative to the repository root), or None."""
        proc = subprocess.run(
            _argv("cat-file", "blob", f"{rev}:{path}"),
            cwd=self.cwd,
            env=self._env,
            capture_output=True,
        )
        return proc.stdout if proc.returncode == 0 else None

    def prefix(self) -> str:
        """The log book's folder inside its repository ("" at the top, else "sub/dir/")."""
        if self._prefix is None:
            self._prefix_and_head()
        assert self._prefix is not None
        return self._prefix

    def walk_tree(self, rev: str, folder: str = "") -> list[tuple[str, str, str]]:
        """(mode, blob sha, path inside ``folder``) of every entry under ``folder`` of ``rev``,
        submodules and symlinks included, paths exactly as stored (never through a checkout)."""
        spec = f"{rev}:{folder}" if folder else rev
        out = self.run_bytes("ls-tree", "-r", "-z", spec)
        found = []
        for record in out.split(b"\0"):
            if not record:
                continue
            head, _, path = record.partition(b"\t")
            mode, _kind, sha = head.decode().split()
            found.append((mode, sha, path.decode("utf-8", "replace")))
        return found

    def tree_entries(self, rev: str, paths: Sequence[str]) -> dict[str, str]:
        """path -> "mode sha" of each of ``paths`` (repository-relative) in ``rev``."""
        if not paths:
            return {}
        out = self.run("ls-tree", "-z", "--full-tree", rev, "--", *paths)
        found = {}
        for record in out.split("\0"):
            if record:
                meta, path = record.split("\t", 1)
                mode, _kind, sha = meta.split()
                found[path] = f"{mode} {sha}"
        return found

    def same_file(self, a: str, b: str, path: str) -> bool:
        """Is ``path`` (relative to the log book) the same in commits ``a`` and ``b``?"""
        proc = subprocess.run(
            _argv("diff", "--quiet", a, b, "--", path), cwd=self.cwd, env=self._env
        )
        return proc.returncode == 0

    def write_blob(self, data: bytes) -> str:
        return self.run_bytes("hash-object", "-w", "--stdin", stdin=data).decode().strip()

    def commit_tree(
        self,
        tree: str,
        parents: Sequence[str],
        message: str,
        author: Author | None,
        when: datetime,
        sign: CommitSigner | None = None,
    ) -> str:
        """A commit object; with ``sign``, signed as ``git commit -S`` signs with an SSH key:
        the unsigned object's bytes signed (OpenSSH's SSHSIG, git's namespace), the signature
        added as its ``gpgsig`` header. Made here rather than by git, so signing needs no
        ssh-keygen (Windows 10 ships one too old for it); ``git log --show-signature`` and
        ``git verify-commit`` check it as their own. The object's bytes are written here too,
        as ``git commit-tree`` writes them, so one git process stores the commit."""
        payload = _commit_object(tree, parents, message, author, when)
        if payload is None:  # an identity only git knows (its config), or one git would tidy
            args = ["commit-tree", "--no-gpg-sign", tree]
            for parent in parents:
                args += ["-p", parent]
            env = _identity_env(author, when)
            sha = self.run(*args, "-F", "-", env=env, stdin=message).strip()
            if sign is None:
                return sha
            payload = self.run_bytes("cat-file", "commit", sha)
        signed = with_signature(payload, sign(payload)) if sign is not None else payload
        return (
            self.run_bytes("hash-object", "-t", "commit", "-w", "--stdin", stdin=signed)
            .decode()
            .strip()
        )

    def update_ref(self, ref: str, sha: str) -> None:
        self.run("update-ref", ref, sha)

    def restore_to_head(self) -> None:
        """Index and work tree of this folder (only) as HEAD has them."""
        self.run("restore", "--source=HEAD", "--staged", "--worktree", "--", ".")

    def fast_forward(self, target: str) -> None:
        """Move the branch, index and work tree to ``target``, a descendant of HEAD."""
        self.run("merge", "-q", "--ff-only", "--no-edit", target)

    def dirty_paths(self) -> list[str]:
        """Tracked files changed but not committed (untracked files do not count)."""
        out = self.run("status", "--porcelain", "-z", "--untracked-files=no")
        return [record[3:] for record in out.split("\0") if len(record) > 3]

    def renormalize(self) -> int:
        """Put back, as committed, each tracked file whose only change is CRLF line endings
        (left by a checkout that converted them, before the log book's .gitattributes said
        not to); return how many."""
        top = self.toplevel()
        if top is None:
            return 0
        fixed = 0
        for path in self.dirty_paths():
            work = top / path
            data = work.read_bytes() if work.is_file() else b""
            if b"\r\n" not in data:
                continue
            blob = self.show_bytes("HEAD", path)
            if blob is not None and data.replace(b"\r\n", b"\n") == blob:
                atomic_write(work, blob)
                fixed += 1
        if fixed:
            self.run("update-index", "-q", "--refresh", check=False)
        return fixed

    def count(self, revs: str) -> int:
        return int(self.run("rev-list", "--count", revs).strip() or 0)


def _commit_object(
    tree: str, parents: Sequence[str], message: str, author: Author | None, when: datetime
) -> bytes | None:
    """The bytes ``git commit-tree`` stores for this commit (no encoding header: UTF-8), or
    None where only git can say them: no author given (git takes its configured one), no time
    zone, or a name or address git would trim or refuse."""
    offset = when.utcoffset()
    if author is None or offset is None:
        return None
    for part in (author.name, author.email):
        if not part or _crud(part[0]) or _crud(part[-1]) or any(c in part for c in "<>\n"):
            return None
    minutes = int(offset.total_seconds()) // 60
    zone = f"{'-' if minutes < 0 else '+'}{abs(minutes) // 60:02d}{abs(minutes) % 60:02d}"
    ident = f"{author.name} <{author.email}> {int(when.timestamp())} {zone}"
    lines = [f"tree {tree}", *(f"parent {p}" for p in parents)]
    lines += [f"author {ident}", f"committer {ident}"]
    return ("\n".join(lines) + "\n\n" + message).encode("utf-8")


def _crud(c: str) -> bool:  # what git trims off the ends of a name or address
    return ord(c) <= 32 or c in ".,:;<>\"\\'"


def _identity_env(author: Author | None, when: datetime) -> dict[str, str]:
    # A commit carries the moment of the entry it records, so git's dates and the log book's
    # agree; the person who acted is both author and committer.
    stamp = when.isoformat()
    env = {"GIT_AUTHOR_DATE": stamp, "GIT_COMMITTER_DATE": stamp}
    if author is not None:
        env |= {
            "GIT_AUTHOR_NAME": author.name,
            "GIT_AUTHOR_EMAIL": author.email,
            "GIT_COMMITTER_NAME": author.name,
            "GIT_COMMITTER_EMAIL": author.email,
        }
    return env


# Signs a commit object's bytes; returns the armored SSH signature (``-----BEGIN SSH ...``).
CommitSigner = Callable[[bytes], str]


def with_signature(payload: bytes, signature: str) -> bytes:
    """A commit object with its ``gpgsig`` header: after the committer line, each line of the
    armored signature, continuation lines starting with a space (as git writes them)."""
    head, sep, body = payload.partition(b"\n\n")
    lines = signature.strip().split("\n")
    header = "gpgsig " + "\n ".join(lines)
    return head + b"\n" + header.encode("ascii") + sep + body


def _reason(stderr: str) -> str:
    """git's own reason in one line: its first fatal or error line, else its last line."""
    lines = [line.strip() for line in stderr.splitlines() if line.strip()]
    for line in lines:
        for prefix in ("fatal: ", "error: "):
            if line.startswith(prefix):
                return line[len(prefix) :]
    return lines[-1] if lines else ""
