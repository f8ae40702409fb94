"""Where in history a key may sign: only in commits on top of the roster change that granted
it, and none on top of the roster change that replaced it or took it off the roster.

An entry is checked against the key its actor held at the entry's time; times never go back
along a chain, but an entry may still be dated into the gap between a chain's last entry and
the day a key was replaced, and signed with the old key by whoever kept it (or dated after a key
is granted, and committed before). What cannot be forged is where a commit stands in history:
an entry committed on top of the change that replaced its signer's key was made after it, and
one committed before the change that granted the key was made before anyone could hold it,
whatever times they claim. A clone that had not heard of a change yet is not on top of it, so
honest work passes.

Replacements are rare (a few a year), so the first rule costs a few git calls only when there
are some; the second is a lookup per entry, in the order ``verify`` reads history.
"""

from __future__ import annotations

import bisect
from collections.abc import Callable, Mapping, Sequence
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
    """An entry a checked commit appends: who, when it says, in which failure, and where its
    commit came in the history read (ancestors first)."""

    commit: str
    failure: str
    actor: str
    at: datetime
    position: int


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


def check(
    git: Git,
    head: str,
    timeline: Timeline,
    claims: Sequence[Claim],
    roster_positions: Mapping[tuple[str, str], tuple[int, str]],
    report: Report,
) -> None:
    """Each claimed entry signed with a key its actor did not yet, or no longer, hold in the
    roster its commit stands on. ``roster_positions``: where each roster change (by handle and
    time) was committed in the history read, and by which commit."""
    _check_granted(git, timeline, claims, roster_positions, report)
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


def may_matter(
    timeline: Timeline, roster_positions: Mapping[tuple[str, str], tuple[int, str]]
) -> Callable[[Claim], bool]:
    """Whether ``check`` could name ``claim`` (with ``roster_positions`` as final): one by a
    person whose key was ever replaced or taken away, or one read before the roster change
    that granted its key. A verify of a large log book keeps only these of its hundreds of
    thousands of claims; ``check`` gives the same findings for them as for all."""
    revoked = {r.handle for r in _revocations(timeline)}
    grants: dict[str, tuple[list[datetime], list[tuple[int, str] | None]]] = {}
    for change in timeline.changes:
        if change.fields.get("key"):
            times, where = grants.setdefault(change.handle, ([], []))
            times.append(change.at)
            where.append(roster_positions.get((change.handle, store.format_time(change.at))))

    def keep(claim: Claim) -> bool:
        if claim.actor in revoked:
            return True
        times, where = grants.get(claim.actor, ([], []))
        k = bisect.bisect_right(times, claim.at)
        granted = where[k - 1] if k else None
        return granted is not None and granted[0] > claim.position

    return keep


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


def _check_granted(
    git: Git,
    timeline: Timeline,
    claims: Sequence[Claim],
    roster_positions: Mapping[tuple[str, str], tuple[int, str]],
    report: Report,
) -> None:
    if not roster_positions:
        return  # every roster change is in history already checked: before all of these
    grants: dict[str, tuple[list[datetime], list[int]]] = {}
    for i, change in enumerate(timeline.changes):
        if change.fields.get("key"):
            times, indexes = grants.setdefault(change.handle, ([], []))
            times.append(change.at)
            indexes.append(i)
    # An entry whose signature is not by the key held at its time is named already: the key
    # granted then did not make it.
    unsigned = {v.failure for v in report.violations if v.key == "v_bad_signature"}
    for claim in claims:
        times, indexes = grants.get(claim.actor, ([], []))
        k = bisect.bisect_right(times, claim.at)
        if not k or claim.failure in unsigned:
            continue  # no key held then: the entry check says so
        change = timeline.changes[indexes[k - 1]]
        granted = roster_positions.get((change.handle, store.format_time(change.at)))
        # Read before the grant (ancestors come first), and truly not on top of it.
        if granted is None or granted[0] <= claim.position:
            continue
        if git.is_ancestor(granted[1], claim.commit):
            continue
        report.violations.append(
            Violation(
                "v_key_not_granted",
                failure=claim.failure,
                commit=claim.commit,
                params={"actor": claim.actor, "date": store.format_time(change.at)},
            )
        )
