"""`klipctl site build`: the head of office's board, built from a real log book through the CLI,
read back as HTML (every link followed), rebuilt incrementally, refused where it must be, rebuilt
by the central repository's post-receive hook, and opened in headless Chromium."""

from __future__ import annotations

import hashlib
import json
import os
import re
import shutil
import subprocess
from dataclasses import dataclass
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import unquote, urlsplit

import pytest
from conftest import Book, Run

from klipctl.errors import InvalidInput, Refused

PNG = b"\x89PNG\r\n\x1a\n" + bytes(range(256)) * 4
TODAY = "2026-05-04T09:00:00+07:00"  # a Monday, eight weeks after the roster was made


@dataclass
class Built:
    book: Book
    out: Path
    late: str  # assigned 11 March: long overdue
    soon: str  # assigned 20 April: due within two working days
    later: str  # assigned today: ten working days left
    fresh: str  # reported today, not assigned
    done: str  # archived in March, with two files attached
    head: str

    def page(self, rel: str) -> str:
        return (self.out / rel).read_text(encoding="utf-8")

    def __call__(self, *args: str, **kw: str) -> Run:
        return self.book(*args, now=kw.pop("now", TODAY), **kw)


@pytest.fixture(scope="module")
def built(module_book: Book, tmp_path_factory: pytest.TempPathFactory) -> Built:
    book = module_book
    late = book.report("Server e-Filing lambat", system="e-Filing", now="2026-03-10T10:00:00+07:00")
    book.walk(late, "assigned", now="2026-03-11T10:00:00+07:00")
    soon = book.report("Koneksi VPN putus", system="VPN", now="2026-04-20T09:00:00+07:00")
    book.walk(soon, "assigned", now="2026-04-20T10:00:00+07:00")
    later = book.report("Telepon IP mati", system="IP Telephony", now="2026-05-04T08:00:00+07:00")
    book.walk(later, "assigned", now="2026-05-04T08:00:00+07:00")
    done = book.report("Printer lantai 3 macet", now="2026-03-12T09:00:00+07:00")
    files = tmp_path_factory.mktemp("attach")
    (files / "layar.png").write_bytes(PNG)
    (files / "error.log").write_text("ERROR spooler\n")
    r = book("attach", done, str(files / "layar.png"), str(files / "error.log"), user="rina",
             now="2026-03-12T09:30:00+07:00")  # fmt: skip
    assert r.ok, r.stderr
    book.walk(done, "archived", now="2026-03-16T10:00:00+07:00")
    fresh = book.report("Scanner macet", system="Scanner", now="2026-05-04T08:30:00+07:00")
    out = tmp_path_factory.mktemp("site") / "papan"
    r = book("site", "build", str(out), now=TODAY)
    assert r.ok, r.stderr
    head = book.git("rev-parse", "HEAD").strip()
    return Built(book, out, late, soon, later, fresh, done, head)


def html_pages(out: Path) -> list[Path]:
    return sorted(out.rglob("*.html"))


class Links(HTMLParser):
    """Every href and src in a page, and the Content-Security-Policy it declares."""

    def __init__(self) -> None:
        super().__init__()
        self.refs: list[str] = []
        self.csp: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        a = dict(attrs)
        for name in ("href", "src", "action", "srcset", "data", "poster"):
            if a.get(name) is not None:
                self.refs.append(str(a[name]))
        if tag == "meta" and (a.get("http-equiv") or "").lower() == "content-security-policy":
            self.csp.append(a.get("content") or "")


def parsed(path: Path) -> Links:
    links = Links()
    links.feed(path.read_text(encoding="utf-8"))
    return links


def board_ids(text: str) -> list[str]:
    return re.findall(r'<h3><a href="f/([0-9a-z]+)\.html">', text)


# --- what the board shows -----------------------------------------------------------------------


def test_the_board_lists_the_open_failures_most_urgent_first(built: Built) -> None:
    board = built.page("index.html")
    due_order = [s["id"] for s in json.loads(built("due", "--json").stdout)["failures"]]
    assert board_ids(board) == due_order == [built.late, built.soon, built.later, built.fresh]
    # In the log book's language (Indonesian), whatever the terminal speaks.
    assert '<html lang="id">' in board
    assert "Kegagalan sistem yang masih terbuka" in board
    assert "terlambat" in board and "belum ditugaskan" in board
    assert "Andi Pratama" in board and "melaporkan hasil penyelesaian" in board  # who acts next
    assert "Ditugaskan" in board and "Dilaporkan" in board  # the stage, in Indonesian
    due = built.page("due.html")
    for heading in ("Terlambat (1)", "Mendekati tenggat (2 hari kerja lagi atau kurang) (1)",
                    "Tenggat kemudian (1)", "Belum ditugaskan (1)"):  # fmt: skip
        assert heading in due
    assert built.done not in board and built.done not in due  # archived: off the board


def test_each_failure_has_a_page_with_its_timeline_files_and_report(built: Built) -> None:
    for fid in (built.late, built.soon, built.later, built.fresh, built.done):
        assert (built.out / "f" / f"{fid}.html").is_file()
    page = built.page(f"f/{built.done}.html")
    assert "Printer lantai 3 macet" in page and "Ditatausahakan" in page
    steps = re.findall(r'<div class="when">(\d+)\. ', page)
    assert steps == [str(n) for n in range(1, 11)]  # report, attach, and the eight SOP steps
    assert "Berkas dilampirkan: layar.png, error.log" in page
    assert "Laporan ditatausahakan" in page and "Sari Wulandari" in page
    # The attached files, copied by their SHA-256 (a picture keeps its type).
    png = hashlib.sha256(PNG).hexdigest()
    assert f'href="../files/{png}.png" download="layar.png"' in page
    assert (built.out / "files" / f"{png}.png").read_bytes() == PNG
    # The stored result report, as the log book holds it, signed and intact.
    assert f'href="{built.done}.report.html"' in page and "LAP-1/KLIP/2026" in page
    assert "teksnya masih persis yang ditandatangani" in page
    report = built.page(f"f/{built.done}.report.html")
    assert "HASIL PELAKSANAAN TUGAS PENANGANAN KEGAGALAN SISTEM" in report
    assert "Content-Security-Policy" in report
    open_page = built.page(f"f/{built.fresh}.html")
    assert "Laporan hasil belum disusun." in open_page and "Tidak ada lampiran." in open_page


def test_register_and_recap_for_each_month_and_year_with_failures(built: Built) -> None:
    names = sorted(p.relative_to(built.out).as_posix() for p in built.out.glob("re*/*.html"))
    assert names == [
        "recap/2026-03.html", "recap/2026-04.html", "recap/2026-05.html", "recap/2026.html",
        "register/2026-03.html", "register/2026-04.html", "register/2026-05.html",
        "register/2026.html",
    ]  # fmt: skip
    register = built.page("register/2026-03.html")
    assert "LOG BOOK" in register and built.late in register and built.later not in register
    assert f'href="../f/{built.done}.html"' in register  # each failure's page, from its period
    recap = built.page("recap/2026.html")
    assert "<svg" in recap and "Tahun 2026" in recap
    assert "NIP " not in recap  # read on a screen, not signed: no signature block


def test_every_link_resolves_and_nothing_runs_or_comes_from_elsewhere(built: Built) -> None:
    pages = html_pages(built.out)
    assert len(pages) == 5 + 1 + 2 + 8  # failures, the report, board and due list, periods
    assert_self_contained(built.out)


def assert_self_contained(out: Path) -> None:
    """Every href and src leads to a file of the site; no script, nothing from elsewhere."""
    for path in html_pages(out):
        text = path.read_text(encoding="utf-8")
        links = parsed(path)
        assert "<script" not in text.lower() and "javascript:" not in text.lower(), path
        assert "@import" not in text and not re.search(r"url\((?!data:)", text), path
        assert links.csp and all("default-src 'none'" in c for c in links.csp), path
        for ref in links.refs:
            parts = urlsplit(ref)
            if parts.scheme == "data" and parts.path.startswith("image/"):
                continue  # a picture inside the page itself (the report's QR code, the logo)
            assert not parts.scheme and not parts.netloc, (path, ref)  # nothing from elsewhere
            if not parts.path:
                continue  # "#periode" on the same page
            target = (path.parent / unquote(parts.path)).resolve()
            assert target.is_file() and target.is_relative_to(out), (path, ref)
            if parts.fragment:
                assert f'id="{parts.fragment}"' in target.read_text(encoding="utf-8"), ref


def test_every_page_is_sealed_at_the_head_commit(built: Built) -> None:
    short = built.head[:7]
    for path in html_pages(built.out):
        if path.name.endswith(".report.html"):
            continue  # the office's own document, as stored
        assert f"utuh pada catatan riwayat {short}, Senin, 4 Mei 2026 08.30 WIB" in path.read_text(
            encoding="utf-8"
        ), path


def test_lang_gives_the_board_in_english(built: Built, tmp_path: Path) -> None:
    out = tmp_path / "board"
    r = built("--lang", "en", "site", "build", str(out), "--json")
    assert r.ok, r.stderr
    shown = json.loads(r.stdout)
    assert shown["ok"] is True and shown["commit"] == built.head
    assert shown["written"] == len(shown["pages"]) == len(html_pages(out)) + 2  # and the files
    board = (out / "index.html").read_text(encoding="utf-8")
    assert "System failures still open" in board
    assert f"verify OK at commit {built.head[:7]}" in board


# --- the folder ---------------------------------------------------------------------------------


def test_a_rebuild_writes_only_what_changed(built: Built, tmp_path: Path) -> None:
    book, out = built, tmp_path / "board"
    try:
        r = book("site", "build", str(out), "--json")
        first = json.loads(r.stdout)
        assert first["removed"] == 0 and first["unchanged"] == 0
        assert json.loads(book("site", "build", str(out), "--json").stdout)["written"] == 0
        # A note changes the failure's timeline, nothing else.
        r = book("note", built.later, "--text", "Suku cadang dipesan", user="andi",
                 now="2026-05-04T11:00:00+07:00")  # fmt: skip
        assert r.ok, r.stderr
        r = book("site", "build", str(out), "--json")
        assert json.loads(r.stdout)["pages"] == [f"f/{built.later}.html"]
        head = built.book.git("rev-parse", "HEAD").strip()
        # The page made now is sealed at the new commit; one unchanged still at the one before.
        later, late = (out / "f" / f"{built.later}.html"), (out / "f" / f"{built.late}.html")
        assert f"catatan riwayat {head[:7]}" in later.read_text("utf-8")
        assert f"catatan riwayat {built.head[:7]}" in late.read_text("utf-8")
        # A new failure: its page, the board, the due list, its month's and year's pages.
        extra = built.book.report("Monitor berkedip", now="2026-05-04T11:30:00+07:00")
        r = book("site", "build", str(out), "--json")
        assert set(json.loads(r.stdout)["pages"]) == {
            f"f/{extra}.html", "index.html", "due.html", "register/2026-05.html",
            "register/2026.html", "recap/2026-05.html", "recap/2026.html",
        }  # fmt: skip
        # A failure gone (history put back): its page is removed, nothing else of the folder.
        (out / "catatan.txt").write_text("milik kantor\n")
        built.book.reset(built.head)
        r = book("site", "build", str(out), "--json")
        again = json.loads(r.stdout)
        assert again["removed"] == 1 and not (out / "f" / f"{extra}.html").exists()
        assert (out / "catatan.txt").read_text() == "milik kantor\n"
    finally:
        built.book.reset(built.head)


def test_violations_appear_on_every_pages_seal(built: Built, tmp_path: Path) -> None:
    clone = Book(tmp_path / "clone", built.book.cli, built.book.keys)
    subprocess.run(["git", "clone", "-q", str(built.book.root), str(clone.root)], check=True)
    path = next(clone.root.glob(f"failures/*/*/{built.done}.yaml"))
    text = path.read_text("utf-8")
    path.write_text(text.replace("Printer lantai 3", "Printer lantai 4"), "utf-8")
    png = next(clone.root.glob(f"failures/*/*/{built.done}.files/*"))
    clone.git("rm", "-q", str(png.relative_to(clone.root)))  # and an attached file lost
    clone.git("commit", "-q", "--no-gpg-sign", "-am", "Judul diperbaiki")
    tampered = clone.git("rev-parse", "HEAD").strip()
    out = tmp_path / "board"
    r = clone("site", "build", str(out), now=TODAY)
    assert r.ok, r.stderr  # the board is built, and says what is wrong
    assert "verify found" in r.stderr and "violation" in r.stderr
    for page in html_pages(out):
        if page.name.endswith(".report.html"):
            continue
        text = page.read_text(encoding="utf-8")
        assert f"pelanggaran pada catatan riwayat {tampered[:7]}" in text, page
        assert 'class="seal bad"' in text and built.done in text, page
    assert_self_contained(out)  # the lost file is named, not linked


def test_refusals_change_nothing(built: Built, tmp_path: Path) -> None:
    book = built.book
    before = book.snapshot()
    inside = book.root / "papan"
    r = book("site", "build", str(inside))
    assert r.refused("site_inside_logbook", InvalidInput) and not inside.exists()
    r = book("site", "build", str(book.root))
    assert r.refused("site_inside_logbook", InvalidInput)
    a_file = tmp_path / "papan.html"
    a_file.write_text("bukan folder\n")
    r = book("site", "build", str(a_file))
    assert r.refused("site_not_a_folder", InvalidInput)
    assert a_file.read_text() == "bukan folder\n"
    theirs = tmp_path / "dokumen"
    theirs.mkdir()
    (theirs / "surat.txt").write_text("penting\n")
    r = book("site", "build", str(theirs))
    assert r.refused("site_not_empty", InvalidInput)
    assert [p.name for p in theirs.iterdir()] == ["surat.txt"]
    r = book("site", "build", str(a_file / "papan"))
    assert r.refused("site_cannot_write", Refused)
    r = book("site", "build")
    assert r.refused("site_no_dir", InvalidInput)
    assert book.snapshot() == before


# --- the central repository rebuilds it ---------------------------------------------------------


def test_the_post_receive_hook_rebuilds_the_board_in_site_dir(
    book: Book, central: Path, other: Book, tmp_path: Path
) -> None:
    folder = tmp_path / "www" / "klip"
    r = book("config", "set", "site.dir", str(folder), user="budi")
    assert r.ok, r.stderr
    assert (folder / "index.html").is_file()  # rebuilt by the push of the setting itself
    fid = other.report("Server arsip mati", user="rina")
    head = other.git("rev-parse", "HEAD").strip()
    page = (folder / "f" / f"{fid}.html").read_text(encoding="utf-8")
    assert "Server arsip mati" in page and f"utuh pada catatan riwayat {head[:7]}" in page
    assert fid in (folder / "index.html").read_text(encoding="utf-8")
    # The server's reading clone builds it; no clone's own folder is touched.
    assert not list(book.root.glob("**/index.html")) and not list(other.root.glob("**/*.html"))


# --- in a browser -------------------------------------------------------------------------------

CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")


def chromium(*args: str) -> subprocess.CompletedProcess[str]:
    assert CHROMIUM is not None
    flags = ["--headless", "--no-sandbox", "--disable-gpu", "--hide-scrollbars",
             "--no-first-run", "--disable-extensions", "--mute-audio"]  # fmt: skip
    return subprocess.run([CHROMIUM, *flags, *args], capture_output=True, text=True, timeout=90)


@pytest.mark.skipif(CHROMIUM is None, reason="chromium is not installed")
def test_chromium_opens_the_board_and_a_failure_page(built: Built, tmp_path: Path) -> None:
    shots = Path(os.environ.get("KLIPCTL_SCREENSHOTS") or tmp_path)
    shots.mkdir(parents=True, exist_ok=True)
    board, failure = built.out / "index.html", built.out / "f" / f"{built.done}.html"
    for path, needle in ((board, "Kegagalan sistem yang masih terbuka"), (failure, "Riwayat")):
        dom = chromium("--dump-dom", path.as_uri())
        assert dom.returncode == 0 and needle in dom.stdout, dom.stderr[-2000:]
        assert "Refused to" not in dom.stderr  # nothing the policy had to stop
    jobs = []
    for name, path in (("board", board), ("failure", failure)):
        for width, height in ((390, 844), (1280, 900)):
            png = shots / f"{name}-{width}.png"
            size = f"--window-size={width},{height}"
            jobs.append((png, subprocess.Popen(
                [str(CHROMIUM), "--headless", "--no-sandbox", "--disable-gpu", "--hide-scrollbars",
                 f"--screenshot={png}", size, path.as_uri()],
                stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
            )))  # fmt: skip
    for png, job in jobs:
        assert job.wait(timeout=90) == 0
        assert png.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n" and png.stat().st_size > 5000
