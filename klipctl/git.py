"""The one module that talks to git: subprocess with argument lists, never a shell."""

from __future__ import annotations

import os
import subprocess
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

from klipctl.errors import GitFailed, NotFound, PushRefused, Unreachable


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

    def config_set(self, key: str, value: str) -> None:
        self.run("config", key, value)

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
        rel = [str(p) for p in paths]
        self.run("add", "--", *rel)
        # --only: commit exactly these paths, whatever else someone has staged by hand.
        self.run(
            *_signed("commit", signing_key), "-q", "--no-verify", "-F", "-", "--only", "--", *rel,
            env=_identity_env(author, when), stdin=message,
        )  # fmt: skip
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

    def log_range(self, revs: str, limit: int = 50) -> list[Commit]:
        fmt = _FIELD.join(["%H", "%an", "%ae", "%aI", "%s"]) + _RECORD
        out = self.run("log", f"--format={fmt}", f"-n{limit}", revs)
        commits = []
        for record in out.split(_RECORD):
            if record.strip("\n"):
                sha, name, email, date, subject = record.strip("\n").split(_FIELD)
                commits.append(Commit(sha, name, email, date, subject, ""))
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
        out = self.run(
            "rev-parse", "--verify", "-q", "--end-of-options", f"{rev}^{{commit}}", check=False
        ).strip()
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

    # --- crash recovery ------------------------------------------------------------------------

    def git_dir(self) -> Path:
        return Path(self.run("rev-parse", "--absolute-git-dir").strip())

    def clear_stale_locks(self) -> list[str]:
        """Remove the lock files a killed git leaves (index, HEAD, the branch, packed refs).

        Only called with the log book's own lock held, after a klipctl writer died: no git
        started by klipctl can be running, so these locks belong to nobody.
        """
        gitdir = self.git_dir()
        candidates = [gitdir / "index.lock", gitdir / "HEAD.lock", gitdir / "packed-refs.lock"]
        branch = self.branch()
        if branch:
            candidates.append(gitdir / "refs" / "heads" / f"{branch}.lock")
        removed = []
        for lock in candidates:
            if lock.exists():
                lock.unlink(missing_ok=True)
                removed.append(lock.name)
        return removed

    def stale_locks(self) -> list[Path]:
        gitdir = self.git_dir()
        return [p for p in (gitdir / "index.lock", gitdir / "HEAD.lock") if p.exists()]

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
        return self.config_get(f"remote.{name}.url")

    def set_remote(self, name: str, url: str) -> None:
        if self.remote_url(name) is None:
            self.run("remote", "add", name, "--", url)
        else:
            self.run("remote", "set-url", name, "--", url)

    def _network(self, *args: str, timeout: float) -> subprocess.CompletedProcess[str]:
        """A fetch or push: never a prompt, a bounded wait, offline reported as Unreachable."""
        env = {**self._env}
        env.setdefault("GIT_SSH_COMMAND", "ssh -o BatchMode=yes -o ConnectTimeout=10")
        try:
            return subprocess.run(
                ["git", "-c", "http.lowSpeedLimit=1000", "-c", "http.lowSpeedTime=20", *args],
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
            ["git", "cat-file", "blob", f"{rev}:{path}"],
            cwd=self.cwd,
            env=self._env,
            capture_output=True,
        )
        return proc.stdout if proc.returncode == 0 else None

    def prefix(self) -> str:
        """The log book's folder inside its repository ("" at the top, else "sub/dir/")."""
        return self.run("rev-parse", "--show-prefix").strip()

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

    def tree_with(self, base: str, changes: dict[str, str | None], scratch: Path) -> str:
        """A tree: ``base``'s, with each path set to a "mode sha" (or removed, for None).

        Built in a scratch index file, so neither the work tree nor git's index is touched.
        """
        env = {"GIT_INDEX_FILE": str(scratch)}
        self.run("read-tree", base, env=env)
        lines = []
        for path, entry in changes.items():
            if entry is None:
                lines.append(f"0 {'0' * 40}\t{path}")
            else:
                mode, sha = entry.split()
                lines.append(f"{mode} {sha}\t{path}")
        if lines:
            self.run("update-index", "-z", "--index-info", env=env,
                     stdin="".join(line + "\0" for line in lines))  # fmt: skip
        return self.run("write-tree", env=env).strip()

    def same_file(self, a: str, b: str, path: str) -> bool:
        """Is ``path`` (relative to the log book) the same in commits ``a`` and ``b``?"""
        proc = subprocess.run(
            ["git", "diff", "--quiet", a, b, "--", path], cwd=self.cwd, env=self._env
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
        signing_key: str | None = None,
    ) -> str:
        args = [*_signed("commit-tree", signing_key), tree]
        for parent in parents:
            args += ["-p", parent]
        return self.run(*args, "-F", "-", env=_identity_env(author, when), stdin=message).strip()

    def fast_forward(self, target: str) -> None:
        """Move the branch, index and work tree to ``target``, a descendant of HEAD."""
        self.run("merge", "-q", "--ff-only", "--no-edit", target)

    def dirty_paths(self) -> list[str]:
        """Tracked files changed but not committed (untracked files do not count)."""
        out = self.run("status", "--porcelain", "-z", "--untracked-files=no")
        return [record[3:] for record in out.split("\0") if len(record) > 3]

    def count(self, revs: str) -> int:
        return int(self.run("rev-list", "--count", revs).strip() or 0)


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


def _signed(command: str, signing_key: str | None) -> list[str]:
    """``git commit``/``commit-tree`` signed with git's SSH signing by ``signing_key`` (a key
    path, or ``key::`` and a public key in ssh-agent), whatever git's own settings say."""
    if signing_key:
        return ["-c", "gpg.format=ssh", "-c", f"user.signingkey={signing_key}", command, "-S"]
    return [command, "--no-gpg-sign"]


def _reason(stderr: str) -> str:
    """git's own reason in one line: its first fatal or error line, else its last line."""
    lines = [line.strip() for line in stderr.splitlines() if line.strip()]
    for line in lines:
        for prefix in ("fatal: ", "error: "):
            if line.startswith(prefix):
                return line[len(prefix) :]
    return lines[-1] if lines else ""
