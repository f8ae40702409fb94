"""The roster as it stood at any moment, built once from its changes so that checking each of
hundreds of thousands of entries against it is a lookup."""

from __future__ import annotations

import bisect
from collections.abc import Sequence
from datetime import datetime

from klipctl.domain.roster import Roster, RosterChange


class Timeline:
    """The roster as it stood at any moment, from its changes (cheap to ask many times)."""

    def __init__(self, changes: Sequence[RosterChange]) -> None:
        self.changes = list(changes)
        self._times = [c.at for c in self.changes]
        self._states = [Roster(self.changes[: i + 1]) for i in range(len(self.changes))]
        # Who shares a key with whom after each change: once per change, so asking about an
        # entry is a lookup (and nothing at all when no key was ever shared).
        self._shared = [state.shared_keys() for state in self._states]
        self.any_shared = any(self._shared)

    def at(self, moment: datetime) -> Roster:
        i = bisect.bisect_right(self._times, moment)
        return self._states[i - 1] if i else Roster()

    def just_before(self, moment: datetime) -> Roster:
        """The roster before any change made at ``moment`` (what a commit recording a roster
        change was signed under: a person rotating their own key signs with the old one)."""
        i = bisect.bisect_left(self._times, moment)
        return self._states[i - 1] if i else Roster()

    def before(self, index: int) -> Roster:
        return self._states[index - 1] if index else Roster()

    def shared_at(self, moment: datetime, handle: str) -> tuple[str, ...]:
        """The other active people who held ``handle``'s key at ``moment`` (normally none)."""
        if not self.any_shared:
            return ()
        i = bisect.bisect_right(self._times, moment)
        return self._shared[i - 1].get(handle, ()) if i else ()

    def shared_before(self, index: int, handle: str) -> tuple[str, ...]:
        """The same, just before the roster change ``index`` (0-based)..."""
        return self._shared[index - 1].get(handle, ()) if index else ()

    def shared_after(self, index: int, handle: str) -> tuple[str, ...]:
        """... and just after it."""
        return self._shared[index].get(handle, ())
