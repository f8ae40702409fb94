"""The Markdown documents read as plain text and as Markdown alike.

A Markdown viewer (CommonMark with GitHub's tables and strikethrough: markdown-it-py, which Rich
already brings) must show every text from the log book as the person typed it, and the file
read as plain text must carry no backslash before ordinary punctuation, with continuation lines
indented under their list item and no line longer than a page of plain text.
"""

from __future__ import annotations

import html
import re

import pytest
from conftest import Book
from hypothesis import given, settings
from hypothesis import strategies as st
from markdown_it import MarkdownIt

from klipctl.documents.markdown import WIDTH, md, md_cell, md_para

VIEWER = MarkdownIt("commonmark").enable(["table", "strikethrough"])
ORDINARY = (
    "Printer (lantai 3) rusak - lihat tiket #12, kira-kira 50%! Kode: 0x1F; 2 + 2 = 4. "
    "[URGENT] budi_santoso@pajak.go.id C:\\Users\\budi a < b > c \"kutip\" 'satu' ~5 menit"
)
MARKUP = [
    "*kritis* dan **sangat**", "_miring_ dan __tebal__", "~~coret~~", "`kode`", "<b>tebal</b>",
    "<script>alert(1)</script>", "[klik](http://x.test)", "![gambar](x.png)", "&amp; &copy; &#65;",
    "# judul", "## dua", "> kutipan", "- butir", "+ butir", "* butir", "1. satu", "2026) dua",
    "---", "***", "___", "===", "```", "~~~", "| a | b |", "[x]: http://x.test", "akhir\\",
    "\\*bukan\\*", "a|b",
]  # fmt: skip


def shown(markdown: str) -> str:
    """What a Markdown viewer shows of one paragraph: its text, or the HTML it made instead."""
    out = VIEWER.render(markdown)
    found = re.fullmatch(r"<p>(.*)</p>\n", out, re.S)
    assert found, f"not one plain paragraph: {out!r}"
    assert "<" not in found.group(1).replace("<br />", ""), out  # no emphasis, link, tag, code
    return html.unescape(found.group(1).replace("<br />\n", "\n"))


@pytest.mark.parametrize("text", [ORDINARY, *MARKUP])
def test_a_viewer_shows_the_text_as_typed(text: str) -> None:
    assert shown(md(text)) == text
    table = VIEWER.render(f"| h |\n|---|\n| {md_cell(text)} |\n")
    cell = re.search(r"<td>(.*)</td>", table, re.S)
    assert cell and "<" not in cell.group(1) and html.unescape(cell.group(1)) == text.strip()


def test_ordinary_punctuation_gets_no_backslash() -> None:
    assert md(ORDINARY) == ORDINARY
    assert md_cell("Aplikasi | Pengaduan (v2.1) - 50%") == "Aplikasi \\| Pengaduan (v2.1) - 50%"


words = st.text(
    alphabet=st.sampled_from("ab c1.)(-+*_~`#>|[]!<&;:=\\/é“”"), min_size=1, max_size=60
)


@settings(max_examples=400, deadline=None)
@given(st.lists(words, min_size=1, max_size=4))
def test_any_text_comes_back_from_a_viewer(parts: list[str]) -> None:
    """Whatever a person types, the viewer shows it (whitespace folded), wrapped or not, at the
    top level or inside a list item."""
    text = "\n".join(parts)
    lines = [" ".join(line.split()) for line in text.split("\n")]
    expected = "\n".join(line for line in lines if line)
    if not expected:
        return
    single = "\n".join(lines).replace("\n\n", "\n")
    assert shown(md(expected)) == expected, single
    wrapped = md_para(expected, 3)
    assert all(len(line) <= WIDTH or " " not in line.strip() for line in wrapped.split("\n"))
    item = VIEWER.render(f"1. **x**\n\n   {wrapped}\n")
    found = re.fullmatch(r"<ol>\n<li>\n<p><strong>x</strong></p>\n<p>(.*)</p>\n</li>\n</ol>\n",
                         item, re.S)  # fmt: skip
    assert found, item
    body = found.group(1).replace("<br />\n", "\n")
    assert "<" not in body
    assert " ".join(html.unescape(body).split()) == " ".join(expected.split())


def test_documents_read_as_plain_text(book: Book) -> None:
    description = (
        "Sejak pukul 08.00 printer di lantai 3 (ruang 3.12) tidak mencetak - antrean penuh.\n"
        "Sudah dicoba: mematikan dan menyalakan ulang; kabel diganti. "
        "2026. Tahun anggaran ini belum ada penggantian.\n"
        "* Bukan butir daftar, # bukan judul"
    )
    r = book("report", "--title", "Printer lantai 3 (ruang 3.12) mati - kira-kira 50%!",
             "--system", "Printer Server", "--description", description, user="rina")  # fmt: skip
    assert r.ok, r.stderr
    fid = r.stdout.strip()
    book.walk(fid, "signed")
    text = book("--lang", "id", "render", fid).stdout
    assert "Printer lantai 3 (ruang 3.12) mati - kira-kira 50%!" in " ".join(text.split())
    assert "\\" not in text.replace("\\* Bukan", "")  # the one line start that needs it
    for line in text.split("\n"):
        if not line.startswith("|") and not line.startswith(("TELEPON", "JALAN")):
            assert len(line) <= WIDTH, line
    # Continuation lines sit under the text of their list item, never at the margin.
    general = text.split("1. **Umum**\n\n", 1)[1].split("\n\n2. ", 1)[0]
    assert all(line.startswith("   ") for line in general.split("\n") if line), general
    viewer = VIEWER.render(text)
    assert "<h1" not in viewer and "<ul" not in viewer  # no heading or bullet made of the text
