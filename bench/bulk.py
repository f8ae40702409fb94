"""Make a large log book fast: failure files written directly, with real chained signatures,
each entry its own commit (via ``git fast-import``), as klipctl itself would have written them.

Used by the tests (a clean log book of several hundred failures verifies) and by
``bench/verify_bench.py``. Commits made this way are not SSH-signed (fast-import cannot), so the
generated log book does not *require* signatures; every entry is signed all the same and verify
checks every signature it finds.
"""

from __future__ import annotations

import subprocess
from dataclasses import replace
from datetime import datetime, timedelta
from pathlib import Path

from klipctl import ids, signing, store
from klipctl.logbook import LogBook
from klipctl.model import Entry, Failure
from klipctl.procedure import STEPS

# (action, actor, details) after the report, in SOP order.
WALK = [
    ("record", "sari", {}),
    ("assign", "budi", {"to": "andi"}),
    ("resolve", "andi", {"action": "Spooler dimulai ulang"}),
    ("accept", "budi", {"drafter": "sari"}),
    ("draft", "sari", {}),
    ("sign", "budi", {}),
    ("deliver", "budi", {}),
    ("archive", "sari", {}),
]


def generate(root: Path, keys: dict[str, Path], count: int, start: datetime) -> int:
    """Add ``count`` failures (at various stages) to the log book at ``root``; return entries."""
    lb = LogBook(root)
    roster = lb.roster
    signers = {h: signing.load_signer(str(keys[h])) for h in ("rina", "sari", "budi", "andi")}
    people = {h: roster.get(h) for h in signers}
    config = root / "klipctl.yaml"
    config.write_text(
        config.read_text(encoding="utf-8").replace("required: true", "required: false"),
        encoding="utf-8",
    )
    subprocess.run(["git", "commit", "-qam", "Bulk log book: signatures not required"],
                   cwd=root, check=True)  # fmt: skip
    parent = subprocess.run(["git", "rev-parse", "HEAD"], cwd=root, check=True,
                            capture_output=True, text=True).stdout.strip()  # fmt: skip
    proc = subprocess.Popen(["git", "fast-import", "--quiet", "--done"], cwd=root,
                            stdin=subprocess.PIPE)  # fmt: skip
    assert proc.stdin is not None
    out = proc.stdin
    first = True
    entries = 0
    for i in range(count):
        moment = start + timedelta(minutes=10 * i)
        fid = ids.new_id(moment)
        path = lb.failure_path(fid).relative_to(root).as_posix()
        report = {"title": f"Gangguan {i}", "system": "Printer Server", "severity": "medium"}
        steps = [("report", "rina", report), *WALK[: i % (len(WALK) + 1)]]
        failure: Failure | None = None
        text = ""
        for n, (action, actor, details) in enumerate(steps):
            at = moment + timedelta(minutes=n)
            person = people[actor]
            assert person is not None
            step = STEPS[action]
            entry = Entry(action, step.after, actor, step.roles[0], at, dict(details))
            prev = (
                signing.genesis(fid)
                if failure is None
                else signing.digest(store.entry_to_dict(failure.entries[-1]))
            )
            entry = replace(entry, prev=prev)
            message = signing.canonical(store.entry_to_dict(entry))
            entry = replace(entry, sig=signers[actor].sign(message, signing.NAMESPACE))
            if failure is None:
                failure = Failure(fid, (entry,))
                text = store.new_failure_text(fid, entry)
            else:
                failure = failure.with_entry(entry)
                text += store.entry_text(entry)
            entries += 1
            msg = (
                f"{action.title()} {fid}: Gangguan {i}\n\nKlipctl-Failure: {fid}\n"
                f"Klipctl-Action: {action}\nKlipctl-Stage: {step.after}\n"
                f"Klipctl-Actor: {actor}\nKlipctl-Role: {step.roles[0]}\n"
            ).encode()
            who = f"{person.name} <{person.email}> {int(at.timestamp())} +0700"
            body = text.encode()
            out.write(f"commit refs/heads/main\nauthor {who}\ncommitter {who}\n".encode())
            out.write(b"data %d\n%s\n" % (len(msg), msg))
            if first:
                out.write(f"from {parent}\n".encode())
                first = False
            out.write(f"M 100644 inline {path}\n".encode())
            out.write(b"data %d\n%s\n" % (len(body), body))
    out.write(b"done\n")
    out.close()
    assert proc.wait() == 0
    subprocess.run(["git", "reset", "-q", "--hard", "main"], cwd=root, check=True)
    return entries
