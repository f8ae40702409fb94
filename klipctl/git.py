"""The one module that talks to git: subprocess with argument lists, never a shell."""

from __future__ import annotations

import os
import subprocess
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

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


_FIELD = "\x1f"
_RECORD = "\x1e"


class Git:
    def __init__(self, cwd: Path) -> None:
        self.cwd = cwd
        self._env = {**os.environ, "GIT_TERMINAL_PROMPT": "0", "LC_ALL": "C"}

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

    def commit(
        self, paths: Sequence[Path], message: str, author: Author | None, when: datetime
    ) -> str:
        """Stage ``paths`` and commit only them, dated ``when``; return the new commit's SHA."""
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
        self.run(
            "commit", "-q", "--no-verify", "-F", "-", "--only", "--", *rel, env=env, stdin=message
        )
        return self.run("rev-parse", "HEAD").strip()

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
