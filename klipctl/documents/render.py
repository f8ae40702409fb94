"""The one place templates are turned into documents.

There is exactly one Jinja2 environment: undefined names are errors (StrictUndefined), HTML is
autoescaped, and templates are looked up first in the log book's own ``templates/`` folder (an
office's overrides), then in the templates shipped with klipctl. Templates receive a prepared view
model from ``documents.py``; a broken template becomes one ``BadTemplate`` error naming the
template and the line.
"""

from __future__ import annotations

import traceback
from collections.abc import Callable, Mapping
from functools import lru_cache
from pathlib import Path
from typing import TYPE_CHECKING, Any

from klipctl.documents.markdown import md, md_cell, md_para
from klipctl.errors import KlipError
from klipctl.storage.layout import TEMPLATES_DIR
from klipctl.storage.resources import data_dir

if TYPE_CHECKING:
    import jinja2

TEMPLATE_SUFFIX = ".j2"


class BadTemplate(KlipError):
    """A template that is missing, does not parse, or fails while rendering."""


def _autoescape(name: str | None) -> bool:
    return bool(name) and str(name).removesuffix(TEMPLATE_SUFFIX).endswith((".html", ".svg"))


@lru_cache(maxsize=1)
def _own_templates_loader() -> type[jinja2.BaseLoader]:
    """The loader class for a log book's own templates (made on first use: Jinja2 is imported
    only when a document is rendered)."""
    import jinja2

    class OwnTemplates(jinja2.BaseLoader):
        """The office's overrides in the log book's ``templates/``, read never through a
        symlink (which could point at any file on the PC)."""

        def __init__(self, root: Path) -> None:
            self.root = root

        def get_source(
            self, environment: jinja2.Environment, template: str
        ) -> tuple[str, str, Callable[[], bool]]:
            from klipctl.storage.files import read_own

            rel = f"{TEMPLATES_DIR}/{template}"
            if ".." in template.split("/"):
                raise jinja2.TemplateNotFound(template)
            try:
                data = read_own(self.root, rel)
            except (FileNotFoundError, NotADirectoryError):
                raise jinja2.TemplateNotFound(template) from None
            path = self.root / rel
            mtime = path.stat().st_mtime
            source = data.decode("utf-8", errors="replace")
            return source, str(path), lambda: path.is_file() and path.stat().st_mtime == mtime

    return OwnTemplates


@lru_cache(maxsize=8)
def environment(logbook_root: Path | None) -> jinja2.Environment:
    import jinja2
    from jinja2.sandbox import SandboxedEnvironment

    shipped = jinja2.FileSystemLoader(str(data_dir(TEMPLATES_DIR)), encoding="utf-8")
    loader: jinja2.BaseLoader = shipped
    if logbook_root is not None:
        own = _own_templates_loader()(logbook_root)  # type: ignore[call-arg]
        loader = jinja2.ChoiceLoader([own, shipped])
    # Sandboxed: a template is a file of the log book, which anyone who can push may change; it
    # may format the view it is given, never reach Python's internals (and so the machine).
    env = SandboxedEnvironment(
        loader=loader,
        undefined=jinja2.StrictUndefined,
        autoescape=_autoescape,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
    )
    env.filters["md"] = md  # Markdown that reads as plain text (``markdown.py``)
    env.filters["md_para"] = md_para
    env.filters["md_cell"] = md_cell
    return env


def check_template(name: str, source: str) -> None:
    """Refuse a template that does not parse (before it is put in the log book)."""
    import jinja2

    try:
        environment(None).parse(source, name=name)
    except jinja2.TemplateSyntaxError as exc:
        raise BadTemplate(
            "template_broken", template=name, line=exc.lineno, reason=exc.message or ""
        ) from None


def render(name: str, view: Mapping[str, Any], logbook_root: Path | None = None) -> str:
    """Render the template ``name`` (e.g. ``report.md.j2``) with ``view`` as its variables."""
    import jinja2

    env = environment(logbook_root)
    try:
        return env.get_template(name).render(**view)
    except jinja2.TemplateNotFound as exc:
        raise BadTemplate("template_missing", template=exc.name or name) from None
    except jinja2.TemplateSyntaxError as exc:
        raise BadTemplate(
            "template_broken",
            template=exc.filename or exc.name or name,
            line=exc.lineno,
            reason=exc.message or "",
        ) from None
    except KlipError:
        raise  # already one sentence (an override that is a symlink)
    except Exception as exc:  # an error while rendering: find the template line it came from
        where, line = _template_frame(exc, name)
        raise BadTemplate(
            "template_broken", template=where, line=line, reason=f"{type(exc).__name__}: {exc}"
        ) from None


def _template_frame(exc: BaseException, default: str) -> tuple[str, int | str]:
    # Jinja rewrites tracebacks so template code appears as frames of the template file.
    found: tuple[str, int | str] = (default, "?")
    for frame in traceback.extract_tb(exc.__traceback__):
        if frame.filename.endswith(TEMPLATE_SUFFIX):
            found = (frame.filename, frame.lineno or "?")
    return found


def templates_digest(logbook_root: Path | None) -> str:
    """A SHA-256 of every template that may be used (the office's own and klipctl's): what a
    rendered page that is kept from an earlier build depends on besides its view."""
    import hashlib

    h = hashlib.sha256()
    folders = [data_dir(TEMPLATES_DIR)]
    if logbook_root is not None:
        folders.insert(0, logbook_root / TEMPLATES_DIR)
    for folder in folders:
        for path in sorted(folder.rglob("*" + TEMPLATE_SUFFIX)) if folder.is_dir() else ():
            h.update(path.relative_to(folder).as_posix().encode("utf-8") + b"\0")
            h.update(path.read_bytes() + b"\0")
    return h.hexdigest()
