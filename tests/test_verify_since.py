"""verify's quick ways to what it always found: the tree of HEAD checked from what changed since
the verified commit, and the uncommitted changes read from one ``git status`` of the whole
repository. Each is held to the full way on the same repository: the same violations, keys,
paths and order."""

from __future__ import annotations

import json
import os
import subprocess
from pathlib import Path

import pytest
from conftest import Book

from klipctl.audit import verify
from klipctl.audit.findings import Report
from klipctl.storage.git import Git


def git(root: Path, *args: str, env: dict[str, str] | None = None, data: bytes = b"") -> str:
    return subprocess.run(
        ["git", *args], cwd=root, check=True, capture_output=True, input=data,
        env={**os.environ, **(env or {})},
    ).stdout.decode()  # fmt: skip


def commit_with(root: Path, parent: str, entries: list[tuple[str, str, bytes]]) -> str:
    """A commit on ``parent`` whose tree also holds ``entries`` (mode, path, content; a
    submodule's content is the commit it names), made without touching the work tree."""
    env = {"GIT_INDEX_FILE": str(root / ".git" / "scratch-index")}
    git(root, "read-tree", parent, env=env)
    for mode, path, content in entries:
        if mode == "160000":
            sha = content.decode()
        else:
            sha = git(root, "hash-object", "-w", "--stdin", data=content).strip()
        git(root, "update-index", "--add", "--cacheinfo", f"{mode},{sha},{path}", env=env)
    tree = git(root, "write-tree", env=env).strip()
    return git(root, "commit-tree", tree, "-p", parent, "-m", "by hand").strip()


def found(report: Report) -> list[tuple[str, str | None, str | None, str | None, str]]:
    return [(v.key, v.failure, v.path, v.commit, json.dumps(v.params, sort_keys=True))
            for v in report.violations]  # fmt: skip


SCENARIOS: dict[str, list[tuple[str, str, bytes]]] = {
    "nothing wrong": [("100644", "failures/2026/03/extra.txt", b"x\n")],
    "a symlink": [("120000", "failures/2026/03/link.yaml", b"/etc/passwd")],
    "a submodule": [("160000", "vendor/sub", b"4b825dc642cb6eb9a060e54bf8d69288fbee4904")],
    "a .gitmodules": [("100644", "failures/.gitmodules", b"[submodule]\n")],
    "a nested .gitattributes": [("100644", "failures/2026/.gitattributes", b"* -text\n")],
    "the top .gitattributes changed": [("100644", ".gitattributes", b"* text=auto\n")],
    "a name like the roster's but in capitals": [("100644", "ROSTER.yaml", b"x\n")],
    "a name like the roster's sorting after it": [("100644", "roster.yamL", b"x\n")],
    "a folder like failures in capitals": [("100644", "Failures/2026/03/x.yaml", b"x\n")],
    "two new names alike": [("100644", "notes/A.txt", b"a\n"), ("100644", "notes/a.txt", b"b\n")],
    "several": [
        ("120000", "failures/2026/03/l1", b"x"),
        ("100755", "failures/2026/03/run.sh", b"#!/bin/sh\n"),
        ("100644", "templates/.gitattributes", b"* -text\n"),
    ],
}


@pytest.mark.parametrize("scenario", sorted(SCENARIOS))
def test_the_tree_checked_since_the_verified_commit_finds_what_the_whole_walk_finds(
    book: Book, scenario: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    fid = book.report()
    book.walk(fid, "assigned")
    root = book.root
    verified = git(root, "rev-parse", "HEAD").strip()
    head = commit_with(root, verified, SCENARIOS[scenario])
    whole, since = Report(), Report()
    verify.check_tree(Git(root), head, "", whole)
    walked: list[str] = []
    original = verify.check_tree

    def counted(git: Git, rev: str, folder: str, report: Report) -> None:
        walked.append(rev)
        original(git, rev, folder, report)

    monkeypatch.setattr(verify, "check_tree", counted)
    verify.check_tree_since(Git(root), verified, head, "", since)
    assert found(since) == found(whole)
    alike = ("a name like", "a folder like", "two new names alike")
    assert bool(walked) == scenario.startswith(alike)  # the whole walk only for names alike
    if scenario not in ("nothing wrong", "a folder like failures in capitals"):
        assert found(whole), "the scenario must be one check_tree finds"


def test_incremental_verify_finds_a_name_alike_an_old_one_and_a_symlink(book: Book) -> None:
    fid = book.report()
    assert book("verify").ok  # HEAD remembered as verified
    root = book.root
    old = next(root.glob("failures/*/*/*.yaml")).relative_to(root).as_posix()
    alike = old[:-5].upper() + ".yaml"  # sorts before the old name: the old one is reported
    head = commit_with(
        root,
        git(root, "rev-parse", "HEAD").strip(),
        [("100644", alike, b"x\n"), ("120000", "failures/link", b"/etc")],
    )
    git(root, "reset", "-q", "--hard", head)
    r = book("verify", "--incremental", "--json")
    got = {(v["problem"], v["path"]) for v in json.loads(r.stdout)["violations"]}
    full = book("verify", "--json")
    assert got == {(v["problem"], v["path"]) for v in json.loads(full.stdout)["violations"]}
    assert ("v_case_collision", old) in got or ("v_case_collision", alike) in got
    assert ("v_symlink", "failures/link") in got
    assert fid


# --- uncommitted changes --------------------------------------------------------------------


def _repo(root: Path, inside: str = "") -> Path:
    """A repository holding a log book's chain files at ``inside`` (its folder in it)."""
    root.mkdir()
    git(root, "init", "-q", "-b", "main")
    git(root, "config", "core.untrackedCache", "true")
    book = root / inside
    for rel in ("failures/2026/01/a.yaml", "failures/2026/01/b.yaml", "failures/2026/02/c.yaml",
                "roster.yaml", "allowed_signers", "README.md", "templates/t.j2"):  # fmt: skip
        (book / rel).parent.mkdir(parents=True, exist_ok=True)
        (book / rel).write_text(f"{rel}\n")
    (root / "outside.txt").write_text("x\n")
    git(root, "add", "-A")
    git(root, "-c", "user.name=t", "-c", "user.email=t@x", "commit", "-q", "-m", "start")
    git(root, "status", "--porcelain")  # the untracked cache written, as a later status finds it
    return book


def _edit(book: Path, change: str) -> None:
    top = Path(git(book, "rev-parse", "--show-toplevel").strip())
    f = book / "failures"
    match change:
        case "edited":
            (f / "2026/01/a.yaml").write_text("changed\n")
        case "deleted":
            (f / "2026/01/b.yaml").unlink()
        case "staged":
            (f / "2026/02/new.yaml").write_text("n\n")
            git(book, "add", "failures/2026/02/new.yaml")
        case "untracked file":
            (f / "2026/01/u.yaml").write_text("u\n")
        case "untracked folder":
            (f / "2030/01").mkdir(parents=True)
            (f / "2030/01/z.yaml").write_text("z\n")
        case "roster":
            (book / "roster.yaml").write_text("changed\n")
        case "outside only":
            (book / "README.md").write_text("changed\n")
            (top / "outside.txt").write_text("changed\n")
            (book / "notes.txt").write_text("new\n")
        case "renamed":
            git(book, "mv", "failures/2026/01/a.yaml", "moved.yaml")
        case "renamed inside":
            git(book, "mv", "failures/2026/02/c.yaml", "failures/2026/01/c2.yaml")
        case "quoted name":
            (f / "2026/01/with\ttab.yaml").write_text("q\n")
        case "other case":
            (book / "Failures").mkdir()
            (book / "Failures/x.yaml").write_text("x\n")
        case "ignored":
            (book / ".gitignore").write_text("*.tmp\n")
            (f / "2026/01/scratch.tmp").write_text("t\n")


CHANGES = [
    "edited", "deleted", "staged", "untracked file", "untracked folder", "roster",
    "outside only", "renamed", "renamed inside", "quoted name", "other case", "ignored",
]  # fmt: skip


@pytest.mark.parametrize("inside", ["", "office/logbook"])
@pytest.mark.parametrize("changes", [[c] for c in CHANGES] + [CHANGES[:6], CHANGES])
def test_uncommitted_changes_read_from_one_status_are_those_of_the_status_of_the_paths(
    tmp_path: Path, inside: str, changes: list[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    book = _repo(tmp_path / "repo", inside)
    for change in changes:
        _edit(book, change)
    expected = (
        Git(book).status_porcelain(*[Path(p) for p in verify._UNCOMMITTED_PATHS]).splitlines()
    )
    asked: list[object] = []
    original = Git.status_porcelain

    def counted(self: Git, *paths: Path) -> str:
        asked.append(paths)
        return original(self, *paths)

    monkeypatch.setattr(Git, "status_porcelain", counted)
    assert verify._Uncommitted(Git(book)).lines() == expected
    if not {"renamed", "renamed inside", "quoted name", "other case"} & set(changes):
        assert not asked  # read from the one status, not asked again
    if changes not in (["outside only"], ["ignored"], ["other case"]):
        assert expected  # each change (but those) is one the status of the paths shows
