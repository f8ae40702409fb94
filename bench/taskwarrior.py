"""klipctl beside Taskwarrior on 10,000 equivalent open items, as ratios from one run.

    python bench/taskwarrior.py /tmp/lb10k

Every failure of the log book (``klipctl list --all --json``) becomes one pending Taskwarrior
task (its title as the description, its system as the project, its reporting time as the
entry time, its operator as a tag) in a throw-away TASKRC and data folder, so both tools hold
the same items. Then, after one warm-up each, one timed run of ``task list`` beside
``klipctl list`` and ``klipctl list --all``, and of ``task add`` beside ``klipctl report``. A
ratio above 1 means klipctl is slower. Without ``task`` on the PATH it says so and does
nothing. Called by bench/run.py at the end of its table.
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import subprocess
import sys
import tempfile
import time
from datetime import UTC, datetime
from pathlib import Path

KLIPCTL = [sys.executable, "-m", "klipctl"]


def _seconds(args: list[str], env: dict[str, str]) -> float:
    start = time.perf_counter()
    subprocess.run(args, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, check=True)
    return time.perf_counter() - start


def _once(args: list[str], env: dict[str, str]) -> float:
    """One timed run after one warm-up."""
    _seconds(args, env)
    return _seconds(args, env)


def _tasks(items: list[dict[str, object]]) -> str:
    lines = []
    for item in items:
        made = datetime.fromisoformat(str(item["reported_at"])).astimezone(UTC)
        task: dict[str, object] = {
            "description": item["title"],
            "project": str(item["system"]).replace(" ", "_"),
            "entry": made.strftime("%Y%m%dT%H%M%SZ"),
            "status": "pending",
        }
        if item.get("assignee"):
            task["tags"] = [item["assignee"]]
        lines.append(json.dumps(task))
    return "\n".join(lines) + "\n"


def compare(logbook: Path, count: int = 10_000) -> str | None:
    """The comparison as Markdown, or None when Taskwarrior is not installed."""
    task = shutil.which("task")
    if task is None:
        return None
    env = {**os.environ, "KLIPCTL_LOGBOOK": str(logbook), "KLIPCTL_LANG": "en"}
    listed = subprocess.run(
        [*KLIPCTL, "list", "--all", "--json"], env=env, capture_output=True, text=True, check=True
    )
    items = json.loads(listed.stdout)[:count]
    with tempfile.TemporaryDirectory(prefix="klipctl-tw-") as tmp:
        folder = Path(tmp)
        (folder / "taskrc").write_text(
            f"data.location={folder / 'data'}\nconfirmation=off\nverbose=nothing\n"
        )
        (folder / "data").mkdir()
        (folder / "tasks.json").write_text(_tasks(items))
        tw_env = {**os.environ, "TASKRC": str(folder / "taskrc")}
        subprocess.run([task, "import", str(folder / "tasks.json")], env=tw_env, check=True,
                       capture_output=True)  # fmt: skip
        tw_list = _once([task, "list"], tw_env)
        tw_add = _once([task, "add", "Printer lantai 3 mati", "project:Printer"], tw_env)
    k_list = _once([*KLIPCTL, "list"], env)
    k_all = _once([*KLIPCTL, "list", "--all"], env)
    report = [*KLIPCTL, "report", "--title", "Printer lantai 3 mati", "--system", "Printer"]
    k_report = _once(report, {**env, "KLIPCTL_USER": "st1"})
    open_items = sum(1 for i in items if i["stage"] not in ("archived",))
    rows = [
        ("`klipctl list` / `task list`", k_list, tw_list),
        ("`klipctl list --all` / `task list`", k_all, tw_list),
        ("`klipctl report` / `task add`", k_report, tw_add),
    ]
    out = [
        f"Taskwarrior {_version(task)} on {len(items)} pending tasks; klipctl on the same "
        f"{len(items)} failures ({open_items} open, which `list` shows; `list --all` shows all). "
        "One run each after a warm-up.",
        "",
        "| klipctl / Taskwarrior | klipctl ms | Taskwarrior ms | ratio |",
        "|---|---:|---:|---:|",
    ]
    for name, mine, theirs in rows:
        out.append(f"| {name} | {mine * 1000:.0f} | {theirs * 1000:.0f} | {mine / theirs:.2f} |")
    return "\n".join(out)


def _version(task: str) -> str:
    return subprocess.run([task, "--version"], capture_output=True, text=True).stdout.strip()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("logbook", type=Path, help="a generated log book, e.g. of 10,000")
    parser.add_argument("--count", type=int, default=10_000)
    opts = parser.parse_args()
    table = compare(opts.logbook.resolve(), opts.count)
    print(table if table is not None else "Taskwarrior (`task`) is not installed: no comparison.")


if __name__ == "__main__":
    main()
