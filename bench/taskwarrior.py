"""klipctl beside Taskwarrior on 10,000 equivalent open items, as ratios from one run.

    python bench/taskwarrior.py /tmp/lb10k

Every failure of the log book (``klipctl list --all --json``) becomes one pending Taskwarrior
task (its title as the description, its system as the project, its reporting time as the
entry time, its operator as a tag) in a throw-away TASKRC and data folder, so both tools hold
the same items. Then, after one warm-up each, ``--runs`` timed runs taken in turn of ``task list``
beside ``klipctl list`` and ``klipctl list --all``, and of ``task add`` beside ``klipctl report``
(signed with the reporter's key, as a person would); medians. A ratio above 1 means klipctl is
slower; issue 17 asks for ``list`` ≤ 0.5 and ``report`` ≤ 1.5. Without ``task`` on the PATH it
says so and does nothing. Called by bench/run.py at the end of its table.
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import statistics
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


def _medians(pairs: list[tuple[list[str], dict[str, str]]], runs: int) -> list[float]:
    """The median of ``runs`` timed runs of each command after one warm-up each, taken in turn
    (round-robin), so the machine's load falls on both tools alike."""
    for args, env in pairs:
        _seconds(args, env)
    times: list[list[float]] = [[] for _ in pairs]
    for _ in range(runs):
        for i, (args, env) in enumerate(pairs):
            times[i].append(_seconds(args, env))
    return [statistics.median(t) for t in times]


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


def compare(logbook: Path, count: int = 10_000, runs: int = 7) -> str | None:
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
        keys = logbook.parent / f"{logbook.name}-keys"  # written by bench/generate.py
        signing = {"KLIPCTL_SIGNING_KEY": str(keys / "st1")} if (keys / "st1").exists() else {}
        report = [*KLIPCTL, "report", "--title", "Printer lantai 3 mati", "--system", "Printer"]
        tw_add = [task, "add", "Printer lantai 3 mati", "project:Printer"]
        k_list, tw_list, k_all, k_report, tw_added = _medians(
            [
                ([*KLIPCTL, "list"], env),
                ([task, "list"], tw_env),
                ([*KLIPCTL, "list", "--all"], env),
                (report, {**env, "KLIPCTL_USER": "st1", **signing}),
                (tw_add, tw_env),
            ],
            runs,
        )
    open_items = sum(1 for i in items if i["stage"] not in ("archived",))
    rows = [
        ("`klipctl list` / `task list`", k_list, tw_list, 0.5),
        ("`klipctl list --all` / `task list`", k_all, tw_list, None),
        ("`klipctl report` / `task add`", k_report, tw_added, 1.5),
    ]
    out = [
        f"Taskwarrior {_version(task)} on {len(items)} pending tasks; klipctl on the same "
        f"{len(items)} failures ({open_items} open, which `list` shows; `list --all` shows all). "
        f"Medians of {runs} runs each after a warm-up, taken in turn; load "
        f"{os.getloadavg()[0]:.2f} at the end. Budgets are issue 17's.",
        "",
        "| klipctl / Taskwarrior | klipctl ms | Taskwarrior ms | ratio | budget | |",
        "|---|---:|---:|---:|---:|---|",
    ]
    for name, mine, theirs, budget in rows:
        ratio = mine / theirs
        met = "" if budget is None else "pass" if ratio <= budget else "**miss**"
        limit = "" if budget is None else f"≤ {budget}"
        out.append(
            f"| {name} | {mine * 1000:.0f} | {theirs * 1000:.0f} | {ratio:.2f} | {limit} | {met} |"
        )
    return "\n".join(out)


def _version(task: str) -> str:
    return subprocess.run([task, "--version"], capture_output=True, text=True).stdout.strip()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("logbook", type=Path, help="a generated log book, e.g. of 10,000")
    parser.add_argument("--count", type=int, default=10_000)
    parser.add_argument("--runs", type=int, default=7)
    opts = parser.parse_args()
    table = compare(opts.logbook.resolve(), opts.count, opts.runs)
    print(table if table is not None else "Taskwarrior (`task`) is not installed: no comparison.")


if __name__ == "__main__":
    main()
