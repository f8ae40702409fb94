"""Every word around klipctl's own messages in the person's language: Click's help and usage
errors, values typed as they are shown, the audit trail described from trailers, the labels of
`show`, the flags of a terminal (-V, -q, -v, --no-input and --yes after the command), `klipctl`
alone, and the prompts and confirmation checked on a real pseudo-terminal."""

from __future__ import annotations

import json
import re
import sys
from collections.abc import Callable
from pathlib import Path

import pytest
from conftest import Book, Run

from klipctl import __version__
from klipctl.errors import InvalidInput, UsageError
from klipctl.i18n.messages import ROLE_NAMES, SEVERITY_NAMES, STAGE_NAMES, typed_choices
from klipctl.i18n.values import canonical

# English as Click and Typer write it, which an Indonesian screen must never show.
ENGLISH = re.compile(
    r"Usage:|Options:|Arguments:|Commands:|Show this message|\[default|\[required\]|<str>|"
    r"\{[A-Z_]+\}|\[OPTIONS\]|COMMAND \[ARGS\]|Error:|Missing|No such|Did you mean|Try '|"
    r"requires an? |does not take|unexpected extra|Aborted|invalid input|Got |"
    r"(?<![-\w])(?:the|is|not|of|for|and|value|option|argument|command)\b(?!-)"
)


def in_id(cli: Callable[..., Run], *args: str, **kwargs: object) -> Run:
    """A command line typed by an Indonesian office: app, flags and messages in Indonesian."""
    return cli("--lang", "id", *args, lang="id", **kwargs)


# --- Click's own words ---------------------------------------------------------------------------


@pytest.mark.parametrize(
    "args",
    [(), ("assign",), ("report",), ("list",), ("roster",), ("roster", "add"), ("calendar",)],
)
def test_help_is_indonesian_through_and_through(cli: Callable[..., Run], args: tuple) -> None:
    r = in_id(cli, *args, "-h")
    assert r.ok, r.stderr
    assert not ENGLISH.search(r.stdout), ENGLISH.search(r.stdout)
    assert r.stdout.startswith("Cara pakai: klipctl")
    assert "Opsi:" in r.stdout and "Tampilkan bantuan ini lalu keluar." in r.stdout


def test_no_command_s_help_has_click_s_english(cli: Callable[..., Run]) -> None:
    from typer.main import get_command

    from klipctl.cli.main import make_app

    def every(group: object, prefix: tuple[str, ...]) -> list[tuple[str, ...]]:
        found = [prefix]
        for name, command in group.commands.items():  # type: ignore[attr-defined]
            found += (
                every(command, (*prefix, name))
                if hasattr(command, "commands")
                else [(*prefix, name)]
            )
        return found

    names = every(get_command(make_app("id")), ())
    assert len(names) > 40
    for name in names:
        r = in_id(cli, *name, "-h")
        assert r.ok and r.stdout.startswith("Cara pakai: klipctl"), (name, r.stderr)
        assert not ENGLISH.search(r.stdout), (name, ENGLISH.search(r.stdout))


def test_help_says_usage_defaults_and_metavars_as_typed(cli: Callable[..., Run]) -> None:
    r = in_id(cli, "assign", "-h")
    assert "Cara pakai: klipctl assign [OPSI] ID\n" in r.stdout
    assert "Argumen:" in r.stdout and "[wajib]" in r.stdout and "--note TEKS" in r.stdout
    r = in_id(cli, "report", "-h")
    assert "--severity TINGKAT" in r.stdout and "[bawaan: sedang]" in r.stdout
    assert "--description-file BERKAS|-" in r.stdout
    r = in_id(cli, "-h")
    assert "Cara pakai: klipctl [OPSI] PERINTAH [ARGUMEN]...\n" in r.stdout
    assert "Perintah:" in r.stdout
    # English help keeps Click's words, said the same way.
    text = " ".join(cli("report", "-h").stdout.split())
    assert "Usage: klipctl report [OPTIONS]" in text and "[default: medium]" in text
    assert "--title TEXT" in text and "Show this help and exit." in text


# Wrong command lines an office person types, and the sentence each gets (all exit 2).
WRONG = [
    (("asign", "x"), "Tidak ada perintah 'asign'; maksud Anda assign, sign, reassign?"),
    (("assign",), "ID belum diisi; lihat `klipctl assign -h`."),
    (("list", "--bogus"), "Opsi --bogus tidak dikenal; lihat `klipctl list -h`."),
    (("list", "--stat"), "Opsi --stat tidak dikenal; maksud Anda --stage?"),
    (("list", "--format"), "Opsi --format perlu diisi nilainya; lihat `klipctl list -h`."),
    (("list", "--all=ya"), "Opsi --all tidak diikuti nilai; lihat `klipctl list -h`."),
    (("roster", "add", "x", "--role"), "Opsi --role perlu diisi nilainya"),
    (("assign", "a", "b", "c"), "Ada argumen berlebih: b c; lihat `klipctl assign -h`."),
    (("roster", "tambah"), "Tidak ada perintah 'tambah'"),
    (("--lang",), "Opsi --lang perlu diisi nilainya; lihat `klipctl -h`."),
    (("calendar", "workdays", "2026-03-02"), "AKHIR belum diisi"),
    (("-V", "x"), None),  # the version wins, as in every program
]


@pytest.mark.parametrize(("args", "said"), WRONG)
def test_wrong_command_lines_are_answered_in_indonesian(
    cli: Callable[..., Run], args: tuple, said: str | None
) -> None:
    r = cli(*args, lang="id", env={"KLIPCTL_LANG": "id"})
    if said is None:
        assert r.ok and r.stdout == f"klipctl {__version__}\n"
        return
    assert r.exit_code == 2, (r.exit_code, r.stderr)
    assert len(r.stderr.strip().splitlines()) == 1 and said in r.stderr, r.stderr
    assert not ENGLISH.search(r.stderr), (ENGLISH.search(r.stderr), r.stderr)


def test_a_group_alone_shows_its_help_in_indonesian(cli: Callable[..., Run]) -> None:
    r = in_id(cli, "roster")
    assert r.exit_code == 2 and r.stdout == ""
    assert r.stderr.startswith("Cara pakai: klipctl roster [OPSI] PERINTAH [ARGUMEN]...")
    assert "set-role" in r.stderr and not ENGLISH.search(r.stderr)


# --- values in both languages ------------------------------------------------------------------


@pytest.mark.parametrize(
    ("kind", "names"), [("stage", STAGE_NAMES), ("role", ROLE_NAMES), ("severity", SEVERITY_NAMES)]
)
def test_every_value_as_listed_reads_back_as_itself(kind: str, names: dict) -> None:
    for lang in ("id", "en"):
        typed = typed_choices(kind, lang).split(", ")
        assert [canonical(kind, t) for t in typed] == list(names), (lang, typed)
        assert [canonical(kind, t.upper()) for t in typed] == list(names)


@pytest.mark.parametrize(
    ("command", "option", "kind"),
    [
        (("report",), "--severity", "severity"),
        (("list",), "--stage", "stage"),
        (("roster", "add"), "--role", "role"),
        (("roster", "set-role"), "--add", "role"),
        (("roster", "set-role"), "--remove", "role"),
    ],
)
def test_help_lists_the_values_as_they_are_typed(
    cli: Callable[..., Run], command: tuple, option: str, kind: str
) -> None:
    for lang, run in (("id", in_id), ("en", lambda c, *a: c(*a))):
        text = " ".join(run(cli, *command, "-h").stdout.split())  # unwrapped
        line = text.split(f"{option} ", 1)[1]
        assert typed_choices(kind, lang) in line, (lang, line[:200])


def test_values_typed_in_indonesian_are_stored_canonically(book: Book) -> None:
    r = book("report", "--title", "Printer", "--system", "Printer", "--severity", "Tinggi",
             "--json", user="rina")  # fmt: skip
    assert r.ok, r.stderr
    fid = json.loads(r.stdout)["id"]
    (stored,) = book.root.rglob(f"{fid}.yaml")
    assert "severity: high" in stored.read_text(encoding="utf-8")
    assert book("record", fid, user="sari").ok
    listed = json.loads(book("list", "--stage", "dicatat", "--json").stdout)
    assert [f["id"] for f in listed] == [fid]
    r = book("roster", "set-role", "tono", "--add", "kasubbag", user="budi")
    assert r.ok, r.stderr
    assert "supervisor" in json.loads(book("roster", "show", "tono", "--json").stdout)["roles"]


def test_a_wrong_value_is_refused_with_the_choices_in_the_readers_language(book: Book) -> None:
    snap = book.snapshot()
    r = book("--lang", "id", "report", "-t", "x", "-s", "y", "--severity", "parah", user="rina")
    assert r.refused("invalid_severity", InvalidInput)
    assert "pilih dari: rendah, sedang, tinggi, kritis." in r.stderr
    r = book("report", "-t", "x", "-s", "y", "--severity", "parah", user="rina")
    assert "choose from: low, medium, high, critical." in r.stderr
    r = book("--lang", "id", "list", "--stage", "selesai")
    assert r.refused("invalid_stage", InvalidInput)
    assert "dilaporkan, dicatat, ditugaskan" in r.stderr and "reported" not in r.stderr
    r = book("--lang", "id", "roster", "set-role", "tono", "--add", "bos", user="budi")
    assert r.refused("invalid_role", InvalidInput)
    assert "pilih dari: staf, pelaksana, kasubbag, petugas, kepala." in r.stderr
    assert book.snapshot() == snap


# --- the audit trail in the reader's language ----------------------------------------------------


def test_history_and_status_describe_each_commit_from_its_trailers(book: Book) -> None:
    from test_verify import hand_commit

    fid = book.report()
    book.walk(fid, "assigned")
    r = book("--lang", "id", "history", fid, env={"COLUMNS": "200"})
    assert r.ok, r.stderr
    assert f"Menugaskan Petugas Dukungan Sistem ({fid}); tahap: Ditugaskan" in r.stdout
    assert f"Menyampaikan laporan kegagalan sistem ({fid}); tahap: Dilaporkan" in r.stdout
    assert f"Assign {fid}" not in r.stdout  # the stored subject, in English, is not shown
    r = book("history", fid, env={"COLUMNS": "200"})
    assert f"Assign a system support operator ({fid}); stage: Assigned" in r.stdout
    # A commit klipctl did not make has no trailers: its subject, as git holds it.
    (book.root / "README.md").write_text("diubah\n", encoding="utf-8")
    hand_commit(book, "budi", "Perbaiki README")
    r = book("--lang", "id", "status", env={"COLUMNS": "200"})
    assert r.ok, r.stderr
    assert "Daftar pegawai: budi ditambahkan" in r.stdout and "Log book dimulai" in r.stdout
    assert f"Mencatat laporan dalam Log Book ({fid}); tahap: Dicatat" in r.stdout
    assert "Perbaiki README" in r.stdout and "Add budi" not in r.stdout


def test_show_labels_every_field_and_names_roles_as_an_office_does(book: Book) -> None:
    fid = book.report()
    book.walk(fid, "reviewed")
    assert book("note", fid, "--text", "Menunggu suku cadang", user="andi").ok
    r = book("--lang", "id", "show", fid, env={"COLUMNS": "250"})
    assert r.ok, r.stderr
    for said in ("tingkat: sedang", "kepada: andi", "tindakan: Restarted the spooler",
                 "penyusun laporan: sari", "catatan: Menunggu suku cadang", "budi (kasubbag)",
                 "sari (pelaksana)", "andi (petugas)", "rina (staf)"):  # fmt: skip
        assert said in r.stdout, said
    for english in ("severity:", "to:", "drafter:", "(supervisor)", "(clerk)", "(operator)"):
        assert english not in r.stdout, english
    r = book("show", fid, env={"COLUMNS": "250"})
    assert "severity: medium" in r.stdout and "budi (supervisor)" in r.stdout


# --- the terminal's flags ------------------------------------------------------------------------


def test_version_short_and_long(cli: Callable[..., Run]) -> None:
    for flag in ("-V", "--version"):
        r = cli(flag)
        assert r.ok and r.stdout == f"klipctl {__version__}\n"


def test_quiet_silences_the_after_change_block_before_or_after_the_command(book: Book) -> None:
    fid = book.report()
    r = book("record", fid, user="sari")
    assert r.ok and "Next:" in r.stderr
    r = book("assign", fid, "--to", "andi", "-q", user="budi")
    assert r.ok and r.stderr == "" and r.stdout == ""
    r = book("-q", "report", "--title", "x", "--system", "y", user="rina")
    assert r.ok and r.stderr == "" and re.fullmatch(r"[0-9a-z]{12}\n", r.stdout)


def test_verbose_shows_each_git_command_for_that_command_line_only(book: Book) -> None:
    fid = book.report()
    r = book("record", fid, "-v", user="sari")
    assert r.ok, r.stderr
    runs = [line for line in r.stderr.splitlines() if line.startswith("$ git ")]
    assert any(" hash-object -t commit " in line for line in runs), runs  # the commit object
    assert any(line.startswith("$ git update-ref ") for line in runs), runs
    r = book("-v", "list")
    assert r.ok and "$ git " in r.stderr
    r = book("list")
    assert "$ git" not in r.stderr


def test_no_input_and_yes_before_or_after_the_command(book: Book) -> None:
    fid = book.report()
    book.walk(fid, "drafted")
    snap = book.snapshot()
    assert book("sign", fid, user="budi").refused("not_confirmed", UsageError)
    assert book("sign", fid, "--no-input", user="budi").refused("not_confirmed", UsageError)
    assert book("report", "--no-input", user="rina").refused("missing_flags", UsageError)
    assert book.snapshot() == snap
    r = book("--yes", "sign", fid, user="budi")
    assert r.ok, r.stderr
    assert book("deliver", fid, "-y", user="budi").ok
    assert book("list", "--no-input", "--yes").ok  # taken by a command that asks nothing


def test_klipctl_alone_says_what_it_is_and_what_waits_inside_a_log_book(
    cli: Callable[..., Run], book: Book
) -> None:
    r = in_id(cli)
    assert r.ok, r.stderr
    lines = r.stdout.strip().splitlines()
    assert len(lines) <= 12 and lines[0].startswith("klipctl menjalankan SOP LIP10-0072")
    for command in ("inbox", "report", "list", "show ID", "due"):
        assert any(line.strip().startswith(f"klipctl {command} ") for line in lines), command
    assert "klipctl -h" in r.stdout and "`klipctl demo`" in lines[-1]
    fid = book.report()
    r = book("--lang", "id", lang="id", user="sari")
    assert r.ok and r.stdout.strip().splitlines()[-1] == (
        "1 kegagalan menunggu Anda: `klipctl inbox`."
    )
    book.walk(fid, "recorded")
    r = book(user="sari")
    assert r.stdout.strip().splitlines()[-1] == "No failure waits for you."
    r = book(user="nobody")
    assert "`klipctl doctor` says why." in r.stdout


# --- on a real terminal --------------------------------------------------------------------------


def spawn(book: Book, user: str, *args: str, key: Path | None = None, lang: str = "id") -> object:
    import os

    env = {**os.environ, "KLIPCTL_LOGBOOK": str(book.root), "KLIPCTL_USER": user,
           "KLIPCTL_SIGNING_KEY": str(key or book.keys[user]), "KLIPCTL_LANG": lang,
           "NO_COLOR": "1", "COLUMNS": "80"}  # fmt: skip
    pexpect = pytest.importorskip("pexpect")  # a POSIX terminal: not on Windows
    child = pexpect.spawn(sys.executable, ["-m", "klipctl", *args], env=env, encoding="utf-8",
                          timeout=60, dimensions=(30, 80), preexec_fn=as_from_a_shell)  # fmt: skip
    return on_terminal(child)


def as_from_a_shell() -> None:
    """Ctrl-C as a shell leaves it to the program it starts: a test runner's worker may ignore
    SIGINT, and what is ignored at start Python leaves ignored."""
    import signal

    signal.signal(signal.SIGINT, signal.SIG_DFL)


def on_terminal(child: object) -> object:
    """A hidden prompt (getpass) flushes the terminal's input once its prompt is written: an
    answer typed before it has turned echo off is lost, as a person's would be. Give it time
    to, on a machine however busy."""
    child.delaybeforesend = 0.5  # type: ignore[attr-defined]
    return child


def ended(child: object) -> tuple[int, str]:
    import pexpect

    if child.expect([pexpect.EOF, pexpect.TIMEOUT]) == 1:  # type: ignore[attr-defined]
        pytest.fail(f"klipctl still waits, having written: {child.before!r}")  # type: ignore[attr-defined]
    child.close()  # type: ignore[attr-defined]
    return child.exitstatus, child.before  # type: ignore[attr-defined]


@pytest.mark.skipif(sys.platform == "win32", reason="a POSIX pseudo-terminal")
def test_confirmation_is_y_slash_t_and_takes_either_language(book: Book) -> None:
    fid = book.report()
    book.walk(fid, "drafted")
    child = spawn(book, "budi", "sign", fid)
    child.expect_exact(f'{fid} "Print server down"? [y/T]: ')  # type: ignore[attr-defined]
    child.sendline("mungkin")  # type: ignore[attr-defined]
    child.expect_exact("Jawab ya atau tidak.")  # type: ignore[attr-defined]
    child.sendline("t")  # type: ignore[attr-defined]
    code, out = ended(child)
    assert code == 1 and "Dibatalkan; log book tidak diubah." in out, out
    child = spawn(book, "budi", "sign", fid, lang="en")
    child.expect_exact("[y/N]")  # type: ignore[attr-defined]
    child.sendline("ya")  # type: ignore[attr-defined]
    code, out = ended(child)
    assert code == 0 and "Signed" in out, out
    child = spawn(book, "budi", "deliver", fid)
    child.expect_exact("[y/T]")  # type: ignore[attr-defined]
    child.sendline("Y")  # type: ignore[attr-defined]
    code, out = ended(child)
    assert code == 0 and "Disampaikan" in out, out


@pytest.mark.skipif(sys.platform == "win32", reason="a POSIX pseudo-terminal")
def test_ctrl_c_at_a_question_cancels_with_130(book: Book) -> None:
    snap = book.snapshot()
    child = spawn(book, "rina", "report")
    child.expect_exact("Judul")  # type: ignore[attr-defined]
    child.sendintr()  # type: ignore[attr-defined]
    code, out = ended(child)
    assert code == 130 and "klipctl: Dibatalkan; log book tidak diubah." in out, out
    assert "Aborted" not in out and "Traceback" not in out
    assert book.snapshot() == snap


@pytest.mark.skipif(sys.platform == "win32", reason="a POSIX pseudo-terminal")
def test_a_passphrase_is_asked_once_in_indonesian(book: Book, tmp_path: Path) -> None:
    import subprocess

    key = tmp_path / "rina-secret"
    subprocess.run(["ssh-keygen", "-q", "-t", "ed25519", "-N", "rahasia sekali", "-C", "rina",
                    "-f", str(key)], check=True)  # fmt: skip
    r = book("roster", "set-key", "rina", "--key", f"{key}.pub", user="budi")
    assert r.ok, r.stderr
    before = book.commit_count()
    child = spawn(book, "rina", "report", "-t", "Printer mati", "-s", "Printer", "-d", "Macet",
                  key=key)  # fmt: skip
    child.expect_exact(f"Frasa sandi kunci {key}")  # type: ignore[attr-defined]
    child.sendline("rahasia sekali")  # type: ignore[attr-defined]
    code, out = ended(child)
    assert code == 0, out
    assert "Frasa sandi" not in out and "Enter passphrase" not in out  # asked once, ours
    assert book.commit_count() == before + 1 and book("verify").ok


@pytest.mark.skipif(sys.platform == "win32", reason="a POSIX pseudo-terminal")
def test_a_new_passphrase_is_typed_twice_until_both_agree(
    book: Book, central: Path, tmp_path: Path
) -> None:
    import os

    pexpect = pytest.importorskip("pexpect")
    home = tmp_path / "home-tari"
    home.mkdir()
    env = {**os.environ, "HOME": str(home), "KLIPCTL_LANG": "id", "NO_COLOR": "1"}
    child = on_terminal(pexpect.spawn(
        sys.executable,
        ["-m", "klipctl", "join", str(central), str(tmp_path / "pc"), "--handle", "tari",
         "--name", "Tari Utami", "--email", "tari@pajak.go.id", "--passphrase"],
        env=env, encoding="utf-8", timeout=60, dimensions=(30, 80), preexec_fn=as_from_a_shell,
    ))  # fmt: skip
    child.expect_exact("Frasa sandi untuk kunci baru: ")
    child.sendline("satu")
    child.expect_exact("Ketik sekali lagi: ")
    child.sendline("dua")
    child.expect_exact("Kedua frasa sandi berbeda; ketik ulang.")
    child.expect_exact("Frasa sandi untuk kunci baru: ")
    child.sendline("rahasia sekali")
    child.expect_exact("Ketik sekali lagi: ")
    child.sendline("rahasia sekali")
    code, out = ended(child)
    assert code == 0, out
    assert "Repeat for confirmation" not in out and "do not match" not in out
    from cryptography.hazmat.primitives import serialization

    data = (home / ".ssh" / "klipctl_ed25519").read_bytes()
    with pytest.raises(TypeError):  # encrypted: it needs the passphrase
        serialization.load_ssh_private_key(data, password=None)
    assert serialization.load_ssh_private_key(data, password=b"rahasia sekali")
