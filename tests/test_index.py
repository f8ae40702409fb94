"""The derived index gives exactly what a full scan of the files gives."""

from __future__ import annotations

import json
import sqlite3
import subprocess
import sys
from collections.abc import Callable
from contextlib import closing
from pathlib import Path

import pytest
from conftest import Run, make_book

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "bench"))
from generate import generate  # noqa: E402

NOW = "2026-11-25T10:00:00+07:00"


@pytest.fixture(scope="module")
def generated(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = tmp_path_factory.mktemp("gen") / "lb"
    generate(120, root, seed=7)
    return root


def git(root: Path, *args: str) -> str:
    return subprocess.run(
        ["git", *args], cwd=root, check=True, capture_output=True, text=True
    ).stdout


def agree(cli: Callable[..., Run], root: Path, *args: str) -> Run:
    with_index = cli("--logbook", str(root), "list", "--json", *args, now=NOW)
    scanned = cli(
        "--logbook", str(root), "list", "--json", *args, now=NOW, env={"KLIPCTL_INDEX": "0"}
    )
    assert with_index.exit_code == scanned.exit_code == 0, with_index.stderr
    assert with_index.stdout == scanned.stdout
    assert with_index.stderr == scanned.stderr
    return with_index


FILTERS = [
    (),
    ("--all",),
    ("--stage", "assigned"),
    ("--stage", "archived"),
    ("--overdue",),
    ("--assignee", "op1"),
    ("--system", "vpn"),
]


def test_index_agrees_on_a_generated_log_book(
    generated: Path, cli: Callable[..., Run], tmp_path: Path
) -> None:
    root = tmp_path / "lb"
    subprocess.run(["git", "clone", "-q", str(generated), str(root)], check=True)
    for args in FILTERS:
        agree(cli, root, *args)
    everything = json.loads(agree(cli, root, "--all").stdout)
    assert len(everything) == 120
    assert (root / ".klipctl" / "index.sqlite").exists()


def test_index_follows_commits_removals_edits_and_pulls(
    generated: Path, cli: Callable[..., Run], tmp_path: Path
) -> None:
    central = tmp_path / "central.git"
    subprocess.run(["git", "clone", "-q", "--bare", str(generated), str(central)], check=True)
    root, other = tmp_path / "a", tmp_path / "b"
    for clone in (root, other):
        subprocess.run(["git", "clone", "-q", str(central), str(clone)], check=True)
    agree(cli, root, "--all")  # builds the index

    # A new failure and a step, made with klipctl.
    r = cli(
        "--logbook",
        str(root),
        "report",
        "--title",
        "New one",
        "--system",
        "VPN",
        user="st1",
        now=NOW,
    )
    assert r.ok, r.stderr
    assert cli("--logbook", str(root), "record", r.stdout.strip(), user="clk1", now=NOW).ok
    agree(cli, root, "--all")

    # A failure file removed in a commit.
    victim = sorted(root.glob("failures/*/*/*.yaml"))[3]
    git(root, "rm", "-q", str(victim.relative_to(root)))
    git(root, "commit", "-qm", "remove one")
    agree(cli, root, "--all")

    # An uncommitted hand edit that breaks a file, then one that is put back.
    broken = sorted(root.glob("failures/*/*/*.yaml"))[5]
    original = broken.read_bytes()
    broken.write_text("schema: 1\nid: [\n")
    r = agree(cli, root, "--all")
    assert broken.name in r.stderr
    broken.write_bytes(original)
    agree(cli, root, "--all")

    # A failure file added by hand, not committed.
    source = sorted(root.glob("failures/*/*/*.yaml"))[7]
    copy_id = source.stem[:7] + "zzzzz"
    copy = source.with_name(f"{copy_id}.yaml")
    copy.write_text(source.read_text().replace(source.stem, copy_id))
    listed = json.loads(agree(cli, root, "--all").stdout)
    assert copy_id in {f["id"] for f in listed}
    copy.unlink()
    agree(cli, root, "--all")

    # Commits made in another clone arrive with a pull.
    r = cli(
        "--logbook",
        str(other),
        "report",
        "--title",
        "From elsewhere",
        "--system",
        "VPN",
        user="st2",
        now=NOW,
    )
    assert r.ok
    git(other, "push", "-q", "origin", "HEAD")
    git(root, "pull", "-q", "--rebase", "origin", "main")
    listed = json.loads(agree(cli, root, "--all").stdout)
    assert "From elsewhere" in {f["title"] for f in listed}

    # A damaged index file is rebuilt, with the same answers.
    (root / ".klipctl" / "index.sqlite").write_bytes(b"not a database at all" * 100)
    for suffix in ("-wal", "-shm"):
        (root / ".klipctl" / f"index.sqlite{suffix}").unlink(missing_ok=True)
    for args in FILTERS:
        agree(cli, root, *args)


def test_index_follows_committed_hand_edits_resets_and_checkouts(
    generated: Path, cli: Callable[..., Run], tmp_path: Path
) -> None:
    root = tmp_path / "lb"
    subprocess.run(["git", "clone", "-q", str(generated), str(root)], check=True)
    agree(cli, root, "--all")  # builds the index
    start = git(root, "rev-parse", "HEAD").strip()

    # A file changed in place by hand and committed with git (verify would object; the
    # lists must still show what the files say).
    edited = sorted(root.glob("failures/*/*/*.yaml"))[11]
    edited.write_text(edited.read_text().replace("system: ", "system: Edited "))
    git(root, "commit", "-qam", "edit by hand")
    listed = json.loads(agree(cli, root, "--all").stdout)
    assert any(f["system"].startswith("Edited ") for f in listed)

    # New failures, then a reset back to before them (files disappear from the work tree).
    for title in ("One", "Two"):
        assert cli("--logbook", str(root), "report", "--title", title, "--system", "VPN",
                   user="st1", now=NOW).ok  # fmt: skip
    agree(cli, root, "--all")
    git(root, "reset", "-q", "--hard", start)
    listed = json.loads(agree(cli, root, "--all").stdout)
    assert not {"One", "Two"} & {f["title"] for f in listed}

    # An older commit checked out (detached), then back.
    git(root, "checkout", "-q", f"{start}~40")
    older = json.loads(agree(cli, root, "--all").stdout)
    assert len(older) < 120
    git(root, "checkout", "-q", "-")
    assert len(json.loads(agree(cli, root, "--all").stdout)) == 120

    # An index file cut short, as by a crash or a full disk.
    index = root / ".klipctl" / "index.sqlite"
    with closing(sqlite3.connect(index)) as db:
        db.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    index.write_bytes(index.read_bytes()[: index.stat().st_size // 2])
    for args in FILTERS:
        agree(cli, root, *args)


def test_a_log_book_inside_an_office_repository_sees_hand_edits_and_new_commits(
    tmp_path: Path, cli: Callable[..., Run], keys: dict[str, Path]
) -> None:
    """git names the paths from the repository's top, but a pathspec is read from the log
    book's folder: the index asks for ``failures`` there, and strips the folder from what git
    answers (it once asked for ``klip/failures`` inside ``klip/``, and saw nothing change)."""

    repo = tmp_path / "office"
    repo.mkdir()
    git(repo, "init", "-q")
    book = make_book(repo / "klip", cli, keys)
    failure_id = book.report("Printer down")
    root = book.root
    agree(cli, root, "--all")  # builds the index
    path = next(root.glob(f"failures/*/*/{failure_id}.yaml"))
    original = path.read_bytes()

    path.write_text("schema: 1\nid: [\n")  # broken by hand, not committed
    assert path.name in agree(cli, root, "--all").stderr
    path.write_bytes(original)
    assert path.name not in agree(cli, root, "--all").stderr

    # Changed by hand and committed with git: HEAD moved, the index follows.
    path.write_text(original.decode().replace("system: ", "system: Edited "))
    git(repo, "commit", "-qam", "edit by hand")
    listed = json.loads(agree(cli, root, "--all").stdout)
    assert [f["system"] for f in listed if f["id"] == failure_id] == ["Edited Printer Server"]


def test_a_failure_from_the_index_is_the_failure_its_file_holds(generated: Path) -> None:
    """The index's copy of a document is taken apart without checking it again
    (``store.failure_from_index``): for every failure, the same value as reading its file."""
    from klipctl.storage import store

    files = sorted(generated.glob("failures/*/*/*.yaml"))
    assert len(files) >= 120
    for path in files:
        data = path.read_bytes()
        doc = json.loads(json.dumps(store.load_failure_doc(data, path.name), default=str))
        read = store.parse_failure(data, path.name)
        assert store.failure_from_index(doc, read.id) == read


def test_the_open_lists_look_at_the_open_failures_files_themselves(
    generated: Path, cli: Callable[..., Run], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A list of open failures does not ask git about all the files (storage/index.py): it
    compares each open failure's file with the size and times it had when read. A closed
    failure's file edited by hand is seen by the next question over closed failures (git's
    diff-index when they are many), and from then on by the open lists too."""
    import os

    from klipctl.storage import index

    root = tmp_path / "lb"
    subprocess.run(["git", "clone", "-q", str(generated), str(root)], check=True)
    listed = json.loads(agree(cli, root, "--all").stdout)
    open_ids = [f["id"] for f in listed if f["stage"] not in ("archived", "withdrawn")]
    closed_id = next(f["id"] for f in listed if f["stage"] == "archived")
    long_ago = 1_700_000_000_000_000_000
    for path in root.glob("failures/*/*/*.yaml"):  # read long after they were written
        os.utime(path, ns=(long_ago, long_ago))
    agree(cli, root)

    # What klipctl has just written is read again (too fresh to tell by its times), and is no
    # hand edit: the files kept to be read again by every later question stay none.
    fid = cli("--logbook", str(root), "report", "--title", "Baru", "--system", "VPN",
              "-q", user="st1", now=NOW).stdout.strip().split()[-1]  # fmt: skip
    assert fid in {f["id"] for f in json.loads(agree(cli, root).stdout)}
    with closing(sqlite3.connect(root / ".klipctl" / "index.sqlite")) as db:
        assert db.execute("SELECT count(*) FROM dirty").fetchone() == (0,)

    # An open failure's title changed by hand, same size, its modification time put back.
    edited = next(root.glob(f"failures/*/*/{open_ids[0]}.yaml"))
    text = edited.read_text()
    title = next(line for line in text.splitlines() if line.startswith("    title: "))
    changed = title[:-3] + "XYZ"
    edited.write_text(text.replace(title, changed))
    os.utime(edited, ns=(long_ago, long_ago))
    r = cli("-v", "--logbook", str(root), "list", "--json", now=NOW)
    assert r.exit_code == 0, r.stderr
    assert "diff-index" not in r.stderr and "diff-files" not in r.stderr
    assert changed[len("    title: ") :] in {f["title"] for f in json.loads(r.stdout)}
    agree(cli, root)

    # A closed failure's file made to look open by hand (its filing taken out), in a book
    # where the closed failures are too many to look at one by one.
    open_now = len(json.loads(agree(cli, root).stdout))
    monkeypatch.setattr(index, "_NARROW", 2 * open_now)  # the open ones, not all 120
    closed = next(root.glob(f"failures/*/*/{closed_id}.yaml"))
    text = closed.read_text()
    closed.write_text(text[: text.rindex("\n- action: ") + 1])  # the filing entry taken out
    before = json.loads(cli("--logbook", str(root), "list", "--json", now=NOW).stdout)
    assert closed_id not in {f["id"] for f in before}  # the open list does not look at it
    r = cli("-v", "--logbook", str(root), "list", "--json", "--all", now=NOW)
    assert "diff-index" in r.stderr
    agree(cli, root, "--all")
    assert closed_id in {f["id"] for f in json.loads(agree(cli, root).stdout)}

    # Put back with git: every list agrees with the files again.
    git(root, "checkout", "--", ".")
    agree(cli, root, "--all")
    assert closed_id not in {f["id"] for f in json.loads(agree(cli, root).stdout)}

    # An open failure given by hand to another operator: the list of that operator's sees it.
    assigned = next(f for f in listed if f["stage"] == "assigned")
    path = next(root.glob(f"failures/*/*/{assigned['id']}.yaml"))
    path.write_text(path.read_text().replace(f"to: {assigned['assignee']}", "to: opx"))
    assert [f["id"] for f in json.loads(agree(cli, root, "--assignee", "opx").stdout)] == [
        assigned["id"]
    ]

    # An edit staged with `git add`, seen by both ways of looking, then put back with a reset.
    git(root, "add", "-A")
    agree(cli, root)
    agree(cli, root, "--all")
    git(root, "reset", "-q", "--hard")
    assert agree(cli, root, "--assignee", "opx").stdout.strip() == "[]"
    agree(cli, root, "--all")
