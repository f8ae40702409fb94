"""The SOP's steps as use cases: start a log book, report a failure, take the next step.

Each write is one signed entry and one commit (``entries``), wrapped in ``sharing.around_write``
so the central repository's news come first and the commit is pushed after.
"""

from __future__ import annotations

import re
import shutil
from collections.abc import Mapping
from datetime import datetime
from pathlib import Path
from typing import Any

from klipctl.app import entries, sharing
from klipctl.app.context import Context
from klipctl.app.entries import Change
from klipctl.domain import procedure
from klipctl.domain.standing import Status
from klipctl.errors import InvalidInput, Refused
from klipctl.i18n.messages import DEFAULT_LANGUAGE, Messages
from klipctl.storage import commitmsg
from klipctl.storage.git import Author, Git
from klipctl.storage.layout import ALLOWED_SIGNERS_FILE, CONFIG_FILE, FAILURES_DIR

SETUP_AUTHOR = Author("klipctl", "klipctl@klipctl.invalid")


def init_logbook(
    target: Path, skeleton: Path, now: datetime, language: str = DEFAULT_LANGUAGE
) -> Path:
    """Make a new log book at ``target`` from the skeleton, its words in ``language``, and commit
    it."""
    root = target.expanduser().resolve()
    if (root / CONFIG_FILE).exists():
        raise Refused("logbook_exists", path=str(root))
    if root.exists() and not root.is_dir():
        raise InvalidInput("not_a_folder", path=str(root))
    root.mkdir(parents=True, exist_ok=True)
    git = Git(root)
    if git.toplevel() is None:
        git.init()
    # So `git log --show-signature` checks commits against the roster's keys.
    git.config_set("gpg.ssh.allowedSignersFile", str(root / ALLOWED_SIGNERS_FILE))
    m = Messages(language)
    copied: list[Path] = []
    for source in sorted(skeleton.rglob("*")):
        if source.is_file() and "__pycache__" not in source.parts:
            dest = root / source.relative_to(skeleton)
            if dest.exists():
                raise Refused("logbook_file_exists", path=str(dest))
            copied.append(dest)
    try:
        for dest in copied:
            dest.parent.mkdir(parents=True, exist_ok=True)
            source = skeleton / dest.relative_to(root)
            if source.suffix in SKELETON_TEXTS:
                dest.write_bytes(localized(source.read_text("utf-8"), m).encode("utf-8"))
            else:
                shutil.copyfile(source, dest)
        (root / FAILURES_DIR).mkdir(exist_ok=True)
        # Nobody is on the roster yet: the commit is git's configured user, else klipctl itself.
        author = None if git.config_get("user.email") else SETUP_AUTHOR
        paths = [p.relative_to(root) for p in copied]
        message = commitmsg.message("Start the log book", [], [(commitmsg.ACTION, "init")])
        git.commit(paths, message, author, now)
    except BaseException:
        for dest in copied:
            dest.unlink(missing_ok=True)
        raise
    return root


# Skeleton files whose words come from the catalogue: ``{{ key }}`` marks an entry.
SKELETON_TEXTS = (".md", ".yaml")
_KEY = re.compile(r"\{\{ *([a-z][a-z0-9_]*) *\}\}")
_COMMENT = re.compile(r"^( *)# \{\{ *([a-z][a-z0-9_]*) *\}\}$")
_WIDTH = 100


def localized(text: str, m: Messages) -> str:
    """A skeleton file in one language. A comment line holding only a key becomes that entry as
    comment lines, wrapped, at the same indent (so YAML still reads it as comments); a line
    holding only a key becomes the entry as a wrapped paragraph; any other key, its text."""
    import textwrap

    def wrap(entry: str, width: int) -> list[str]:
        return textwrap.wrap(entry, width, break_long_words=False, break_on_hyphens=False)

    out: list[str] = []
    for line in text.split("\n"):
        comment = _COMMENT.match(line)
        whole = _KEY.fullmatch(line)
        if comment:
            indent, key = comment.groups()
            for part in m(key).split("\n"):
                width = _WIDTH - len(indent) - 2
                out.extend(f"{indent}# {w}" for w in wrap(part, width) or [""])
        elif whole:
            out.extend(wrap(m(whole.group(1)), _WIDTH))
        else:
            out.append(_KEY.sub(lambda found: m(found.group(1)), line))
    return "\n".join(x.rstrip() for x in out)


def report(ctx: Context, details: Mapping[str, Any]) -> Change:
    """SOP step 1: anyone on the roster reports a failure."""
    with sharing.around_write(ctx):  # first: the roster, keys and calendar as the centre has them
        return entries.new_failure(ctx, details)


def act(ctx: Context, action: str, id_text: str, details: Mapping[str, Any]) -> Change:
    """Take one step of the SOP on an existing failure."""
    with sharing.around_write(ctx):
        return entries.take_step(ctx, action, id_text, details)


def check(ctx: Context, action: str, id_text: str) -> Status:
    """The failure, once it is clear the person running klipctl may take ``action`` on it now:
    asked before any prompt or editor, so nobody writes an answer to a step that is not theirs
    (``act`` checks again under the lock)."""
    sharing.bring_in(ctx)  # the stage, the person named: as the write will see them
    lb = ctx.logbook
    failure = lb.load_failure(lb.resolve_id(id_text))
    procedure.check_allowed(failure, action, ctx.actor())
    return ctx.status(failure)


def check_report(ctx: Context, details: Mapping[str, Any] | None = None) -> None:
    """That the person running klipctl is on the roster and may report, before any prompt;
    with ``details``, that they would be taken as they are (before asking to confirm them)."""
    if details is None:
        sharing.bring_in(ctx)  # someone just added to the roster at the centre
        procedure.check_allowed(None, "report", ctx.actor())
    else:
        procedure.apply(None, "report", ctx.actor(), details, ctx.now, ctx.logbook.roster)
