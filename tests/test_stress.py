"""Stress: many writers on one clone, and writers killed outright at random moments.

Marked ``stress``: excluded from the quick suite, run by CI as a second step (see README).
"""

from __future__ import annotations

import json
import os
import random
import signal
import subprocess
import sys
import time

import pytest
from conftest import Book

pytestmark = pytest.mark.stress

PROCESSES = 8
COMMANDS_EACH = 50
# One failure's path through the SOP as far as it goes in five commands.
STEPS = [
    ("rina", ["report", "--title", "{title}", "--system", "VPN"]),
    ("sari", ["record", "{id}"]),
    ("budi", ["assign", "{id}", "--to", "andi"]),
    ("andi", ["resolve", "{id}", "--action", "Restarted"]),
    ("budi", ["review", "{id}", "--accept", "--drafter", "sari"]),
]


def _env(book: Book, user: str) -> dict[str, str]:
    return {**os.environ, "KLIPCTL_LOGBOOK": str(book.root), "KLIPCTL_USER": user,
            "KLIPCTL_SIGNING_KEY": str(book.keys[user])}  # fmt: skip


def _command(args: list[str], title: str, fid: str) -> list[str]:
    return [sys.executable, "-m", "klipctl", *(a.format(title=title, id=fid) for a in args)]


WORKER = """
import subprocess, sys, json
steps = json.loads(sys.argv[1]); envs = json.loads(sys.argv[2]); name = sys.argv[3]
for n in range(len(steps) // 5):
    fid = ""
    for user, args in steps[n * 5:(n + 1) * 5]:
        args = [a.format(title=f"{name} {n}", id=fid) for a in args]
        proc = subprocess.run([sys.executable, "-m", "klipctl", *args], env=envs[user],
                              capture_output=True, text=True)
        if proc.returncode != 0:
            sys.exit(f"{args}: {proc.stderr}")
        if args[0] == "report":
            fid = proc.stdout.strip()
"""


def _all_entries(book: Book) -> list[dict[str, object]]:
    r = book("list", "--all", "--json")
    assert r.ok, r.stderr
    found = []
    for item in json.loads(r.stdout):
        shown = book("show", item["id"], "--json")
        found += json.loads(shown.stdout)["entries"]
    return found


def test_eight_processes_fifty_writes_each(book: Book) -> None:
    start = book.commit_count()
    users = {user for user, _ in STEPS}
    envs = {user: _env(book, user) for user in users}
    steps = [step for _ in range(COMMANDS_EACH // len(STEPS)) for step in STEPS]
    workers = [
        subprocess.Popen(
            [sys.executable, "-c", WORKER, json.dumps(steps), json.dumps(envs), f"worker{i}"],
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
        )  # fmt: skip
        for i in range(PROCESSES)
    ]
    for worker in workers:
        _, err = worker.communicate(timeout=1800)
        assert worker.returncode == 0, err
    total = PROCESSES * COMMANDS_EACH
    assert book.commit_count() - start == total
    assert len(_all_entries(book)) == total
    assert book.git("status", "--porcelain") == ""
    r = book("verify")
    assert r.ok, r.stdout + r.stderr


def test_writers_killed_at_random_moments_leave_the_log_book_whole(book: Book) -> None:
    """Each write is SIGKILLed after a random delay; after each, the log book holds either the
    state before or the whole change: no uncommitted file, no stray temporary file, entries
    and commits in step, and at the end every signature and commit verifies."""
    rng = random.Random(20261201)
    # Every commit from now on adds exactly one entry: the difference stays the same.
    offset = book.commit_count() - len(_all_entries(book))
    for n in range(40):
        if n % 2:
            user, args, fid = "sari", ["record", "{id}"], book.report(f"Kill {n}")
        else:
            user, args, fid = "rina", STEPS[0][1], ""
        proc = subprocess.Popen(_command(args, f"Killed {n}", fid), env=_env(book, user),
                                stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)  # fmt: skip
        time.sleep(rng.uniform(0.05, 0.9))
        proc.send_signal(signal.SIGKILL)
        proc.wait()
        # Any command (here: a read) finishes what the killed one left.
        listing = book("list", "--all", "--json")
        assert listing.ok and "damaged" not in listing.stderr, listing.stderr
        assert book.git("status", "--porcelain", "--untracked-files=all") == ""
        assert book.commit_count() - len(_all_entries(book)) == offset
    assert not (book.root / ".klipctl" / "journal.json").exists()
    r = book("verify")
    assert r.ok, r.stdout + r.stderr
    # The next write works: no lock of git's or klipctl's is left behind.
    assert book("record", book.report("After"), user="sari").ok
