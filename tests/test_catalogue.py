"""The gettext catalogues against the code: every key the code, the templates and the log book
skeleton use is in both ``.po`` files, every entry is used, translated and not fuzzy, plural
entries have the forms their language needs, and a count reads right through the CLI.

The extraction is Babel's own (``extract_from_dir`` with ``babel.cfg``), as ``pybabel extract``
runs it for a translator.
"""

from __future__ import annotations

import io
import re
import string
from collections.abc import Callable
from functools import cache
from pathlib import Path

import pytest
from babel.messages.catalog import Catalog
from babel.messages.pofile import read_po
from conftest import Book, Run

ROOT = Path(__file__).resolve().parent.parent
LANGS = ("id", "en")
Key = tuple[str | None, str]  # (context, message ID)


@cache
def extracted() -> dict[Key, bool]:
    """Every entry the sources use, with whether it is used with a count (a plural entry)."""
    from babel.messages.extract import extract_from_dir
    from babel.messages.frontend import parse_mapping_cfg

    with (ROOT / "babel.cfg").open() as f:
        method_map, options_map = parse_mapping_cfg(f)
    found: dict[Key, bool] = {}
    for _file, _line, message, _comments, context in extract_from_dir(
        str(ROOT), method_map, options_map
    ):
        plural = isinstance(message, tuple)
        key = (context, message[0] if plural else message)
        found[key] = found.get(key, False) or plural
    return found


@cache
def po(lang: str) -> Catalog:
    with (ROOT / "klipctl" / "i18n" / "locale" / lang / "LC_MESSAGES" / "klipctl.po").open(
        "rb"
    ) as f:
        return read_po(f)


def entries(lang: str) -> dict[Key, bool]:
    return {
        (m.context, m.id[0] if isinstance(m.id, tuple) else m.id): isinstance(m.id, tuple)
        for m in po(lang)
        if m.id
    }


@pytest.mark.parametrize("lang", LANGS)
def test_every_key_the_code_uses_is_in_the_catalogue(lang: str) -> None:
    missing = sorted(extracted().keys() - entries(lang).keys(), key=str)
    assert not missing, f"used but not in {lang}/klipctl.po: {missing}"


@pytest.mark.parametrize("lang", LANGS)
def test_every_entry_of_the_catalogue_is_used(lang: str) -> None:
    unused = sorted(entries(lang).keys() - extracted().keys(), key=str)
    assert not unused, f"in {lang}/klipctl.po but used nowhere: {unused}"


@pytest.mark.parametrize("lang", LANGS)
def test_an_entry_used_with_a_count_is_a_plural_entry_and_only_then(lang: str) -> None:
    have = entries(lang)
    wrong = sorted(k for k, plural in extracted().items() if k in have and have[k] != plural)
    assert not wrong, f"plural in the code but not in {lang}/klipctl.po, or the reverse: {wrong}"


@pytest.mark.parametrize("lang", LANGS)
def test_every_entry_is_translated_and_none_is_fuzzy(lang: str) -> None:
    catalogue = po(lang)
    assert not catalogue.fuzzy
    empty = [
        m.id for m in catalogue if m.id and not all(m.string if m.pluralizable else (m.string,))
    ]
    fuzzy = [m.id for m in catalogue if m.id and m.fuzzy]
    assert not empty, f"untranslated in {lang}: {empty}"
    assert not fuzzy, f"fuzzy in {lang}: {fuzzy}"
    problems = [(m.id, e) for m in catalogue if m.id for e in [m.check(catalogue)] if e]
    assert not problems, problems


def test_plural_forms_are_those_of_each_language() -> None:
    assert po("id").num_plurals == 1 and po("en").num_plurals == 2
    for lang in LANGS:
        for m in po(lang):
            if m.pluralizable:
                assert len(m.string) == po(lang).num_plurals, (lang, m.id)


def _fields(text: str) -> set[str]:
    return {name for _, name, _, _ in string.Formatter().parse(text) if name}


def test_both_languages_fill_in_the_same_values() -> None:
    english = {(m.context, m.id): m.string for m in po("en") if m.id}
    for m in po("id"):
        if not m.id:
            continue
        forms = m.string if m.pluralizable else (m.string,)
        other = english[(m.context, m.id)]
        other_forms = other if isinstance(other, tuple) else (other,)
        ours = set().union(*map(_fields, forms))
        theirs = set().union(*map(_fields, other_forms))
        assert ours == theirs, (m.id, ours, theirs)


def test_the_names_tables_cover_the_domain() -> None:
    from klipctl.domain import model, procedure
    from klipctl.i18n import messages

    assert tuple(messages.STAGE_NAMES) == model.STAGES
    assert tuple(messages.ROLE_NAMES) == model.ROLES
    assert tuple(messages.SEVERITY_NAMES) == model.SEVERITIES
    assert set(messages.ACTION_NAMES) == {step.action for step in procedure.STEPS.values()}


def test_a_count_takes_the_plural_form_it_needs(book: Book) -> None:
    book.report()
    r = book("list")
    assert r.exit_code == 0 and re.search(r"^1 failure, 0 overdue\.$", r.stderr, re.M), r.stderr
    book.report("Scanner jammed")
    r = book("list")
    assert re.search(r"^2 failures, 0 overdue\.$", r.stderr, re.M), r.stderr
    r = book("--lang", "id", "list")
    assert re.search(r"^2 kegagalan, 0 terlambat\.$", r.stderr, re.M), r.stderr


@pytest.mark.parametrize(
    ("lang", "title", "comment"),
    [
        ("id", "# Log Book Penanganan Kegagalan Sistem", "# Bahasa yang dipakai klipctl:"),
        ("en", "# Log Book: Handling System Failures", "# Language klipctl speaks to people:"),
    ],
)
def test_a_new_log_book_explains_itself_in_the_language_it_was_made_in(
    cli: Callable[..., Run], tmp_path: Path, lang: str, title: str, comment: str
) -> None:
    r = cli("--lang", lang, "init", str(tmp_path / "lb"), lang=lang)
    assert r.exit_code == 0, r.stderr
    readme = (tmp_path / "lb" / "README.md").read_text("utf-8")
    config = (tmp_path / "lb" / "klipctl.yaml").read_text("utf-8")
    assert readme.startswith(title + " ") and comment in config
    for name in ("README.md", "klipctl.yaml", "roster.yaml", "calendar.yaml"):
        text = (tmp_path / "lb" / name).read_text("utf-8")
        assert "{{" not in text, name
        if name.endswith(".yaml"):
            assert all(len(line) <= 100 for line in text.splitlines()), name
    assert cli("--logbook", str(tmp_path / "lb"), "config", "get", "language").stdout == "id\n"


def test_a_catalogue_is_compiled_once_into_the_cache_and_works_without_one(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from klipctl.i18n.catalogue import Catalogue, compiled

    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "cache"))
    mo = compiled("id")
    (kept,) = (tmp_path / "cache" / "klipctl").glob("klipctl-id-*.mo")
    assert kept.read_bytes() == mo
    kept.write_bytes(b"what the cache holds")
    assert compiled("id") == b"what the cache holds"  # read back, not compiled again
    # A cache folder that cannot be made (here a file is in the way): compiled each time.
    (tmp_path / "file").write_text("")
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "file"))
    catalogue = Catalogue(io.BytesIO(compiled("id")))
    assert catalogue.text("no_logbook").startswith("Tidak ada log book di sini")
