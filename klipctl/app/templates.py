"""The office's own templates and logo: `template list`, `template add FILE`, `template remove
NAME`.

An override changes the text of every report a supervisor signs from then on, and the logo is on
every page, so they change like the configuration: by a supervisor, in one commit signed with
their key and carrying klipctl's trailers (``audit.files`` holds any other commit to them to be a
violation, in ``verify`` and at the central repository). A template is checked to parse before
it is committed; a logo to be the picture its name says.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from klipctl.app import sharing
from klipctl.app.context import Context, author_of, commit_signer
from klipctl.audit.files import TEMPLATE_ADD, TEMPLATE_REMOVE, template_names
from klipctl.domain.roster import Person
from klipctl.errors import InvalidInput, Refused
from klipctl.storage import commitmsg
from klipctl.storage.files import read_given
from klipctl.storage.layout import LOGO_FILES, TEMPLATES_DIR

if TYPE_CHECKING:
    from klipctl.audit.signing import Signer

TEMPLATE_MAX_BYTES = 256 * 1024  # the largest shipped template is a few kB
LOGO_MAX_BYTES = 512 * 1024  # a letterhead logo, not a photograph
_PNG = b"\x89PNG\r\n\x1a\n"


@dataclass(frozen=True)
class TemplateShown:
    name: str
    overridden: bool  # the log book holds its own version
    size: int | None  # of the override


@dataclass(frozen=True)
class TemplateChanged:
    name: str
    action: str  # add | remove
    replaced: bool  # add: an earlier override was replaced
    commit: str


def listing(ctx: Context) -> list[TemplateShown]:
    """Every template klipctl ships and the logo, and which the office has its own of."""
    sharing.catch_up(ctx)
    folder = ctx.logbook.root / TEMPLATES_DIR
    shown = []
    for name in template_names():
        path = folder / name
        own = path.is_file() and not path.is_symlink()
        shown.append(TemplateShown(name, own, path.stat().st_size if own else None))
    return shown


def _checked_name(name: str) -> str:
    name = name.replace("\\", "/").strip()
    if name not in template_names():
        raise InvalidInput("template_unknown", name=name)
    return name


def _checked_content(name: str, data: bytes, source: str) -> None:
    if name in LOGO_FILES:
        if len(data) > LOGO_MAX_BYTES:
            raise InvalidInput("template_too_large", path=source, limit=LOGO_MAX_BYTES // 1024)
        svg = name.endswith(".svg")
        if (svg and b"<svg" not in data[:4096]) or (not svg and not data.startswith(_PNG)):
            raise InvalidInput("logo_not_image", path=source, kind="SVG" if svg else "PNG")
        if svg and (b"<script" in data.lower() or b'href="http' in data.lower()):
            raise InvalidInput("logo_active_svg", path=source)
        return
    if len(data) > TEMPLATE_MAX_BYTES:
        raise InvalidInput("template_too_large", path=source, limit=TEMPLATE_MAX_BYTES // 1024)
    from klipctl.documents.render import check_template

    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as exc:
        raise InvalidInput("text_file_not_utf8", path=source, byte=exc.start + 1) from None
    check_template(name, text)


def _as_stored(name: str, data: bytes) -> bytes:
    """A template as the log book keeps it: no byte-order mark, LF line ends (Notepad writes
    both, and they would reach every document)."""
    if name in LOGO_FILES:
        return data
    return data.removeprefix(b"\xef\xbb\xbf").replace(b"\r\n", b"\n")


def _signer_for_change(ctx: Context) -> tuple[Person, Signer | None]:
    actor = ctx.actor()
    if not actor.has_role("supervisor"):
        raise Refused("template_needs_supervisor", handle=actor.handle)
    return actor, ctx.signer(actor.handle, actor.key)


def add(ctx: Context, source: str, name: str | None) -> TemplateChanged:
    """Put the office's own version of a template (or its logo) in the log book."""
    from pathlib import Path

    path = Path(source)
    chosen = _checked_name(name or path.name)
    lb = ctx.logbook
    with sharing.around_write(ctx):
        actor, signer = _signer_for_change(ctx)  # who, before what: the role first
        limit = LOGO_MAX_BYTES if chosen in LOGO_FILES else TEMPLATE_MAX_BYTES
        data = read_given(path, limit)
        _checked_content(chosen, data, source)
        data = _as_stored(chosen, data)
        with lb.transaction() as tx:
            target = lb.root / TEMPLATES_DIR / chosen
            before = tx.read(target)
            if before == data:
                raise Refused("template_same", name=chosen)
            tx.write(target, data)
            verb = "Replace" if before is not None else "Add"
            message = _message(f"{verb} the office's template", TEMPLATE_ADD, chosen, actor)
            sha = tx.commit(message, author_of(actor), ctx.now, commit_signer(signer))
    return TemplateChanged(chosen, "add", before is not None, sha)


def remove(ctx: Context, name: str) -> TemplateChanged:
    """Go back to klipctl's own template (or no logo)."""
    chosen = _checked_name(name)
    lb = ctx.logbook
    with sharing.around_write(ctx):
        actor, signer = _signer_for_change(ctx)
        with lb.transaction() as tx:
            target = lb.root / TEMPLATES_DIR / chosen
            if tx.read(target) is None:
                raise Refused("template_not_overridden", name=chosen)
            tx.delete(target)
            message = _message("Remove the office's template", TEMPLATE_REMOVE, chosen, actor)
            sha = tx.commit(message, author_of(actor), ctx.now, commit_signer(signer))
    return TemplateChanged(chosen, "remove", True, sha)


def _message(subject: str, action: str, name: str, actor: Person) -> str:
    """The commit message, with the trailers `verify` holds a template change to."""
    trailers = [
        (commitmsg.ACTION, action),
        (commitmsg.TEMPLATE, name),
        (commitmsg.ACTOR, actor.handle),
    ]
    return commitmsg.message(f"{subject} {name}", [], trailers)
