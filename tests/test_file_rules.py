"""Every file of the log book has a rule (issue 15): the configuration, the calendar, the
templates and the logo change only by a supervisor's signed klipctl command; set-up files never;
a failure's own files only in its steps; nothing klipctl does not know. Each forgery is built as
an attacker would (plain git, another key), checked by `verify` by its kind and pushed to a
central repository whose hook must refuse it; honest work through the CLI verifies and pushes."""

from __future__ import annotations

import json
import subprocess
from pathlib import Path

from conftest import Book
from test_attacks import kinds, push
from test_verify import hand_commit

from klipctl.errors import BadFile, InvalidInput, KlipError, Refused, UsageError

PNG = b"\x89PNG\r\n\x1a\n" + b"\x00" * 16


def forged_commit(book: Book, message: str, *, author: str, key: str) -> None:
    """Commit everything as ``author`` (their address), signed with ``key``'s key."""
    book.git(
        "-c", f"user.name={author}", "-c", f"user.email={author}@pajak.go.id",
        "-c", "gpg.format=ssh", "-c", f"user.signingkey={book.keys[key]}",
        "commit", "-q", "-S", "-a", "-m", message,
    )  # fmt: skip


def config_set_trailers(actor: str) -> str:
    return (
        "Set signatures.required in klipctl.yaml\n\n"
        "Klipctl-Action: config-set\nKlipctl-Setting: signatures.required\n"
        f"Klipctl-Actor: {actor}\n"
    )


def signatures_off(book: Book) -> None:
    config = book.root / "klipctl.yaml"
    config.write_text(config.read_text().replace("required: true", "required: false"))


def test_honest_changes_to_every_governed_file_verify_and_push(
    book: Book, central: Path, tmp_path: Path
) -> None:
    assert book("config", "set", "deadline.working_days", "12", user="budi").ok
    assert book("calendar", "add", "2026-06-19", "--name", "Gedung ditutup", "--reason",
                "ND-45", user="budi").ok  # fmt: skip
    logo = tmp_path / "logo.png"
    logo.write_bytes(PNG)
    r = book("template", "add", str(logo), user="budi")
    assert r.ok and "logo.png" in r.stderr + r.stdout, r.stderr
    letterhead = tmp_path / "kop.md.j2"
    letterhead.write_bytes(b"\xef\xbb\xbfKANTOR PELAYANAN PAJAK CONTOH\r\n")
    r = book("template", "add", str(letterhead), "--name", "letterhead.md.j2", user="budi")
    assert r.ok, r.stderr
    stored = (book.root / "templates" / "letterhead.md.j2").read_bytes()
    assert stored == b"KANTOR PELAYANAN PAJAK CONTOH\n"  # no BOM, no CR: Notepad's habits
    shown = json.loads(book("template", "list", "--json").stdout)
    own = {t["name"] for t in shown if t["own"]}
    assert own == {"logo.png", "letterhead.md.j2"}
    assert book("template", "add", str(logo), user="budi").refused("template_same", Refused)
    report = tmp_path / "laporan.md.j2"
    report.write_text("LAPORAN KANTOR CONTOH\n")
    assert book("template", "add", str(report), "--name", "report.md.j2", user="budi").ok
    fid = book.report()
    book.walk(fid, "drafted")
    assert book("render", fid).stdout == "LAPORAN KANTOR CONTOH\n"
    assert book("template", "remove", "logo.png", user="budi").ok
    assert not (book.root / "templates" / "logo.png").exists()
    assert kinds(book) == set()
    r = book("sync", user="budi")
    assert r.ok, r.stderr
    assert (
        book.git("rev-parse", "HEAD")
        == subprocess.run(
            ["git", "rev-parse", "main"], cwd=central, capture_output=True, text=True
        ).stdout
    )


def test_template_refusals_name_what_to_fix_and_change_nothing(book: Book, tmp_path: Path) -> None:
    snap = book.snapshot()
    head = book.git("rev-parse", "HEAD")
    broken = tmp_path / "report.md.j2"
    broken.write_text("{% if %}\n")
    cases = [
        (("template", "add", str(broken)), "budi", "template_broken", KlipError),
        (("template", "add", str(broken), "--name", "evil.j2"), "budi", "template_unknown",
         InvalidInput),
        (("template", "add", str(tmp_path / "none.png"), "--name", "logo.png"), "budi",
         "file_unreadable", UsageError),
        (("template", "add", str(tmp_path), "--name", "logo.png"), "budi", "file_not_regular",
         UsageError),
        (("template", "add", str(broken), "--name", "logo.png"), "budi", "logo_not_image",
         InvalidInput),
        (("template", "remove", "logo.png"), "budi", "template_not_overridden", Refused),
        (("template", "add", str(broken)), "sari", "template_needs_supervisor", Refused),
    ]  # fmt: skip
    for args, user, key, kind in cases:
        r = book(*args, user=user)
        assert r.refused(key, kind), (args, r.exit_code, r.stderr)
    svg = tmp_path / "logo.svg"
    svg.write_text('<svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>')
    assert book("template", "add", str(svg), user="budi").refused("logo_active_svg", InvalidInput)
    assert book.snapshot() == snap and book.git("rev-parse", "HEAD") == head


def test_the_configuration_changed_by_hand_is_named_and_refused(book: Book, central: Path) -> None:
    signatures_off(book)
    hand_commit(book, "budi", "Signatures off")  # the supervisor, signed, but not klipctl's command
    assert kinds(book) == {"v_governed_action"}
    assert push(book).returncode != 0


def test_the_configuration_changed_by_someone_not_a_supervisor_is_named(
    book: Book, central: Path
) -> None:
    signatures_off(book)
    forged_commit(book, config_set_trailers("rina"), author="rina", key="rina")
    assert kinds(book) == {"v_governed_actor"}
    assert push(book).returncode != 0


def test_a_supervisor_named_but_another_key_signing_is_named(book: Book, central: Path) -> None:
    signatures_off(book)
    forged_commit(book, config_set_trailers("budi"), author="budi", key="rina")
    assert kinds(book) == {"v_governed_signature"}
    assert push(book).returncode != 0
    book.reset("HEAD~1")
    signatures_off(book)
    forged_commit(book, config_set_trailers("budi"), author="rina", key="budi")
    assert kinds(book) == {"v_governed_author"}


def test_a_template_committed_by_hand_is_named_and_refused(book: Book, central: Path) -> None:
    (book.root / "templates").mkdir()
    (book.root / "templates" / "report.md.j2").write_text("Disetujui tanpa diperiksa.\n")
    book.git("add", "templates")
    hand_commit(book, "budi", "A better report")
    assert kinds(book) == {"v_governed_action"}
    assert push(book).returncode != 0


def test_the_calendar_rewritten_is_named(book: Book, central: Path) -> None:
    assert book("calendar", "add", "2026-06-19", "--name", "Tutup", "--reason", "ND-45",
                user="budi").ok  # fmt: skip
    calendar = book.root / "calendar.yaml"
    calendar.write_text(calendar.read_text().replace("Tutup", "Libur"))
    forged_commit(book, "Calendar\n\nKlipctl-Action: calendar-add\nKlipctl-Actor: budi\n",
                  author="budi", key="budi")  # fmt: skip
    assert kinds(book) == {"v_calendar_rewritten"}
    assert push(book).returncode != 0


def test_set_up_files_and_unknown_files_are_named(book: Book, central: Path) -> None:
    (book.root / "README.md").write_text("Baca ini.\n")
    (book.root / "catatan.txt").write_text("tidak dikenal\n")
    fid = book.report()
    folder = next(book.root.glob(f"failures/*/*/{fid}.yaml")).parent
    (folder / "catatan.txt").write_text("tidak dikenal\n")
    book.git("add", "-A")
    hand_commit(book, "budi", "Notes")
    found = json.loads(book("verify", "--json").stdout)["violations"]
    assert {(v["problem"], v.get("path")) for v in found} == {
        ("v_setup_changed", "README.md"),
        ("v_unknown_file", "catatan.txt"),
        ("v_unknown_file", f"{folder.relative_to(book.root).as_posix()}/catatan.txt"),
    }
    assert push(book).returncode != 0


def test_a_signed_report_edited_afterwards_is_named(book: Book, central: Path) -> None:
    fid = book.report()
    book.walk(fid, "signed")
    stored = next(book.root.glob(f"failures/*/*/{fid}.report.md"))
    stored.write_text(stored.read_text().replace("Restarted the spooler", "Server diganti"))
    hand_commit(book, "budi", "Typo")
    assert kinds(book) == {"v_report_changed", "v_file_unclaimed"}
    assert push(book).returncode != 0


def test_a_merge_that_writes_its_own_configuration_is_named(book: Book, central: Path) -> None:
    book.git("checkout", "-q", "-b", "side")
    assert book("calendar", "add", "2026-06-19", "--name", "Tutup", "--reason", "ND-45",
                user="budi").ok  # fmt: skip
    book.git("checkout", "-q", "main")
    book.report()
    book.git("-c", "user.email=budi@pajak.go.id", "merge", "-q", "--no-ff", "side", "-m", "Merge")
    signatures_off(book)
    book.git("-c", "user.email=budi@pajak.go.id", "commit", "-q", "-a", "--amend", "--no-edit")
    assert kinds(book) == {"v_merge_made"}
    assert push(book).returncode != 0


def test_a_draft_edited_before_it_is_signed_is_refused_at_sign_and_named_by_verify(
    book: Book,
) -> None:
    fid = book.report()
    book.walk(fid, "drafted")
    stored = next(book.root.glob(f"failures/*/*/{fid}.report.md"))
    stored.write_text(stored.read_text().replace("Restarted the spooler", "Server baru dibeli"))
    snap = book.snapshot()
    r = book("sign", fid, "--yes", user="budi")
    assert r.refused("draft_changed", Refused) and "git checkout --" in r.stderr
    assert book.snapshot() == snap
    hand_commit(book, "sari", "Perbaikan kalimat")
    assert kinds(book) == {"v_draft_changed", "v_file_unclaimed"}


def test_klipctl_never_reads_the_log_book_through_a_symlink(book: Book, tmp_path: Path) -> None:
    outside = tmp_path / "rahasia.txt"
    outside.write_text("isi berkas di luar log book\n")
    (book.root / "templates").mkdir()
    (book.root / "templates" / "report.md.j2").symlink_to(outside)
    fid = book.report()
    book.walk(fid, "reviewed")
    r = book("render", fid)
    assert r.refused("symlink_refused") and "isi berkas" not in r.stdout
    (book.root / "templates" / "report.md.j2").unlink()
    path = next(book.root.glob(f"failures/*/*/{fid}.yaml"))
    real = tmp_path / "failure.yaml"
    path.rename(real)
    path.symlink_to(real)
    r = book("show", fid)
    assert r.refused("symlink_refused", BadFile), r.stderr


def test_a_file_in_a_failures_files_folder_that_no_entry_attached_is_named(book: Book) -> None:
    fid = book.report()
    folder = next(book.root.glob(f"failures/*/*/{fid}.yaml")).with_name(f"{fid}.files")
    folder.mkdir()
    (folder / ("0" * 64)).write_bytes(b"diselipkan")
    found = json.loads(book("verify", "--json").stdout)["violations"]
    assert ("v_attachment_unreferenced", fid) in {(v["problem"], v["failure"]) for v in found}
