"""The gettext catalogues: ``locale/LANG/LC_MESSAGES/klipctl.po``, compiled on first use.

The ``.po`` files are the source a translator edits with standard tools (``pybabel extract``,
``update``, ``compile``; see docs/translating.md). A command reads the compiled ``.mo`` with the
standard library's ``gettext.GNUTranslations`` (about a millisecond, Babel not imported). The
``.mo`` is compiled by Babel when the ``.po`` has none yet or has changed: into the user's cache
folder, named after a hash of the ``.po`` (``$XDG_CACHE_HOME/klipctl``, else
``~/.cache/klipctl``; ``%LOCALAPPDATA%\\klipctl`` on Windows). A folder that cannot be written
costs the compilation on every run, never a failure.

Message IDs are keys (``no_logbook``); help texts are under the context ``help``, the names of
stages, roles, actions and severities under ``stage``, ``role``, ``action``, ``severity`` with
the stored value as ID. A plural entry (``ngettext``) has its key as both IDs.
"""

from __future__ import annotations

import gettext
import hashlib
import io
import os
from functools import cache
from pathlib import Path

LOCALE_DIR = Path(__file__).parent / "locale"
DOMAIN = "klipctl"


class Catalogue(gettext.GNUTranslations):
    """One language's entries; a missing one is a ``KeyError`` (a bug), never the key shown."""

    def text(self, key: str, context: str | None = None) -> str:
        found: str = self._catalog[f"{context}\x04{key}" if context else key]  # type: ignore[attr-defined]
        return found

    def has(self, key: str, context: str | None = None) -> bool:
        return (f"{context}\x04{key}" if context else key) in self._catalog  # type: ignore[attr-defined]

    def is_plural(self, key: str) -> bool:
        return (key, 0) in self._catalog  # type: ignore[attr-defined]

    def count_text(self, key: str, n: int) -> str:
        if not self.is_plural(key):
            raise KeyError(key)
        return self.ngettext(key, key, n)

    def entries(self, context: str) -> dict[str, str]:
        """Every entry of one context, by message ID."""
        start = f"{context}\x04"
        return {
            k.removeprefix(start): v
            for k, v in self._catalog.items()  # type: ignore[attr-defined]
            if isinstance(k, str) and k.startswith(start)
        }


def po_path(lang: str) -> Path:
    return LOCALE_DIR / lang / "LC_MESSAGES" / f"{DOMAIN}.po"


def _cache_dir() -> Path | None:
    # As storage.holidaycache has it; that layer is above this one.
    env = os.environ
    base = env.get("XDG_CACHE_HOME") or (env.get("LOCALAPPDATA") if os.name == "nt" else None)
    if base:
        return Path(base) / "klipctl"
    home = env.get("HOME") or env.get("USERPROFILE")
    return Path(home) / ".cache" / "klipctl" if home else None


def compile_po(data: bytes) -> bytes:
    """The ``.mo`` of a ``.po`` (Babel, loaded only here); fuzzy entries are left out."""
    from babel.messages.mofile import write_mo
    from babel.messages.pofile import read_po

    out = io.BytesIO()
    write_mo(out, read_po(io.BytesIO(data)), use_fuzzy=False)
    return out.getvalue()


def compiled(lang: str) -> bytes:
    data = po_path(lang).read_bytes()
    folder = _cache_dir()
    name = f"{DOMAIN}-{lang}-{hashlib.sha256(data).hexdigest()[:20]}.mo"
    if folder is not None:
        try:
            return (folder / name).read_bytes()
        except OSError:
            pass
    mo = compile_po(data)
    if folder is not None:
        _keep(folder, name, mo)
    return mo


def _keep(folder: Path, name: str, mo: bytes) -> None:
    """Write the compiled catalogue whole or not at all (two commands may compile at once)."""
    import tempfile

    try:
        folder.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(dir=folder, prefix=".mo-")
    except OSError:
        return  # read-only: compiled again next time
    try:
        with os.fdopen(fd, "wb") as f:
            f.write(mo)
        os.replace(tmp, folder / name)
    except OSError:
        Path(tmp).unlink(missing_ok=True)


@cache
def catalogue(lang: str) -> Catalogue:
    return Catalogue(io.BytesIO(compiled(lang)))
