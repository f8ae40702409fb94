"""The terminal helps: shell completion, the pager, progress, lists at 80 columns.

Completion is driven through its real protocol (klipctl run with the variables a shell's
script sets), and on screen in a pseudo-terminal: a real bash with the script `klipctl
--install-completion` wrote, pressing Tab. The pager is a small script that records what it
was handed, in a pseudo-terminal of a few lines.
"""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
from collections import Counter
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest
from conftest import PEOPLE, Book

from klipctl.storage.progress import Progress, Step

try:
    import pexpect
except ImportError:  # Windows has no pseudo-terminals (nor pexpect's spawn)
    pexpect = None
in_a_terminal = pytest.mark.skipif(
    pexpect is None or sys.platform == "win32", reason="needs a pseudo-terminal (pexpect)"
)

LONG = "Aplikasi Pengaduan Online tidak dapat diakses dari jaringan kantor wilayah"


def env_for(book: Book, **extra: str) -> dict[str, str]:
    env = {**os.environ, "KLIPCTL_LOGBOOK": str(book.root), "KLIPCTL_OFFLINE": "1"}
    env.update(extra)
    return env


def complete(book: Book | None, words: str, lang: str = "en", cwd: Path | None = None) -> str:
    """What klipctl answers bash's completion function for the command line ``words`` (the
    word under the cursor last): the protocol of the script `--show-completion` prints."""
    env = env_for(book) if book else {**os.environ}
    env.update(_KLIPCTL_COMPLETE="complete_bash", COMP_WORDS=words, KLIPCTL_LANG=lang)
    env["COMP_CWORD"] = str(len(words.split(" ")) - 1)
    proc = subprocess.run([sys.executable, "-m", "klipctl"], env=env,
                          cwd=cwd or (book.root if book else None), capture_output=True,
                          text=True, timeout=60)  # fmt: skip
    assert proc.returncode == 0 and proc.stderr == "", proc.stderr
    return proc.stdout


def complete_fish(book: Book, line: str) -> list[tuple[str, str]]:
    """fish's protocol: each candidate with its description (zsh and PowerShell show it too)."""
    env = env_for(book, _KLIPCTL_COMPLETE="complete_fish", _TYPER_COMPLETE_ARGS=line,
                  _TYPER_COMPLETE_FISH_ACTION="get-args", KLIPCTL_LANG="en")  # fmt: skip
    proc = subprocess.run([sys.executable, "-m", "klipctl"], env=env, capture_output=True,
                          text=True, timeout=60)  # fmt: skip
    assert proc.returncode == 0, proc.stderr
    return [tuple(line.split("\t", 1)) for line in proc.stdout.splitlines()]  # type: ignore[misc]


@pytest.fixture
def three(book: Book) -> tuple[str, str, str]:
    """Two open failures and one withdrawn (closed), the index built by a `list`."""
    first = book.report("Printer lantai 2 mati", now="2026-03-09T09:00:00+07:00")
    gone = book.report("[URGENT] Laporan ganda", now="2026-03-09T10:00:00+07:00")
    last = book.report(LONG, now="2026-03-09T11:00:00+07:00")
    r = book("withdraw", gone, "--reason", "Salah lapor", "--yes", user="sari")
    assert r.ok, r.stderr
    assert book("list").ok  # builds the index completion reads
    return first, gone, last


# --- completion --------------------------------------------------------------------------------


def test_ids_complete_from_the_index_open_first_with_titles(
    book: Book, three: tuple[str, str, str]
) -> None:
    first, gone, last = three
    before = book.snapshot()
    index = (book.root / ".klipctl" / "index.sqlite").read_bytes()
    # Open failures first (newest first), then the closed one.
    assert complete(book, "klipctl show ").split() == [last, first, gone]
    assert complete(book, f"klipctl record {first[:9]}").split() == [first]
    assert complete(book, "klipctl verify zzz").split() == []
    assert complete(book, "klipctl show !").split() == []  # cannot begin an ID
    shown = dict(complete_fish(book, "klipctl history "))
    assert shown[first] == "Printer lantai 2 mati"
    assert shown[gone] == "[URGENT] Laporan ganda (closed)"  # Rich markup stays as typed
    assert shown[last] == LONG[:49] + "…"  # one line beside the candidate
    # Never a write: not the log book, not its index.
    assert book.snapshot() == before
    assert (book.root / ".klipctl" / "index.sqlite").read_bytes() == index


def test_without_an_index_ids_come_from_the_files(book: Book) -> None:
    fid = book.report()
    assert not (book.root / ".klipctl" / "index.sqlite").exists()
    assert complete(book, "klipctl show ").split() == [fid]
    assert not (book.root / ".klipctl" / "index.sqlite").exists()  # not built on a Tab


def test_handles_complete_from_the_roster(book: Book, three: tuple[str, str, str]) -> None:
    assert complete(book, f"klipctl assign {three[0]} --to ").split() == sorted(PEOPLE)
    assert complete(book, "klipctl list --assignee d").split() == ["dewi"]
    assert complete(book, "klipctl roster show ri").split() == ["rina"]
    described = dict(complete_fish(book, "klipctl assign x --to "))
    assert described["dewi"] == "Dewi Lestari, operator, staff"


def test_values_complete_in_either_language(book: Book) -> None:
    # Nothing typed: the names of the person's language; something typed: every spelling.
    stages = complete(book, "klipctl list --stage ", lang="id").split()
    assert stages[:3] == ["dilaporkan", "dicatat", "ditugaskan"] and "assigned" not in stages
    assert complete(book, "klipctl list --stage dit", lang="id").split() == [
        "ditugaskan", "ditandatangani", "ditatausahakan"
    ]  # fmt: skip
    assert complete(book, "klipctl list --stage as", lang="id").split() == ["assigned"]
    assert "assigned" in complete(book, "klipctl list --stage ").split()
    assert complete(book, "klipctl roster add x --role ", lang="id").split() == [
        "staf", "pelaksana", "kasubbag", "petugas", "kepala"
    ]  # fmt: skip
    assert complete(book, "klipctl roster add x --role kas", lang="id").split() == [
        "kasubbag", "kasubag"
    ]  # fmt: skip
    assert complete(book, "klipctl report --severity ", lang="id").split() == [
        "rendah", "sedang", "tinggi", "kritis"
    ]  # fmt: skip
    # What completion offers, the command accepts and stores under one value.
    fid = book.report()
    r = book("--lang", "id", "list", "--stage", "dilaporkan", "--json")
    assert [f["id"] for f in json.loads(r.stdout)] == [fid]


def test_completion_outside_a_log_book_offers_nothing(tmp_path: Path) -> None:
    assert complete(None, "klipctl show ", cwd=tmp_path).split() == []
    assert complete(None, "klipctl assign x --to ", cwd=tmp_path).split() == []
    assert "show" in complete(None, "klipctl sh", cwd=tmp_path).split()


def klipctl_on_path(tmp_path: Path) -> Path:
    """A folder with a `klipctl` that runs this checkout, as the installed one would."""
    folder = tmp_path / "bin"
    folder.mkdir()
    script = folder / "klipctl"
    script.write_text(f'#!/bin/sh\nexec "{sys.executable}" -m klipctl "$@"\n')
    script.chmod(0o755)
    return folder


@in_a_terminal
def test_bash_completes_ids_on_tab_after_install_completion(
    book: Book, three: tuple[str, str, str], tmp_path: Path
) -> None:
    first, gone, last = three
    home = tmp_path / "home"
    home.mkdir()
    path = f"{klipctl_on_path(tmp_path)}:{os.environ['PATH']}"
    env = env_for(book, HOME=str(home), PATH=path, KLIPCTL_LANG="en", PS1="$ ", TERM="dumb")
    env.pop("PROMPT_COMMAND", None)
    shell = pexpect.spawn("bash", ["--norc", "--noprofile", "-i"], env=env, encoding="utf-8",
                          dimensions=(30, 120), timeout=60)  # fmt: skip
    shell.expect_exact("$ ")
    shell.sendline("klipctl --install-completion")
    shell.expect_exact("Tab completion for bash installed in")
    shell.expect_exact("$ ")
    assert (home / ".bash_completions" / "klipctl.sh").read_text().startswith("_klipctl_completion")
    shell.sendline("exit")
    shell.expect(pexpect.EOF)
    assert f"source '{home}/.bash_completions/klipctl.sh'" in (home / ".bashrc").read_text()

    # A new terminal reads it; Tab twice lists the candidates, Tab on a unique prefix fills in.
    rc = tmp_path / "rc"  # ~/.bashrc as the new terminal reads it, with a prompt to wait for
    rc.write_text(f"source {home / '.bashrc'}\nPS1='$ '\n")
    shell = pexpect.spawn("bash", ["--rcfile", str(rc), "-i"], env=env,
                          encoding="utf-8", dimensions=(30, 120), timeout=60)  # fmt: skip
    shell.expect_exact("$ ")
    shell.send(f"klipctl show {os.path.commonprefix(three)}\t\t")
    for fid in sorted(three):  # as bash lists them
        shell.expect_exact(fid)
    shell.send("\x15")  # Ctrl-U: clear the line
    shell.send(f"klipctl show {last[:7]}\t")
    shell.expect_exact(f"klipctl show {last} ")
    shell.send("\x15")
    shell.send(f"klipctl assign {first} --to de\t")
    shell.expect_exact("dewi ")
    shell.send("\x15exit\r")
    shell.expect(pexpect.EOF)


# --- the pager ---------------------------------------------------------------------------------


@pytest.fixture
def recording_pager(tmp_path: Path) -> tuple[str, Path]:
    """A pager that keeps what it is handed (and its arguments) in a file, and shows nothing."""
    got = tmp_path / "paged.txt"
    script = tmp_path / "pager.py"
    script.write_text(
        "import sys, pathlib\n"
        f"pathlib.Path({str(got)!r}).write_text(repr(sys.argv[1:]) + chr(10) + sys.stdin.read())\n"
    )
    return f"{sys.executable} {script} --chosen", got


def run_in_terminal(book: Book, args: list[str], rows: int, **extra: str) -> tuple[int, str]:
    env = env_for(book, KLIPCTL_LANG="en", NO_COLOR="1")
    env.pop("CI", None)
    env.update(extra)
    child = pexpect.spawn(sys.executable, ["-m", "klipctl", *args], env=env, encoding="utf-8",
                          dimensions=(rows, 80), timeout=60)  # fmt: skip
    child.expect(pexpect.EOF)
    child.close()
    return child.exitstatus, child.before


@in_a_terminal
@pytest.mark.parametrize("what", ["calendar", "render", "history", "show"])
def test_long_output_goes_through_the_pager_at_a_terminal(
    book: Book, three: tuple[str, str, str], recording_pager: tuple[str, Path], what: str
) -> None:
    pager, got = recording_pager
    fid = three[0]
    book("record", fid, "--note", "Dicatat", user="sari")
    args = {"calendar": ["calendar", "show", "2026"], "render": ["render", fid],
            "history": ["history", fid], "show": ["show", fid]}[what]  # fmt: skip
    status, screen = run_in_terminal(book, args, rows=6, PAGER=pager)
    assert status == 0, screen
    args_line, text = got.read_text().split("\n", 1)
    assert args_line == "['--chosen']"  # $PAGER as a command line, split as the shell would
    expected = book(*args).stdout  # the same text, as it is printed into a pipe
    marker = {"calendar": "March 2026", "render": "Printer lantai 2 mati",
              "history": "Record", "show": "Printer lantai 2 mati"}[what]  # fmt: skip
    assert marker in text and marker in expected
    assert marker not in screen  # all of it went to the pager


@in_a_terminal
def test_short_output_and_scripts_are_never_paged(
    book: Book, three: tuple[str, str, str], recording_pager: tuple[str, Path]
) -> None:
    pager, got = recording_pager
    fid = three[0]
    # Fits on the screen: printed as it is.
    status, screen = run_in_terminal(book, ["history", fid], rows=40, PAGER=pager)
    assert status == 0 and "Report" in screen and not got.exists()
    # JSON, --no-input, CI: never paged, however long.
    for args, extra in [
        (["show", fid, "--json"], {}),
        (["--no-input", "calendar", "show", "2026"], {}),
        (["calendar", "show", "2026"], {"CI": "true"}),
    ]:
        status, screen = run_in_terminal(book, args, rows=6, PAGER=pager, **extra)
        assert status == 0 and not got.exists(), args
    # Into a pipe: never.
    proc = subprocess.run([sys.executable, "-m", "klipctl", "calendar", "show", "2026"],
                          env=env_for(book, PAGER=pager, KLIPCTL_LANG="en"),
                          capture_output=True, text=True, timeout=60)  # fmt: skip
    assert proc.returncode == 0 and "March 2026" in proc.stdout and not got.exists()


@in_a_terminal
def test_no_pager_at_all_prints_the_text(book: Book, three: tuple[str, str, str]) -> None:
    status, screen = run_in_terminal(book, ["calendar", "show", "2026"], rows=6, PAGER="")
    assert status == 0 and "March 2026" in screen


def test_which_pager() -> None:
    from klipctl.cli import pager

    def which(found: set[str]) -> object:
        return lambda name: f"/usr/bin/{name}" if name in found else None

    assert pager.command({"PAGER": "most -s"}, windows=False) == ["most", "-s"]
    assert pager.command({"PAGER": "cat"}, windows=False) is None
    assert pager.command({}, windows=False, which=which({"less", "more"})) == ["less", "-FRX"]
    assert pager.command({}, windows=False, which=which({"more"})) == ["more"]
    assert pager.command({}, windows=False, which=which(set())) is None
    # Windows: more always exists; a command line is handed to Windows whole.
    assert pager.command({}, windows=True, which=which({"more"})) == "more"
    assert pager.command({"PAGER": r"C:\Program Files\Git\usr\bin\less.exe"}, windows=True) == (
        r"C:\Program Files\Git\usr\bin\less.exe"
    )


# --- 80 columns --------------------------------------------------------------------------------


def test_lists_fit_80_columns_with_short_ids_and_whole_words(book: Book) -> None:
    late = book.report(LONG, now="2026-02-10T09:00:00+07:00")
    book.walk(late, "assigned", now="2026-02-10T09:00:00+07:00")
    waiting = book.report("Jaringan Wi-Fi ruang rapat utama lantai empat sering terputus")
    for command, user in [("due", "budi"), ("list", "budi"), ("inbox", "sari")]:
        narrow = book(command, user=user, env={"COLUMNS": "80"})
        assert narrow.ok, narrow.stderr
        lines = narrow.stdout.splitlines()
        assert max(len(line) for line in lines) <= 80, narrow.stdout
        width = len(lines[2].split()[0])
        assert 5 <= width < 12
        shown = {line.split()[0] for line in lines[2:]}
        assert shown <= {late[:width], waiting[:width]}
        if command != "inbox":  # sari's inbox holds only the one waiting to be recorded
            assert re.search(r"\b\d+ working days late$", narrow.stdout, re.M)  # never wrapped
            assert "Aplikasi Pengaduan" in narrow.stdout  # the title cut last
        wide = book(command, user=user, env={"COLUMNS": "200"})
        assert {line.split()[0] for line in wide.stdout.splitlines()[2:]} <= {late, waiting}
    inbox = book("inbox", user="sari", env={"COLUMNS": "80"}).stdout
    short = waiting[: len(inbox.splitlines()[2].split()[0])]
    assert f"klipctl record {short}" in inbox
    assert book("show", short).ok  # what is shown can be typed back


def test_show_into_a_pipe_is_lines_and_says_what_the_terminal_shows(book: Book) -> None:
    """cli/sheet.py: into a pipe `show` writes lines (labels one width, no padding to a made-up
    screen, the timeline laid out as the lists are); where Rich draws it (COLUMNS set, as at a
    terminal) the grid and the boxed tables say the same words."""
    made = book("report", "--title", LONG, "--system", "VPN", "--description",
                "Sejak pagi.\nSemua lantai.", user="rina")  # fmt: skip
    assert made.ok, made.stderr
    fid = made.stdout.strip()
    book.walk(fid, "assigned")
    assert book("note", fid, "--text", "Teknisi datang\nbesok pagi", user="budi").ok
    piped, drawn = book("show", fid), book("show", fid, env={"COLUMNS": "200"})
    assert piped.ok and drawn.ok, (piped.stderr, drawn.stderr)
    lines = piped.stdout.splitlines()
    assert lines[0] == f"{fid} · {LONG}"
    assert all(line == line.rstrip() for line in lines), piped.stdout
    fields = lines[1 : lines.index("")]
    label_then_gap = re.compile(r"\S+(?: \S+)*  +")  # a label's words, then two spaces or more
    value_at = {len(found.group()) for line in fields if (found := label_then_gap.match(line))}
    assert len(value_at) == 1 and len(fields) >= 6, fields  # every value in the same column
    assert not set("┏┃│└") & set(piped.stdout)
    timeline = lines[lines.index("") + 2 :]
    assert timeline[0].split()[:2] == ["When", "Stage"] and set(timeline[1]) == {"─"}
    assert "Teknisi datang besok pagi" in timeline[-1]  # a row is one line
    described = lines.index(next(line for line in fields if line.endswith("Sejak pagi.")))
    assert lines[described + 1] == " " * next(iter(value_at)) + "Semua lantai."
    assert "┏" in drawn.stdout
    words = re.compile(r"[^\W_]+")
    assert Counter(words.findall(piped.stdout)) == Counter(words.findall(drawn.stdout))


# --- progress ----------------------------------------------------------------------------------


class Recorder(Progress):
    """A Progress that writes down what long work tells it: (key, total, steps taken)."""

    def __init__(self) -> None:
        self.tasks: list[tuple[str, int | None, int]] = []

    @contextmanager
    def task(self, key: str, total: int | None) -> Iterator[Step]:
        done = [0]

        def step(n: int = 1) -> None:
            done[0] += n

        yield step
        self.tasks.append((key, total, done[0]))


def test_long_work_tells_its_progress(book: Book) -> None:
    from klipctl.app import clock, queries
    from klipctl.app.context import Context
    from klipctl.audit import verify

    for n in range(3):
        book.report(f"Kegagalan {n}")
    recorder = Recorder()
    env = {**os.environ, "KLIPCTL_OFFLINE": "1"}
    ctx = Context(env=env, cwd=book.root, now=clock.now(env), progress=recorder)
    assert len(queries.list_failures(ctx, queries.Filters()).statuses) == 3
    assert recorder.tasks == [("progress_index", 3, 3)]  # the index of a fresh clone, built
    recorder.tasks.clear()
    report = verify.verify(ctx.logbook)
    assert report.ok
    assert sorted(recorder.tasks) == [  # files and history are read side by side
        ("progress_verify_files", 3, 3),
        ("progress_verify_history", None, report.commits),
    ]


def test_no_progress_off_a_terminal(book: Book) -> None:
    book.report()
    r = book("list")  # builds the index; standard error is no terminal here
    assert r.ok and len(r.stderr.strip().splitlines()) == 1  # the summary alone
    r = book("verify")
    assert r.ok and "Checking" not in r.stdout + r.stderr


def test_the_columns_a_list_cell_takes_are_what_rich_measures() -> None:
    """cli/lines.py measures the usual text by its length, without loading Rich's table of
    widths: for every character it counts so, Rich says one column; cut, the same text."""
    from rich.cells import cell_len as rich_len
    from rich.cells import set_cell_size as rich_size

    from klipctl.cli import lines

    counted = [chr(c) for c in range(0x20, 0x3000) if lines._ONE_COLUMN_EACH.fullmatch(chr(c))]
    assert len(counted) > 600
    assert all(rich_len(ch) == 1 for ch in counted)
    for text in [
        "Printer down",
        "Budi Santoso — Kasubbag",
        "Rénovation…",
        "日本語",
        "a\u0301b",
        "",
    ]:
        assert lines.cell_len(text) == rich_len(text)
        for width in range(8):
            assert lines.set_cell_size(text, width) == rich_size(text, width)
