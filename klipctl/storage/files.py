"""Files in and out: writing so that a crash leaves either the old file or the new one whole,
and reading a file a person names without trusting it to be small, or a file at all.

Every file klipctl writes (log book files, its journal, the holiday cache) goes through here, and
so does every file it is given (an attachment, a template, a ``--...-file``).
"""

from __future__ import annotations

import os
import tempfile
import time
from pathlib import Path


def read_given(path: Path, limit: int) -> bytes:
    """At most ``limit + 1`` bytes of a regular file a person named (one byte more than the
    limit, so the caller can say it is too large without reading it all); a folder, a device
    or a FIFO is refused before it is opened (a FIFO would wait for ever, a device never end)."""
    import stat

    from klipctl.errors import UsageError

    try:
        if not stat.S_ISREG(os.stat(path).st_mode):
            raise UsageError("file_not_regular", path=str(path))
        with open(path, "rb") as handle:
            return handle.read(limit + 1)
    except OSError as exc:
        raise UsageError("file_unreadable", path=str(path), reason=exc.strerror or "") from None


def read_own(root: Path, rel: str) -> bytes:
    """A file of the log book at ``root``, never through a symlink: a symlinked file or folder
    on the way (which git would have made at checkout) could point anywhere on the PC, and
    what klipctl reads there would pass for the log book's. ``FileNotFoundError`` as usual."""
    from klipctl.errors import BadFile

    here = root
    for part in rel.split("/")[:-1]:
        here = here / part
        if here.is_symlink():
            raise BadFile("symlink_refused", path=rel)
    flags = os.O_RDONLY | getattr(os, "O_BINARY", 0) | getattr(os, "O_NOFOLLOW", 0)
    path = root / rel
    if not hasattr(os, "O_NOFOLLOW") and path.is_symlink():  # Windows
        raise BadFile("symlink_refused", path=rel)
    try:
        fd = os.open(path, flags)
    except OSError as exc:
        if path.is_symlink():  # O_NOFOLLOW's ELOOP
            raise BadFile("symlink_refused", path=rel) from None
        if isinstance(exc, FileNotFoundError):
            raise
        raise BadFile("unreadable_file", path=rel, reason=exc.strerror or "") from None
    with os.fdopen(fd, "rb") as handle:
        return handle.read()


def atomic_write(path: Path, data: bytes) -> None:
    """Write ``data`` to ``path`` so a crash leaves either the old file or the new one whole."""
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
            handle.flush()
            os.fsync(handle.fileno())
        replace(Path(tmp), path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


# Windows refuses to replace a file another process holds open (a second klipctl reading it, an
# antivirus scanner, an editor): a "sharing violation", gone a moment later. POSIX never does.
REPLACE_ATTEMPTS = 6
REPLACE_PAUSE_SECONDS = 0.05  # doubled after each attempt: 1.5 s in all


def replace(source: Path, target: Path) -> None:
    """``os.replace``, retried briefly while the target is held open elsewhere."""
    pause = REPLACE_PAUSE_SECONDS
    for attempt in range(REPLACE_ATTEMPTS):
        try:
            os.replace(source, target)
            return
        except PermissionError:
            if attempt == REPLACE_ATTEMPTS - 1:
                raise
            time.sleep(pause)
            pause *= 2
