"""The office PC, imitated on Linux: a Git for Windows clone (``core.autocrlf=true``), a console
code page (``PYTHONIOENCODING=cp1252`` / ``cp437``) into a pipe, Windows' editor command line and
its sharing violations. What cannot run here (a real Windows console, notepad, an antivirus
holding a file) is imitated by the behaviour klipctl meets there, as each test says."""

from __future__ import annotations

import os
import shlex
import subprocess
import sys
from pathlib import Path

import pytest
from conftest import Book

from klipctl.cli.kit import editor_command
from klipctl.storage import files


def clone(central: Path, target: Path, *config: str) -> Path:
    args = [a for c in config for a in ("-c", c)]
    subprocess.run(["git", "clone", "-q", *args, str(central), str(target)], check=True)
    return target


def walk_and_check(b: Book, fid: str) -> None:
    b.walk(fid, "archived")
    r = b("show", fid)
    assert r.ok and "altered" not in r.stdout + r.stderr, r.stdout + r.stderr
    v = b("verify")
    assert v.ok, v.stdout
    assert b.git("status", "--porcelain", "--untracked-files=no") == ""


def test_a_git_for_windows_clone_walks_a_failure_to_filed(
    book: Book, central: Path, tmp_path: Path
) -> None:
    """core.autocrlf=true is Git for Windows' installer default: the log book's .gitattributes
    keeps every file as committed, so the signed report still hashes to its signature."""
    pc = Book(clone(central, tmp_path / "pc", "core.autocrlf=true"), book.cli, book.keys)
    report = b"".join(p.read_bytes() for p in pc.root.glob("*.yaml"))
    assert b"\r\n" not in report
    walk_and_check(pc, pc.report())


def test_an_older_log_book_checked_out_with_crlf_is_put_right_by_its_first_write(
    book: Book, central: Path, tmp_path: Path
) -> None:
    """A log book from before klipctl shipped .gitattributes, cloned on Windows: its files are
    CRLF on disk. Signed reports read as intact, and the first write adds the attributes and
    puts the CRLF copies back as committed."""
    fid = book.report()
    book.walk(fid, "signed")
    (book.root / ".gitattributes").unlink()
    book.git("rm", "-q", "--cached", ".gitattributes")
    book.git("commit", "-qm", "An older log book")
    book.git("push", "-q", "origin", "main")
    pc = Book(clone(central, tmp_path / "pc", "core.autocrlf=true"), book.cli, book.keys)
    stored = next(pc.root.glob(f"failures/*/*/{fid}.report.md"))
    assert b"\r\n" in stored.read_bytes()  # what Git for Windows checked out
    r = pc("show", fid)
    assert r.ok and "altered" not in r.stdout + r.stderr, r.stdout + r.stderr
    assert pc("deliver", fid, "--yes", user="budi").ok  # the signed text is what was signed
    assert (pc.root / ".gitattributes").is_file()
    assert b"\r\n" not in next(pc.root.glob(f"failures/*/*/{fid}.yaml")).read_bytes()
    assert pc("archive", fid, "--yes", user="sari").ok
    v = pc("verify")
    assert v.ok, v.stdout
    assert pc.git("status", "--porcelain", "--untracked-files=no") == ""


@pytest.mark.parametrize("codepage", ["cp1252", "cp437"])
def test_every_command_writes_utf8_into_a_pipe_whatever_the_code_page(
    book: Book, codepage: str
) -> None:
    """A Windows console's code page for redirected output: "→", "─" and "…" are not in it."""
    fid = book.report("Server cetak mati → antrean penuh…")
    book.walk(fid, "assigned")
    env = {**os.environ, "PYTHONIOENCODING": codepage, "KLIPCTL_LOGBOOK": str(book.root)}
    env.pop("COLUMNS", None)
    for args in (["list"], ["due"], ["show", fid], ["render", fid], ["calendar", "show"],
                 ["verify"], ["--help"], ["inbox"]):  # fmt: skip
        proc = subprocess.run(
            [sys.executable, "-m", "klipctl", *args],
            env={**env, "KLIPCTL_USER": "andi"},
            capture_output=True,
            check=False,
        )
        assert proc.returncode == 0, (args, proc.stderr.decode("utf-8", "replace"))
        out = proc.stdout.decode("utf-8")  # UTF-8, not the code page: no crash decoding it
        assert "\x1b[" not in out and "\x1b[" not in proc.stderr.decode("utf-8")
        if args[0] in ("list", "show", "render"):
            assert "Server cetak mati → antrean penuh…" in out, (args, out)


def test_no_color_and_a_dumb_terminal_get_no_escape_sequences(book: Book) -> None:
    fid = book.report()
    book.walk(fid, "assigned")
    for extra in ({"NO_COLOR": "1", "FORCE_COLOR": "1"}, {"TERM": "dumb"}):
        env = {**os.environ, "KLIPCTL_LOGBOOK": str(book.root), **extra}
        proc = subprocess.run([sys.executable, "-m", "klipctl", "list"], env=env,
                              capture_output=True, text=True, check=False)  # fmt: skip
        assert proc.returncode == 0 and "\x1b[" not in proc.stdout, (extra, proc.stdout)


def test_the_editor_follows_each_systems_rules(tmp_path: Path) -> None:
    path = tmp_path / "teks.txt"
    program = tmp_path / "Program Files" / "Notepad++" / "notepad++.exe"
    program.parent.mkdir(parents=True)
    program.write_text("")
    # Windows: the setting is a Windows command line, passed whole (backslashes and spaces
    # intact); an unquoted program path with a space is quoted; notepad when nothing is set.
    assert editor_command({}, path, windows=True) == f'notepad "{path}"'
    assert editor_command({"EDITOR": str(program)}, path, windows=True) == f'"{program}" "{path}"'
    given = r'"C:\Program Files\Notepad++\notepad++.exe" -multiInst'
    assert editor_command({"VISUAL": given, "EDITOR": "x"}, path, windows=True) == (
        f'{given} "{path}"'
    )
    # Elsewhere: split as a shell would; nano or vi when nothing is set.
    assert editor_command({"EDITOR": "code --wait"}, path, windows=False) == [
        "code", "--wait", str(path),
    ]  # fmt: skip
    assert editor_command({}, path, windows=False)[0] in ("nano", "vi")


def test_a_file_held_open_elsewhere_is_replaced_after_a_moment(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Windows refuses os.replace while another process has the file open (PermissionError,
    a sharing violation); here the refusal is imitated for the first two attempts."""
    target = tmp_path / "roster.yaml"
    target.write_text("old")
    real, refusals = os.replace, []

    def held_open(src: str | Path, dst: str | Path) -> None:
        if len(refusals) < 2:
            refusals.append(dst)
            raise PermissionError(13, "The process cannot access the file")
        real(src, dst)

    monkeypatch.setattr(files.os, "replace", held_open)
    monkeypatch.setattr(files, "REPLACE_PAUSE_SECONDS", 0.001)
    files.atomic_write(target, b"new")
    assert target.read_bytes() == b"new" and len(refusals) == 2
    refusals.clear()
    monkeypatch.setattr(files, "REPLACE_ATTEMPTS", 2)  # held for longer than klipctl waits
    with pytest.raises(PermissionError):
        files.atomic_write(target, b"newer")
    assert target.read_bytes() == b"new" and not list(tmp_path.glob(".roster.yaml.*"))


def test_the_whole_sop_signs_without_ssh_keygen_and_stock_tools_verify_it(
    book: Book, tmp_path: Path, no_ssh_keygen: dict[str, str]
) -> None:
    """Windows 10's OpenSSH is too old to sign (no ``-Y``), and a PC may have none: klipctl
    signs entries and commits itself. Here ssh-keygen is taken off PATH for the steps, then the
    real one (and stock git) check every signature."""
    no_keygen = no_ssh_keygen
    fid = book.report(env=no_keygen)
    book.walk(fid, "archived", env=no_keygen)
    assert book("verify", env=no_keygen).ok
    # Stock git, through the real ssh-keygen, on every commit of the failure.
    signers = book.root / "allowed_signers"
    shas = book.git("log", "--format=%H", "--", "failures").split()
    assert len(shas) == 9
    for sha in shas:
        proc = subprocess.run(
            ["git", "-c", f"gpg.ssh.allowedSignersFile={signers}", "verify-commit", sha],
            cwd=book.root, capture_output=True, text=True, check=False,
        )  # fmt: skip
        assert proc.returncode == 0 and 'Good "git" signature' in proc.stderr, proc.stderr
    # Stock ssh-keygen -Y verify on every entry.
    from klipctl.audit import signing
    from klipctl.storage import store
    from klipctl.storage.logbook import LogBook

    failure = LogBook(book.root).load_failure(fid)
    for entry in failure.entries:
        data = store.entry_to_dict(entry)
        data.pop("sig")
        message = tmp_path / "entry"
        message.write_bytes(signing.canonical(data))
        sig = tmp_path / "entry.sig"
        sig.write_text(str(entry.sig))
        proc = subprocess.run(
            ["ssh-keygen", "-Y", "verify", "-f", str(signers), "-I", entry.actor,
             "-n", signing.NAMESPACE, "-s", str(sig)],
            stdin=message.open("rb"), capture_output=True, text=True, check=False,
        )  # fmt: skip
        assert proc.returncode == 0, (entry.action, proc.stdout + proc.stderr)


def test_a_passphrase_key_opens_in_process_asked_once(
    book: Book, tmp_path: Path, no_ssh_keygen: dict[str, str]
) -> None:
    """A protected key on a PC whose ssh-keygen cannot sign: klipctl asks for the passphrase
    (once, however many signatures the command makes) and signs itself."""

    from test_asides import at_terminal

    key = tmp_path / "rina-protected"
    subprocess.run(["ssh-keygen", "-q", "-t", "ed25519", "-N", "rahasia", "-f", str(key)],
                   check=True)  # fmt: skip
    assert book("roster", "set-key", "rina", "--key", f"{key}.pub", user="budi").ok
    env = {"KLIPCTL_SIGNING_KEY": str(key), **no_ssh_keygen}
    before = book.commit_count()
    args = ("report", "--title", "Printer mati", "--system", "Printer")
    # Typed once the hidden prompt shows (its trailing space): getpass flushes what came before.
    answers = [("Uraian", "\n"), ("-protected: ", "rahasia\n")]
    code, out = at_terminal(book, "rina", *args, answers=answers, env=env)
    assert code == 0, out
    assert out.count("Frasa sandi kunci") == 1 and book.commit_count() == before + 1
    code, out = at_terminal(
        book, "rina", "report", "--title", "Lagi", "--system", "Printer",
        answers=[("Uraian", "\n"), ("-protected: ", "salah\n")], env=env,
    )  # fmt: skip
    assert code == 1 and "Frasa sandi kunci" in out and "salah" in out.split("\n")[-2], out
    assert book.commit_count() == before + 1
    assert book("verify").ok


def test_a_new_pc_joins_with_one_command_and_a_line_for_the_supervisor(
    book: Book, tmp_path: Path
) -> None:
    """A central repository made with a plain `git init --bare` (HEAD: master); a new PC with
    no key and no environment variables: `join` clones, makes a key, sets git's identity."""
    bare = tmp_path / "central.git"
    subprocess.run(["git", "init", "-q", "--bare", "-b", "master", str(bare)], check=True)
    assert book.cli("hook", "install", str(bare)).ok
    assert book("remote", "set", str(bare)).ok and book("sync", user="budi").ok
    plain = clone(bare, tmp_path / "plain")  # HEAD names the log book's branch now
    assert (plain / "klipctl.yaml").is_file()
    home = tmp_path / "home-tari"
    home.mkdir()
    pc = tmp_path / "pc"
    r = book.cli("join", str(bare), str(pc), "--handle", "tari", "--name", "Tari Utami",
                 "--email", "tari@pajak.go.id", env={"HOME": str(home)})  # fmt: skip
    assert r.ok, r.stderr
    key = home / ".ssh" / "klipctl_ed25519"
    assert key.is_file() and (key.stat().st_mode & 0o777) == 0o600
    line = next(x for x in r.stdout.splitlines() if x.startswith("klipctl roster add tari"))
    assert f'--key "{(Path(f"{key}.pub").read_text().split()[0])} ' in line
    # The supervisor runs the line (NIP and role filled in) on his PC.
    args = shlex.split(line.replace("--nip NIP", "--nip 199501012020122001")
                       .replace("--role PERAN", "--role staff"))[1:]  # fmt: skip
    assert book(*args, user="budi").ok
    assert book("sync", user="budi").ok
    # On the new PC, nothing but git's own settings says who works there.
    tari = Book(pc, book.cli, book.keys)
    plain_env = {"HOME": str(home), "KLIPCTL_USER": "", "KLIPCTL_SIGNING_KEY": ""}
    assert tari("sync", env=plain_env).ok
    r = tari("report", "--title", "Scanner macet", "--system", "Scanner", env=plain_env)
    assert r.ok, r.stderr
    assert tari("verify", env=plain_env).ok


def test_a_read_brings_the_centres_news_in_when_the_clone_is_stale(
    book: Book, central: Path, tmp_path: Path
) -> None:
    other = Book(clone(central, tmp_path / "pc2"), book.cli, book.keys)
    assert other("list").ok
    fid = book.report("Baru dari PC lain")
    # Fetched just now: the board is as this clone has it (no wait on the network).
    assert fid not in other("list").stdout
    fetch_head = other.root / ".git" / "FETCH_HEAD"
    old = fetch_head.stat().st_mtime - 600
    os.utime(fetch_head, (old, old))
    assert fid in other("list").stdout  # stale: the read fetched first
    # An unreachable centre: the read answers from the clone, quietly and at once.
    other.git("remote", "set-url", "origin", str(tmp_path / "gone.git"))
    os.utime(fetch_head, (old, old))
    r = other("list")
    assert r.ok and fid in r.stdout and r.stderr == "1 failure, 0 overdue.\n"


def test_doctor_signs_for_real_and_names_a_key_others_can_read(book: Book, tmp_path: Path) -> None:
    """Keys copied between PCs often end up readable by everyone: ssh refuses them."""
    import shutil

    loose = tmp_path / "rina"
    shutil.copy(book.keys["rina"], loose)
    shutil.copy(f"{book.keys['rina']}.pub", f"{loose}.pub")
    loose.chmod(0o644)
    r = book("doctor", user="rina", env={"KLIPCTL_SIGNING_KEY": str(loose)})
    assert r.exit_code == 1 and "readable by other users" in r.stdout + r.stderr, r.stdout
    loose.chmod(0o600)
    r = book("doctor", user="rina", env={"KLIPCTL_SIGNING_KEY": str(loose)})
    assert "readable by other users" not in r.stdout + r.stderr
    # Someone else's key: signs, but not as the roster says rina does.
    r = book("doctor", user="rina", env={"KLIPCTL_SIGNING_KEY": str(book.keys["sari"])})
    assert r.exit_code == 1 and "rina" in r.stdout + r.stderr
