"""Build a realistic log book of N failures in the real on-disk format, fast.

    python bench/generate.py --failures 10000 /tmp/lb10k

Entries are made by the same core code people use (``procedure.apply`` and ``store``), for a
roster of a regional office, spread over the past years with every stage present in realistic
proportions (most failures finished, some open, some overdue, some rejected once). Files are
written directly and committed in batches (one commit per month of reports), so history is in
git without spending an hour on one commit per entry.
"""

from __future__ import annotations

import argparse
import os
import random
import subprocess
import sys
import time
from datetime import datetime, timedelta
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from klipctl import ids, procedure, service, store  # noqa: E402
from klipctl.logbook import LogBook  # noqa: E402
from klipctl.model import JAKARTA, Failure  # noqa: E402
from klipctl.resources import data_dir  # noqa: E402
from klipctl.roster import Person, Roster  # noqa: E402

SYSTEMS = [
    "Aplikasi Pengaduan Online",
    "Email Server",
    "Printer Server",
    "VPN",
    "Database Server",
    "IP Telephony",
    "Website",
    "File Server",
    "Active Directory",
    "Jaringan LAN",
]
TITLES = [
    "tidak dapat diakses",
    "lambat sekali",
    "mati total",
    "sering terputus",
    "menampilkan galat 500",
    "tidak merespons",
    "penuh",
    "gagal sinkronisasi",
]
PEOPLE = (
    [
        ("spv1", "supervisor"),
        ("spv2", "supervisor"),
        ("clk1", "clerk"),
        ("clk2", "clerk"),
        ("clk3", "clerk"),
    ]
    + [(f"op{i}", "operator") for i in range(1, 7)]
    + [(f"st{i}", "staff") for i in range(1, 21)]
)
# How far through the SOP a failure got, with weights: most are finished.
FINAL_STAGES = [
    ("reported", 2),
    ("recorded", 2),
    ("assigned", 6),
    ("resolved", 2),
    ("reviewed", 1),
    ("drafted", 1),
    ("signed", 1),
    ("delivered", 1),
    ("archived", 84),
]
PATH = ["record", "assign", "resolve", "accept", "draft", "sign", "deliver", "archive"]


def build_roster(lb: LogBook, now: datetime) -> None:
    env = {"KLIPCTL_USER": "spv1"}
    for n, (handle, role) in enumerate(PEOPLE):
        ctx = service.Context(env=env if n else {}, cwd=lb.root, now=now, logbook_path=lb.root)
        nip = f"1980010{1 + n % 9}20100{1 + n % 9}1{n:03d}"
        service.add_person(
            ctx, handle, f"Pegawai {handle.upper()}", nip, [role], f"{handle}@pajak.go.id", None
        )


def walk(
    rng: random.Random, reported: datetime, final: str, roster: Roster, people: dict[str, Person]
) -> Failure:
    by_role = {
        r: [people[h] for h, role in PEOPLE if role == r]
        for r in ("supervisor", "clerk", "operator", "staff")
    }
    reporter = rng.choice(by_role["staff"])
    details = {
        "title": f"{rng.choice(SYSTEMS)} {rng.choice(TITLES)}",
        "system": rng.choice(SYSTEMS),
        "severity": rng.choice(procedure.SEVERITIES),
        "description": "Pengguna melaporkan gangguan saat jam layanan.",
    }
    entry = procedure.apply(None, "report", reporter, details, reported, roster)
    failure = Failure(ids.new_id(reported, rng.getrandbits(25)), (entry,))
    at = reported
    operator = rng.choice(by_role["operator"])
    drafter = rng.choice(by_role["clerk"])
    rejected = rng.random() < 0.1
    for action in PATH:
        if failure.stage == final:
            break
        at = at + timedelta(hours=rng.choice([1, 3, 20, 26, 50]))
        actor = {
            "record": drafter,
            "assign": by_role["supervisor"][0],
            "resolve": operator,
            "accept": by_role["supervisor"][0],
            "draft": drafter,
            "sign": by_role["supervisor"][0],
            "deliver": by_role["supervisor"][0],
            "archive": drafter,
        }[action]
        args: dict[str, str] = {
            "assign": {"to": operator.handle},
            "resolve": {"action": "Layanan dipulihkan"},
            "accept": {"drafter": drafter.handle},
        }.get(action, {})
        if action == "accept" and rejected:
            rejected = False
            e = procedure.apply(failure, "reject", actor, {"reason": "Belum tuntas"}, at, roster)
            failure = failure.with_entry(e)
            at = at + timedelta(hours=20)
            e = procedure.apply(
                failure, "resolve", operator, {"action": "Diperbaiki ulang"}, at, roster
            )
            failure = failure.with_entry(e)
            at = at + timedelta(hours=3)
        failure = failure.with_entry(procedure.apply(failure, action, actor, args, at, roster))
    return failure


def generate(n: int, root: Path, seed: int = 1) -> None:
    rng = random.Random(seed)
    now = datetime.now(JAKARTA).replace(microsecond=0)
    start = now - timedelta(days=max(30, n // 25))  # about 25 reports a day
    service.init_logbook(root, data_dir("logbook"), start - timedelta(days=1))
    config = root / "klipctl.yaml"
    config.write_text(config.read_text().replace("required: true", "required: false"))
    subprocess.run(
        ["git", "commit", "-qam", "Bench log book: signatures not required"], cwd=root, check=True
    )
    lb = LogBook(root)
    build_roster(lb, start - timedelta(hours=12))
    lb = LogBook(root)
    roster = lb.roster
    people = {p.handle: p for p in roster.people}
    weights = [w for _, w in FINAL_STAGES]
    stages = [s for s, _ in FINAL_STAGES]
    span = (now - start).total_seconds()
    moments = sorted(start + timedelta(seconds=rng.uniform(0, span)) for _ in range(n))
    batch: list[Path] = []
    month = None
    for reported in moments:
        reported = reported.replace(microsecond=0)
        age_days = (now - reported).days
        final = "archived" if age_days > 40 else rng.choices(stages, weights)[0]
        if age_days < 3:
            final = rng.choice(["reported", "recorded", "assigned"])
        failure = walk(rng, reported, final, roster, people)
        failure = Failure(failure.id, tuple(e for e in failure.entries if e.at <= now))
        path = lb.failure_path(failure.id)
        path.parent.mkdir(parents=True, exist_ok=True)
        text = store.new_failure_text(failure.id, failure.entries[0])
        text += "".join(store.entry_text(e) for e in failure.entries[1:])
        path.write_text(text, encoding="utf-8")
        key = (reported.year, reported.month)
        if month is not None and key != month:
            _commit(root, batch, month)
            batch = []
        batch.append(path)
        month = key
    if month is not None:
        _commit(root, batch, month)
    print(f"{n} failures in {root}")


def _commit(root: Path, paths: list[Path], month: tuple[int, int]) -> None:
    message = f"Import {len(paths)} failures reported in {month[0]}-{month[1]:02d}"
    subprocess.run(
        ["git", "add", "--", *[str(p.relative_to(root)) for p in paths]], cwd=root, check=True
    )
    subprocess.run(
        ["git", "commit", "-q", "--no-verify", "-m", message],
        cwd=root,
        check=True,
        env={
            "GIT_AUTHOR_NAME": "bench",
            "GIT_AUTHOR_EMAIL": "bench@invalid",
            "GIT_COMMITTER_NAME": "bench",
            "GIT_COMMITTER_EMAIL": "bench@invalid",
            "PATH": os.environ["PATH"],
        },
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--failures", type=int, required=True)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("path", type=Path)
    args = parser.parse_args()
    began = time.perf_counter()
    generate(args.failures, args.path, args.seed)
    print(f"generated in {time.perf_counter() - began:.1f} s", file=sys.stderr)


if __name__ == "__main__":
    main()
