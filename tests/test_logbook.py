"""Setting up a log book, finding it, and the roster's rules."""

from __future__ import annotations

import json
import subprocess
from collections.abc import Callable
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import pytest
from conftest import Book, Run
from hypothesis import given, settings
from hypothesis import strategies as st

from klipctl.domain import ids
from klipctl.storage.logbook import LogBook


def test_init_makes_a_git_repository_with_a_first_commit(
    tmp_path: Path, cli: Callable[..., Run]
) -> None:
    root = tmp_path / "lb"
    r = cli("init", str(root))
    assert r.ok, r.stderr
    assert (root / "klipctl.yaml").is_file() and (root / "roster.yaml").is_file()
    log = subprocess.run(["git", "log", "--format=%s"], cwd=root, capture_output=True, text=True)
    assert log.stdout.splitlines() == ["Start the log book"]
    status = subprocess.run(
        ["git", "status", "--porcelain"], cwd=root, capture_output=True, text=True
    )
    assert status.stdout == ""


def test_init_refuses_to_overwrite(tmp_path: Path, cli: Callable[..., Run]) -> None:
    root = tmp_path / "lb"
    assert cli("init", str(root)).ok
    before = (root / "klipctl.yaml").read_bytes()
    r = cli("init", str(root))
    assert r.exit_code == 1 and "already a log book" in r.stderr
    assert (root / "klipctl.yaml").read_bytes() == before


def test_init_inside_an_existing_repository(
    tmp_path: Path, cli: Callable[..., Run], keys: dict[str, Path]
) -> None:
    repo = tmp_path / "office"
    repo.mkdir()
    subprocess.run(["git", "init", "-q"], cwd=repo, check=True)
    (repo / "notes.txt").write_text("staged by hand\n")
    subprocess.run(["git", "add", "notes.txt"], cwd=repo, check=True)
    r = cli("init", str(repo / "klip"))
    assert r.ok, r.stderr
    assert not (repo / "klip" / ".git").exists()
    files = subprocess.run(
        ["git", "show", "--name-only", "--format=", "HEAD"],
        cwd=repo,
        capture_output=True,
        text=True,
    ).stdout.split()
    assert "klip/klipctl.yaml" in files and "notes.txt" not in files  # only its own change
    r = cli(
        "--logbook",
        str(repo / "klip"),
        "roster",
        "add",
        "budi",
        "--name",
        "Budi",
        "--nip",
        "198203152006041003",
        "--role",
        "supervisor",
        "--key",
        f"{keys['budi']}.pub",
        env={"KLIPCTL_SIGNING_KEY": str(keys["budi"])},
    )
    assert r.ok, r.stderr


def test_the_log_book_is_found_upward_and_from_the_environment(
    book: Book, cli: Callable[..., Run], monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    inner = book.root / "failures"
    monkeypatch.chdir(inner)
    r = cli("roster", "list", "--json")
    assert r.ok and len(json.loads(r.stdout)) == 6
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    monkeypatch.chdir(elsewhere)
    r = cli("roster", "list")
    assert r.refused("no_logbook"), r.stderr
    assert "No log book here" in r.stderr and "klipctl init" in r.stderr
    r = cli("roster", "list", "--json", env={"KLIPCTL_LOGBOOK": str(book.root)})
    assert r.ok and len(json.loads(r.stdout)) == 6
    r = cli("--logbook", str(elsewhere), "list")
    assert r.exit_code == 1 and "is not a klipctl log book" in r.stderr


def test_roster_add_is_a_commit_and_lists(book: Book) -> None:
    commits = book.commit_count()
    r = book(
        "roster",
        "add",
        "hasan",
        "--name",
        "Hasan Basri",
        "--nip",
        "197506302000031001",
        "--role",
        "head",
        "--role",
        "staff",
        user="budi",
    )
    assert r.ok, r.stderr
    assert book.commit_count() == commits + 1
    assert (
        book.git("log", "-1", "--format=%an %s").strip()
        == "Budi Santoso Add hasan to the roster: Hasan Basri"
    )
    people = {p["handle"]: p for p in json.loads(book("roster", "list", "--json").stdout)}
    assert people["hasan"]["roles"] == ["head", "staff"]
    listed = book("roster", "list")
    assert "19750630 200003 1 001" in listed.stdout  # the NIP grouped 8-6-1-3


def test_after_a_supervisor_only_supervisors_change_the_roster(book: Book) -> None:
    snapshot = book.snapshot()
    r = book(
        "roster",
        "add",
        "hasan",
        "--name",
        "Hasan",
        "--nip",
        "197506302000031001",
        "--role",
        "head",
        user="sari",
    )
    assert r.refused("roster_needs_supervisor") and "Only a supervisor" in r.stderr
    r = book(
        "roster", "add", "hasan", "--name", "Hasan", "--nip", "197506302000031001", "--role", "head"
    )  # not on the roster at all
    assert r.refused("not_on_roster_email"), r.stderr
    assert book.snapshot() == snapshot


@pytest.mark.parametrize(
    ("args", "needle"),
    [
        (("x1", "--nip", "12345"), "a NIP is 18 digits"),
        (("x1", "--nip", "198513452010012001"), "birth date"),
        (("x1", "--nip", "198501012010013001"), "15th digit"),
        (("X Y", "--nip", "198501012010012001"), "handle 'X Y' is not valid"),
        (("../x", "--nip", "198501012010012001"), "is not valid"),
        (("sari", "--nip", "198501012010012001"), "already on the roster"),
        (("x1", "--nip", "198501012010012001", "--email", "not-an-email"), "is not valid"),
        (("x1", "--nip", "198501012010012001", "--email", "sari@pajak.go.id"), "already belongs"),
    ],
)
def test_bad_roster_input(book: Book, args: tuple[str, ...], needle: str) -> None:
    snapshot = book.snapshot()
    handle, *rest = args
    r = book("roster", "add", handle, "--name", "Someone", "--role", "staff", *rest, user="budi")
    assert r.exit_code == 1 and needle in r.stderr, r.stderr
    assert book.snapshot() == snapshot


def test_unknown_role_and_bad_key(book: Book, tmp_path: Path) -> None:
    r = book(
        "roster",
        "add",
        "x1",
        "--name",
        "X",
        "--nip",
        "198501012010012001",
        "--role",
        "boss",
        user="budi",
    )
    assert r.exit_code == 1 and "Unknown role 'boss'" in r.stderr
    key = tmp_path / "bad.pub"
    key.write_text("ssh-ed25519 not-base64!!\n")
    r = book(
        "roster",
        "add",
        "x1",
        "--name",
        "X",
        "--nip",
        "198501012010012001",
        "--role",
        "staff",
        "--key",
        str(key),
        user="budi",
    )
    assert r.exit_code == 1 and "public key is not valid" in r.stderr


def test_a_real_public_key_is_stored(book: Book, tmp_path: Path) -> None:
    subprocess.run(
        [
            "ssh-keygen",
            "-q",
            "-t",
            "ed25519",
            "-N",
            "",
            "-C",
            "x1@office",
            "-f",
            str(tmp_path / "k"),
        ],
        check=True,
    )
    r = book(
        "roster",
        "add",
        "x1",
        "--name",
        "X",
        "--nip",
        "198501012010012001",
        "--role",
        "staff",
        "--key",
        str(tmp_path / "k.pub"),
        user="budi",
    )
    assert r.ok, r.stderr
    people = {p["handle"]: p for p in json.loads(book("roster", "list", "--json").stdout)}
    assert people["x1"]["key"].startswith("ssh-ed25519 AAAA")
    assert "x1@office" not in people["x1"]["key"]


def test_klipctl_alone_introduces_itself(cli: Callable[..., Run]) -> None:
    r = cli()
    assert r.ok
    assert "The commands used most:" in r.stdout and "klipctl -h" in r.stdout
    r = cli("-h")
    assert "Examples:" in r.stdout and "klipctl demo" in r.stdout
    assert r.stdout == cli("--help").stdout
    r = cli("-h", lang="id")
    assert "Contoh:" in r.stdout


def test_a_typo_suggests_the_command(cli: Callable[..., Run]) -> None:
    r = cli("lsit")  # "site" is as near as "list"
    assert r.exit_code == 2 and "did you mean site, list? See `klipctl -h`" in r.stderr, r.stderr
    r = cli("--lang", "id", "lsit")
    assert r.exit_code == 2 and "maksud Anda site, list?" in r.stderr, r.stderr


def test_every_command_has_help_with_an_example(cli: Callable[..., Run]) -> None:
    from typer.main import get_command

    from klipctl.cli.main import make_app

    def leaves(group: Any, prefix: tuple[str, ...]) -> list[tuple[str, ...]]:
        found = []
        for name, command in group.commands.items():
            if command.hidden:
                continue
            if hasattr(command, "commands"):
                found += leaves(command, (*prefix, name))
            else:
                found.append((*prefix, name))
        return found

    names = leaves(get_command(make_app("en")), ())
    assert len(names) > 20
    for name in names:
        for lang, word in (("en", "Example"), ("id", "Contoh")):
            r = cli(*name, "--help", lang=lang)
            assert r.ok, name
            assert word in r.stdout, (name, lang)


def test_demo_walks_failures_through_the_sop(cli: Callable[..., Run], tmp_path: Path) -> None:
    r = cli(
        "demo", "--path", str(tmp_path / "demo"), env={"KLIPCTL_NOW": "2026-11-25T14:00:00+07:00"}
    )
    assert r.ok, r.stderr
    assert "Filed" in r.stdout and "late" in r.stdout and "Rejected" not in r.stdout
    r = cli(
        "--logbook",
        str(tmp_path / "demo"),
        "list",
        "--all",
        "--json",
        env={"KLIPCTL_NOW": "2026-11-25T14:00:00+07:00"},
    )
    listed = json.loads(r.stdout)
    stages = sorted(item["stage"] for item in listed)
    assert stages == [
        "archived", "assigned", "assigned", "recorded", "reported", "resolved", "reviewed",
        "signed", "withdrawn",
    ]  # fmt: skip
    # The office's earlier Log Book, imported: two failures, every entry marked so.
    imported = [i for i in listed if i["stage"] in ("resolved", "reviewed")]
    for item in imported:
        r = cli("--logbook", str(tmp_path / "demo"), "show", item["id"], "--json")
        entries = json.loads(r.stdout)["entries"]
        assert {e["imported"]["file"] for e in entries} == {"logbook-lama.csv"}
        assert {e["imported"]["by"] for e in entries} == {"sari"}
    r = cli("--logbook", str(tmp_path / "demo"), "verify",
            env={"KLIPCTL_NOW": "2026-11-25T14:00:00+07:00"})  # fmt: skip
    assert r.ok, r.stdout

    def actions(fid: str) -> list[str]:
        r = cli("--logbook", str(tmp_path / "demo"), "show", fid, "--json")
        return [e["action"] for e in json.loads(r.stdout)["entries"]]

    rejected = [i for i in listed if i["stage"] == "signed"][0]["id"]
    assert actions(rejected).count("reject") == 1 and actions(rejected).count("return") == 1
    # The office's asides are in it too: a reassignment, a note, an attachment, a duplicate.
    every = [a for item in listed for a in actions(item["id"])]
    assert {"reassign", "note", "attach", "withdraw"} <= set(every)
    withdrawn = [i for i in listed if i["stage"] == "withdrawn"][0]
    assert withdrawn["duplicate_of"] in {i["id"] for i in listed}


@settings(max_examples=60, deadline=None)
@given(
    seconds=st.lists(st.integers(1_500_000_000, 2_000_000_000), min_size=1, max_size=40),
    pick=st.integers(0, 39),
    length=st.integers(1, 12),
)
def test_a_prefix_finds_exactly_the_ids_a_full_listing_would(
    tmp_path_factory: pytest.TempPathFactory, seconds: list[int], pick: int, length: int
) -> None:
    """Only the month folders a prefix's time span covers are listed; the answer is the same."""
    root = tmp_path_factory.mktemp("ids")
    lb = LogBook(root)
    made = [ids.new_id(datetime.fromtimestamp(s, UTC), s % (1 << 25)) for s in seconds]
    for failure_id in made:
        path = lb.failure_path(failure_id)
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text("schema: 1\n")
    everything = lb.failure_ids()
    assert everything == sorted(set(made))
    for prefix in {made[pick % len(made)][:length], made[pick % len(made)][: max(1, length - 4)]}:
        assert lb.failure_ids(prefix) == [i for i in everything if i.startswith(prefix)]


def _config(root: Path, key: str) -> str:
    out = subprocess.run(["git", "config", "--get", key], cwd=root, capture_output=True, text=True)
    return out.stdout.strip()


def test_init_tunes_git_for_a_large_log_book(tmp_path: Path, cli: Callable[..., Run]) -> None:
    root = tmp_path / "lb"
    assert cli("init", str(root)).ok
    assert _config(root, "feature.manyFiles") == "true"
    assert _config(root, "fetch.writeCommitGraph") == "true"
    # No gc inside a person's command: klipctl starts upkeep in the background instead.
    assert _config(root, "gc.auto") == "0" and _config(root, "maintenance.auto") == "false"
    assert _config(root, "klipctl.housekeeping") == "background"
    index = (root / ".git" / "index").read_bytes()
    assert index[:4] == b"DIRC" and int.from_bytes(index[4:8], "big") == 4


def test_a_plain_git_clone_is_tuned_on_its_first_write(book: Book, tmp_path: Path) -> None:
    clone = tmp_path / "clone"
    subprocess.run(["git", "clone", "-q", str(book.root), str(clone)], check=True)
    assert _config(clone, "klipctl.tuned") == ""
    r = book.cli("--logbook", str(clone), "report", "--title", "Down", "--system", "VPN",
                 user="rina")  # fmt: skip
    assert r.ok, r.stderr
    assert _config(clone, "klipctl.tuned") == "1"
    assert _config(clone, "feature.manyFiles") == "true" and _config(clone, "gc.auto") == "0"


def test_a_log_book_inside_an_office_repository_leaves_its_gc_alone(
    tmp_path: Path, cli: Callable[..., Run]
) -> None:
    repo = tmp_path / "office"
    repo.mkdir()
    subprocess.run(["git", "init", "-q"], cwd=repo, check=True)
    assert cli("init", str(repo / "klip")).ok
    assert _config(repo, "feature.manyFiles") == "true"
    assert _config(repo, "gc.auto") == "" and _config(repo, "klipctl.housekeeping") == "git"


def test_a_c_locale_means_no_language_chosen_so_indonesian() -> None:
    from klipctl.i18n.messages import detect_language

    assert detect_language(None, {"LANG": "C.UTF-8"}) == "id"
    assert detect_language(None, {"LC_ALL": "POSIX", "LANG": "en_US.UTF-8"}) == "id"
    assert detect_language(None, {"LANG": "en_GB.UTF-8"}) == "en"
    assert detect_language(None, {"LANG": "C.UTF-8"}, "en") == "en"  # the log book's setting
