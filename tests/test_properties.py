"""Property tests of hostile input: random command lines and random damage to a failure's file.

Whatever the input, klipctl answers with an exit status of 0, 1 or 2 and never a traceback; a
non-zero status leaves the log book and its commits as they were. One log book is built per
module and put back (``git reset --hard`` and ``git clean``) before each example.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest
from conftest import Book, Run, isolate
from hypothesis import HealthCheck, event, given, settings
from hypothesis import strategies as st

COMMANDS = [
    ("report",), ("record",), ("assign",), ("resolve",), ("review",), ("draft",), ("sign",),
    ("deliver",), ("archive",), ("roster", "add"), ("roster", "set-key"), ("roster", "list"),
    ("roster", "remove"), ("roster", "set-role"), ("roster", "show"),
    ("calendar", "add"), ("calendar", "remove"), ("calendar", "show"), ("calendar", "deadline"),
    ("calendar", "workdays"), ("render",), ("render", "logbook"), ("render", "recap"), ("show",),
    ("list",), ("history",), ("verify",), ("due",), ("remote", "set"), ("sync",), ("status",),
    ("doctor",),
]  # fmt: skip


@dataclass(frozen=True)
class Spec:
    """A command's parameters, read from the app itself."""

    arguments: int  # positional arguments it takes (-1: any number)
    options: tuple[str, ...]  # options that take a value
    flags: tuple[str, ...]


def _specs() -> dict[tuple[str, ...], Spec]:
    from typer.main import get_command

    from klipctl.cli.main import make_app

    root: Any = get_command(make_app("en"))
    found = {}
    for path in COMMANDS:
        command = root
        for name in ("render", "document") if path == ("render",) else path:
            command = command.commands[name]
        arguments = [p for p in command.params if p.param_type_name == "argument"]
        options = [p for p in command.params if p.param_type_name == "option"]
        found[path] = Spec(
            -1 if any(p.nargs == -1 for p in arguments) else len(arguments),
            # --output is left out: it writes wherever it is told.
            tuple(
                o for p in options if not p.is_flag for o in p.opts if o not in ("-o", "--output")
            ),
            tuple(o for p in options if p.is_flag for o in p.opts),
        )
    return found


SPECS = _specs()
ALL_OPTIONS = sorted({o for spec in SPECS.values() for o in (*spec.options, *spec.flags)})
USERS = ["budi", "sari", "andi", "rina", "stranger", None]

# Text as people, scripts and terminals give it: controls, undecodable bytes (lone surrogates),
# path pieces, option look-alikes, very long values.
hostile_text = st.one_of(
    st.text(st.characters(exclude_categories=()), max_size=30),  # surrogates too
    st.text(st.sampled_from("ab1-./\\\n\r\t\x00\x1b\x7f\u2028\u202e\udcff\ufeff é"), max_size=12),
    st.builds("{}\udcff{}".format, st.text(max_size=5), st.text(max_size=5)),  # a byte not UTF-8
    st.sampled_from(
        ["..", "../x", "/", "-", "--", "-rf", "--title", "2026-03-17", "2026-03", "2026",
         "md", "html", "andi", "sari", "supervisor", "198203152006041003", "HEAD", "1", "1m"]
    ),
    st.builds(lambda c, n: c * n, st.sampled_from("x\u00e9\U0001f600/"), st.integers(150, 12_000)),
)  # fmt: skip


@dataclass
class Shared:
    book: Book
    ids: list[str]
    head: str

    def reset(self) -> None:
        # klipctl's own state (the index) is kept: it must follow the reset as it follows a pull.
        self.book.reset(self.head, keep_state=True)


@pytest.fixture(scope="module")
def shared(module_book: Book, tmp_path_factory: pytest.TempPathFactory) -> Shared:
    """The module's log book with failures at several stages."""
    book = module_book
    with pytest.MonkeyPatch.context() as mp:
        isolate(mp, tmp_path_factory.mktemp("home"))  # module fixtures come before clean_env
        ids = [
            book.report("Printer lantai 3 mati"),
            book.report("Aplikasi antrean lambat", now="2026-03-10T10:00:00+07:00"),
            book.report("Jaringan putus", now="2026-03-11T09:00:00+07:00"),
        ]
        book.walk(ids[1], "assigned")
        book.walk(ids[2], "resolved")
    return Shared(book, ids, book.git("rev-parse", "HEAD").strip())


def sound(r: Run) -> None:
    assert r.exit_code in (0, 1, 2), (r.exit_code, r.stderr)
    assert "Traceback" not in r.stderr and "internal error" not in r.stderr, r.stderr


@st.composite
def command_lines(draw: st.DrawFn, ids: list[str]) -> list[str]:
    """A command line that is mostly well formed, with hostile values, and now and then not."""
    path = draw(st.sampled_from(COMMANDS))
    spec = SPECS[path]
    real = st.one_of(st.sampled_from(ids), st.sampled_from([i[:4] for i in ids]))
    value = st.one_of(hostile_text, hostile_text, real)
    root = st.sampled_from([[], [], [], ["--lang", "id"], ["--no-input"], ["--help"]])
    args = ["--lang", draw(value)] if draw(st.integers(0, 9)) == 0 else draw(root)
    args += path
    count = draw(st.integers(0, 3)) if spec.arguments < 0 else spec.arguments
    args += [draw(value) for _ in range(count)]
    for option in draw(st.lists(st.sampled_from(spec.options), max_size=4)) if spec.options else []:
        text = draw(value)
        args += draw(st.sampled_from([[option, text], [f"{option}={text}"]]))
    if spec.flags:
        args += draw(st.lists(st.sampled_from(spec.flags), max_size=3))
    for _ in range(draw(st.integers(0, 2)) if draw(st.integers(0, 4)) == 0 else 0):
        noise = st.one_of(
            value,  # a positional argument too many
            st.sampled_from(ALL_OPTIONS),  # another command's option, maybe missing its value
            st.builds("--{}".format, hostile_text),  # an option that does not exist
        )
        args.insert(draw(st.integers(len(path), len(args))), draw(noise))
    return args


def check_command_line(shared: Shared, data: st.DataObject) -> None:
    book = shared.book
    shared.reset()
    args = data.draw(command_lines(shared.ids), label="args")
    user = data.draw(st.sampled_from(USERS), label="user")
    snapshot, commits = book.snapshot(), book.commit_count()
    r = book(*args, user=user, env={"EDITOR": "false"}, input="")
    event(f"exit {r.exit_code}")
    sound(r)
    if r.exit_code != 0:
        assert book.snapshot() == snapshot
        assert book.commit_count() == commits


QUICK = settings(
    max_examples=40,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
LONG = settings(QUICK, max_examples=1000)


@QUICK
@given(data=st.data())
def test_random_command_lines_never_crash_and_a_refusal_changes_nothing(
    shared: Shared, data: st.DataObject, in_tmp: None
) -> None:
    check_command_line(shared, data)


@pytest.mark.stress
@LONG
@given(data=st.data())
def test_many_random_command_lines(shared: Shared, data: st.DataObject, in_tmp: None) -> None:
    check_command_line(shared, data)


@pytest.fixture
def in_tmp(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)  # a relative path in the arguments lands here


# --- random damage to a failure's file ---------------------------------------------------------


@st.composite
def damaged(draw: st.DrawFn, text: bytes) -> bytes:
    """``text`` (a failure file) with one kind of damage a hand, a script or a disk might do."""
    lines = text.split(b"\n")
    at = draw(st.integers(0, len(text)))
    line = draw(st.integers(0, len(lines) - 1))
    kind = draw(
        st.sampled_from(["truncate", "insert", "flip", "tag", "anchor", "duplicate", "type"])
    )
    if kind == "truncate":
        return text[:at]
    if kind == "insert":
        return text[:at] + draw(st.binary(min_size=1, max_size=20)) + text[at:]
    if kind == "flip":
        pos = min(at, len(text) - 1)
        return text[:pos] + bytes([text[pos] ^ draw(st.integers(1, 255))]) + text[pos + 1 :]
    if kind == "tag":
        tag = draw(
            st.sampled_from([b"!!python/object:os.system ", b"!!binary ", b"!x ", b"!!set "])
        )
        return text.replace(b": ", b": " + tag, 1 + line % 5)
    if kind == "anchor":
        return text.replace(b"title: ", b"title: &t ", 1).replace(b"system: ", b"system: *t #", 1)
    if kind == "duplicate":
        lines.insert(line, lines[line])
        return b"\n".join(lines)
    key = draw(st.sampled_from([b"title", b"at", b"entries", b"actor", b"details", b"schema"]))
    wrong = draw(st.sampled_from([b"[1, 2]", b"{a: 1}", b"5", b"null", b"true", b"''"]))
    start = text.find(key + b":")
    if start < 0:
        return text
    end = text.find(b"\n", start)
    return text[:start] + key + b": " + wrong + text[end:]


def check_damage(shared: Shared, data: st.DataObject) -> None:
    book = shared.book
    shared.reset()
    target, others = shared.ids[0], shared.ids[1:]
    path = next(book.root.glob(f"failures/*/*/{target}.yaml"))
    path.write_bytes(data.draw(damaged(path.read_bytes()), label="damaged"))
    rel = path.relative_to(book.root).as_posix()

    listing = book("list", "--all")
    sound(listing)
    assert listing.ok, listing.stderr
    assert all(other in listing.stdout for other in others)  # the others still list
    readable = target in listing.stdout
    event("still readable" if readable else "damaged")
    if not readable:
        assert rel in listing.stderr, listing.stderr  # the damaged file is named
    for args in (("show", target), ("verify",), ("history", target), ("due",)):
        sound(book(*args))
    if readable:
        return
    snapshot, commits = book.snapshot(), book.commit_count()
    r = book("record", target, user="sari")
    sound(r)
    assert r.exit_code == 1 and rel in r.stderr, r.stderr
    assert book.snapshot() == snapshot and book.commit_count() == commits


@settings(QUICK, max_examples=20)
@given(data=st.data())
def test_random_damage_to_a_failure_file_is_named_and_refuses_writes(
    shared: Shared, data: st.DataObject
) -> None:
    check_damage(shared, data)


@pytest.mark.stress
@settings(QUICK, max_examples=500)
@given(data=st.data())
def test_much_random_damage(shared: Shared, data: st.DataObject) -> None:
    check_damage(shared, data)
