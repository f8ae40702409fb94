"""Time klipctl commands as whole processes on generated log books; print Markdown tables.

    python bench/run.py --all /tmp/klipctl-bench     # everything: 1k, 10k, 100k, Taskwarrior
    python bench/run.py /tmp/lb10k [--runs 7] [--only list,show] [--taskwarrior]

``--all DIR`` makes the log books DIR/lb1000, DIR/lb10000 and DIR/lb100000 with
bench/generate.py where they do not exist yet (about 10 s, 1.5 min and 15 min on two cores),
times each, adds the Taskwarrior comparison (bench/taskwarrior.py) on the 10,000 one, and
writes it all to DIR/results.md as well as standard output.

Each command runs once to warm the caches, then ``--runs`` times; the table gives the median
and the spread (min–max) of the wall time in milliseconds, the median CPU time (user + system,
including the git processes it ran: on a shared machine wall time also counts waiting for a
core) and the peak memory (max RSS of the process or any git it ran) over the runs. Write
commands (``report``, ``assign``) add to the log book, as a person would. This is a benchmark,
not a test: nothing in the test suite depends on timing.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import statistics
import subprocess
import sys
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

import taskwarrior  # noqa: E402

KLIPCTL = [sys.executable, "-m", "klipctl"]


@dataclass
class Bench:
    name: str
    args: Callable[[], list[str]]  # called before each run (untimed): may prepare a failure
    user: str | None = None
    slow: bool = False  # minutes at 100,000: fewer runs, no separate warm-up


@dataclass
class Result:
    returncode: int
    stderr: str


def run(args: list[str], env: dict[str, str]) -> tuple[float, int, float, Result]:
    """Wall time (ms), peak memory (KB) and CPU time (ms, user + system, with the git
    processes it waited for) of one whole process."""
    start = time.perf_counter()
    proc = subprocess.Popen(
        args, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True
    )
    assert proc.stderr is not None
    err = proc.stderr.read()
    _, status, usage = os.wait4(proc.pid, 0)
    elapsed = (time.perf_counter() - start) * 1000
    proc.returncode = os.waitstatus_to_exitcode(status)
    cpu = (usage.ru_utime + usage.ru_stime) * 1000
    return elapsed, usage.ru_maxrss, cpu, Result(proc.returncode, err)


def machine() -> str:
    """What the numbers were measured on: cores, git and Python, the klipctl commit, the date."""
    source = Path(__file__).resolve().parent.parent
    commit = subprocess.run(["git", "rev-parse", "--short", "HEAD"], cwd=source,
                            capture_output=True, text=True).stdout.strip()  # fmt: skip
    git = subprocess.run(["git", "--version"], capture_output=True, text=True).stdout.strip()
    return (
        f"{os.cpu_count()} cores, {platform.system()} {platform.release()}, "
        f"Python {platform.python_version()}, {git}, klipctl {commit or '?'}, "
        f"{time.strftime('%Y-%m-%d %H:%M UTC', time.gmtime())}"
    )


def bench_logbook(root: Path, runs: int, slow_runs: int, only: set[str] | None) -> str:
    """The Markdown table for one log book."""
    keys = root.parent / f"{root.name}-keys"  # written by bench/generate.py
    env = {**os.environ, "KLIPCTL_LOGBOOK": str(root), "KLIPCTL_LANG": "en"}

    def as_user(user: str | None) -> dict[str, str]:
        if user is None:
            return env
        # Each person signs with their own key, as the log book's roster expects.
        signing = {"KLIPCTL_SIGNING_KEY": str(keys / user)} if (keys / user).exists() else {}
        return {**env, "KLIPCTL_USER": user, **signing}

    def klip(*args: str, user: str | None = None) -> subprocess.CompletedProcess[str]:
        return subprocess.run([*KLIPCTL, *args], env=as_user(user), capture_output=True,
                              text=True, check=True)  # fmt: skip

    listing = json.loads(klip("list", "--json").stdout)
    some_id = listing[len(listing) // 2]["id"] if listing else ""
    month = time.strftime("%Y-%m")

    def recorded_failure() -> list[str]:
        fid = klip("report", "--title", "Bench", "--system", "Bench", user="st1").stdout.strip()
        klip("record", fid, user="clk1")
        return ["assign", fid, "--to", "op1"]

    def after_a_change() -> list[str]:
        klip("report", "--title", "Bench", "--system", "Bench", user="st2")
        return ["verify", "--incremental"]

    benches = [
        Bench("--help", lambda: ["--help"]),
        Bench("report", lambda: ["report", "--title", "Bench", "--system", "Bench"], "st1"),
        Bench("assign", recorded_failure, "spv1"),
        Bench("show", lambda: ["show", some_id]),
        Bench("list", lambda: ["list"]),
        Bench("list --overdue", lambda: ["list", "--overdue"]),
        Bench("due", lambda: ["due"]),
        Bench("inbox", lambda: ["inbox"], "spv1"),
        Bench("note", lambda: ["note", some_id, "--text", "Bench"], "spv1"),
        Bench("render recap --month", lambda: ["render", "recap", "--month", month]),
        Bench("verify", lambda: ["verify"], slow=True),
        Bench("verify --incremental", after_a_change),
    ]
    # Counted folder by folder: a child's peak memory (max RSS) starts from this process's size
    # at fork, so this process must stay small for the peak MB column to be the command's own.
    months = [m for y in os.scandir(root / "failures") for m in os.scandir(y.path)]
    count = sum(sum(1 for f in os.scandir(m.path) if f.name.endswith(".yaml")) for m in months)
    lines = [
        f"{count:,} failures ({len(listing):,} open); {runs} runs after a warm-up "
        f"(full `verify`: {slow_runs}, the first warming the cache)",
        "",
        "| command | median ms | min–max ms | CPU ms | peak MB |",
        "|---|---:|---:|---:|---:|",
    ]
    print("\n".join(lines), flush=True)
    for bench in benches:
        if only and bench.name not in only:
            continue
        e = as_user(bench.user)
        if not bench.slow:
            _, _, _, warm = run([*KLIPCTL, *bench.args()], e)
            if warm.returncode != 0:
                sys.exit(f"{bench.name} failed: {warm.stderr.strip()}")
        times, peaks, cpus = [], [], []
        for _ in range(slow_runs if bench.slow else runs):
            elapsed, peak, cpu, proc = run([*KLIPCTL, *bench.args()], e)
            if proc.returncode != 0:
                sys.exit(f"{bench.name} failed: {proc.stderr.strip()}")
            times.append(elapsed)
            peaks.append(peak)
            cpus.append(cpu)
        line = (
            f"| `{bench.name}` | {statistics.median(times):.0f} | "
            f"{min(times):.0f}–{max(times):.0f} | {statistics.median(cpus):.0f} | "
            f"{max(peaks) / 1024:.0f} |"
        )
        print(line, flush=True)
        lines.append(line)
    return "\n".join(lines)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("logbook", type=Path, nargs="?", help="a log book from bench/generate.py")
    parser.add_argument("--all", type=Path, metavar="DIR", help="generate (if needed) and time "
                        "log books of 1,000, 10,000 and 100,000 failures in DIR")  # fmt: skip
    parser.add_argument("--sizes", default="1000,10000,100000", help="with --all")
    parser.add_argument("--runs", type=int, default=7)
    parser.add_argument("--slow-runs", type=int, default=2, help="runs of the full verify")
    parser.add_argument("--only", help="comma-separated benchmark names")
    parser.add_argument("--taskwarrior", action="store_true", help="also compare with `task`")
    opts = parser.parse_args()
    only = set(opts.only.split(",")) if opts.only else None
    if (opts.logbook is None) == (opts.all is None):
        parser.error("give a log book, or --all DIR")
    out = [f"Measured on {machine()}.", ""]
    print(out[0] + "\n", flush=True)
    books: list[tuple[int | None, Path]] = []
    if opts.all is not None:
        folder = opts.all.resolve()
        folder.mkdir(parents=True, exist_ok=True)
        for n in opts.sizes.split(","):
            size = int(n)
            root = folder / f"lb{size}"
            if not root.exists():
                began = time.perf_counter()
                subprocess.run([sys.executable, str(Path(__file__).with_name("generate.py")),
                                "--failures", str(size), str(root)], check=True)  # fmt: skip
                note = f"Generated {size:,} failures in {time.perf_counter() - began:.0f} s."
                print(note, flush=True)
                out += [note, ""]
            books.append((size, root))
    else:
        books.append((None, opts.logbook.resolve()))
    compare_on = None
    for book_size, root in books:
        out += [bench_logbook(root, opts.runs, opts.slow_runs, only), ""]
        print(flush=True)
        if opts.taskwarrior or book_size == 10_000:
            compare_on = root
    if compare_on is not None:
        table = taskwarrior.compare(compare_on)
        text = table if table is not None else "Taskwarrior (`task`) is not installed: skipped."
        print(text, flush=True)
        out += [text, ""]
    if opts.all is not None:
        (opts.all / "results.md").write_text("\n".join(out))


if __name__ == "__main__":
    main()
