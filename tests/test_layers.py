"""The house holds: layers import only downward, and each outside world has one door.

Read from the source with ``ast`` (imports inside functions and under TYPE_CHECKING count too),
so a shortcut anywhere fails here, whether or not a test runs that code.
"""

from __future__ import annotations

import ast
from collections.abc import Iterator
from pathlib import Path

import pytest

PACKAGE = Path(__file__).resolve().parent.parent / "klipctl"
# Lowest first: a module may import its own layer and those below it.
LAYERS = ["errors", "domain", "i18n", "storage", "audit", "documents", "app", "cli"]


def modules() -> dict[str, Path]:
    found = {}
    for path in sorted(PACKAGE.rglob("*.py")):
        parts = path.relative_to(PACKAGE.parent).with_suffix("").parts
        name = ".".join(parts[:-1] if parts[-1] == "__init__" else parts)
        found[name] = path
    return found


MODULES = modules()


def imports(path: Path) -> Iterator[str]:
    """Every module ``path`` imports, by full name (``from klipctl.app import steps`` gives
    ``klipctl.app.steps``)."""
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            yield from (alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            for alias in node.names:
                full = f"{node.module}.{alias.name}"
                yield full if full in MODULES else node.module


def layer(module: str) -> str | None:
    parts = module.split(".")
    return parts[1] if len(parts) > 1 and parts[0] == "klipctl" and parts[1] in LAYERS else None


def top_level(module: str) -> str:
    return module.split(".")[0]


def test_every_module_is_in_a_layer() -> None:
    loose = [m for m in MODULES if layer(m) is None and m not in ("klipctl", "klipctl.__main__")]
    assert loose == []
    assert len({layer(m) for m in MODULES} - {None}) == len(LAYERS)


@pytest.mark.parametrize("module", sorted(m for m in MODULES if layer(m)))
def test_imports_only_go_down(module: str) -> None:
    me = LAYERS.index(layer(module) or "")
    upward = [
        name
        for name in imports(MODULES[module])
        if (other := layer(name)) is not None and LAYERS.index(other) > me
    ]
    assert upward == [], f"{module} imports from a higher layer"


def test_no_module_imports_itself_in_a_circle() -> None:
    graph = {
        m: {n for n in imports(p) if n in MODULES and n != m and n != "klipctl"}
        for m, p in MODULES.items()
    }
    # Tarjan's strongly connected components: any with two or more modules is a circle.
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    circles: list[list[str]] = []

    def visit(v: str) -> None:
        index[v] = low[v] = len(index)
        stack.append(v)
        for w in graph[v]:
            if w not in index:
                visit(w)
                low[v] = min(low[v], low[w])
            elif w in stack:
                low[v] = min(low[v], index[w])
        if low[v] == index[v]:
            component = []
            while True:
                w = stack.pop()
                component.append(w)
                if w == v:
                    break
            if len(component) > 1:
                circles.append(sorted(component))

    for v in graph:
        if v not in index:
            visit(v)
    assert circles == []


# Third-party and standard-library modules that reach outside a process's memory.
OUTSIDE = {
    "subprocess", "sqlite3", "socket", "shutil", "tempfile", "yaml", "jinja2", "rich", "typer",
    "click", "filelock", "holidays", "babel", "weasyprint", "cryptography",
}  # fmt: skip


@pytest.mark.parametrize("module", sorted(m for m in MODULES if layer(m) == "domain"))
def test_the_domain_is_pure(module: str) -> None:
    reached = sorted({top_level(n) for n in imports(MODULES[module])} & OUTSIDE)
    assert reached == [], f"{module} reaches outside: {reached}"


def only(importer_of: str, allowed: set[str]) -> list[str]:
    """Modules, besides ``allowed``, that import ``importer_of`` (a top-level package)."""
    return sorted(
        m
        for m, p in MODULES.items()
        if m not in allowed and any(top_level(n) == importer_of for n in imports(p))
    )


def test_only_the_yaml_module_imports_yaml() -> None:
    assert only("yaml", {"klipctl.storage.yamllib"}) == []


def test_only_the_cli_imports_rich_and_typer() -> None:
    cli = {m for m in MODULES if layer(m) == "cli"}
    assert only("rich", cli) == [] and only("typer", cli) == []


def test_only_the_render_module_builds_a_jinja_environment() -> None:
    assert only("jinja2", {"klipctl.documents.render"}) == []


def _runs_git(path: Path) -> bool:
    """Does the module build an argument list that starts with "git"?"""
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.List) and node.elts:
            first = node.elts[0]
            if isinstance(first, ast.Constant) and first.value == "git":
                return True
    return False


def test_only_the_git_module_runs_git() -> None:
    assert [m for m, p in MODULES.items() if _runs_git(p)] == ["klipctl.storage.git"]


# subprocess for tools that are not git, each for its own reason.
SUBPROCESS = {
    "klipctl.storage.git": "git itself",
    "klipctl.audit.signing": "ssh-keygen, for keys the cryptography package cannot open",
    "klipctl.app.demo": "ssh-keygen, to make the demo's throw-away keys",
    "klipctl.cli.kit": "the person's editor",
    "klipctl.cli.pager": "the person's pager",
    "klipctl.cli.completion": "PowerShell, to find the profile it reads at start",
}


def test_subprocess_only_where_a_tool_needs_it() -> None:
    assert only("subprocess", set(SUBPROCESS)) == []
