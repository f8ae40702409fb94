"""Shared fixtures: a real git log book in a temporary folder, driven through the CLI."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest
from typer.testing import CliRunner

from klipctl.cli.main import make_app
from klipctl.errors import EXIT_INTERNAL, KlipError

NOW = "2026-03-10T09:00:00+07:00"  # a Tuesday; tests never depend on today's date

PEOPLE = {
    "budi": ("Budi Santoso", "198203152006041003", ["supervisor"]),
    "sari": ("Sari Wulandari", "198501012010012001", ["clerk"]),
    "tono": ("Tono Hartono", "198712122012121001", ["clerk"]),
    "andi": ("Andi Pratama", "199002202014021002", ["operator"]),
    "dewi": ("Dewi Lestari", "199107082015032001", ["operator", "staff"]),
    "rina": ("Rina Marlina", "199305122016122002", ["staff"]),
}


@dataclass
class Run:
    exit_code: int
    stdout: str
    stderr: str
    error: KlipError | None = None  # the refusal behind a failed command, when there was one

    @property
    def ok(self) -> bool:
        return self.exit_code == 0

    def refused(self, key: str, kind: type[KlipError] = KlipError) -> bool:
        """Did the command end in exactly this refusal (message key, error class), one line
        on stderr and its exit status?"""
        return (
            isinstance(self.error, kind)
            and self.error.key == key
            and self.exit_code == self.error.exit_code
            and len(self.stderr.strip().splitlines()) == 1
        )


def _refusal(exception: BaseException | None) -> KlipError | None:
    """The KlipError the CLI turned into an exit status (Click's exit keeps it as context)."""
    seen = exception
    for _ in range(4):
        if seen is None:
            return None
        if isinstance(seen, KlipError):
            return seen
        seen = seen.__cause__ or seen.__context__
    return None


@pytest.fixture(scope="session")
def keys(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    """An ed25519 private key per person (public key beside it as .pub), made once per run.

    ``mallory`` is on no roster: a stranger's key for forgery tests.
    """
    import subprocess

    folder = tmp_path_factory.mktemp("keys")
    made = {}
    for handle in [*PEOPLE, "mallory"]:
        path = folder / handle
        subprocess.run(
            ["ssh-keygen", "-q", "-t", "ed25519", "-N", "", "-C", handle, "-f", str(path)],
            check=True,
        )
        made[handle] = path
    return made


@pytest.fixture(autouse=True)
def clean_env(tmp_path_factory: pytest.TempPathFactory, monkeypatch: pytest.MonkeyPatch) -> None:
    """Isolate every test from the developer's git config and klipctl settings."""
    isolate(monkeypatch, tmp_path_factory.mktemp("home"))


def isolate(monkeypatch: pytest.MonkeyPatch, home: Path) -> None:
    gitconfig = home / ".gitconfig"
    gitconfig.write_text("[user]\n\tname = Test Runner\n\temail = runner@example.invalid\n")
    monkeypatch.setenv("HOME", str(home))
    monkeypatch.setenv("GIT_CONFIG_GLOBAL", str(gitconfig))
    monkeypatch.setenv("GIT_CONFIG_NOSYSTEM", "1")
    for var in (
        "KLIPCTL_USER",
        "KLIPCTL_LOGBOOK",
        "KLIPCTL_NOW",
        "KLIPCTL_LANG",
        "NO_COLOR",
        "VISUAL",
        "EDITOR",
        "XDG_CACHE_HOME",
        "KLIPCTL_SIGNING_KEY",
        "SSH_AUTH_SOCK",
        "COLUMNS",  # set in pytest-xdist workers: the output would wrap at their width
        "LINES",
    ):
        monkeypatch.delenv(var, raising=False)
    monkeypatch.setenv("KLIPCTL_LANG", "en")
    monkeypatch.setenv("KLIPCTL_NOW", NOW)


@pytest.fixture
def cli(keys: dict[str, Path]) -> Callable[..., Run]:
    """Run klipctl in-process: cli("list", user="budi", now="...").

    A known ``user`` signs with their own key (KLIPCTL_SIGNING_KEY), unless ``env`` says else.
    """
    return make_cli(keys)


def make_cli(keys: dict[str, Path]) -> Callable[..., Run]:
    runner = CliRunner()

    def run(
        *args: str,
        user: str | None = None,
        now: str | None = None,
        input: str | bytes | None = None,
        lang: str = "en",
        env: dict[str, str] | None = None,
        internal_error: bool = False,
    ) -> Run:
        extra: dict[str, str] = {}
        if user is not None:
            extra["KLIPCTL_USER"] = user
            if user in keys:
                extra["KLIPCTL_SIGNING_KEY"] = str(keys[user])
        extra.update(env or {})
        if now is not None:
            extra["KLIPCTL_NOW"] = now
        result = runner.invoke(
            make_app(lang), list(args), input=input, env=extra, catch_exceptions=False
        )
        # A bug is never an acceptable answer to any command line, refusal tests included:
        # every test fails on it, unless it asks for one (``internal_error=True``).
        if result.exit_code == EXIT_INTERNAL and not internal_error:
            pytest.fail(f"internal error from klipctl {' '.join(args)}: {result.stderr}")
        return Run(result.exit_code, result.stdout, result.stderr, _refusal(result.exception))

    return run


@dataclass
class Book:
    root: Path
    cli: Callable[..., Run]
    keys: dict[str, Path]

    def __call__(self, *args: str, **kwargs: object) -> Run:
        return self.cli("--logbook", str(self.root), *args, **kwargs)

    def git(self, *args: str) -> str:
        import subprocess

        return subprocess.run(
            ["git", *args], cwd=self.root, check=True, capture_output=True, text=True
        ).stdout

    def reset(self, commit: str, *, keep_state: bool = False) -> None:
        """Back to ``commit``: its files only, nothing else (but klipctl's own state, if kept)."""
        self.git("reset", "-q", "--hard", commit)
        self.git("clean", "-q", "-fdx", *(["-e", ".klipctl"] if keep_state else []))

    def commit_count(self) -> int:
        return int(self.git("rev-list", "--count", "HEAD").strip())

    def snapshot(self) -> dict[str, bytes]:
        """Every file of the log book (but git's and klipctl's own state), by path."""
        files = {}
        # Never walk into .git: git's background upkeep may be packing objects meanwhile.
        for top in sorted(self.root.iterdir()):
            if top.name in (".git", ".klipctl"):
                continue
            for path in [top, *sorted(top.rglob("*"))] if top.is_dir() else [top]:
                if path.is_file():
                    files[path.relative_to(self.root).as_posix()] = path.read_bytes()
        return files

    def report(self, title: str = "Print server down", user: str = "rina", **kw: str) -> str:
        result = self(
            "report",
            "--title",
            title,
            "--system",
            kw.pop("system", "Printer Server"),
            user=user,
            **kw,
        )
        assert result.ok, result.stderr
        return result.stdout.strip()

    def walk(
        self, failure_id: str, until: str, now: str | None = None, env: dict[str, str] | None = None
    ) -> None:
        """Move a failure through the SOP up to (and including) the stage ``until``."""
        if until == "reported":  # where a report leaves it (the loop below would walk it all)
            return
        steps = [
            ("recorded", ("record", failure_id), "sari"),
            ("assigned", ("assign", failure_id, "--to", "andi"), "budi"),
            ("resolved", ("resolve", failure_id, "--action", "Restarted the spooler"), "andi"),
            ("reviewed", ("review", failure_id, "--accept", "--drafter", "sari"), "budi"),
            ("drafted", ("draft", failure_id), "sari"),
            ("signed", ("sign", failure_id, "--yes"), "budi"),
            ("delivered", ("deliver", failure_id, "--yes"), "budi"),
            ("archived", ("archive", failure_id, "--yes"), "sari"),
        ]
        for stage, args, user in steps:
            result = self(*args, user=user, env=env, **({"now": now} if now else {}))
            assert result.ok, (args, result.stderr)
            if stage == until:
                return


@pytest.fixture(scope="session")
def base_book(tmp_path_factory: pytest.TempPathFactory, keys: dict[str, Path]) -> Path:
    """The log book ``book`` starts from, built once per test process (init and six signed
    roster additions take seconds) and copied for each test."""
    with pytest.MonkeyPatch.context() as mp:
        isolate(mp, tmp_path_factory.mktemp("home"))
        built = make_book(tmp_path_factory.mktemp("base") / "logbook", make_cli(keys), keys)
    from klipctl.storage import git

    for upkeep in git._BACKGROUND:  # git's background upkeep must be done before copying
        upkeep.wait()
    return built.root


@pytest.fixture
def book(tmp_path: Path, cli: Callable[..., Run], keys: dict[str, Path], base_book: Path) -> Book:
    """A log book requiring signatures, everyone on the roster with their key: a copy of the
    session's base book (klipctl's local state left behind, as in a fresh clone)."""
    import shutil
    import subprocess

    root = tmp_path / "logbook"
    shutil.copytree(base_book, root, symlinks=True, ignore=shutil.ignore_patterns(".klipctl"))
    # The one absolute path a log book's git config holds (klipctl init sets it).
    subprocess.run(
        ["git", "config", "gpg.ssh.allowedSignersFile", str(root / "allowed_signers")],
        cwd=root, check=True,
    )  # fmt: skip
    return Book(root, cli, keys)


@pytest.fixture(scope="module")
def module_book(tmp_path_factory: pytest.TempPathFactory, keys: dict[str, Path]) -> Iterator[Book]:
    """One log book as ``book`` makes it, for a whole module; put it back with ``reset``."""
    with pytest.MonkeyPatch.context() as mp:
        isolate(mp, tmp_path_factory.mktemp("home"))
        yield make_book(tmp_path_factory.mktemp("shared") / "logbook", make_cli(keys), keys)


def make_book(root: Path, cli: Callable[..., Run], keys: dict[str, Path]) -> Book:
    assert cli("init", str(root)).ok
    b = Book(root, cli, keys)
    for handle, (name, nip, roles) in PEOPLE.items():
        role_args = [a for r in roles for a in ("--role", r)]
        # budi sets the log book up: he adds himself first, signing with the key he adds.
        setup = {"KLIPCTL_SIGNING_KEY": str(keys["budi"])} if handle == "budi" else {}
        result = b(
            "roster",
            "add",
            handle,
            "--name",
            name,
            "--nip",
            nip,
            *role_args,
            "--email",
            f"{handle}@pajak.go.id",
            "--key",
            f"{keys[handle]}.pub",
            user="budi" if handle != "budi" else None,
            env=setup,
        )
        assert result.ok, result.stderr
    return b


@pytest.fixture
def central(book: Book, tmp_path: Path) -> Path:
    """A bare central repository with klipctl's pre-receive hook; ``book`` syncs with it."""
    import subprocess

    bare = tmp_path / "central.git"
    subprocess.run(["git", "init", "-q", "--bare", "-b", "main", str(bare)], check=True)
    assert book.cli("hook", "install", str(bare)).ok
    r = book("remote", "set", str(bare))
    assert r.ok, r.stderr
    r = book("sync", user="budi")
    assert r.ok, r.stderr
    return bare


@pytest.fixture
def other(book: Book, central: Path, tmp_path: Path) -> Book:
    """A second terminal: its own clone of the central repository."""
    import subprocess

    root = tmp_path / "clone2"
    subprocess.run(["git", "clone", "-q", str(central), str(root)], check=True)
    return Book(root, book.cli, book.keys)


@pytest.fixture
def no_ssh_keygen(tmp_path: Path) -> dict[str, str]:
    """An environment whose PATH holds git and nothing else: no ssh-keygen (Windows 10's is too
    old to sign, and a PC may have none)."""
    import shutil

    bare_bin = tmp_path / "bin-git-only"
    bare_bin.mkdir()
    git = shutil.which("git")
    assert git is not None
    (bare_bin / "git").symlink_to(git)
    return {"PATH": str(bare_bin)}
