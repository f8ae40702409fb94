"""The central repository's mail queue: one file per message, in a folder beside the bare repo.

Mail never stands in the way of a push: the post-receive hook only puts messages here, each
named by the commit it tells of and its recipient, then tries to send what waits. A message
already queued, sent or given up on is never queued again, so a push seen twice (or a flush run
beside a hook) sends nothing twice; one the mail server refused for good is kept apart in
``failed/`` with the reason, so nothing is lost either.
"""

from __future__ import annotations

import hashlib
import re
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

from klipctl.storage.files import atomic_write, replace

PENDING, SENT, FAILED = "outbox", "sent", "failed"
_KEY_RE = re.compile(r"[0-9a-z-]{1,80}")


def server_dir(bare: Path) -> Path:
    """klipctl's own folder beside the bare repository ``/srv/git/klip.git``:
    ``/srv/git/klip.git.klipctl`` (the outbox, sent mail, the server's reading clone)."""
    root = bare.expanduser().resolve()
    return root.with_name(root.name + ".klipctl")


def message_key(commit: str, recipient: str) -> str:
    """One message per commit and recipient."""
    who = hashlib.sha256(recipient.strip().lower().encode("utf-8")).hexdigest()[:16]
    return f"{commit[:40]}-{who}"


@dataclass(frozen=True)
class Queued:
    key: str
    path: Path

    def read(self) -> bytes:
        return self.path.read_bytes()


class Outbox:
    def __init__(self, folder: Path) -> None:
        self.folder = folder

    def _path(self, kind: str, key: str) -> Path:
        assert _KEY_RE.fullmatch(key), key
        return self.folder / kind / f"{key}.eml"

    def known(self, key: str) -> bool:
        return any(self._path(kind, key).exists() for kind in (PENDING, SENT, FAILED))

    def put(self, key: str, message: bytes) -> bool:
        """Queue ``message``; False (and nothing written) when it was queued before."""
        if self.known(key):
            return False
        atomic_write(self._path(PENDING, key), message)
        return True

    def pending(self) -> list[Queued]:
        folder = self.folder / PENDING
        if not folder.is_dir():
            return []
        found = sorted(folder.glob("*.eml"), key=lambda p: (p.stat().st_mtime_ns, p.name))
        return [Queued(p.stem, p) for p in found]

    def sent(self, item: Queued) -> None:
        target = self._path(SENT, item.key)
        target.parent.mkdir(parents=True, exist_ok=True)
        replace(item.path, target)

    def failed(self, item: Queued, reason: str) -> None:
        target = self._path(FAILED, item.key)
        target.parent.mkdir(parents=True, exist_ok=True)
        atomic_write(target.with_suffix(".reason.txt"), reason.encode("utf-8"))
        replace(item.path, target)

    def count(self, kind: str) -> int:
        folder = self.folder / kind
        return len(list(folder.glob("*.eml"))) if folder.is_dir() else 0

    @contextmanager
    def sending(self) -> Iterator[None]:
        """One sender at a time (two pushes' hooks, or a hook and `notify flush`)."""
        from filelock import FileLock

        self.folder.mkdir(parents=True, exist_ok=True)
        with FileLock(str(self.folder / "sending.lock"), timeout=120):
            yield
