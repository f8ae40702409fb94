"""A key replaced or taken off the roster signs nothing committed after that roster change.

An entry is checked against the key its actor held at the entry's time; times never go back
along a chain, but an entry may still be dated into the gap between a chain's last entry and
the day a key was replaced, and signed with the old key by whoever kept it. What cannot be
forged is where a commit stands in history: an entry committed on top of the roster change
that replaced (or removed) its signer's key was made after it, whatever it says its time was.
A clone that had not heard of the change yet is not on top of it, so honest work passes.

Replacements are rare (a few a year), so this costs a few git calls only when there are some.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime

from klipctl.audit.findings import Report, Violation
from klipctl.audit.timeline import Timeline
from klipctl.errors import KlipError
from klipctl.storage import store
from klipctl.storage.git import Git
from klipctl.storage.layout import ROSTER_FILE


@dataclass(frozen=True)
class Claim:
    """An entry a checked commit appends: who, when it says, in which failure."""

    commit: str
    failure: str
    actor: str
    at: datetime


@dataclass(frozen=True)
class _Revocation:
    change: int  # its index among the roster's changes
    handle: str
    key: str


def _revocations(timeline: Timeline) -> list[_Revocation]:
    found = []
    for i, change in enumerate(timeline.changes):
        before = timeline.before(i).get(change.handle)
        after = timeline.before(i + 1).get(change.handle)
        if before is None or before.key is None or not before.active:
            continue
        if after is None or not after.active or after.key != before.key:
            found.append(_Revocation(i, change.handle, before.key))
    return found


def check(git: Git, head: str, timeline: Timeline, claims: Sequence[Claim], report: Report) -> None:
    """Each claimed entry signed with a key its actor no longer held in the roster its commit
    stands on."""
    revocations = [r for r in _revocations(timeline) if any(c.actor == r.handle for c in claims)]
    if not revocations:
        return
    made_in = _commits_of_changes(git, head, timeline)
    for revocation in revocations:
        commit = made_in.get(revocation.change)
        if commit is None:
            continue
        after = set(git.run("rev-list", "--ancestry-path", f"{commit}..{head}").split())
        for claim in claims:
            if claim.actor != revocation.handle or claim.commit not in after:
                continue
            person = timeline.at(claim.at).get(claim.actor)
            if person is not None and person.key == revocation.key:
                report.violations.append(
                    Violation(
                        "v_key_revoked",
                        failure=claim.failure,
                        commit=claim.commit,
                        params={
                            "actor": claim.actor,
                            "date": store.format_time(timeline.changes[revocation.change].at),
                        },
                    )
                )


def _commits_of_changes(git: Git, head: str, timeline: Timeline) -> dict[int, str]:
    """The commit that added each roster change (by its index), the earliest in history."""
    prefix = git.prefix()
    shas = git.run(
        "log", "--format=%H", "--reverse", "--topo-order", "--full-history", head, "--",
        ROSTER_FILE,
    ).split()  # fmt: skip
    made: dict[int, str] = {}
    for sha in shas:
        data = git.show_bytes(sha, prefix + ROSTER_FILE)
        try:
            held = store.parse_roster(data, ROSTER_FILE) if data is not None else []
        except KlipError:
            continue
        for i, change in enumerate(held[: len(timeline.changes)]):
            if i not in made and change == timeline.changes[i]:
                made[i] = sha
    return made
