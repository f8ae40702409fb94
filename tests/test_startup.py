"""Start-up stays cheap: what each kind of command loads, counted in modules, never in time.

Issue 17's budgets (docs/speed.md) are kept by what a command imports: `--help` and a usage
error no command module, YAML, Rich, Jinja2, cryptography or git code; a read no signing, sync,
documents, locking or PyYAML; a command its own module alone. Each case runs klipctl in a fresh
process (this one has everything loaded) and lists ``sys.modules`` at its end.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
import typer
from conftest import Book

from klipctl.cli import kit
from klipctl.cli.commands import COMMANDS
from klipctl.cli.root import _stand_in
from klipctl.i18n.messages import help_text

# What runs main() as `python -m klipctl ARGS` does, then says which modules were loaded.
_PROBE = """
import json, sys
sys.argv = ["klipctl", *sys.argv[1:]]
from klipctl.cli.boot import main
code = 0
try:
    main()
except SystemExit as exc:
    code = exc.code
# A module that lazy_module named but nothing used yet is not loaded.
names = [n for n, m in sys.modules.items() if type(m).__name__ != "_LazyModule"]
sys.__stderr__.write("\\nMODULES " + json.dumps([code, sorted(names)]) + "\\n")
"""

NEVER_AT_START = (
    "yaml",
    "rich",
    "jinja2",
    "babel",
    "cryptography",
    "filelock",
    "sqlite3",
    "klipctl.storage.git",
    "klipctl.storage.logbook",
    "klipctl.app.context",
    "klipctl.app.queries",
    "klipctl.app.sharing",
    "klipctl.cli.output",
    "klipctl.cli.commands.views",
    "klipctl.cli.commands.procedure",
)
NEVER_IN_A_READ = (
    "rich.console",
    "rich.table",
    "rich.text",
    "jinja2",
    "babel",
    "cryptography",
    "filelock",
    "klipctl.audit.signing",
    "klipctl.storage.sync",
    "klipctl.app.entries",
    "klipctl.documents.sheets",
    "klipctl.documents.render",
    "klipctl.cli.commands.procedure",
    # klipctl's own files (the settings, roster, calendar, failures) are read by yamlfast.
    "yaml",
    "klipctl.storage.yamllib",
)


_CACHE: list[Path] = []


@pytest.fixture(scope="module", autouse=True)
def compiled_catalogues(tmp_path_factory: pytest.TempPathFactory) -> None:
    """A cache folder with the gettext catalogues compiled, as every PC has after its first
    command (i18n/catalogue.py compiles a changed .po once, with Babel)."""
    folder = tmp_path_factory.mktemp("cache")
    warm = "from klipctl.i18n.catalogue import catalogue; catalogue('id'); catalogue('en')"
    subprocess.run([sys.executable, "-c", warm], env={**os.environ, "XDG_CACHE_HOME": str(folder)},
                   check=True)  # fmt: skip
    _CACHE[:] = [folder]


def loaded(
    *args: str, env: dict[str, str] | None = None, cwd: Path | None = None, exit_code: int = 0
) -> set[str]:
    """The modules klipctl loaded running ``args``, which must end with ``exit_code``."""
    proc = subprocess.run(
        [sys.executable, "-c", _PROBE, *args],
        capture_output=True,
        text=True,
        env={**os.environ, "XDG_CACHE_HOME": str(_CACHE[0]), **(env or {})},
        cwd=cwd,
    )
    line = proc.stderr.rsplit("\nMODULES ", 1)
    assert len(line) == 2, proc.stderr
    code, names = json.loads(line[1])
    assert code == exit_code, proc.stderr
    return set(names)


def among(modules: set[str], prefixes: tuple[str, ...]) -> list[str]:
    return sorted(m for m in modules if any(m == p or m.startswith(p + ".") for p in prefixes))


@pytest.mark.parametrize("args", [("--help",), ("list", "--help"), ("lsit",), ()])
def test_help_and_usage_errors_load_no_core(args: tuple[str, ...], tmp_path: Path) -> None:
    """`--help`, a command's help, a mistyped command and `klipctl` alone (outside a log
    book): the CLI's own table and Typer, nothing of the core; a command's help only its
    own command module."""
    modules = loaded(*args, cwd=tmp_path, exit_code=2 if args == ("lsit",) else 0)
    never = NEVER_AT_START if args != ("list", "--help") else NEVER_AT_START[:-2]
    assert among(modules, never) == []
    assert among(modules, ("klipctl.cli.commands",)) == (
        ["klipctl.cli.commands", "klipctl.cli.commands.views"]
        if args == ("list", "--help")
        else ["klipctl.cli.commands"]
    )


def test_reads_load_no_signing_sync_or_documents(book: Book) -> None:
    fid = book.report()
    for args in (("show", fid), ("list",), ("due",), ("inbox",), ("list", "--json")):
        modules = loaded("--logbook", str(book.root), *args, env={"KLIPCTL_USER": "budi"})
        assert "klipctl.cli.commands.views" in modules or args == ("due",), args
        # Into a pipe `show` and the lists are plain lines (cli/sheet.py, cli/lines.py).
        assert among(modules, (*NEVER_IN_A_READ, "rich")) == [], args


def test_a_read_asks_git_at_its_first_line_and_takes_the_answers(book: Book) -> None:
    """cli/boot.py starts git on a read's three questions before the command line loads;
    the code that asks later takes those answers (`-v` names each git run once, when taken),
    and they are the answers: a file broken by hand just before is named."""
    fid = book.report()
    path = next(book.root.glob(f"failures/*/*/{fid}.yaml"))
    path.write_text("schema: 1\nid: [\n")
    proc = subprocess.run(
        [sys.executable, "-m", "klipctl", "-v", "--logbook", str(book.root), "list", "--all"],
        capture_output=True, text=True,
        env={**os.environ, "XDG_CACHE_HOME": str(_CACHE[0]), "KLIPCTL_LANG": "en"},
    )  # fmt: skip
    assert proc.returncode == 0, proc.stderr
    runs = [line for line in proc.stderr.splitlines() if line.startswith("$ git ")]
    assert [r.split()[2] for r in runs] == ["config", "rev-parse", "diff-index"], runs
    assert path.name in proc.stderr


def test_an_early_answer_is_taken_once_and_only_in_its_own_environment(book: Book) -> None:
    from klipctl.storage import git

    book.report()
    git.ask_early(book.root, config=True, head=True, modified=["failures"])
    first = git.Git(book.root)
    head = first.head()
    assert head == book.git("rev-parse", "HEAD").strip()
    assert not any(args[0] == "rev-parse" for _, args in git._EARLY)  # taken
    os.environ["KLIPCTL_EARLY_PROBE"] = "1"  # the environment changed since it was asked
    try:
        later = git.Git(book.root)
        path = next(book.root.glob("failures/*/*/*.yaml"))
        path.write_text("changed after the question was asked\n")
        assert later.modified_paths("failures") == [path.relative_to(book.root).as_posix()]
    finally:
        del os.environ["KLIPCTL_EARLY_PROBE"]
    assert [args[0] for _, args in git._EARLY] == ["config"]  # nobody asked it
    asked = [proc for proc, _ in git._EARLY.values()]
    git.forget_early()  # what runs at exit
    assert git._EARLY == {} and all(proc.returncode is not None for proc in asked)


def test_taking_the_lock_drops_the_early_answers(book: Book) -> None:
    """A read that brings the central repository's news in moves HEAD under the lock: what git
    said before the lock is asked again after it."""
    from klipctl.storage import git
    from klipctl.storage.logbook import LogBook

    git.ask_early(book.root, config=True, head=True, modified=["failures"])
    assert len(git._EARLY) == 3
    with LogBook(book.root).locked():
        assert git._EARLY == {}


def test_a_write_into_a_pipe_loads_no_rich_nor_sync(book: Book) -> None:
    """A step without a central repository: signing, yes; Rich, the sync, documents, no; nor
    PyYAML, nor cryptography's reader of every key format (yamlfast writes the entry, signing
    reads the OpenSSH key)."""
    fid = book.report()
    modules = loaded(
        "--logbook", str(book.root), "record", fid,
        env={"KLIPCTL_USER": "sari", "KLIPCTL_SIGNING_KEY": str(book.keys["sari"])},
    )  # fmt: skip
    assert "klipctl.audit.signing" in modules and "cryptography" in modules
    never = ("rich.console", "rich.table", "klipctl.storage.sync", "klipctl.documents.render",
             "yaml", "cryptography.hazmat.primitives.serialization.ssh")  # fmt: skip
    assert among(modules, never) == []


# The command modules in the order their commands were registered before the table: plain
# commands in this order, then the groups in this order.
MODULES = ("setup", "procedure", "attachments", "views", "documents", "importing", "calendar",
           "roster", "settings", "sync", "verify", "site", "notify")  # fmt: skip


def test_the_command_table_says_what_the_modules_register() -> None:
    """Each command of `klipctl.cli.commands.COMMANDS` is its module's, in the order of
    `--help` (commands, then groups); its stand-in in `--help` has the real one's help line
    and hiddenness, in both languages."""
    for lang in ("id", "en"):
        made: dict[str, object] = {}
        plain, groups = [], []
        for module in MODULES:
            app = typer.Typer(cls=kit.KlipGroup, rich_markup_mode=None)
            code = __import__(f"klipctl.cli.commands.{module}", fromlist=["register"])
            code.register(app, kit.Params(lambda key, lang=lang: help_text(key, lang)))
            commands = typer.main.get_group(app).commands
            for name, command in commands.items():
                made[name] = command
                (groups if hasattr(command, "commands") else plain).append((name, module))
        assert {c.module for c in COMMANDS} == set(MODULES)
        assert [(c.name, c.module) for c in COMMANDS] == plain + groups
        for listed in COMMANDS:
            real: typer.core.TyperCommand = made[listed.name]  # type: ignore[assignment]
            stand_in = _stand_in(listed, lang)
            assert stand_in.hidden == real.hidden, listed
            for width in (40, 70, 200):
                assert stand_in.get_short_help_str(width) == real.get_short_help_str(width)


def test_every_command_runs_through_the_table(book: Book) -> None:
    """A command name the table lists resolves to its real command (with its own options),
    and one it does not is refused as a usage error naming the nearest."""
    r = book("list", "--stage", "reported")
    assert r.ok and "Print" not in r.stdout
    r = book("roster", "list")
    assert r.ok and "budi" in r.stdout
    r = book("lsit")
    assert r.exit_code == 2 and "did you mean site, list?" in r.stderr


@pytest.mark.parametrize(
    "name, offset, micro",
    [
        ("Budi Santoso", 7 * 60, 123456),
        ("Pegawai Ékstra 漢字", -(3 * 60 + 30), 0),
        ("R", 0, 999999),
    ],
)
def test_a_commit_is_the_object_git_commit_tree_makes(
    tmp_path: Path, name: str, offset: int, micro: int
) -> None:
    """A write stores its commit object itself (one git process instead of three): the same
    bytes, so the same SHA, as `git commit-tree` makes from the same tree, parent, identity,
    moment and message."""
    from datetime import datetime, timedelta, timezone

    from klipctl.storage.git import Author, Git, _clean_message, _identity_env

    (tmp_path / "a").write_text("a\n")
    git = Git(tmp_path)
    git.init()
    git.run("add", "a")
    git.run("commit", "-q", "-m", "first")
    tree, head = git.run("rev-parse", "HEAD^{tree}", "HEAD").split()
    author = Author(name, "someone@pajak.go.id")
    when = datetime(2026, 3, 10, 9, 0, 0, micro, tzinfo=timezone(timedelta(minutes=offset)))
    message = _clean_message("Report 1abc: Printer mati\n\nKlipctl-Action: report\n")
    env = _identity_env(author, when)
    made_by_git = git.run(
        "commit-tree", "--no-gpg-sign", tree, "-p", head, "-F", "-", env=env, stdin=message
    ).strip()
    assert git.commit_tree(tree, [head], message, author, when) == made_by_git
