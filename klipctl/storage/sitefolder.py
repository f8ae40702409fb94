"""The folder the board is written in: checked before anything is written, then kept in step.

A manifest (``.klipctl-site.json``: each page's path and the SHA-256 of its content) makes the
folder klipctl's own: a rebuild writes only the pages whose content changed and removes those
that no longer exist, and nothing else in the folder is ever touched. A folder that is not
empty and has no manifest is someone else's, and is refused. Every page is written to a
temporary file beside it, then renamed over the old one, so a web server serving the folder
never sends half a page.
"""

from __future__ import annotations

import hashlib
import json
import os
import shutil
import tempfile
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from pathlib import Path, PurePosixPath

from klipctl.errors import InvalidInput, Refused
from klipctl.storage.files import atomic_write, replace

MANIFEST = ".klipctl-site.json"
MANIFEST_SCHEMA = 1


@dataclass(frozen=True)
class Page:
    """One file of the site: its bytes, a file to copy (an attachment) or how to make it, and
    ``key``: the SHA-256 that stands for its content (or for what it is made from). A page
    whose key is the one the last build recorded (and that is still there) is kept as it is."""

    key: str
    data: bytes | None = None
    source: Path | None = None
    # Made only when ``key`` is not the one recorded: its bytes, and the SHA-256 that stands
    # for its content (the page is still kept when that is the one recorded).
    make: Callable[[], tuple[bytes, str]] | None = None


def page_of(data: bytes, key: str | None = None) -> Page:
    return Page(key or hashlib.sha256(data).hexdigest(), data)


@dataclass
class Published:
    """What one build did to the folder."""

    written: list[str] = field(default_factory=list)
    unchanged: int = 0
    removed: list[str] = field(default_factory=list)


def check_folder(outdir: Path, logbook_root: Path) -> Path:
    """The folder to build in, resolved; refused when it is inside the log book, is not a
    folder, or is a folder of someone else's (not empty, and no manifest)."""
    try:
        folder = outdir.expanduser().resolve()
    except OSError as exc:
        raise Refused("site_cannot_write", path=str(outdir), reason=_reason(exc)) from None
    root = logbook_root.resolve()
    if folder == root or folder.is_relative_to(root):
        raise InvalidInput("site_inside_logbook", path=str(outdir), logbook=str(root))
    if folder.exists() and not folder.is_dir():
        raise InvalidInput("site_not_a_folder", path=str(outdir))
    if folder.is_dir() and not (folder / MANIFEST).is_file():
        try:
            if any(folder.iterdir()):
                raise InvalidInput("site_not_empty", path=str(outdir))
        except OSError as exc:
            raise Refused("site_cannot_write", path=str(outdir), reason=_reason(exc)) from None
    return folder


def publish(folder: Path, pages: Mapping[str, Page]) -> Published:
    """Bring ``folder`` (checked by ``check_folder``) to exactly ``pages`` (path → content)."""
    try:
        folder.mkdir(parents=True, exist_ok=True)
        return _publish(folder, pages)
    except OSError as exc:
        raise Refused("site_cannot_write", path=str(folder), reason=_reason(exc)) from None


def _publish(folder: Path, pages: Mapping[str, Page]) -> Published:
    before, before_made = read_manifest(folder)
    done = Published()
    after: dict[str, str] = {}
    made: dict[str, str] = {}
    # The board itself last: a reader following its links finds the pages it names.
    for rel in sorted(pages, key=lambda r: (r == "index.html", r)):
        page = pages[rel]
        target = _inside(folder, rel)
        if target is None:
            raise ValueError(f"not a page path: {rel!r}")  # a bug: the paths are klipctl's own
        after[rel] = page.key
        there = target.is_file()
        if before.get(rel) == page.key and there:
            if rel in before_made:
                made[rel] = before_made[rel]
            done.unchanged += 1
            continue
        if page.source is not None:
            _copy(page.source, target)
        elif page.make is not None:
            data, content = page.make()
            made[rel] = content
            if before_made.get(rel) == content and there:
                done.unchanged += 1  # made of something else, and just the same
                continue
            atomic_write(target, data)
        else:
            atomic_write(target, page.data or b"")
        done.written.append(rel)
    for rel in sorted(set(before) - set(after)):
        target = _inside(folder, rel)
        if target is None:
            continue  # a manifest someone edited: never delete outside the folder
        target.unlink(missing_ok=True)
        _prune(folder, target.parent)
        done.removed.append(rel)
    manifest = {"klipctl_site": MANIFEST_SCHEMA, "pages": dict(sorted(after.items())),
                "content": dict(sorted(made.items()))}  # fmt: skip
    atomic_write(folder / MANIFEST, (json.dumps(manifest, indent=1) + "\n").encode("utf-8"))
    return done


def read_manifest(folder: Path) -> tuple[dict[str, str], dict[str, str]]:
    """What the last build recorded: path → key of each page, and path → content key of the
    pages it made; both empty when there is no manifest that reads."""
    try:
        doc = json.loads((folder / MANIFEST).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {}, {}
    if not isinstance(doc, dict):
        return {}, {}

    def table(name: str) -> dict[str, str]:
        found = doc.get(name)
        if not isinstance(found, dict):
            return {}
        return {str(k): v for k, v in found.items() if isinstance(v, str)}

    return table("pages"), table("content")


def _inside(folder: Path, rel: str) -> Path | None:
    """``rel`` (a/b/c.html) as a path in ``folder``, or None if it would lead anywhere else."""
    parts = PurePosixPath(rel).parts
    if not parts or rel.startswith("/") or any(p in ("", ".", "..") or "\\" in p for p in parts):
        return None
    if parts[0] == MANIFEST or ":" in rel:
        return None
    return folder.joinpath(*parts)


def _copy(source: Path, target: Path) -> None:
    target.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(dir=target.parent, prefix=f".{target.name}.", suffix=".tmp")
    try:
        with os.fdopen(fd, "wb") as out, source.open("rb") as src:
            shutil.copyfileobj(src, out)
            out.flush()
            os.fsync(out.fileno())
        replace(Path(tmp), target)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


def _prune(folder: Path, directory: Path) -> None:
    """Remove ``directory`` and its parents below ``folder`` while they are empty."""
    while directory != folder and directory.is_relative_to(folder):
        try:
            directory.rmdir()
        except OSError:
            return
        directory = directory.parent


def _reason(exc: OSError) -> str:
    return exc.strerror or type(exc).__name__
