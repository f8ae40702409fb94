"""Every file in a log book has a rule: what it is, and which commits may change it.

The failure files and the roster are hash chains, checked entry by entry in ``verify``. The rest:

* what klipctl reads to decide deadlines, signatures and documents (``klipctl.yaml``,
  ``calendar.yaml``, the template overrides and the logo in ``templates/``) changes only in a
  commit made by klipctl's own command for that file (its ``Klipctl-Action`` trailer), by a
  person who is a supervisor on the roster as that commit found it, authored with their address
  and signed with their key; the calendar only grows;
* what ``init`` wrote for people and git (``README.md``, ``.gitignore``) never changes;
* a failure's own files (its stored report, its attached files) change only in that failure's
  commits;
* ``allowed_signers`` is made from the roster and ``.gitattributes`` is klipctl's own: both are
  checked as they stand;
* anything else is a file klipctl does not know, and is reported.

A merge takes each of these files from one of its parents (whose commit is checked on its own),
except the calendar, which sync merges by appending our new changes to the centre's. While the
roster has never held a supervisor (set-up) nobody can be held to a key, so the rules start with
the first supervisor. ``verify`` and the ``pre-receive`` hook both come here: the same rules.
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from functools import lru_cache
from typing import Any

from klipctl.audit import signing
from klipctl.audit.findings import Report, Violation
from klipctl.domain.roster import Roster
from klipctl.errors import KlipError
from klipctl.storage import commitmsg, store
from klipctl.storage.git import Git
from klipctl.storage.layout import (
    ALLOWED_SIGNERS_FILE,
    ATTRIBUTES_FILE,
    CALENDAR_FILE,
    CONFIG_FILE,
    LOGO_FILES,
    REPORT_HTML_SUFFIX,
    REPORT_MD_SUFFIX,
    ROSTER_FILE,
    SETUP_FILES,
    TEMPLATES_DIR,
    claimed_failure,
    failure_owning,
)
from klipctl.storage.resources import data_dir

# klipctl's own command for each file it reads besides the chains.
CONFIG_ACTIONS = ("config-set",)
CALENDAR_ACTIONS = ("calendar-add", "calendar-remove")
TEMPLATE_ADD, TEMPLATE_REMOVE = "template-add", "template-remove"

_ATTACHED = re.compile(r"^[0-9a-f]{64}$")


@lru_cache(maxsize=1)
def template_names() -> tuple[str, ...]:
    """What an office may put in ``templates/``: the name of a template klipctl ships (its
    override), or the logo. Read once: a verify asks it of every file it meets."""
    shipped = data_dir(TEMPLATES_DIR)
    names = [
        p.relative_to(shipped).as_posix()
        for p in shipped.rglob("*.j2")
        if p.is_file() and "__pycache__" not in p.parts
    ]
    return (*sorted(names), *LOGO_FILES)


def actions_for(rel: str) -> tuple[str, ...] | None:
    """The ``Klipctl-Action`` values that may change ``rel``; None for a file no command
    changes after set-up."""
    if rel == CONFIG_FILE:
        return CONFIG_ACTIONS
    if rel == CALENDAR_FILE:
        return CALENDAR_ACTIONS
    if rel.startswith(TEMPLATES_DIR + "/") and rel[len(TEMPLATES_DIR) + 1 :] in template_names():
        return (TEMPLATE_ADD, TEMPLATE_REMOVE)
    return None


def is_known(rel: str) -> bool:
    """Is ``rel`` (a path inside the log book) a file klipctl has a rule for?"""
    if rel in (ROSTER_FILE, ALLOWED_SIGNERS_FILE, ATTRIBUTES_FILE, *SETUP_FILES):
        return True
    if actions_for(rel) is not None:
        return True
    return owned_ok(rel)


def owned_ok(rel: str) -> bool:
    """A file under ``failures/`` that klipctl writes: a failure's YAML, its stored report, or
    an attached file named by its SHA-256 in the failure's ``.files`` folder."""
    if claimed_failure(rel) is not None:
        return True
    owner = failure_owning(rel)
    if owner is None:
        return False
    folder, _, name = rel.rpartition("/")
    if name in (owner + REPORT_MD_SUFFIX, owner + REPORT_HTML_SUFFIX):
        return True
    return folder.endswith(f"/{owner}.files") and bool(_ATTACHED.match(name))


# --- a failure's own files, checked beside its chain ----------------------------------------------


@dataclass
class OwnedFiles:
    """The stored reports and attached files that the commits ``verify`` reads change."""

    report: Report
    _unknown: set[str] = field(default_factory=set)
    _merge_sides: dict[tuple[str, str], int] = field(default_factory=dict)

    def check(
        self, sha: str, parents: Sequence[str], trailers: Mapping[str, str], rel: str
    ) -> None:
        """One changed file under ``failures/`` that is not a chain, in commit ``sha``."""
        owner = failure_owning(rel)
        if not owned_ok(rel):
            if rel not in self._unknown:
                self._unknown.add(rel)
                self.report.violations.append(
                    Violation("v_unknown_file", failure=owner, commit=sha, path=rel)
                )
            return
        if len(parents) > 1:
            # ``git log -m`` shows a merge once per parent: a file shown against every parent
            # is one the merge wrote itself.
            seen = self._merge_sides.get((sha, rel), 0) + 1
            self._merge_sides[(sha, rel)] = seen
            if seen == len(parents):
                self.report.violations.append(
                    Violation("v_merge_made", failure=owner, commit=sha, path=rel)
                )
            return
        if trailers.get(commitmsg.FAILURE) != owner:
            self.report.violations.append(
                Violation(
                    "v_file_unclaimed",
                    failure=owner,
                    commit=sha,
                    path=rel,
                    params={"claimed": trailers.get(commitmsg.FAILURE) or "-"},
                )  # fmt: skip
            )


# --- everything outside the chains ----------------------------------------------------------------


@dataclass(frozen=True)
class _Change:
    sha: str
    parents: list[str]
    sides: list[list[tuple[str, str]]]  # per parent (one for a plain commit): (status, path)


def check_history(
    git: Git,
    changed: Mapping[str, tuple[list[str], list[list[tuple[str, str]]]]],
    report: Report,
) -> None:
    """The commits that change anything but the failures, the roster and ``allowed_signers``:
    sha -> (its parents, and for each parent it differs from, the (status, path) of each
    change), oldest first, as ``verify`` read them with the rest of history."""
    changes = {sha: _Change(sha, parents, sides) for sha, (parents, sides) in changed.items()}
    if not changes:
        return
    prefix = git.prefix()
    rosters: dict[str, Roster | None] = {}
    unknown: set[str] = set()
    plain = [c for c in changes.values() if len(c.parents) <= 1]
    raw = git.raw_commits([c.sha for c in plain if _needs_commit(c)])
    for change in changes.values():
        if len(change.parents) > 1:
            _check_merge(git, prefix, change, report)
            continue
        files = change.sides[0] if change.sides else []
        for _status, rel in files:
            if rel == ATTRIBUTES_FILE:
                continue  # checked as it stands: klipctl's own, or a violation
            if not is_known(rel) and rel not in unknown:
                unknown.add(rel)
                _bad(report, "v_unknown_file", change.sha, rel)
        if _needs_commit(change):
            _check_governed(git, prefix, change, raw.get(change.sha, b""), rosters, report)


def _needs_commit(change: _Change) -> bool:
    paths = (rel for side in change.sides for _, rel in side)
    return any(rel in SETUP_FILES or actions_for(rel) is not None for rel in paths)


def _bad(report: Report, key: str, sha: str, rel: str | None = None, **params: Any) -> None:
    report.violations.append(Violation(key, commit=sha, path=rel, params=params))


def _roster_at(
    git: Git, prefix: str, sha: str | None, cache: dict[str, Roster | None]
) -> Roster | None:
    """The roster as commit ``sha`` holds it; None when the log book had none yet."""
    if sha is None:
        return None
    if sha not in cache:
        data = git.show_bytes(sha, prefix + ROSTER_FILE)
        try:
            cache[sha] = Roster(store.parse_roster(data, ROSTER_FILE)) if data is not None else None
        except KlipError:
            cache[sha] = Roster()  # an unreadable roster is reported on its own; it grants nothing
    return cache[sha]


def _check_governed(
    git: Git,
    prefix: str,
    change: _Change,
    raw: bytes,
    rosters: dict[str, Roster | None],
    report: Report,
) -> None:
    """A plain commit changing the configuration, the calendar, a template or a set-up file."""
    parent = change.parents[0] if change.parents else None
    roster = _roster_at(git, prefix, parent, rosters)
    payload, sig, _when = signing.split_commit(raw)
    header, _, message = raw.partition(b"\n\n")
    trailers = commitmsg.trailers(message.decode("utf-8", "replace"))
    action = trailers.get(commitmsg.ACTION, "")
    if roster is None and action == "init":
        return  # the commit that made the log book
    if roster is None or not roster.set_up_over:
        return  # set-up: nobody holds a key yet to be held to
    files = change.sides[0]
    found = len(report.violations)
    for status, rel in files:
        allowed = actions_for(rel)
        if allowed is None:
            if rel in SETUP_FILES:
                _bad(report, "v_setup_changed", change.sha, rel)
            continue
        if status == "D" and action != TEMPLATE_REMOVE:
            _bad(report, "v_deleted_file", change.sha, rel)
        elif action not in allowed or (action == TEMPLATE_REMOVE) != (status == "D"):
            _bad(report, "v_governed_action", change.sha, rel, action=action or "-")
        elif rel == CALENDAR_FILE and not _calendar_grew(git, prefix, parent, change.sha):
            _bad(report, "v_calendar_rewritten", change.sha, rel)
    if len(report.violations) > found:
        return  # not klipctl's command for these files: who made it adds nothing
    actor = trailers.get(commitmsg.ACTOR, "")
    person = roster.get(actor) if actor else None
    rel = files[0][1] if files else ""
    if person is None or not person.has_role("supervisor"):
        _bad(report, "v_governed_actor", change.sha, rel, actor=actor or "-")
        return
    email = _author_email(header)
    expected = person.email or f"{actor}@klipctl.invalid"
    if email.lower() != expected.lower():
        _bad(report, "v_governed_author", change.sha, rel, email=email, actor=actor)
    if person.key is None:
        return  # a log book without keys: nothing to hold the commit to
    if sig is None and _signatures_required(git, prefix, parent):
        _bad(report, "v_governed_unsigned", change.sha, rel, actor=actor)
    if sig is None:
        return
    report.signatures += 1
    try:
        signing.verify(payload, sig, person.key, signing.GIT_NAMESPACE)
    except signing.SignatureError:
        _bad(report, "v_governed_signature", change.sha, rel, actor=actor)


def _signatures_required(git: Git, prefix: str, parent: str | None) -> bool:
    """Whether the configuration the commit found asks for signatures (the commit that turns
    them off is itself held to them)."""
    from klipctl.storage.config import parse_config

    data = git.show_bytes(parent, prefix + CONFIG_FILE) if parent else None
    try:
        return data is None or parse_config(data, CONFIG_FILE).signatures_required
    except KlipError:
        return True


def _author_email(header: bytes) -> str:
    for line in header.split(b"\n"):
        if line.startswith(b"author "):
            text = line.decode("utf-8", "replace")
            return text[text.find("<") + 1 : text.rfind(">")]
    return ""


def _calendar_grew(git: Git, prefix: str, before: str | None, after: str) -> bool:
    """The calendar only grows: the new file is the old one with changes appended."""
    old = git.show_bytes(before, prefix + CALENDAR_FILE) if before else None
    new = git.show_bytes(after, prefix + CALENDAR_FILE) or b""
    return old is None or grew(old, new)


def grew(before: bytes, after: bytes) -> bool:
    if after.startswith(before):
        return True
    empty = b"changes: []\n"
    return before.endswith(empty) and after.startswith(before[: -len(empty)] + b"changes:\n")


def _check_merge(git: Git, prefix: str, change: _Change, report: Report) -> None:
    """Each file a merge holds is one of its parents' (the calendar: the centre's, with our
    changes after it), never one it wrote itself."""
    counts: dict[str, int] = {}
    for side in change.sides:
        for _status, rel in side:
            counts[rel] = counts.get(rel, 0) + 1
    for rel, n in counts.items():
        if n < len(change.parents) or rel == ATTRIBUTES_FILE:
            continue
        if rel == CALENDAR_FILE and _calendar_merged(git, prefix, change):
            continue
        _bad(report, "v_merge_made", change.sha, rel)


def _calendar_merged(git: Git, prefix: str, change: _Change) -> bool:
    """What sync writes when both sides changed the calendar: the other side's file (the
    centre's) with only changes our side holds appended."""
    path = prefix + CALENDAR_FILE
    ours, theirs = change.parents[0], change.parents[1]
    merged, central = git.show_bytes(change.sha, path), git.show_bytes(theirs, path)
    mine = git.show_bytes(ours, path)
    if merged is None or central is None or mine is None or not grew(central, merged):
        return False
    try:
        kept = store.parse_calendar(merged, CALENDAR_FILE)
        before = len(store.parse_calendar(central, CALENDAR_FILE))
        held = store.parse_calendar(mine, CALENDAR_FILE)
    except KlipError:
        return False
    return all(c in held for c in kept[before:])
