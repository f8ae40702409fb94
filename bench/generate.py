"""Build a realistic log book of N failures in the real on-disk format, fast.

    python bench/generate.py --failures 10000 /tmp/lb10k

A regional office's roster (with real ed25519 keys from ssh-keygen, kept beside the log book in
PATH-keys/), then N failures reported over the past years, each walked through the SOP as far as
its age makes likely (most finished, some open, some overdue, one in ten rejected once at review)
by the same core code people use (``procedure.apply``, ``store``, ``signing``): every entry is
chained and signed. Each entry is its own commit, authored by its actor with klipctl's trailers,
streamed through ``git fast-import`` (minutes instead of hours). fast-import cannot SSH-sign
commits, so the generated log book does not *require* signatures; verify still checks every
entry's signature.

``add_failures`` adds failures to an existing log book (the tests use it).
"""

from __future__ import annotations

import argparse
import random
import subprocess
import sys
import time
from dataclasses import replace
from datetime import datetime, timedelta
from pathlib import Path
from typing import IO, Any

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from klipctl.app import people, settings, steps
from klipctl.app.context import Context
from klipctl.audit import signing
from klipctl.domain import (
    ids,  # noqa: E402
    procedure,
)
from klipctl.domain.model import JAKARTA, Entry, Failure  # noqa: E402
from klipctl.domain.roster import Person, Roster  # noqa: E402
from klipctl.storage import store
from klipctl.storage.logbook import LogBook
from klipctl.storage.resources import data_dir  # noqa: E402

SYSTEMS = ["Aplikasi Pengaduan Online", "Email Server", "Printer Server", "VPN",
           "Database Server", "IP Telephony", "Website", "File Server", "Active Directory",
           "Jaringan LAN"]  # fmt: skip
TITLES = ["tidak dapat diakses", "lambat sekali", "mati total", "sering terputus",
          "menampilkan galat 500", "tidak merespons", "penuh", "gagal sinkronisasi"]  # fmt: skip
PEOPLE = (
    [("spv1", "supervisor"), ("spv2", "supervisor")]
    + [(f"clk{i}", "clerk") for i in range(1, 4)]
    + [(f"op{i}", "operator") for i in range(1, 7)]
    + [(f"st{i}", "staff") for i in range(1, 21)]
)
# How far through the SOP a recent failure got, with weights; old ones are all finished.
RECENT_STAGES = [("reported", 2), ("recorded", 2), ("assigned", 6), ("resolved", 2),
                 ("reviewed", 1), ("drafted", 1), ("signed", 1), ("delivered", 1),
                 ("archived", 84)]  # fmt: skip
PATH = ["record", "assign", "resolve", "accept", "draft", "sign", "deliver", "archive"]


def make_keys(folder: Path, handles: list[str]) -> dict[str, Path]:
    folder.mkdir(parents=True, exist_ok=True)
    keys = {}
    for handle in handles:
        keys[handle] = folder / handle
        if not keys[handle].exists():
            subprocess.run(["ssh-keygen", "-q", "-t", "ed25519", "-N", "", "-C", handle,
                            "-f", str(keys[handle])], check=True)  # fmt: skip
    return keys


def build_roster(root: Path, keys: dict[str, Path], now: datetime) -> None:
    """The office's people, added with klipctl itself (signed commits, allowed_signers)."""
    first = PEOPLE[0][0]
    for n, (handle, role) in enumerate(PEOPLE):
        env = {"KLIPCTL_SIGNING_KEY": str(keys[first])}
        if n:
            env["KLIPCTL_USER"] = first
        ctx = Context(env=env, cwd=root, now=now, logbook_path=root)
        nip = f"1980{1 + n % 12:02d}{1 + n % 28:02d}2010{1 + n % 12:02d}1{n:03d}"
        pub = Path(f"{keys[handle]}.pub").read_text()
        people.add_person(ctx, handle, f"Pegawai {handle.upper()}", nip, [role],
                           f"{handle}@pajak.go.id", pub)  # fmt: skip


def walk(rng: random.Random, reported: datetime, final: str, roster: Roster,
         people: dict[str, Person]) -> Failure:  # fmt: skip
    """One failure from its report up to the stage ``final``, through ``procedure.apply``."""
    by_role = {r: [p for p in people.values() if r in p.roles]
               for r in ("supervisor", "clerk", "operator", "staff")}  # fmt: skip
    title, system = f"{rng.choice(SYSTEMS)} {rng.choice(TITLES)}", rng.choice(SYSTEMS)
    details = {"title": title, "system": system, "severity": rng.choice(procedure.SEVERITIES),
               "description": "Pengguna melaporkan gangguan saat jam layanan."}  # fmt: skip
    reporter = rng.choice(by_role["staff"])
    failure = Failure(
        ids.new_id(reported, rng.getrandbits(25)),
        (procedure.apply(None, "report", reporter, details, reported, roster),),
    )
    supervisor = rng.choice(by_role["supervisor"])
    operator, clerk = rng.choice(by_role["operator"]), rng.choice(by_role["clerk"])
    actors = {
        "record": clerk,
        "assign": supervisor,
        "resolve": operator,
        "accept": supervisor,
        "draft": clerk,
        "sign": supervisor,
        "deliver": supervisor,
        "archive": clerk,
    }
    rejected = rng.random() < 0.1
    at = reported

    def step(action: str, actor: Person, args: dict[str, Any], hours: float) -> None:
        nonlocal failure, at
        at = at + timedelta(hours=hours)
        failure = failure.with_entry(procedure.apply(failure, action, actor, args, at, roster))

    for action in PATH:
        if failure.stage == final:
            break
        if action == "accept" and rejected:
            step("reject", supervisor, {"reason": "Belum tuntas"}, 20)
            step("resolve", operator, {"action": "Diperbaiki ulang"}, 20)
        args = {"assign": {"to": operator.handle}, "resolve": {"action": "Layanan dipulihkan"},
                "accept": {"drafter": clerk.handle}}.get(action, {})  # fmt: skip
        step(action, actors[action], args, rng.choice([1, 3, 20, 26, 50]))
    return failure


def sealed(failure: Failure, signers: dict[str, signing.Signer]) -> Failure:
    """The failure's entries chained and signed by their actors, as klipctl writes them."""
    entries: list[Entry] = []
    for entry in failure.entries:
        prev = (signing.digest(store.entry_to_dict(entries[-1])) if entries
                else signing.genesis(failure.id))  # fmt: skip
        entry = replace(entry, prev=prev)
        sig = signers[entry.actor].sign(signing.canonical(store.entry_to_dict(entry)),
                                        signing.NAMESPACE)  # fmt: skip
        entries.append(replace(entry, sig=sig))
    return Failure(failure.id, tuple(entries))


class Importer:
    """Each entry one commit, streamed to ``git fast-import`` on top of the current HEAD."""

    def __init__(self, root: Path) -> None:
        self.root = root
        head = subprocess.run(["git", "rev-parse", "HEAD"], cwd=root, check=True,
                              capture_output=True, text=True).stdout.strip()  # fmt: skip
        self.proc = subprocess.Popen(["git", "fast-import", "--quiet", "--done"], cwd=root,
                                     stdin=subprocess.PIPE)  # fmt: skip
        assert self.proc.stdin is not None
        self.out: IO[bytes] = self.proc.stdin
        self.parent: str | None = head
        self.commits = 0

    def add(self, failure: Failure, path: str, people: dict[str, Person]) -> None:
        text = ""
        for n, entry in enumerate(failure.entries):
            text = (
                store.new_failure_text(failure.id, entry)
                if n == 0
                else text + store.entry_text(entry)
            )
            person = people[entry.actor]
            message = (
                f"{entry.action.title()} {failure.id}: {failure.title}\n\n"
                f"Klipctl-Failure: {failure.id}\nKlipctl-Action: {entry.action}\n"
                f"Klipctl-Stage: {entry.stage}\nKlipctl-Actor: {entry.actor}\n"
                f"Klipctl-Role: {entry.role}\n"
            ).encode()
            who = f"{person.name} <{person.email}> {int(entry.at.timestamp())} +0700"
            body = text.encode()
            self.out.write(f"commit refs/heads/main\nauthor {who}\ncommitter {who}\n".encode())
            self.out.write(b"data %d\n%s\n" % (len(message), message))
            if self.parent:
                self.out.write(f"from {self.parent}\n".encode())
                self.parent = None
            self.out.write(f"M 100644 inline {path}\ndata {len(body)}\n".encode() + body + b"\n")
            self.commits += 1

    def close(self) -> None:
        self.out.write(b"done\n")
        self.out.close()
        if self.proc.wait() != 0:
            raise RuntimeError("git fast-import failed")
        subprocess.run(["git", "reset", "-q", "--hard", "main"], cwd=self.root, check=True)


def _no_signatures_required(root: Path, keys: dict[str, Path], at: datetime) -> None:
    """The bulk-imported commits are not SSH-signed: said in klipctl.yaml by a supervisor,
    with klipctl's own signed command (the entries themselves are signed)."""
    lb = LogBook(root)
    first = next(p for p in lb.roster.people if p.has_role("supervisor"))
    env = {"KLIPCTL_USER": first.handle, "KLIPCTL_SIGNING_KEY": str(keys[first.handle])}
    ctx = Context(env=env, cwd=root, now=at, logbook_path=root)
    settings.set_value(ctx, "signatures.required", "false")


def add_failures(
    root: Path, keys: dict[str, Path], moments: list[datetime], now: datetime, rng: random.Random
) -> int:
    """Add one failure per report moment to the log book at ``root``; return the entry count."""
    _no_signatures_required(root, keys, moments[0] - timedelta(minutes=1))
    lb = LogBook(root)
    roster = lb.roster
    people = {p.handle: p for p in roster.people}
    signers = {h: signing.load_signer(str(k)) for h, k in keys.items() if h in people}
    stages, weights = zip(*RECENT_STAGES, strict=True)
    importer = Importer(root)
    entries = 0
    for reported in moments:
        age = (now - reported).days
        final = "archived" if age > 40 else rng.choices(stages, weights)[0]
        if age < 3:
            final = rng.choice(["reported", "recorded", "assigned"])
        failure = walk(rng, reported, final, roster, people)
        failure = Failure(failure.id, tuple(e for e in failure.entries if e.at <= now))
        failure = sealed(failure, signers)
        importer.add(failure, lb.relative(lb.failure_path(failure.id)), people)
        entries += len(failure.entries)
    importer.close()
    return entries


def generate(n: int, root: Path, seed: int = 1, now: datetime | None = None) -> dict[str, Path]:
    """A new log book at ``root`` with the roster and ``n`` failures; returns the keys."""
    rng = random.Random(seed)
    now = now or datetime.now(JAKARTA).replace(microsecond=0)
    start = now - timedelta(days=max(30, n // 25))  # about 25 reports a day
    keys = make_keys(root.parent / f"{root.name}-keys", [h for h, _ in PEOPLE])
    steps.init_logbook(root, data_dir("logbook"), start - timedelta(days=1))
    build_roster(root, keys, start - timedelta(hours=12))
    span = (now - start).total_seconds()
    moments = sorted(
        (start + timedelta(seconds=rng.uniform(0, span))).replace(microsecond=0) for _ in range(n)
    )
    add_failures(root, keys, moments, now, rng)
    # What `klipctl init` would have set up, written once for the imported history.
    subprocess.run(["git", "commit-graph", "write", "--reachable", "--changed-paths"], cwd=root,
                   check=True)  # fmt: skip
    return keys


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--failures", type=int, required=True)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("path", type=Path)
    args = parser.parse_args()
    began = time.perf_counter()
    generate(args.failures, args.path.resolve(), args.seed)
    print(f"{args.failures} failures in {args.path}, generated in "
          f"{time.perf_counter() - began:.1f} s", file=sys.stderr)  # fmt: skip


if __name__ == "__main__":
    main()
