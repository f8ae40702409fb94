"""Files attached to a failure: a screenshot, a log file, a scanned letter.

Each file is stored once in the log book beside its failure, named by its SHA-256, and described
(name, size, media type, SHA-256) in the signed ``attach`` entry, so ``verify`` can prove the file
is the one that was attached. Read whole and checked against the office's size limit before
anything is written.
"""

from __future__ import annotations

import hashlib
import mimetypes
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from klipctl.app import sharing
from klipctl.app.context import Context
from klipctl.app.entries import Change, take_step
from klipctl.domain.model import Attachment
from klipctl.errors import BadFile, InvalidInput, NotFound, UsageError
from klipctl.i18n.numbers import size_text
from klipctl.storage.files import read_given
from klipctl.storage.layout import attachment_file

MAX_FILES = 20  # in one `attach`: more is a folder, better zipped first
# What offices attach that Python's table does not know on every system (Windows reads the
# registry, which may lack them).
_MEDIA_TYPES = {".log": "text/plain", ".txt": "text/plain", ".png": "image/png",
                ".jpg": "image/jpeg", ".jpeg": "image/jpeg", ".pdf": "application/pdf"}  # fmt: skip


@dataclass(frozen=True)
class Attached:
    change: Change
    files: tuple[Attachment, ...]  # the ones this step added


def attach(ctx: Context, id_text: str, paths: Sequence[str], note: str | None) -> Attached:
    """Attach ``paths`` to a failure in one signed entry and one commit."""
    if not paths:
        raise UsageError("no_files")
    if len(paths) > MAX_FILES:
        raise InvalidInput("too_many_files", n=len(paths), limit=MAX_FILES)
    limit = ctx.logbook.config.attachment_max_bytes
    files: list[dict[str, object]] = []
    blobs: dict[str, bytes] = {}
    for given in paths:
        data = _read(Path(given), limit, ctx.language)
        digest = hashlib.sha256(data).hexdigest()
        if digest in blobs:
            continue  # the same file named twice
        blobs[digest] = data
        name = Path(given).name
        media = (
            _MEDIA_TYPES.get(Path(name).suffix.lower())
            or mimetypes.guess_type(name)[0]
            or "application/octet-stream"
        )
        files.append({"name": name, "size": len(data), "type": media, "sha256": digest})
    with sharing.around_write(ctx):
        failure = ctx.logbook.load_failure(ctx.logbook.resolve_id(id_text))
        held = {a.sha256: a for a in failure.attachments}
        for item in files:
            earlier = held.get(str(item["sha256"]))
            if earlier is not None:
                raise InvalidInput("already_attached", name=str(item["name"]), as_name=earlier.name)
        change = take_step(ctx, "attach", id_text, {"files": files, "note": note}, blobs)
    added = change.status.failure.attachments[-len(files) :]
    return Attached(change, tuple(added))


def _read(path: Path, limit: int, lang: str) -> bytes:
    try:
        size = path.stat().st_size
    except OSError as exc:
        raise UsageError("file_unreadable", path=str(path), reason=exc.strerror or "") from None
    if size > limit:  # refused before reading a large file at all
        raise InvalidInput("attachment_too_large", path=str(path), **_sizes(size, limit, lang))
    data = read_given(path, limit)
    if len(data) > limit:  # grew while read
        raise InvalidInput("attachment_too_large", path=str(path), **_sizes(len(data), limit, lang))
    return data


def _sizes(size: int, limit: int, lang: str) -> dict[str, str]:
    return {"size": size_text(size, lang), "limit": size_text(limit, lang)}


@dataclass(frozen=True)
class Retrieved:
    attachment: Attachment
    data: bytes


def attachment(ctx: Context, id_text: str, number: int) -> Retrieved:
    """The ``number``th file attached to a failure (from 1), checked against its hash."""
    lb = ctx.logbook
    failure = lb.load_failure(lb.resolve_id(id_text))
    found = failure.attachments
    if not found:
        raise NotFound("no_attachments_yet", id=failure.id)
    if not 1 <= number <= len(found):
        raise NotFound("no_attachment", id=failure.id, number=number, count=len(found))
    item = found[number - 1]
    rel = attachment_file(failure.id, item.sha256)
    path = lb.root / rel
    if not path.is_file():
        raise BadFile("attachment_missing", path=rel, name=item.name)
    data = path.read_bytes()
    if hashlib.sha256(data).hexdigest() != item.sha256:
        raise BadFile("attachment_changed", path=rel, name=item.name)
    return Retrieved(item, data)
