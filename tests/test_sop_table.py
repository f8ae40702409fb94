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
DETAILS = {
    "report": {"title": "Printer mati", "system": "Printer"},
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
    """A failure walked along the SOP's way until it reaches ``stage``."""
    first = procedure.apply(None, "report", _person("rina"), DETAILS["report"], AT, ROSTER)
    failure = Failure("1ngabcdefghj", (first,))
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


CASES = [(s, a, h) for s in STAGES for a in WHO for h in CAST]


def test_the_table_covers_every_stage_and_action() -> None:
    assert set(procedure.STEPS) == {"report", *WHO}
    assert {s for s, _ in MOVES} | {"archived"} == set(STAGES)


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
