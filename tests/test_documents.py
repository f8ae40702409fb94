"""The documents: the stored result report, `render` for report, register and recap.

Golden files in tests/golden/ hold the Markdown of a fixed log book; regenerate them after an
intended change with KLIPCTL_UPDATE_GOLDEN=1 and review the diff.
"""

from __future__ import annotations

import hashlib
import json
import os
import re
import shutil
import subprocess
import sys
from html.parser import HTMLParser
from pathlib import Path

import pytest
from conftest import Book

GOLDEN = Path(__file__).parent / "golden"
RENDER_NOW = "2026-04-15T09:00:00+07:00"  # a Wednesday, after everything below
HOSTILE = "<script>document.body.dataset.pwned = 1</script><img src=x onerror=alert(1)>"


def at(day: str, hour: int = 9) -> str:
    return f"2026-{day}T{hour:02d}:00:00+07:00"


def step(book: Book, user: str, now: str, *args: str) -> None:
    result = book(*args, user=user, now=now)
    assert result.ok, (args, result.stderr)


def report(book: Book, title: str, system: str, now: str, user: str = "rina") -> str:
    r = book("report", "--title", title, "--system", system, user=user, now=now)
    assert r.ok, r.stderr
    return r.stdout.strip()


@pytest.fixture
def scenario(book: Book) -> dict[str, str]:
    """Four failures of March 2026: one rejected once, one late, one open and overdue with a
    hostile title, one not yet assigned."""
    f1 = report(book, "Printer lantai 3 mati", "Printer Server", at("03-02"))
    step(book, "sari", at("03-02", 10), "record", f1)
    step(book, "budi", at("03-03"), "assign", f1, "--to", "andi")
    step(book, "andi", at("03-05"), "resolve", f1, "--action", "Spooler dimulai ulang")
    step(book, "budi", at("03-06"), "review", f1, "--reject", "--reason", "Masih gagal mencetak")
    step(
        book, "andi", at("03-09"), "resolve", f1, "--action", "Driver diganti",
        "--cause", "Driver rusak",
    )  # fmt: skip
    step(book, "budi", at("03-10"), "review", f1, "--accept", "--drafter", "sari")
    step(book, "sari", at("03-11"), "draft", f1)
    step(book, "budi", at("03-12"), "sign", f1, "--yes")
    step(book, "budi", at("03-12", 14), "deliver", f1, "--yes")
    step(book, "sari", at("03-13"), "archive", f1, "--yes")

    f2 = report(book, "Server surel lambat", "Email Server", at("03-04"), user="dewi")
    step(book, "sari", at("03-04", 11), "record", f2)
    step(book, "budi", at("03-05"), "assign", f2, "--to", "andi")
    step(book, "andi", at("03-27"), "resolve", f2, "--action", "Antrean dibersihkan")
    step(book, "budi", at("03-30"), "review", f2, "--accept", "--drafter", "tono")
    step(book, "tono", at("03-31"), "draft", f2)
    step(book, "budi", at("04-01"), "sign", f2, "--yes")
    step(book, "budi", at("04-01", 15), "deliver", f2, "--yes")
    step(book, "sari", at("04-02"), "archive", f2, "--yes")

    f3 = report(book, HOSTILE, "Aplikasi | Pengaduan", at("03-16"))
    step(book, "sari", at("03-16", 10), "record", f3)
    step(book, "budi", at("03-17"), "assign", f3, "--to", "dewi")

    f4 = report(book, "VPN putus-putus", "VPN", at("03-25"))
    return {"f1": f1, "f2": f2, "f3": f3, "f4": f4}


def normalise(text: str, ids: dict[str, str]) -> str:
    for name, failure_id in ids.items():
        text = text.replace(failure_id, f"<{name}>")
    return text


def check_golden(name: str, text: str) -> None:
    path = GOLDEN / name
    if os.environ.get("KLIPCTL_UPDATE_GOLDEN") == "1":
        path.parent.mkdir(exist_ok=True)
        path.write_text(text, encoding="utf-8")
    assert path.exists(), f"no golden file {name}: run with KLIPCTL_UPDATE_GOLDEN=1"
    assert text == path.read_text(encoding="utf-8"), f"{name} differs from the golden file"


# --- golden Markdown ----------------------------------------------------------------------------


def test_golden_result_report(book: Book, scenario: dict[str, str]) -> None:
    r = book("--lang", "id", "render", scenario["f1"], now=RENDER_NOW)
    assert r.ok, r.stderr
    check_golden("report.md", normalise(r.stdout, scenario))


def test_golden_result_report_in_english_late(book: Book, scenario: dict[str, str]) -> None:
    r = book("--lang", "en", "render", scenario["f2"], now=RENDER_NOW)
    assert r.ok, r.stderr
    check_golden("report-late.en.md", normalise(r.stdout, scenario))


def test_golden_register(book: Book, scenario: dict[str, str]) -> None:
    r = book(
        "--lang", "id", "render", "logbook", "--from", "2026-03-01", "--to", "2026-03-31",
        now=RENDER_NOW,
    )  # fmt: skip
    assert r.ok, r.stderr
    check_golden("register.md", normalise(r.stdout, scenario))


def test_golden_recap(book: Book, scenario: dict[str, str]) -> None:
    r = book("--lang", "id", "render", "recap", "--month", "2026-03", now=RENDER_NOW)
    assert r.ok, r.stderr
    check_golden("recap.md", normalise(r.stdout, scenario))


# --- the stored report through the procedure ---------------------------------------------------


def test_draft_sign_deliver_keep_the_stored_report(book: Book) -> None:
    fid = book.report("Printer server down")
    book.walk(fid, "reviewed")
    r = book("draft", fid, user="sari")
    assert r.ok, r.stderr
    files = sorted(book.git("show", "--name-only", "--format=", "HEAD").split())
    stem = next(book.root.glob(f"failures/*/*/{fid}.yaml")).with_suffix("")
    md, html = stem.with_suffix(".report.md"), stem.with_suffix(".report.html")
    rel = stem.relative_to(book.root).as_posix()
    assert files == [f"{rel}.report.html", f"{rel}.report.md", f"{rel}.yaml"]
    assert "KONSEP — belum ditandatangani" in md.read_text()  # the log book's language

    assert book("sign", fid, "--yes", user="budi").ok
    signed = md.read_text()
    assert "KONSEP" not in signed and "NOMOR LAP-1/KLIP/2026" in signed
    assert "Budi Santoso" in signed and "NIP 19820315 200604 1 003" in signed
    sign = json.loads(book("show", fid, "--json").stdout)["entries"][-1]
    assert sign["details"]["number"] == "LAP-1/KLIP/2026"
    assert sign["details"]["report_sha256"] == hashlib.sha256(signed.encode()).hexdigest()
    assert len(book.git("show", "--name-only", "--format=", "HEAD").split()) == 3

    assert book("deliver", fid, "--yes", user="budi").ok
    delivered = md.read_text()
    assert delivered.startswith(signed.rstrip())
    assert "Telah disampaikan kepada Kepala Kantor" in delivered
    assert "Telah disampaikan" in html.read_text()
    shown = book("show", fid)
    assert "The signed report is intact" in shown.stdout
    state = json.loads(book("show", fid, "--json").stdout)["signed_report"]["state"]
    assert state == "intact"
    assert book.git("status", "--porcelain") == ""


def test_a_changed_signed_report_is_reported_and_blocks_delivery(book: Book) -> None:
    fid = book.report()
    book.walk(fid, "signed")
    md = next(book.root.glob(f"failures/*/*/{fid}.report.md"))
    md.write_text(md.read_text().replace("10 hari kerja", "20 hari kerja"))
    shown = book("show", fid)
    assert shown.ok
    assert "WARNING: the report" in shown.stderr and "differs from the text" in shown.stderr
    assert json.loads(book("show", fid, "--json").stdout)["signed_report"]["state"] == "changed"
    snapshot, commits = book.snapshot(), book.commit_count()
    r = book("deliver", fid, "--yes", user="budi")
    assert r.exit_code == 1 and "differs from the text that was signed" in r.stderr
    assert len(r.stderr.strip().splitlines()) == 1
    assert book.snapshot() == snapshot and book.commit_count() == commits
    md.unlink()
    assert "is missing from the log book" in book("show", fid).stderr


def test_report_numbers_count_per_year_and_are_never_reused(book: Book) -> None:
    numbers = []
    for now in (
        "2026-03-10T09:00:00+07:00",
        "2026-03-11T09:00:00+07:00",
        "2027-01-04T09:00:00+07:00",
    ):
        fid = book.report(now=now)
        book.walk(fid, "signed", now=now)
        numbers.append(
            json.loads(book("show", fid, "--json").stdout)["entries"][-1]["details"]["number"]
        )
    assert numbers == ["LAP-1/KLIP/2026", "LAP-2/KLIP/2026", "LAP-1/KLIP/2027"]


def test_two_terminals_signing_at_once_get_different_numbers(book: Book) -> None:
    ids = [book.report(title) for title in ("A down", "B down")]
    for fid in ids:
        book.walk(fid, "drafted")
    env = {
        **os.environ,
        "KLIPCTL_USER": "budi",
        "KLIPCTL_LOGBOOK": str(book.root),
        "KLIPCTL_SIGNING_KEY": str(book.keys["budi"]),
    }
    procs = [
        subprocess.Popen(
            [sys.executable, "-m", "klipctl", "sign", fid, "--yes"],
            env=env,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
        )  # fmt: skip
        for fid in ids
    ]
    for proc in procs:
        _out, err = proc.communicate(timeout=60)
        assert proc.returncode == 0, err
    numbers = {
        json.loads(book("show", fid, "--json").stdout)["entries"][-1]["details"]["number"]
        for fid in ids
    }
    assert numbers == {"LAP-1/KLIP/2026", "LAP-2/KLIP/2026"}


# --- render -------------------------------------------------------------------------------------


def test_render_marks_a_draft_until_signed(book: Book) -> None:
    fid = book.report()
    book.walk(fid, "resolved")
    draft = book("render", fid)
    assert draft.ok and "DRAFT — not signed" in draft.stdout
    assert "NUMBER LAP-      /KLIP/2026" in draft.stdout
    step(book, "budi", "2026-03-10T10:00:00+07:00", "review", fid, "--accept", "--drafter", "sari")
    step(book, "sari", "2026-03-10T11:00:00+07:00", "draft", fid)
    step(book, "budi", "2026-03-10T12:00:00+07:00", "sign", fid, "--yes")
    signed = book("render", fid)
    assert "DRAFT" not in signed.stdout and "NUMBER LAP-1/KLIP/2026" in signed.stdout
    assert "Kepala Subbagian Tata Usaha" in book("--lang", "id", "render", fid).stdout


class _Collect(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.tags: list[tuple[str, dict[str, str | None]]] = []
        self.text: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append((tag, dict(attrs)))

    def handle_data(self, data: str) -> None:
        self.text.append(data)


def parse(html: str) -> _Collect:
    parser = _Collect()
    parser.feed(html)
    parser.close()
    return parser


def self_contained(html: str, tags: list[tuple[str, dict[str, str | None]]]) -> None:
    assert not [t for t, a in tags if t in ("script", "link", "img", "iframe", "object")]
    assert not [a for _t, a in tags if "src" in a or "href" in a]
    assert "@import" not in html and "url(" not in html and "@font-face" not in html


def test_report_html_parses_holds_the_sections_and_escapes(
    book: Book, scenario: dict[str, str]
) -> None:
    r = book("--lang", "id", "render", scenario["f3"], "--format", "html", now=RENDER_NOW)
    assert r.ok, r.stderr
    doc = parse(r.stdout)
    self_contained(r.stdout, doc.tags)
    ids = {a.get("id") for _t, a in doc.tags}
    assert {"section-A", "section-B", "section-C", "section-D", "section-E", "section-F"} <= ids
    text = " ".join(doc.text)
    assert HOSTILE in text  # shown as text, not run
    for needle in (
        "KEMENTERIAN KEUANGAN REPUBLIK INDONESIA",
        "NOMOR LAP-",
        "Pendahuluan",
        "Hambatan",
        "Kepala Subbagian Tata Usaha dan Kepatuhan Internal",
        "KONSEP",
    ):
        assert needle in text, needle
    md = book("render", scenario["f3"], now=RENDER_NOW).stdout
    assert "\\<script>" in md and not re.search(r"(?<!\\)<script>", md)


def test_register_and_recap_html_parse_and_escape(book: Book, scenario: dict[str, str]) -> None:
    for args in (("logbook",), ("recap", "--month", "2026-03"), ("recap", "--year", "2026")):
        r = book("render", *args, "--format", "html", now=RENDER_NOW)
        assert r.ok, r.stderr
        doc = parse(r.stdout)
        self_contained(r.stdout, [(t, a) for t, a in doc.tags if t != "svg"])
        assert HOSTILE in " ".join(doc.text)
    recap = parse(
        book("render", "recap", "--month", "2026-03", "-f", "html", now=RENDER_NOW).stdout
    )
    assert sum(1 for t, _a in recap.tags if t == "rect") == 6  # 1, 2-8, ..., 30-31 March


def test_render_writes_a_file(book: Book, scenario: dict[str, str], tmp_path: Path) -> None:
    out = tmp_path / "register.html"
    r = book("render", "logbook", "-f", "html", "-o", str(out), now=RENDER_NOW)
    assert r.ok and r.stdout == "" and "Written to" in r.stderr
    assert out.read_text().startswith("<!DOCTYPE html>")


@pytest.mark.parametrize(
    ("args", "code", "needle"),
    [
        (("logbok",), 2, "did you mean `klipctl render logbook`"),
        (("recap",), 2, "exactly one of --month"),
        (("recap", "--month", "2026-13"), 2, "exactly one of --month"),
        (("recap", "--month", "2026-03", "--year", "2026"), 2, "exactly one of --month"),
        (("logbook", "--from", "yesterday"), 2, "YYYY-MM-DD"),
        (("zzzzzzzz",), 1, "No failure has the ID"),
        (("logbook", "--format", "docx"), 2, "Unknown format"),
    ],
)
def test_render_refuses_bad_input(
    book: Book, args: tuple[str, ...], code: int, needle: str
) -> None:
    r = book("render", *args)
    assert r.exit_code == code, r.stderr
    assert needle in r.stderr and len(r.stderr.strip().splitlines()) == 1


# --- templates ----------------------------------------------------------------------------------


def test_a_log_book_template_overrides_the_packaged_one(book: Book) -> None:
    fid = book.report()
    (book.root / "templates").mkdir()
    (book.root / "templates" / "report.md.j2").write_text("Laporan kami: {{ doc.failure_id }}\n")
    assert book("render", fid).stdout == f"Laporan kami: {fid}\n"


@pytest.mark.parametrize(
    ("template", "line"),
    [("Line one\n{% for x in %}\n", 2), ("one\ntwo\n{{ doc.no_such_field }}\n", 3)],
)
def test_a_broken_template_names_the_template_and_line(
    book: Book, template: str, line: int
) -> None:
    fid = book.report()
    book.walk(fid, "reviewed")
    (book.root / "templates").mkdir()
    (book.root / "templates" / "report.md.j2").write_text(template)
    r = book("render", fid)
    assert r.exit_code == 1
    assert "report.md.j2" in r.stderr and f"line {line}" in r.stderr, r.stderr
    assert len(r.stderr.strip().splitlines()) == 1 and "Traceback" not in r.stderr
    # ...and a step that would store the report changes nothing.
    snapshot, commits = book.snapshot(), book.commit_count()
    assert book("draft", fid, user="sari").exit_code == 1
    assert book.snapshot() == snapshot and book.commit_count() == commits


# --- PDF ----------------------------------------------------------------------------------------


def test_pdf_without_the_extra_says_how_to_get_it(
    book: Book, monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    fid = book.report()
    monkeypatch.setitem(sys.modules, "weasyprint", None)  # import fails as if not installed
    r = book("render", fid, "--format", "pdf", "-o", str(tmp_path / "x.pdf"))
    assert r.exit_code == 1 and "pip install 'klipctl[pdf]'" in r.stderr
    assert not (tmp_path / "x.pdf").exists()


def test_pdf_with_the_extra(book: Book, tmp_path: Path) -> None:
    pytest.importorskip("weasyprint", exc_type=ImportError)
    fid = book.report()
    out = tmp_path / "report.pdf"
    r = book("render", fid, "--format", "pdf", "-o", str(out))
    assert r.ok, r.stderr
    assert out.read_bytes().startswith(b"%PDF")


# --- in a real browser --------------------------------------------------------------------------

CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")


def chromium(tmp_path: Path, *args: str) -> subprocess.CompletedProcess[str]:
    assert CHROMIUM
    return subprocess.run(
        [CHROMIUM, "--headless", "--no-sandbox", "--disable-gpu",
         "--disable-background-networking", "--disable-component-update", "--disable-sync",
         "--no-first-run", f"--user-data-dir={tmp_path / 'chromium'}", *args],
        capture_output=True, text=True, timeout=120, check=False,
    )  # fmt: skip


def pdf_pages(path: Path) -> int:
    return len(re.findall(rb"/Type\s*/Page(?![a-zA-Z])", path.read_bytes()))


@pytest.mark.skipif(CHROMIUM is None, reason="chromium is not installed (.ci/run installs it)")
def test_the_browser_shows_and_prints_the_documents(
    book: Book, scenario: dict[str, str], tmp_path: Path
) -> None:
    report_html = tmp_path / "report.html"
    register_html = tmp_path / "register.html"
    assert book("render", scenario["f3"], "-f", "html", "-o", str(report_html), now=RENDER_NOW).ok
    assert book("render", "logbook", "-f", "html", "-o", str(register_html), now=RENDER_NOW).ok

    dom = chromium(tmp_path, "--dump-dom", report_html.as_uri())
    assert dom.returncode == 0, dom.stderr
    assert "section-F" in dom.stdout and "Introduction" in dom.stdout
    assert "pwned" not in dom.stdout.split("<body", 1)[1].split(">", 1)[0]  # the script never ran
    assert "<script" not in dom.stdout

    # The register has a page per month: the scenario's March, plus April's nothing -> 1 page;
    # a second month appears once something is reported in April.
    book.report("April failure", now="2026-04-14T09:00:00+07:00")
    assert book("render", "logbook", "-f", "html", "-o", str(register_html), now=RENDER_NOW).ok
    pdf = tmp_path / "register.pdf"
    printed = chromium(tmp_path, "--no-pdf-header-footer", f"--print-to-pdf={pdf}",
                       register_html.as_uri())  # fmt: skip
    assert printed.returncode == 0 and pdf.exists(), printed.stderr
    assert pdf_pages(pdf) == 2


# --- on paper: the print form of a signed report ------------------------------------------------

PDFTOTEXT = shutil.which("pdftotext")


def pdf_page_texts(pdf: Path) -> list[str]:
    """The text of each page, as pdftotext lays it out."""
    assert PDFTOTEXT
    text = subprocess.run([PDFTOTEXT, "-layout", str(pdf), "-"], capture_output=True, text=True,
                          check=True).stdout  # fmt: skip
    return text.split("\f")[:-1] if text.endswith("\f") else text.split("\f")


@pytest.mark.skipif(PDFTOTEXT is None, reason="pdftotext is not installed (.ci/run installs it)")
def test_a_signed_report_prints_for_a_wet_signature_with_page_numbers(
    book: Book, tmp_path: Path
) -> None:
    pytest.importorskip("weasyprint", exc_type=ImportError)
    fid = book.report("Printer lantai 3 mati: https://helpdesk.pajak.go.id/tiket/" + "x" * 120)
    book.walk(fid, "signed")
    pdf = tmp_path / "report.pdf"
    r = book("--lang", "id", "render", fid, "-f", "pdf", "-o", str(pdf))
    assert r.ok, r.stderr
    pages = pdf_page_texts(pdf)
    assert len(pages) >= 2
    for n, page in enumerate(pages, start=1):
        assert f"Halaman {n} dari {len(pages)}" in page, n
    last = pages[-1]
    # The closing paragraph, the signature space, the name and NIP: one page, never split.
    assert "Penutup" in last and "Budi Santoso" in last and "NIP 19820315 200604 1 003" in last
    assert "elektronik" not in "".join(pages)  # no claim of an electronic signature
    assert f"klipctl verify {fid}" in last.replace("\n", " ").replace("  ", " ")
    width = max(len(line) for page in pages for line in page.splitlines())
    assert width < 130  # the long URL wrapped inside the margins


@pytest.mark.skipif(CHROMIUM is None or PDFTOTEXT is None, reason="chromium or pdftotext missing")
def test_the_browser_prints_page_numbers_and_keeps_the_signature_with_the_closing(
    book: Book, tmp_path: Path
) -> None:
    fid = book.report()
    book.walk(fid, "signed")
    html = tmp_path / "report.html"
    assert book("--lang", "id", "render", fid, "-f", "html", "-o", str(html)).ok
    pdf = tmp_path / "report.pdf"
    printed = chromium(tmp_path, "--no-pdf-header-footer", f"--print-to-pdf={pdf}", html.as_uri())
    assert printed.returncode == 0 and pdf.exists(), printed.stderr
    pages = pdf_page_texts(pdf)
    assert all(f"dari {len(pages)}" in page for page in pages)
    assert "Penutup" in pages[-1] and "NIP 19820315" in pages[-1]


# --- on paper: the register and the recap -------------------------------------------------------

PDFINFO = shutil.which("pdfinfo")
MARGIN_RIGHT_PT = 20 / 25.4 * 72  # base.html.j2's @page margin


def page_sizes(pdf: Path) -> list[tuple[float, float]]:
    """Each page's width and height in points, as pdfinfo reads them."""
    assert PDFINFO
    out = subprocess.run([PDFINFO, "-f", "1", "-l", "999", str(pdf)], capture_output=True,
                         text=True, check=True).stdout  # fmt: skip
    return [
        (float(w), float(h)) for w, h in re.findall(r"Page +\d+ size: +([\d.]+) x ([\d.]+)", out)
    ]


def past_the_margin(pdf: Path) -> list[str]:
    """The words that reach into the right margin (or off the page) on any page."""
    assert PDFTOTEXT
    out = subprocess.run([PDFTOTEXT, "-bbox", str(pdf), "-"], capture_output=True, text=True,
                         check=True).stdout  # fmt: skip
    found = []
    for width, words in re.findall(r'<page width="([\d.]+)"[^>]*>(.*?)</page>', out, re.S):
        edge = float(width) - MARGIN_RIGHT_PT + 1
        found += [
            w for x, w in re.findall(r'xMax="([\d.]+)"[^>]*>([^<]*)<', words) if float(x) > edge
        ]
    return found


def register_book(book: Book) -> dict[str, str]:
    """March 2026 with fourteen failures whose titles fill their rows: a register of
    several landscape pages. The first is late (a bold row), the second signed (a number)."""
    ids = {}
    for n in range(1, 15):
        title = f"Kegagalan {n}: " + " ".join(["aplikasi pelayanan tidak dapat diakses"] * 4)
        ids[f"f{n}"] = report(book, title[:200], f"Sistem {n % 4}", at(f"03-{n + 1:02d}"))
    step(book, "sari", at("03-02", 10), "record", ids["f1"])
    step(book, "budi", at("03-03"), "assign", ids["f1"], "--to", "andi")
    book.walk(ids["f2"], "signed", now=at("03-05"))
    return ids


def print_register(book: Book, tmp_path: Path, how: str) -> Path:
    pdf = tmp_path / "register.pdf"
    period = ("--from", "2026-03-01", "--to", "2026-03-31")
    if how == "weasyprint":
        pytest.importorskip("weasyprint", exc_type=ImportError)
        r = book("--lang", "id", "render", "logbook", *period, "-f", "pdf", "-o", str(pdf),
                 now=RENDER_NOW)  # fmt: skip
        assert r.ok, r.stderr
        return pdf
    if CHROMIUM is None:
        pytest.skip("chromium is not installed (.ci/run installs it)")
    page = tmp_path / "register.html"
    r = book("--lang", "id", "render", "logbook", *period, "-f", "html", "-o", str(page),
             now=RENDER_NOW)  # fmt: skip
    assert r.ok, r.stderr
    printed = chromium(tmp_path, "--no-pdf-header-footer", f"--print-to-pdf={pdf}", page.as_uri())
    assert printed.returncode == 0 and pdf.exists(), printed.stderr
    return pdf


@pytest.mark.skipif(PDFTOTEXT is None or PDFINFO is None, reason="poppler-utils is not installed")
@pytest.mark.parametrize("how", ["weasyprint", "chromium"])
def test_the_register_prints_landscape_with_its_header_on_every_page(
    book: Book, tmp_path: Path, how: str
) -> None:
    ids = register_book(book)
    pdf = print_register(book, tmp_path, how)
    pages = pdf_page_texts(pdf)
    assert len(pages) >= 2
    assert all(w > h for w, h in page_sizes(pdf)) and len(page_sizes(pdf)) == len(pages)
    for n, page in enumerate(pages, start=1):
        assert f"Halaman {n} dari {len(pages)}" in page, n
        if "Kegagalan" not in page:  # no rows: WeasyPrint keeps the total with the last ones,
            assert how == "chromium" and n == len(pages), n  # a browser may not
            continue
        # The header row on each page, whole: "No." in its narrow column, not "N" over "o.".
        header = next(line for line in page.splitlines() if "Uraian singkat" in line)
        assert re.match(r"\s*No\.\s+ID\s+Tanggal", header), header
        assert "Nomor" in header and "Tepat" in header  # the last columns are on the page
    text = "".join(pages)
    assert all(failure_id in text for failure_id in ids.values())
    assert "LAP-" in text and "Baris tebal: melewati tenggat." in text  # the number may wrap
    assert past_the_margin(pdf) == []


def recap_book(book: Book) -> None:
    """Three failures in three systems (a third each: 34 + 33 + 33), one signed."""
    report(book, "Printer lantai 3 mati", "Printer Server", at("03-02"))
    report(book, "Server surel lambat", "Email Server", at("03-04"))
    fid = report(book, "VPN putus-putus", "VPN", at("03-05"))
    book.walk(fid, "signed", now=at("03-06"))


@pytest.mark.skipif(PDFTOTEXT is None, reason="pdftotext is not installed (.ci/run installs it)")
@pytest.mark.parametrize("how", ["weasyprint", "chromium"])
@pytest.mark.parametrize("lang", ["id", "en"])
def test_the_recap_prints_with_page_numbers_shares_and_the_signature(
    book: Book, tmp_path: Path, how: str, lang: str
) -> None:
    recap_book(book)
    pdf = tmp_path / "recap.pdf"
    args = ("--lang", lang, "render", "recap", "--year", "2026")
    if how == "weasyprint":
        pytest.importorskip("weasyprint", exc_type=ImportError)
        assert book(*args, "-f", "pdf", "-o", str(pdf), now=RENDER_NOW).ok
    else:
        if CHROMIUM is None:
            pytest.skip("chromium is not installed (.ci/run installs it)")
        page = tmp_path / "recap.html"
        assert book(*args, "-f", "html", "-o", str(page), now=RENDER_NOW).ok
        printed = chromium(tmp_path, "--no-pdf-header-footer", f"--print-to-pdf={pdf}",
                           page.as_uri())  # fmt: skip
        assert printed.returncode == 0 and pdf.exists(), printed.stderr
    pages = pdf_page_texts(pdf)
    word, of = ("Halaman", "dari") if lang == "id" else ("Page", "of")
    for n, page in enumerate(pages, start=1):
        assert f"{word} {n} {of} {len(pages)}" in page, n
    # The shares of the systems, each on its row: a whole number each, adding up to 100.
    text = "\n".join(pages)
    shares = {
        system: int(re.findall(rf"{system}\s+1\s+(\d+)\s?%", text)[-1])
        for system in ("Email Server", "Printer Server", "VPN")
    }
    assert sorted(shares.values()) == [33, 33, 34] and sum(shares.values()) == 100
    # The supervisor's signature block, whole, on the last page (never a page of its own).
    last = pages[-1]
    title = ("Kepala Subbagian Tata Usaha dan Kepatuhan" if lang == "id"
             else "Head of General Affairs and Internal Compliance")  # fmt: skip
    assert "Jakarta, 15 April 2026" in last and title in " ".join(last.split())
    assert "Budi Santoso" in last and "NIP 19820315 200604 1 003" in last
    assert ("Dicetak pada" if lang == "id" else "Printed on") in last
    assert past_the_margin(pdf) == []


# --- the kop ------------------------------------------------------------------------------------


def kop_contact(book: Book, fid: str, lang: str = "id") -> list[str]:
    r = book("--lang", lang, "render", fid, "-f", "html")
    assert r.ok, r.stderr
    lines = re.findall(r'<div class="contact">(.*)</div>', r.stdout)
    return [re.sub(r"<[^>]*>", "", line) for line in lines]


def test_the_kop_sets_the_contact_line_as_djp_letterheads_do(book: Book) -> None:
    fid = book.report()
    assert kop_contact(book, fid) == [
        "JALAN JENDERAL GATOT SUBROTO NOMOR 40-42, JAKARTA 12190",
        "TELEPON (021) 5250208; FAKSIMILE (021) 5251245; LAMAN www.pajak.go.id; "
        "SUREL pengaduan@pajak.go.id",
    ]
    assert kop_contact(book, fid, "en")[1].startswith("TELEPHONE (021) 5250208; FACSIMILE")
    # What the configuration leaves empty is left out, and the rest closes up.
    for key in ("office.fax", "office.email", "office.address"):
        r = book("config", "set", key, "", user="budi")
        assert r.ok, r.stderr
    assert kop_contact(book, fid) == ["TELEPON (021) 5250208; LAMAN www.pajak.go.id"]
    # A log book made before office.fax: its phone line already names what it holds.
    r = book("config", "set", "office.phone", "Telepon (021) 5250208; Faksimile (021) 5251245",
             user="budi")  # fmt: skip
    assert r.ok, r.stderr
    assert kop_contact(book, fid) == [
        "TELEPON (021) 5250208; FAKSIMILE (021) 5251245; LAMAN www.pajak.go.id"
    ]
    md = book("--lang", "id", "render", fid).stdout
    assert "\nTELEPON (021) 5250208; FAKSIMILE (021) 5251245; LAMAN www.pajak.go.id\n" in md
    assert book("config", "set", "office.email", "bukan surel", user="budi").refused(
        "config_bad_value"
    )
