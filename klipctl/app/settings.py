"""`klipctl config get/set`: reading and changing klipctl.yaml as a signed, audited step.

The configuration decides deadlines, signatures and who is mailed, so it changes only by a
supervisor, in one commit signed with their key and carrying klipctl's trailers, like every other
change to the log book; the value is validated twice (as what was typed, and as the whole file).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from klipctl.app import sharing
from klipctl.app.context import Context, author_of, commit_signer
from klipctl.errors import BadFile, Refused
from klipctl.storage import commitmsg, settings
from klipctl.storage.config import parse_config
from klipctl.storage.layout import CONFIG_FILE


@dataclass(frozen=True)
class SettingValue:
    key: str
    value: Any


@dataclass(frozen=True)
class SettingChanged:
    key: str
    old: Any
    new: Any
    commit: str | None  # None: the value was already so, nothing was written


def _document(text: bytes) -> dict[str, Any]:
    from klipctl.storage import yamlio

    doc = yamlio.loads(text)
    return doc if isinstance(doc, dict) else {}


def get(ctx: Context, key: str | None) -> list[SettingValue]:
    """One setting, or every setting klipctl knows, as the log book holds it now."""
    wanted = [settings.setting(key)] if key else list(settings.SETTINGS.values())
    sharing.catch_up(ctx)
    lb = ctx.logbook
    doc = _document((lb.root / CONFIG_FILE).read_bytes())
    return [SettingValue(s.key, settings.current(doc, s)) for s in wanted]


def set_value(ctx: Context, key: str, text: str) -> SettingChanged:
    """Set ``key`` to what ``text`` says: a supervisor, one signed commit."""
    s = settings.setting(key)
    value = settings.parse_value(s, text)
    lb = ctx.logbook
    with sharing.around_write(ctx):
        actor = ctx.actor()
        if not actor.has_role("supervisor"):
            raise Refused("config_needs_supervisor", handle=actor.handle)
        signer = ctx.signer(actor.handle, actor.key)
        with lb.transaction() as tx:
            path = lb.root / CONFIG_FILE
            before = (tx.read(path) or b"").replace(b"\r\n", b"\n")
            old = settings.current(_document(before), s)
            if old == value:
                return SettingChanged(s.key, old, value, None)
            after = settings.edited(before.decode("utf-8"), s.key, value).encode("utf-8")
            try:
                parse_config(after, CONFIG_FILE)  # the whole file still reads, by its own rules
            except BadFile:
                raise Refused("config_bad_value", name=s.key, value=text,
                              expected=settings.expected(s)) from None  # fmt: skip
            if settings.current(_document(after), s) != value:
                raise Refused("config_not_editable", name=s.key, path=CONFIG_FILE)
            tx.write(path, after)
            message = commitmsg.message(
                f"Set {s.key} in {CONFIG_FILE}",
                [f"{s.key}: {settings.yaml_scalar(old)} -> {settings.yaml_scalar(value)}"],
                [
                    (commitmsg.ACTION, "config-set"),
                    (commitmsg.SETTING, s.key),
                    (commitmsg.ACTOR, actor.handle),
                ],
            )
            sha = tx.commit(message, author_of(actor), ctx.now, commit_signer(signer))
        return SettingChanged(s.key, old, value, sha)
