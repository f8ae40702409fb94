"""Who is told of an entry: the person the SOP table names to act next, and those who must know.

The central repository mails these people after a push (``app.notify``). The next actor comes
from the SOP table itself (``procedure.next_step``), so a new step needs no rule here; a signed
or delivered report is also for the head of office and the clerks, and a note, an attachment, a
correction or a withdrawal is for everyone involved in the failure. Nobody hears of their own
entry, and only active people with an email address hear anything.
"""

from __future__ import annotations

from dataclasses import dataclass

from klipctl.domain.model import Entry, Failure
from klipctl.domain.procedure import next_step
from klipctl.domain.roster import Person, Roster

# Beyond the next actor: who is told of these steps, for their information.
FOR_THE_RECORD = {"sign": ("head", "clerk"), "deliver": ("head", "clerk")}
FOR_THE_INVOLVED = ("note", "attach", "correct", "withdraw")


@dataclass(frozen=True)
class Told:
    person: Person
    acts_next: bool  # False: told for their information only


def told_of(failure: Failure, entry: Entry, roster: Roster) -> list[Told]:
    """The people to tell of ``entry``, ``failure`` being as it stands right after it."""
    told: dict[str, Told] = {}

    def add(person: Person | None, acts_next: bool) -> None:
        if person is None or not person.active or not person.email:
            return
        if person.handle == entry.actor or person.handle in told:
            return
        told[person.handle] = Told(person, acts_next)

    nxt = next_step(failure)
    if nxt is not None:
        for person in roster.people:
            if person.has_role(nxt.role) and nxt.handle in (None, person.handle):
                add(person, True)
    for role in FOR_THE_RECORD.get(entry.action, ()):
        for person in roster.people:
            if person.has_role(role):
                add(person, False)
    if entry.action in FOR_THE_INVOLVED:
        for handle in sorted(failure.involved):
            add(roster.get(handle), False)
    return sorted(told.values(), key=lambda t: (not t.acts_next, t.person.handle))
