"""The one module that talks to git: subprocess with argument lists, never a shell."""

from __future__ import annotations

import os
import subprocess
import sys
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from typing import Any

from klipctl.errors import GitFailed, NotFound


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


# What `tune_repository` sets. feature.manyFiles: index version 4 and the untracked cache, so
# the index of 100,000+ paths is smaller to read and write; commit-graphs written on fetch and
# by upkeep, so history walks stay fast.
TUNING = {
    "feature.manyFiles": "true",
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

_FIELD = "\x1f"
_RECORD = "\x1e"


class Git:
    def __init__(self, cwd: Path) -> None:
        self.cwd = cwd
        self._env = {**os.environ, "GIT_TERMINAL_PROMPT": "0", "LC_ALL": "C"}
        self._klipctl_cache: dict[str, str] | None = None

    def run(
        self,
        *args: str,
        env: dict[str, str] | None = None,
        check: bool = True,
        stdin: str | None = None,
    ) -> str:
        try:
            proc = subprocess.run(
                ["git", *args],
                cwd=self.cwd,
                env={**self._env, **(env or {})},
                input=stdin,
                capture_output=True,
                text=True,
                encoding="utf-8",
                errors="replace",
            )
        except FileNotFoundError:
            raise NotFound("git_missing") from None
        if check and proc.returncode != 0:
            detail = (proc.stderr or proc.stdout).strip().splitlines()
            raise GitFailed("git_failed", command=args[0], detail=detail[-1] if detail else "")
        return proc.stdout

    def toplevel(self) -> Path | None:
        try:
            return Path(self.run("rev-parse", "--show-toplevel").strip())
        except GitFailed:
            return None

    def init(self) -> None:
        self.run("init", "-q", "-b", "main")

    def config_get(self, key: str) -> str | None:
        value = self.run("config", "--get", key, check=False).strip()
        return value or None

    def config_set(self, key: str, value: str) -> None:
        self.run("config", key, value)
        self._klipctl_cache = None

    # --- staying fast as the log book grows ---------------------------------------------------

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
        path = Path(self.run("rev-parse", "--git-path", "index").strip())
        return (path if path.is_absolute() else self.cwd / path).is_file()

    def _klipctl_config(self) -> dict[str, str]:
        """klipctl's own keys in git's config (one read per process)."""
        if self._klipctl_cache is None:
            out = self.run("config", "-z", "--get-regexp", r"^klipctl\.", check=False)
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
                ["git", *args],
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
        signing_key: str | None = None,
    ) -> str:
        """Stage ``paths`` and commit only them, dated ``when``; return the new commit's SHA.

        With ``signing_key`` (a private key path, or ``key::`` and a public key in ssh-agent)
        the commit is signed with git's SSH signing, whatever git's own settings say.
        """
        tuned_now = self.tune_repository()
        rel = [str(p) for p in paths]
        # The commit carries the moment of the entry it records, so git's dates and the log
        # book's agree; the person who acted is both author and committer.
        stamp = when.isoformat()
        env = {"GIT_AUTHOR_DATE": stamp, "GIT_COMMITTER_DATE": stamp}
        if author is not None:
            env |= {
                "GIT_AUTHOR_NAME": author.name,
                "GIT_AUTHOR_EMAIL": author.email,
                "GIT_COMMITTER_NAME": author.name,
                "GIT_COMMITTER_EMAIL": author.email,
            }
        self.run("add", "--", *rel)
        # --only: commit exactly these paths, whatever else someone has staged by hand.
        sign = (
            ["-c", "gpg.format=ssh", "-c", f"user.signingkey={signing_key}", "commit", "-S"]
            if signing_key
            else ["commit", "--no-gpg-sign"]
        )
        self.run(
            *sign, "-q", "--no-verify", "-F", "-", "--only", "--", *rel, env=env, stdin=message
        )
        sha = self.run("rev-parse", "HEAD").strip()
        self._after_commit(tuned_now)
        return sha

    def unstage(self, paths: Sequence[Path]) -> None:
        self.run("reset", "-q", "--", *[str(p) for p in paths], check=False)

    def log(self, *paths: Path, limit: int | None = None) -> list[Commit]:
        fmt = _FIELD.join(["%H", "%an", "%ae", "%aI", "%s", "%b"]) + _RECORD
        args = ["log", f"--format={fmt}"]
        if limit:
            args.append(f"-n{limit}")
        out = self.run(*args, "--", *[str(p) for p in paths])
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
        out = self.run("rev-parse", "-q", "--verify", "HEAD^{commit}", check=False).strip()
        return out or None

    def changed_paths(self, old: str, new: str, *pathspec: str) -> list[str] | None:
        """Paths that differ between two commits; None when ``old`` is no longer known."""
        if self.run("cat-file", "-t", old, check=False).strip() != "commit":
            return None
        out = self.run("diff", "--name-only", "--no-renames", "-z", old, new, "--", *pathspec)
        return [p for p in out.split("\0") if p]

    def modified_paths(self, *pathspec: str) -> list[str]:
        """Tracked paths changed or deleted in the work tree but not committed."""
        out = self.run("diff-files", "--name-only", "-z", "--", *pathspec)
        return [p for p in out.split("\0") if p]

    # --- reading history for verify ----------------------------------------------------------

    def run_bytes(self, *args: str, stdin: bytes | None = None) -> bytes:
        try:
            proc = subprocess.run(
                ["git", *args], cwd=self.cwd, env=self._env, input=stdin, capture_output=True
            )
        except FileNotFoundError:
            raise NotFound("git_missing") from None
        if proc.returncode != 0:
            detail = proc.stderr.decode("utf-8", "replace").strip().splitlines()
            raise GitFailed("git_failed", command=args[0], detail=detail[-1] if detail else "")
        return proc.stdout

    def has_commits(self) -> bool:
        return self.run("rev-parse", "--verify", "-q", "HEAD", check=False).strip() != ""

    def resolve(self, rev: str) -> str | None:
        out = self.run("rev-parse", "--verify", "-q", f"{rev}^{{commit}}", check=False).strip()
        return out or None

    def is_ancestor(self, older: str, newer: str) -> bool:
        proc = subprocess.run(
            ["git", "merge-base", "--is-ancestor", older, newer],
            cwd=self.cwd,
            env=self._env,
            capture_output=True,
        )
        return proc.returncode == 0

    def patches(self, revs: Sequence[str], paths: Sequence[str]) -> str:
        """Every commit of ``revs``, oldest first, with its diff (against each parent of a
        merge) for ``paths``: a record separator, the SHA and parents, the author email, the
        message up to a unit separator, then the patch."""
        fmt = "%x1eC %H %P%n%ae%n%B%x1f"
        return self.run(
            "log", "--reverse", "--topo-order", "-m", "--no-renames", "--no-ext-diff",
            "--no-color", "-p", "-U1", f"--format={fmt}", *revs, "--", *paths,
        )  # fmt: skip

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

    def archive(self, rev: str) -> bytes:
        """The tree of ``rev`` as a tar archive (to check a pushed commit without a worktree)."""
        return self.run_bytes("archive", "--format=tar", rev)
