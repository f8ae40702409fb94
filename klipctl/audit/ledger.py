"""What ``git log`` says of the commits a verify reads, kept compactly until it is checked.

A full verify reads history (one ``git log`` in the main process) while worker processes read
the failure files; a commit's change to a failure file can only be judged once that file has
been read (which of its entries did the commit append?). So the history is held meanwhile:
about 900,000 commits at 100,000 failures, which as Python objects (a dict and a few strings
each) would take a gigabyte. Here a commit is a few dozen bytes in flat arrays, its trailers
shared with every other commit that has the same ones, and each changed chain file's changes
packed in one ``bytearray``: about 100 MB at 100,000 failures.
"""

from __future__ import annotations

import struct
from array import array
from collections.abc import Mapping
from dataclasses import dataclass

from klipctl.storage.commitmsg import FAILURE
from klipctl.storage.git import RawChange

_NONE = -(2**63)  # no committer time
_REGULAR = ("100644", "100755")
_ABSENT = "000000"


@dataclass(frozen=True)
class HeldChange:
    """One change to a chain file, where it stands in history."""

    position: int  # of its commit, in the order history was read (parents first)
    side: int  # a merge's changes against each parent it differs from: 0, 1, ...
    index: int  # among the paths that side changed, in git's order
    status: str
    regular: bool  # both sides a plain file (or absent), not a link or a submodule
    old: bytes  # the object id before (empty when there was none)
    new: bytes  # and after (empty when there is none)


@dataclass(frozen=True)
class HeldCommit:
    sha: str
    parents: tuple[str, ...]  # only kept for merges (a plain commit's parent is not needed)
    email: str
    committed: int | None
    trailers: dict[str, str]
    body: str  # only kept for merges


class Ledger:
    def __init__(self) -> None:
        self._shas = bytearray()
        self._id_bytes = 0
        self._committed = array("q")
        self._email = array("I")
        self._emails: dict[str, int] = {}
        self._email_list: list[str] = []
        # Each commit's trailers but its failure, as one tuple shared by all commits with the
        # same ones (an action, a stage, an actor, a role: a few hundred kinds in all)...
        self._trailers: list[tuple[tuple[str, str], ...]] = []
        self._trailer_kinds: dict[tuple[tuple[str, str], ...], tuple[tuple[str, str], ...]] = {}
        # ... and the failure it names, one string per failure.
        self._failure: list[str | None] = []
        self._failures: dict[str, str] = {}
        self._merges: dict[int, tuple[tuple[str, ...], str]] = {}
        self._changes: dict[str, bytearray] = {}
        self._record = struct.Struct(">IBHcB")
        self.appended = array("I")  # entries each commit appends, as checked
        self.roster_change = bytearray()  # 1 where a commit appends roster changes

    def __len__(self) -> int:
        return len(self._committed)

    def add_commit(
        self,
        sha: str,
        parents: list[str],
        email: str,
        committed: int | None,
        trailers: Mapping[str, str],
        body: str,
    ) -> int:
        """Record a commit; its position (0, 1, ... in the order given)."""
        raw = bytes.fromhex(sha)
        self._id_bytes = self._id_bytes or len(raw)
        self._shas += raw
        self._committed.append(_NONE if committed is None else committed)
        index = self._emails.get(email)
        if index is None:
            index = self._emails[email] = len(self._email_list)
            self._email_list.append(email)
        self._email.append(index)
        kinds = tuple((k, v) for k, v in trailers.items() if k != FAILURE)
        self._trailers.append(self._trailer_kinds.setdefault(kinds, kinds))
        failure = trailers.get(FAILURE)
        self._failure.append(
            None if failure is None else self._failures.setdefault(failure, failure)
        )
        position = len(self._committed) - 1
        if len(parents) > 1:
            self._merges[position] = (tuple(parents), body)
        self.appended.append(0)
        self.roster_change.append(0)
        return position

    def add_change(self, position: int, side: int, index: int, change: RawChange) -> None:
        """Record a change to a chain file by the commit at ``position``."""
        modes = (*_REGULAR, _ABSENT)
        regular = change.old_mode in modes and change.new_mode in modes
        status = change.status.encode("ascii")[:1]
        held = self._changes.setdefault(change.path, bytearray())
        held += self._record.pack(position, side, index, status, regular)
        held += bytes.fromhex(change.old) + bytes.fromhex(change.new)

    def paths(self) -> list[str]:
        """The chain files with changes not taken yet, in the order first changed."""
        return list(self._changes)

    def take(self, path: str) -> list[HeldChange]:
        """The changes to ``path``, in the order of history; forgotten here once taken."""
        held = self._changes.pop(path, None)
        if not held:
            return []
        size = self._record.size
        n = self._id_bytes
        found = []
        pos = 0
        while pos < len(held):
            position, side, index, status, regular = self._record.unpack_from(held, pos)
            pos += size
            old, new = bytes(held[pos : pos + n]), bytes(held[pos + n : pos + 2 * n])
            pos += 2 * n
            zero = bytes(n)
            found.append(
                HeldChange(position, side, index, status.decode("ascii"), bool(regular),
                             b"" if old == zero else old, b"" if new == zero else new)
            )  # fmt: skip
        return found

    def commit(self, position: int) -> HeldCommit:
        n = self._id_bytes
        sha = self._shas[position * n : (position + 1) * n].hex()
        committed = self._committed[position]
        trailers = dict(self._trailers[position])
        failure = self._failure[position]
        if failure is not None:
            trailers[FAILURE] = failure
        parents, body = self._merges.get(position, ((), ""))
        return HeldCommit(
            sha, parents, self._email_list[self._email[position]],
            None if committed == _NONE else committed, trailers, body,
        )  # fmt: skip

    def is_merge(self, position: int) -> bool:
        return position in self._merges

    def trailer(self, position: int, key: str) -> str | None:
        """A trailer of the commit at ``position`` (not its failure)."""
        for k, v in self._trailers[position]:
            if k == key:
                return v
        return None
