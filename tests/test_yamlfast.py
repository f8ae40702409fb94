"""klipctl's own YAML layout read in plain Python gives exactly what libyaml gives.

``yamlfast`` reads the files klipctl writes without libyaml (a full ``verify`` reads every
failure file); anything it does not know it leaves to libyaml. Whatever the text, it either
declines or agrees with libyaml, value for value and type for type; and it does read what
``yamlio.dumps`` writes, or it would save nothing.
"""

from __future__ import annotations

from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from klipctl.storage import yamlfast, yamlio

SETTINGS = settings(max_examples=400, deadline=None, suppress_health_check=[HealthCheck.too_slow])

# Text a person types into klipctl (letters, digits, punctuation, accents, new lines), and any
# text at all: both must read back the same.
TYPED = st.text(
    st.characters(codec="utf-8", categories=("L", "N", "P", "Zs", "S"), exclude_characters="\t"),
    max_size=150,
)
ANY_TEXT = st.text(max_size=60)
SCALARS = st.one_of(
    TYPED, ANY_TEXT, st.none(), st.booleans(), st.integers(0, 10**19), st.integers(-(10**6), 10**6),
    st.sampled_from(["", "null", "~", "yes", "No", "on", "2026-03-10", "12:30", "1_000", "0x1f",
                     ".5", ".inf", "-", "- a", "a: b", "a #b", "'q'", '"d"', "|", ">", "!x",
                     "&a", "*a", "[]", "{}", "%", "@", "`", "op5", "1e5", "0123", "=", "<<"]),
    st.text(alphabet="ab \n", max_size=12),
)  # fmt: skip
KEYS = st.sampled_from(["action", "actor", "at", "details", "title", "note", "yes", "null",
                        "on", "size", "name", "files", "to", "a_b", "x1"])  # fmt: skip


def _plain_key(key: str) -> bool:
    return key not in ("files", "yes", "null", "on")


def _entry(details: dict[str, Any], files: list[dict[str, Any]] | None) -> dict[str, Any]:
    out: dict[str, Any] = {
        "action": "attach" if files else "note",
        "stage": "recorded",
        "actor": "op5",
        "role": "operator",
        "at": "2026-03-10T09:00:00+07:00",
        "details": dict(details, **({"files": files} if files else {})),
        "prev": "0f" * 32,
        "sig": "-----BEGIN SSH SIGNATURE-----\nU1NIU0lH\n-----END SSH SIGNATURE-----\n",
    }
    return out


DETAILS = st.dictionaries(KEYS, SCALARS, max_size=5)
FILES = st.lists(
    st.fixed_dictionaries({"name": TYPED, "size": st.integers(0, 10**9), "type": TYPED,
                           "sha256": st.just("ab" * 32)}),
    max_size=2,
)  # fmt: skip
DOCS = st.lists(st.builds(_entry, DETAILS, st.one_of(st.none(), FILES)), min_size=1, max_size=4)


def _libyaml(text: str) -> Any:
    return yamlio._libyaml(text)


def _agrees(text: str) -> bool:
    """Declines or agrees with libyaml; True when it read the text itself."""
    try:
        doc, _items = yamlfast.parse(text)
    except yamlfast.Unsupported:
        return False
    expected = _libyaml(text)  # raises (and fails the test) if libyaml refuses what it read
    assert doc == expected
    assert _types(doc) == _types(expected)
    return True


def _declined_or_agrees(text: str) -> None:
    """What libyaml refuses is declined; what it reads is declined or read the same."""
    try:
        _libyaml(text)
    except yamlio.YamlProblem:
        with pytest.raises(yamlfast.Unsupported):
            yamlfast.parse(text)
        return
    _agrees(text)


def _types(value: Any) -> Any:
    if isinstance(value, dict):
        return {k: _types(v) for k, v in value.items()}
    if isinstance(value, list):
        return [_types(v) for v in value]
    return type(value).__name__


def _failure_text(entries: list[dict[str, Any]]) -> str:
    head = yamlio.dumps({"schema": 1, "id": "1mv12wazyys4"})
    return "# klipctl failure: append-only\n" + head + "entries:\n" + yamlio.dumps(entries)


@SETTINGS
@given(entries=DOCS)
def test_what_klipctl_writes_reads_back_the_same(entries: list[dict[str, Any]]) -> None:
    text = _failure_text(entries)
    if _agrees(text):
        doc, items = yamlio.loads_with_items(text.encode())
        assert items is not None and len(items) == len(entries)
        raw = text.encode()
        assert all(raw[i : i + 8] == b"- action" for i in items)


@SETTINGS
@given(
    entries=st.lists(
        st.builds(_entry, st.dictionaries(KEYS.filter(_plain_key), TYPED, max_size=4),
                  st.one_of(st.none(), FILES)),
        min_size=1, max_size=3,
    )
)  # fmt: skip
def test_typed_text_in_klipctls_layout_is_read_without_libyaml(
    entries: list[dict[str, Any]],
) -> None:
    """Only what YAML itself reads as something else (a keyword, a number, a date) or
    cannot write plainly (quotes, tabs, line breaks with spaces) goes to libyaml."""
    text = _failure_text(entries)
    plain = all(
        _simple(v) for e in entries for v in e["details"].values() if isinstance(v, str)
    ) and all(_simple(f["name"]) and _simple(f["type"]) for e in entries
              for f in e["details"].get("files", []))  # fmt: skip
    assert _agrees(text) or not plain


def _simple(value: str) -> bool:
    bmp = all(ord(c) < 0x10000 for c in value)  # PyYAML writes the others double-quoted
    return bmp and bool(value) and value.replace(" ", "").isalnum() and value[0].isalpha() and (
        value == value.strip() and "  " not in value and value.lower() not in
        ("yes", "no", "on", "off", "true", "false", "null", "y", "n")
    )  # fmt: skip


@SETTINGS
@given(entries=DOCS, edits=st.lists(st.tuples(st.integers(0, 10**6), st.integers(0, 3),
                                             st.sampled_from([" ", "\n", "-", ":", "'", "#",
                                                              "  ", "- ", "|", "x", "\n  "])),
                                   min_size=1, max_size=4))  # fmt: skip
def test_damaged_text_is_declined_or_read_as_libyaml_reads_it(
    entries: list[dict[str, Any]], edits: list[tuple[int, int, str]]
) -> None:
    text = _failure_text(entries)
    for where, cut, put in edits:
        at = where % (len(text) + 1)
        text = text[:at] + put + text[at + cut :]
    _declined_or_agrees(text)


def test_it_reads_plain_scalars_as_the_installed_pyyaml_does() -> None:
    import yaml.resolver

    def table(resolvers: Any) -> dict[str, list[tuple[str, str, int]]]:
        return {k: [(t, r.pattern, r.flags) for t, r in v] for k, v in resolvers.items()}

    assert table(yamlfast._RESOLVERS) == table(yaml.resolver.Resolver.yaml_implicit_resolvers)


@pytest.mark.parametrize(
    "text",
    [
        "a: 1\n",
        "a: '1'\nb: x\n",
        "a:\n- 1\n- b\nc: d\n",
        "a:\n  b:\n    c: |\n      x\n\n      y\n    d: {}\n",
        "a: |-\n  x\n",
        "a: |+\n  x\n\nb: c\n",
        "a: word word\n  word\nb: 'it''s\n  long'\n",
        "list:\n- k: v\n  l:\n  - m: 1\n    n: two\n",
        "a: 1\n\nb: 2\n",
        "a: null\nb: ~\nc:\nd: NULL\n",
        "a: yes\nb: No\nc: true\nd: FALSE\ne: on\nf: Off\n",
        "# head\n\na:\n  # inside\n\n  b: 1\n# left\n  c:\n    # deeper\nd:\n- ~\n- true\n# end\n",
        "a:\n# only a comment below\nb: x\n",
        "a:\n",
        "a: |\n  x\n\n# after the block\nb: y\n",
        "a:\n- k:\n  l: 1\n\n- k: 2\n",
    ],
)
def test_each_shape_it_reads(text: str) -> None:
    assert _agrees(text)


@pytest.mark.parametrize(
    "text",
    [
        "a: \"x\"\n", "a: &x 1\nb: *x\n", "a: !!str 1\n", "a: 1\na: 2\n",
        "a: 2026-03-10\n", "a: 0123\n", "a: 1.5\n", "a: word\n  # c\n", "a: word\n\n  more\n",
        "a: |\n  x\n # less\n  y\n", "a: b\n   \nc: d\n", "a:\tb\n", "- a\n", "a: 1",
        "a: 1 # c\n", "a: b\n  c: d\n", "a: |2\n   x\n", "a: >\n  x\n", "? a\n: b\n",
        "a:\n  - b\n c: d\n", "a: 'x'y\n", "a: x\r\nb: y\n", "\ufeffa: 1\n",
        "a: 123456789012345678901\n", "a: \n  b\n",
    ],
)  # fmt: skip
def test_what_it_leaves_to_libyaml(text: str) -> None:
    with pytest.raises(yamlfast.Unsupported):
        yamlfast.parse(text)


FILLERS = st.sampled_from(["", "# c", "  # c", "    #", "#x: y", "  ", "# - a"])


@SETTINGS
@given(entries=DOCS, where=st.lists(st.tuples(st.integers(0, 10**6), FILLERS), min_size=1,
                                    max_size=5))  # fmt: skip
def test_comment_and_blank_lines_anywhere_are_declined_or_read_as_libyaml_reads_them(
    entries: list[dict[str, Any]], where: list[tuple[int, str]]
) -> None:
    lines = _failure_text(entries).split("\n")[:-1]
    for at, filler in where:
        lines.insert(at % (len(lines) + 1), filler)
    text = "\n".join(lines) + "\n"
    _declined_or_agrees(text)


@pytest.mark.parametrize("name", ["klipctl.yaml", "roster.yaml", "calendar.yaml"])
def test_the_files_a_new_log_book_starts_with_are_read_without_libyaml(
    name: str, book: Any
) -> None:
    """Every read parses the settings, the roster and the calendar: in klipctl's own layout,
    comments and all, so a read never loads PyYAML."""
    assert _agrees((book.root / name).read_text(encoding="utf-8"))


# --- writing ---------------------------------------------------------------------------------

ASCII_TEXT = st.text(st.characters(min_codepoint=0x20, max_codepoint=0x7E), max_size=120)
WRITTEN = st.recursive(
    st.one_of(SCALARS, ASCII_TEXT, st.booleans(), st.none(), st.just({}), st.just([]),
              st.just("-----BEGIN SSH SIGNATURE-----\nU1NIU0lH\nAA\n-----END SSH SIGNATURE-----\n"),
              st.text(alphabet="ab #:\n", max_size=20)),
    lambda inner: st.one_of(st.lists(inner, max_size=3),
                            st.dictionaries(st.one_of(KEYS, st.text(max_size=4)), inner,
                                            max_size=4)),
    max_leaves=12,
)  # fmt: skip


@SETTINGS
@given(data=st.one_of(WRITTEN, DOCS))
def test_what_it_writes_is_what_pyyaml_writes(data: Any) -> None:
    """Written without PyYAML, or declined: never written differently."""
    from klipctl.storage import yamllib

    text = yamlfast.dump(data)
    if text is not None:
        assert text == yamllib.dumps(data)


@SETTINGS
@given(
    entries=st.lists(
        st.builds(_entry, st.dictionaries(KEYS.filter(_plain_key),
                                          st.one_of(st.integers(0, 10**6), st.none(),
                                                    st.booleans(),
                                                    st.from_regex(r"[A-Za-z][a-z0-9 ]{0,40}[a-z]",
                                                                  fullmatch=True)),
                                          max_size=4),
                  st.one_of(st.none(), FILES.filter(lambda fs: all(
                      _simple(f[k]) and f[k].isascii() for f in fs for k in ("name", "type"))))),
        min_size=1, max_size=3,
    )
)  # fmt: skip
def test_an_entry_of_plain_words_is_written_without_pyyaml(entries: list[dict[str, Any]]) -> None:
    assert yamlfast.dump(entries) is not None
