"""The SOP table on its own, without git or files: every stage × action × person.

The expectation is written out here from SOP LIP10-0072 itself, not read from
``procedure.STEPS``, so a change to the table that the SOP does not allow fails this test.
"""

from __future__ import annotations

from datetime import datetime, timedelta

import pytest

from klipctl.domain import procedure
from klipctl.domain.model import JAKARTA, STAGES, Failure
from klipctl.domain.roster import Person, Roster, RosterChange
from klipctl.errors import InvalidInput, Refused

AT = datetime(2026, 3, 10, 9, 0, tzinfo=JAKARTA)

# Who is who: the assigned operator (andi) and the clerk named to draft (sari) have others of
# their role beside them, so "the right role but not the named person" is tried too.
CAST = {
    "budi": ("supervisor",),
    "sari": ("clerk",),  # named as drafter at review
    "tono": ("clerk",),
    "andi": ("operator",),  # assigned the failure
    "dewi": ("operator", "staff"),
    "rina": ("staff",),
    "hadi": ("head",),
}
ROSTER = Roster(
    RosterChange("add", h, {"name": h.title(), "nip": "1" * 18, "roles": list(r)}, None, AT)
    for h, r in CAST.items()
)

# SOP LIP10-0072, Prosedur Kerja: (stage, action) → the stage after it.
MOVES = {
    ("reported", "record"): "recorded",  # 2: the clerk records it in the Log Book
    ("recorded", "assign"): "assigned",  # 3: the supervisor assigns an operator
    ("assigned", "resolve"): "resolved",  # 4: the assigned operator repairs it
    ("resolved", "accept"): "reviewed",  # 5: the supervisor checks and accepts ...
    ("resolved", "reject"): "assigned",  # 5': ... or sends it back to the operator
    ("reviewed", "draft"): "drafted",  # 6: the clerk named at review composes the report
    ("drafted", "sign"): "signed",  # 7: the supervisor signs it
    ("signed", "deliver"): "delivered",  # 8: the supervisor delivers it to the head
    ("delivered", "archive"): "archived",  # 9-10: the clerk files it
}
# Who may take each action: the role, and the one person the SOP names where it names one.
WHO = {
    "record": ("clerk", None),
    "assign": ("supervisor", None),
    "resolve": ("operator", "andi"),
    "accept": ("supervisor", None),
    "reject": ("supervisor", None),
    "draft": ("clerk", "sari"),
    "sign": ("supervisor", None),
    "deliver": ("supervisor", None),
    "archive": ("clerk", None),
}
# The office's asides (issue 11), written out from what the office asked for: the stage they
# may be taken from, who may take them, and the stage after (None: it stays).
UNSIGNED = ("reported", "recorded", "assigned", "resolved", "reviewed", "drafted")
ASIDES = {
    # the supervisor sends a draft back to its drafter; the number comes at the final sign
    "return": (("drafted",), ("supervisor",), "reviewed"),
    # the supervisor hands an assigned failure to another operator
    "reassign": (("assigned",), ("supervisor",), None),
    # a clerk or the supervisor withdraws what nobody repaired yet
    "withdraw": (("reported", "recorded", "assigned"), ("clerk", "supervisor"), "withdrawn"),
    # the reporter, a clerk or the supervisor corrects the header before the report is signed
    "correct": (UNSIGNED, ("clerk", "supervisor", "reporter"), None),
    # anyone on the roster, at any stage
    "note": (tuple(STAGES), ("anyone",), None),
    # anyone involved in the failure (and the office: clerks, the supervisor), at any stage
    "attach": (tuple(STAGES), ("clerk", "supervisor", "involved"), None),
}
DETAILS = {
    "report": {"title": "Printer mati", "system": "Printer"},
    "return": {"reason": "Lengkapi penyebabnya"},
    "reassign": {"to": "dewi", "reason": "Andi cuti"},
    "withdraw": {"reason": "Laporan ganda"},
    "correct": {"field": "title", "value": "Printer lantai 3 mati", "reason": "Salah ketik"},
    "note": {"text": "Menunggu suku cadang"},
    "attach": {"files": [{"name": "a.png", "size": 3, "type": "image/png", "sha256": "a" * 64}]},
    "assign": {"to": "andi"},
    "resolve": {"action": "Spooler dimulai ulang"},
    "accept": {"drafter": "sari"},
    "reject": {"reason": "Masih mati"},
}
HAPPY = [  # the way to each stage, and who walks it
    ("record", "sari"),
    ("assign", "budi"),
    ("resolve", "andi"),
    ("accept", "budi"),
    ("draft", "sari"),
    ("sign", "budi"),
    ("deliver", "budi"),
    ("archive", "sari"),
]


def _person(handle: str) -> Person:
    person = ROSTER.get(handle)
    assert person is not None
    return person


def failure_at(stage: str) -> Failure:
    """A failure walked along the SOP's way until it reaches ``stage`` (withdrawn: at once)."""
    first = procedure.apply(None, "report", _person("rina"), DETAILS["report"], AT, ROSTER)
    failure = Failure("1ngabcdefghj", (first,))
    if stage == "withdrawn":
        entry = procedure.apply(failure, "withdraw", _person("sari"), DETAILS["withdraw"], AT,
                                ROSTER)  # fmt: skip
        return failure.with_entry(entry)
    for n, (action, handle) in enumerate(HAPPY, start=1):
        if failure.stage == stage:
            break
        entry = procedure.apply(
            failure, action, _person(handle), DETAILS.get(action, {}), AT + timedelta(hours=n),
            ROSTER,
        )  # fmt: skip
        failure = failure.with_entry(entry)
    assert failure.stage == stage
    return failure


def expected(stage: str, action: str, handle: str) -> str | tuple[type, str]:
    """The stage after, or the (error class, message key) of the refusal."""
    if (stage, action) not in MOVES:
        return (Refused, "wrong_stage")
    role, named = WHO[action]
    if role not in CAST[handle]:
        return (Refused, "wrong_role")
    if named is not None and handle != named:
        return (Refused, "not_named_person")
    return MOVES[(stage, action)]


CASES = [(s, a, h) for s in STAGES for a in WHO for h in CAST]  # withdrawn: closed, refuses all


def test_the_table_covers_every_stage_and_action() -> None:
    assert set(procedure.STEPS) == {"report", *WHO, *ASIDES}
    assert {s for s, _ in MOVES} | {"archived", "withdrawn"} == set(STAGES)


def expected_aside(failure: Failure, action: str, handle: str) -> str | tuple[type, str]:
    stages, who, after = ASIDES[action]
    if failure.stage not in stages:
        return (Refused, "wrong_stage")
    involved = {e.actor for e in failure.entries} | {failure.assignee, failure.drafter}
    allowed = (
        "anyone" in who
        or any(role in CAST[handle] for role in who)
        or ("reporter" in who and handle == failure.reporter)
        or ("involved" in who and handle in involved)
    )
    if not allowed:
        key = "wrong_role_or_involved" if {"reporter", "involved"} & set(who) else "wrong_role"
        return (Refused, key)
    return after or failure.stage


@pytest.mark.parametrize(
    ("stage", "action", "handle"), [(s, a, h) for s in STAGES for a in ASIDES for h in CAST]
)
def test_every_aside_at_every_stage_by_everyone(stage: str, action: str, handle: str) -> None:
    failure = failure_at(stage)
    want = expected_aside(failure, action, handle)
    later = AT + timedelta(days=1)
    if isinstance(want, str):
        entry = procedure.apply(failure, action, _person(handle), DETAILS[action], later, ROSTER)
        assert (entry.stage, entry.actor, entry.action) == (want, handle, action)
        assert _person(handle).has_role(entry.role)
    else:
        kind, key = want
        with pytest.raises(kind) as caught:
            procedure.apply(failure, action, _person(handle), DETAILS[action], later, ROSTER)
        assert caught.value.key == key and type(caught.value) is kind


def test_a_reassignment_moves_the_work_but_not_the_clock() -> None:
    failure = failure_at("assigned")
    entry = procedure.apply(failure, "reassign", _person("budi"), DETAILS["reassign"], AT, ROSTER)
    after = failure.with_entry(entry)
    assert (after.assignee, after.assigned_at) == ("dewi", failure.assigned_at)
    nxt = procedure.next_step(after)
    assert nxt is not None and nxt.handle == "dewi"
    with pytest.raises(Refused) as caught:  # the old operator may no longer resolve it
        procedure.apply(after, "resolve", _person("andi"), DETAILS["resolve"], AT, ROSTER)
    assert caught.value.key == "not_named_person"


def test_a_correction_changes_the_header_and_keeps_the_original() -> None:
    failure = failure_at("recorded")
    entry = procedure.apply(failure, "correct", _person("rina"), DETAILS["correct"], AT, ROSTER)
    after = failure.with_entry(entry)
    assert (after.title, after.original("title")) == ("Printer lantai 3 mati", "Printer mati")
    assert after.corrected == {"title"}
    with pytest.raises(InvalidInput) as caught:  # the same value again corrects nothing
        procedure.apply(after, "correct", _person("rina"), DETAILS["correct"], AT, ROSTER)
    assert caught.value.key == "correction_unchanged"


def test_the_asides_never_become_the_next_step() -> None:
    for stage in STAGES:
        nxt = procedure.next_step(failure_at(stage))
        assert nxt is None or not set(nxt.actions) & set(ASIDES)


@pytest.mark.parametrize(("stage", "action", "handle"), CASES)
def test_every_stage_action_and_person(stage: str, action: str, handle: str) -> None:
    failure = failure_at(stage)
    want = expected(stage, action, handle)
    later = AT + timedelta(days=1)
    if isinstance(want, str):
        entry = procedure.apply(
            failure, action, _person(handle), DETAILS.get(action, {}), later, ROSTER
        )
        assert (entry.stage, entry.actor, entry.action) == (want, handle, action)
        assert entry.role == WHO[action][0]
    else:
        kind, key = want
        with pytest.raises(kind) as caught:
            procedure.apply(
                failure, action, _person(handle), DETAILS.get(action, {}), later, ROSTER
            )
        assert caught.value.key == key and type(caught.value) is kind


@pytest.mark.parametrize("handle", CAST)
def test_anyone_on_the_roster_reports(handle: str) -> None:
    entry = procedure.apply(None, "report", _person(handle), DETAILS["report"], AT, ROSTER)
    assert (entry.stage, entry.action, entry.actor) == ("reported", "report", handle)


@pytest.mark.parametrize(
    ("action", "details", "key"),
    [
        ("assign", {"to": "sari"}, "person_lacks_role"),  # a clerk is no operator
        ("assign", {"to": "nobody"}, "unknown_person"),
        ("assign", {}, "missing_handle"),
    ],
)
def test_who_a_step_names_must_hold_the_role(
    action: str, details: dict[str, str], key: str
) -> None:
    with pytest.raises(InvalidInput) as caught:
        procedure.apply(failure_at("recorded"), action, _person("budi"), details, AT, ROSTER)
    assert caught.value.key == key
