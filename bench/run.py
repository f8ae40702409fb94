"""Time klipctl commands as whole processes on generated log books, beside issue 17's budgets.

    python bench/run.py --all /tmp/klipctl-bench     # everything: 1k, 10k, 100k, Taskwarrior
    python bench/run.py /tmp/lb100k --budgets        # just the budgeted rows, on one log book
    python bench/run.py /tmp/lb10k [--runs 7] [--only list,show] [--taskwarrior]

``--all DIR`` makes the log books DIR/lb1000, DIR/lb10000 and DIR/lb100000 with
bench/generate.py where they do not exist yet (about 10 s, 1.5 min and 6–15 min on two cores),
times each, adds the Taskwarrior ratios (bench/taskwarrior.py) on the 10,000 one, and writes it
all to DIR/results.md as well as standard output.

Each command runs once to warm the caches (with ``GIT_TRACE2``, to count the git processes it
starts), then ``--runs`` times; the table gives the median and the spread (min–max) of the wall
time in milliseconds, the median CPU time (user + system, including the git processes it ran: on
a shared machine wall time also counts waiting for a core), the peak memory (max RSS of the
process or any git it ran), the git processes, the machine's load (1-minute average) when the row
finished, and the row's budget from issue 17 (set for 100,000 failures) with whether the median
met it. Write commands (``report``, ``assign``, ``note``) sign with the actor's key and add to the
log book, as a person would. This is a benchmark, not a test: nothing in the test suite depends
on timing.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import statistics
import subprocess
import sys
import tempfile
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
    budget_ms: float | None = None  # issue 17's, at 100,000 failures
    budget_mb: float | None = None
    slow: bool = False  # minutes at 100,000: fewer runs, no separate warm-up
    exit_code: int = 0  # what the command must end with (a usage error: 2)
    outside: bool = False  # run outside any log book (no KLIPCTL_LOGBOOK, a scratch folder)


@dataclass
class Result:
    returncode: int
    stderr: str


def run(
    args: list[str], env: dict[str, str], cwd: str | None = None
) -> tuple[float, int, float, Result]:
    """Wall time (ms), peak memory (KB) and CPU time (ms, user + system, with the git
    processes it waited for) of one whole process."""
    start = time.perf_counter()
    proc = subprocess.Popen(
        args, env=env, cwd=cwd, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True
    )
    assert proc.stderr is not None
    err = proc.stderr.read()
    _, status, usage = os.wait4(proc.pid, 0)
    elapsed = (time.perf_counter() - start) * 1000
    proc.returncode = os.waitstatus_to_exitcode(status)
    cpu = (usage.ru_utime + usage.ru_stime) * 1000
    return elapsed, usage.ru_maxrss, cpu, Result(proc.returncode, err)


def git_processes(trace: Path) -> int:
    """How many git processes a GIT_TRACE2 (normal format) file saw start, detached ones too."""
    if not trace.exists():
        return 0
    return sum(1 for line in trace.read_text(errors="replace").splitlines() if " start " in line)


def load() -> str:
    return f"{os.getloadavg()[0]:.2f}"


def machine() -> str:
    """What the numbers were measured on: cores, git and Python, the klipctl commit, the date."""
    source = Path(__file__).resolve().parent.parent
    commit = subprocess.run(["git", "rev-parse", "--short", "HEAD"], cwd=source,
                            capture_output=True, text=True).stdout.strip()  # fmt: skip
    git = subprocess.run(["git", "--version"], capture_output=True, text=True).stdout.strip()
    return (
        f"{os.cpu_count()} cores, {platform.system()} {platform.release()}, "
        f"Python {platform.python_version()}, {git}, klipctl {commit or '?'}, "
        f"{time.strftime('%Y-%m-%d %H:%M UTC', time.gmtime())}, load {load()}"
    )


def verdict(value: float, budget: float | None) -> str:
    if budget is None:
        return ""
    return "pass" if value <= budget else "**miss**"


def bench_logbook(
    root: Path, runs: int, slow_runs: int, only: set[str] | None, budgets_only: bool
) -> str:
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

    # `verify --incremental` checks what changed since the last commit a whole-book verify
    # found clean, and is a whole verify without one (20 minutes at 100,000): a generated log
    # book is taken as verified at its last commit, as if `klipctl verify` had passed there.
    anchor = root / ".klipctl" / "verified"
    anchored = ""
    if not anchor.exists() and (budgets_only or only is None or any("incr" in o for o in only)):
        head = subprocess.run(["git", "rev-parse", "HEAD"], cwd=root, capture_output=True,
                              text=True, check=True).stdout.strip()  # fmt: skip
        anchor.write_text(head + "\n")
        anchored = f" `verify --incremental` counts from {head[:10]}, taken as verified."

    report = ["report", "--title", "Bench", "--system", "Bench"]
    benches = [
        Bench("--help", lambda: ["--help"], budget_ms=80),
        Bench("klipctl alone (outside a log book)", lambda: [], budget_ms=80, outside=True),
        Bench("a usage error (`klipctl lsit`)", lambda: ["lsit"], budget_ms=80, exit_code=2),
        Bench("show", lambda: ["show", some_id], budget_ms=150),
        Bench("inbox", lambda: ["inbox"], "spv1", budget_ms=150),
        Bench("list", lambda: ["list"], budget_ms=150, budget_mb=100),
        Bench("list --overdue", lambda: ["list", "--overdue"]),
        Bench("due", lambda: ["due"], budget_ms=150),
        Bench("report", lambda: report, "st1", budget_ms=200),
        Bench("assign", recorded_failure, "spv1", budget_ms=200),
        Bench("note", lambda: ["note", some_id, "--text", "Bench"], "spv1", budget_ms=200),
        Bench("render ID (Markdown)", lambda: ["render", some_id], budget_ms=300),
        Bench("render recap --month", lambda: ["render", "recap", "--month", month], budget_ms=300),
        Bench("verify --incremental (after one new report)", after_a_change, budget_ms=300),
        Bench("verify", lambda: ["verify"], budget_ms=120_000, budget_mb=1024, slow=True),
    ]
    # Counted folder by folder: a child's peak memory (max RSS) starts from this process's size
    # at fork, so this process must stay small for the peak MB column to be the command's own.
    months = [m for y in os.scandir(root / "failures") for m in os.scandir(y.path)]
    count = sum(sum(1 for f in os.scandir(m.path) if f.name.endswith(".yaml")) for m in months)
    lines = [
        f"{count:,} failures ({len(listing):,} open); {runs} runs after a warm-up "
        f"(full `verify`: {slow_runs}, the first warming the cache); budgets are issue 17's, "
        f"set for 100,000 failures.{anchored}",
        "",
        "| command | median ms | min–max ms | CPU ms | peak MB | git | load | budget | |",
        "|---|---:|---:|---:|---:|---:|---:|---:|---|",
    ]
    print("\n".join(lines), flush=True)
    scratch = tempfile.mkdtemp(prefix="klipctl-bench-")
    for bench in benches:
        if only and bench.name.split(" (")[0] not in only and bench.name not in only:
            continue
        if budgets_only and (bench.budget_ms is None or bench.slow):
            continue
        e = as_user(bench.user)
        cwd = None
        if bench.outside:
            e = {k: v for k, v in e.items() if k != "KLIPCTL_LOGBOOK"}
            cwd = scratch

        def once(
            env: dict[str, str], bench: Bench = bench, cwd: str | None = cwd
        ) -> tuple[float, int, float, Result]:
            got = run([*KLIPCTL, *bench.args()], env, cwd)
            if got[3].returncode != bench.exit_code:
                sys.exit(f"{bench.name} ended {got[3].returncode}: {got[3].stderr.strip()}")
            return got

        trace = Path(scratch, "trace2")
        trace.unlink(missing_ok=True)
        once({**e, "GIT_TRACE2": str(trace)})  # the warm-up, counting git processes
        time.sleep(0.2)  # a detached `git maintenance` finishes writing its trace
        gits = git_processes(trace)
        times, peaks, cpus = [], [], []
        for _ in range(slow_runs if bench.slow else runs):
            elapsed, peak, cpu, _ = once(e)
            times.append(elapsed)
            peaks.append(peak)
            cpus.append(cpu)
        median, mb = statistics.median(times), max(peaks) / 1024
        budget = []
        if bench.budget_ms is not None:
            budget.append(f"≤ {bench.budget_ms:,.0f} ms")
        if bench.budget_mb is not None:
            budget.append(f"≤ {bench.budget_mb:,.0f} MB")
        met = [verdict(median, bench.budget_ms), verdict(mb, bench.budget_mb)]
        line = (
            f"| `{bench.name}` | {median:,.0f} | {min(times):,.0f}–{max(times):,.0f} | "
            f"{statistics.median(cpus):,.0f} | {mb:.0f} | {gits} | {load()} | "
            f"{', '.join(budget)} | {', '.join(m for m in met if m)} |"
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
    parser.add_argument("--budgets", action="store_true",
                        help="only the budgeted rows, without the full verify (quick)")  # fmt: skip
    parser.add_argument("--taskwarrior", action="store_true", help="also compare with `task`")
    opts = parser.parse_args()
    only = set(opts.only.split(",")) if opts.only else None
    if (opts.logbook is None) == (opts.all is None):
        parser.error("give a log book, or --all DIR")
    # Every module compiled now: where PYTHONDONTWRITEBYTECODE is set (these machines), a
    # module changed since its .pyc would be compiled again by every run that imports it.
    import compileall

    compileall.compile_dir(Path(__file__).resolve().parent.parent / "klipctl", quiet=1)
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
        out += [bench_logbook(root, opts.runs, opts.slow_runs, only, opts.budgets), ""]
        print(flush=True)
        if opts.taskwarrior or book_size == 10_000:
            compare_on = root
    if compare_on is not None:
        table = taskwarrior.compare(compare_on, runs=opts.runs)
        text = table if table is not None else "Taskwarrior (`task`) is not installed: skipped."
        print(text, flush=True)
        out += [text, ""]
    if opts.all is not None:
        (opts.all / "results.md").write_text("\n".join(out))


if __name__ == "__main__":
    main()
