"""How long a full `klipctl verify` takes on a generated log book, and how much memory it holds.

    .venv/bin/python bench/verify_bench.py /tmp/lb10k [--runs 2] [--incremental]

Runs `klipctl verify` (or `verify --incremental` after one new report) as a whole process on a
log book from bench/generate.py and prints, for each run: the wall time, the CPU time (user +
system of klipctl, its worker processes and the git processes they ran), the peak memory of the
whole process tree (the sum of the resident memory of klipctl, its workers and its git
processes, sampled every 50 ms: a verify over several cores holds memory in each), the largest
single process, and the machine's load average before the run (on a shared machine wall time
also counts waiting for a core). Linux only (it reads /proc). A full verify writes only
`.klipctl/verified`; run it on a copy of a log book another benchmark uses.
"""

from __future__ import annotations

import argparse
import os
import subprocess
import sys
import time
from pathlib import Path

KLIPCTL = [sys.executable, "-m", "klipctl"]
PAGE = os.sysconf("SC_PAGE_SIZE")


def _tree(root: int) -> list[int]:
    """``root`` and every process below it."""
    children: dict[int, list[int]] = {}
    for entry in os.scandir("/proc"):
        if not entry.name.isdigit():
            continue
        try:
            with open(f"/proc/{entry.name}/stat") as handle:
                fields = handle.read().rsplit(")", 1)[1].split()
        except OSError:
            continue
        children.setdefault(int(fields[1]), []).append(int(entry.name))
    found, todo = [], [root]
    while todo:
        pid = todo.pop()
        found.append(pid)
        todo.extend(children.get(pid, []))
    return found


def _rss(pid: int) -> int:
    try:
        with open(f"/proc/{pid}/statm") as handle:
            return int(handle.read().split()[1]) * PAGE
    except OSError:
        return 0


def run(args: list[str], env: dict[str, str]) -> tuple[float, float, int, int]:
    """Wall s, CPU s, peak MB of the whole tree, peak MB of its largest process."""
    start = time.perf_counter()
    proc = subprocess.Popen(args, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    peak = 0
    while True:
        pid, status, usage = os.wait4(proc.pid, os.WNOHANG)
        if pid:
            break
        peak = max(peak, sum(_rss(p) for p in _tree(proc.pid)))
        time.sleep(0.05)
    elapsed = time.perf_counter() - start
    assert proc.stderr is not None
    if os.waitstatus_to_exitcode(status) not in (0, 1):
        sys.exit(f"{' '.join(args)} failed: {proc.stderr.read().decode(errors='replace')}")
    # A finished process's times and peak include those of every process it waited for.
    return elapsed, usage.ru_utime + usage.ru_stime, peak >> 20, usage.ru_maxrss >> 10


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("logbook", type=Path)
    parser.add_argument("--runs", type=int, default=1)
    parser.add_argument("--incremental", action="store_true")
    opts = parser.parse_args()
    root = opts.logbook.resolve()
    env = {**os.environ, "KLIPCTL_LOGBOOK": str(root), "KLIPCTL_LANG": "en"}
    keys = root.parent / f"{root.name}-keys"  # written by bench/generate.py
    print("| run | wall s | CPU s | peak MB, all processes | largest process MB | load before |")
    print("|---|---:|---:|---:|---:|---:|")
    for n in range(opts.runs):
        args = [*KLIPCTL, "verify"]
        if opts.incremental:
            report = [*KLIPCTL, "report", "--title", "Bench", "--system", "Bench"]
            signer = {"KLIPCTL_USER": "st2", "KLIPCTL_SIGNING_KEY": str(keys / "st2")}
            subprocess.run(report, env={**env, **signer}, check=True, capture_output=True)
            args.append("--incremental")
        load = os.getloadavg()[0]
        wall, cpu, tree, largest = run(args, env)
        print(f"| {n + 1} | {wall:.1f} | {cpu:.1f} | {tree} | {largest} | {load:.2f} |", flush=True)


if __name__ == "__main__":
    main()
