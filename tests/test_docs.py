"""The documentation tells the truth about the command line.

Every command has its section in docs/reference.md and the page is what the code says today;
every `klipctl ...` line in README.md and docs/ names a command and options that exist; the
README's example runs, as written, in a fresh folder.
"""

from __future__ import annotations

import os
import re
import shlex
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "docs"))

import reference  # noqa: E402

ROOT_OPTIONS = {"-C", "--logbook", "--lang", "--no-input", "--version", "-h", "--help"}
COMMANDS = dict(reference.commands(reference.root()))


def options(command: object) -> set[str]:
    found = set(ROOT_OPTIONS)
    for param in getattr(command, "params", []):
        found.update(getattr(param, "opts", []))
        found.update(getattr(param, "secondary_opts", []))
    return found


def test_the_reference_page_is_up_to_date() -> None:
    assert reference.main(["--check"]) == 0, "run: python docs/reference.py"


@pytest.mark.parametrize("name", sorted(COMMANDS))
def test_every_command_has_its_section(name: str) -> None:
    page = (ROOT / "docs" / "reference.md").read_text(encoding="utf-8")
    assert f"## `klipctl {name}`" in page


def example_lines() -> list[tuple[str, str]]:
    """(file, line) for every `klipctl ...` command in a sh block of README.md or docs/."""
    found = []
    for path in [ROOT / "README.md", *sorted((ROOT / "docs").glob("*.md"))]:
        if path.name == "reference.md":
            continue
        text = path.read_text(encoding="utf-8").replace("\\\n", " ")
        for block in re.findall(r"```sh\n(.*?)```", text, re.S):
            for line in block.splitlines():
                code = line.split(" #")[0]
                for part in re.split(r"&&|\|\||;|\$\(", code):
                    # The command itself, after any VAR=value words in front of it.
                    command = re.match(r"\s*(?:\w+=\S*\s+)*(?:\S*/)?(klipctl\s.*)", part)
                    if command:
                        found.append((path.name, command.group(1).strip(" )")))
    return found


EXAMPLES = example_lines()


def resolve(words: list[str]) -> tuple[str, object] | None:
    """The longest command path the words name (`calendar add 2026-…` → `calendar add`)."""
    best = None
    for n in range(1, len(words) + 1):
        name = " ".join(words[:n])
        if name in COMMANDS:
            best = (name, COMMANDS[name])
    if best is not None and best[0] == "render":  # `render ID`: any word but a subcommand
        best = ("render ID", COMMANDS["render ID"])
    return best


def test_the_examples_are_found() -> None:
    assert len(EXAMPLES) > 30


@pytest.mark.parametrize(("page", "line"), EXAMPLES)
def test_every_example_names_real_commands_and_options(page: str, line: str) -> None:
    words = shlex.split(line, posix=True)[1:]
    while words and words[0] in ("-C", "--logbook", "--lang"):
        words = words[2:]
    if not words or words[0].startswith("-"):
        return  # `klipctl --help`, `klipctl --version`
    found = resolve([w for w in words if not w.startswith("-")][:3])
    assert found is not None, f"{page}: no command in {line!r}"
    name, command = found
    for word in words:
        flag = word.split("=")[0]
        if re.fullmatch(r"--?[a-zA-Z][\w-]*", flag):
            assert flag in options(command), f"{page}: {name} has no option {flag}"


def test_the_readme_example_runs_as_written(tmp_path: Path) -> None:
    text = (ROOT / "README.md").read_text(encoding="utf-8")
    using = text[text.index("## Using it") :]
    script = re.search(r"```sh\n(.*?)```", using, re.S)
    assert script is not None
    klipctl = shutil.which("klipctl") or str(Path(sys.executable).parent / "klipctl")
    env = {
        "PATH": f"{Path(klipctl).parent}{os.pathsep}{os.environ['PATH']}",
        "HOME": str(tmp_path),
        "KLIPCTL_LANG": "en",
        "GIT_CONFIG_NOSYSTEM": "1",
    }
    done = subprocess.run(
        ["bash", "-euo", "pipefail", "-c", script.group(1)],
        cwd=tmp_path, env=env, capture_output=True, text=True, timeout=300,
    )  # fmt: skip
    assert done.returncode == 0, done.stderr
    assert "the audit trail is intact" in done.stdout or "intact" in done.stdout, done.stdout
    assert "Archived" in done.stdout or "Filed" in done.stdout, done.stdout
