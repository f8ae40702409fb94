"""How long `klipctl verify` takes on large log books.

    .venv/bin/python bench/verify_bench.py 1000 10000

For each size: a log book with the test roster (real ed25519 keys from ssh-keygen), that many
failures at various stages written by bench/generate.py with real signatures (about 4.5 entries and
commits per failure), then `verify` timed in-process: the file checks (signatures, chain, SOP
replay) and the git history check separately.
"""

from __future__ import annotations

import random
import subprocess
import sys
import tempfile
import time
from datetime import datetime, timedelta
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from generate import add_failures  # noqa: E402

from klipctl.app import people, steps  # noqa: E402
from klipctl.app.context import Context  # noqa: E402
from klipctl.audit import verify
from klipctl.storage.logbook import LogBook
from klipctl.storage.resources import data_dir  # noqa: E402

PEOPLE = {
    "budi": ("Budi Santoso", "198203152006041003", ["supervisor"]),
    "sari": ("Sari Wulandari", "198501012010012001", ["clerk"]),
    "andi": ("Andi Pratama", "199002202014021002", ["operator"]),
    "rina": ("Rina Marlina", "199305122016122002", ["staff"]),
}


def make_book(folder: Path) -> tuple[Path, dict[str, Path]]:
    now = datetime.fromisoformat("2026-01-05T08:00:00+07:00")
    keys = {}
    for handle in PEOPLE:
        keys[handle] = folder / f"{handle}.key"
        subprocess.run(["ssh-keygen", "-q", "-t", "ed25519", "-N", "", "-f", str(keys[handle])],
                       check=True)  # fmt: skip
    root = steps.init_logbook(folder / "logbook", data_dir("logbook"), now)
    for handle, (name, nip, roles) in PEOPLE.items():
        env = {"KLIPCTL_SIGNING_KEY": str(keys[handle if handle == "budi" else "budi"])}
        if handle != "budi":
            env["KLIPCTL_USER"] = "budi"
        ctx = Context(env=env, cwd=root, now=now, logbook_path=root)
        pub = Path(f"{keys[handle]}.pub").read_text()
        people.add_person(ctx, handle, name, nip, roles, f"{handle}@pajak.go.id", pub)
    return root, keys


def main(sizes: list[int]) -> None:
    for size in sizes:
        with tempfile.TemporaryDirectory(prefix="klipctl-bench-") as tmp:
            root, keys = make_book(Path(tmp))
            t0 = time.perf_counter()
            start = datetime.fromisoformat("2026-01-06T08:00+07:00")
            moments = [start + timedelta(minutes=10 * i) for i in range(size)]
            entries = add_failures(
                root, keys, moments, moments[-1] + timedelta(days=60), random.Random(1)
            )
            t1 = time.perf_counter()
            lb = LogBook(root)
            report = verify.Report()
            timeline, required = verify.verify_files(lb, None, report)
            t2 = time.perf_counter()
            verify.check_history(lb.git, ["HEAD"], "HEAD", timeline, required, report)
            t3 = time.perf_counter()
            whole = verify.verify(LogBook(root))
            t4 = time.perf_counter()
            assert report.ok and whole.ok, (report.violations[:3], whole.violations[:3])
            print(
                f"{size} failures, {entries} entries, {whole.commits} commits: generated in "
                f"{t1 - t0:.1f}s; verify {t4 - t3:.1f}s (files {t2 - t1:.1f}s, "
                f"git history {t3 - t2:.1f}s)",
                flush=True,
            )


if __name__ == "__main__":
    main([int(a) for a in sys.argv[1:]] or [1000])
