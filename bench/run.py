"""Time klipctl commands as whole processes on a generated log book; print a Markdown table.

    python bench/generate.py --failures 1000 /tmp/lb1k
    python bench/run.py /tmp/lb1k [--runs 7]

Each command runs once to warm the caches, then ``--runs`` times; the table gives the median
and the spread (min–max) in milliseconds, and the peak memory (max RSS) of the median run.
This is a benchmark, not a test: nothing in the test suite depends on timing.
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import statistics
import subprocess
import sys
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

KLIPCTL = [sys.executable, "-m", "klipctl"]


@dataclass
class Bench:
    name: str
    args: Callable[[], list[str]]  # called before each run (untimed): may prepare a failure
    user: str | None = None


@dataclass
class Result:
    returncode: int
    stderr: str


def run(args: list[str], env: dict[str, str]) -> tuple[float, int, Result]:
    """Wall time (ms) and peak memory (KB) of one whole process."""
    start = time.perf_counter()
    proc = subprocess.Popen(
        args, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True
    )
    assert proc.stderr is not None
    err = proc.stderr.read()
    _, status, usage = os.wait4(proc.pid, 0)
    elapsed = (time.perf_counter() - start) * 1000
    proc.returncode = os.waitstatus_to_exitcode(status)
    return elapsed, usage.ru_maxrss, Result(proc.returncode, err)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("logbook", type=Path)
    parser.add_argument("--runs", type=int, default=7)
    parser.add_argument("--only", help="comma-separated benchmark names")
    opts = parser.parse_args()
    root = opts.logbook.resolve()
    env = {**os.environ, "KLIPCTL_LOGBOOK": str(root), "KLIPCTL_LANG": "en"}

    def klip(*args: str, user: str | None = None) -> subprocess.CompletedProcess[str]:
        e = {**env, **({"KLIPCTL_USER": user} if user else {})}
        return subprocess.run([*KLIPCTL, *args], env=e, capture_output=True, text=True, check=True)

    listing = json.loads(klip("list", "--json").stdout)
    some_id = listing[len(listing) // 2]["id"] if listing else ""
    month = time.strftime("%Y-%m")

    def recorded_failure() -> list[str]:
        fid = klip("report", "--title", "Bench", "--system", "Bench", user="st1").stdout.strip()
        klip("record", fid, user="clk1")
        return ["assign", fid, "--to", "op1"]

    benches = [
        Bench("--help", lambda: ["--help"]),
        Bench("report", lambda: ["report", "--title", "Bench", "--system", "Bench"], "st1"),
        Bench("assign", recorded_failure, "spv1"),
        Bench("show", lambda: ["show", some_id]),
        Bench("list", lambda: ["list"]),
        Bench("list --overdue", lambda: ["list", "--overdue"]),
        Bench("due", lambda: ["due"]),
        Bench("render recap --month", lambda: ["render", "recap", "--month", month]),
        Bench("verify", lambda: ["verify"]),
        Bench("verify (incremental)", lambda: ["verify", "--incremental"]),
    ]
    wanted = set(opts.only.split(",")) if opts.only else None
    count = len(list(root.glob("failures/*/*/*.yaml")))
    print(
        f"klipctl on {count} failures, {opts.runs} runs after a warm-up, {os.cpu_count()} cores\n"
    )
    print("| command | median ms | min–max ms | peak MB |")
    print("|---|---:|---:|---:|")
    for bench in benches:
        if wanted and bench.name not in wanted:
            continue
        e = {**env, **({"KLIPCTL_USER": bench.user} if bench.user else {})}
        _, _, warm = run([*KLIPCTL, *bench.args()], e)
        if warm.returncode != 0 and "No such command" in warm.stderr:
            print(f"| `{bench.name}` | n/a | not built yet | |")
            continue
        times, peaks = [], []
        for _ in range(opts.runs):
            elapsed, peak, proc = run([*KLIPCTL, *bench.args()], e)
            if proc.returncode != 0:
                sys.exit(f"{bench.name} failed: {proc.stderr.strip()}")
            times.append(elapsed)
            peaks.append(peak)
        print(
            f"| `{bench.name}` | {statistics.median(times):.0f} | "
            f"{min(times):.0f}–{max(times):.0f} | {max(peaks) / 1024:.0f} |"
        )
    if shutil.which("task"):
        print("\n(Taskwarrior comparison: see bench/taskwarrior.py)")


if __name__ == "__main__":
    main()
