"""The log book's configuration file, ``klipctl.yaml``: the office and the deadline rule."""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import time
from pathlib import Path
from typing import TYPE_CHECKING, Any

from klipctl.domain.validate import problem
from klipctl.errors import BadFile
from klipctl.storage.layout import CONFIG_FILE, ENV_LOGBOOK

if TYPE_CHECKING:
    from klipctl.domain.workdays import DeadlineRule

LANGUAGES = ("id", "en")


@dataclass(frozen=True)
class Office:
    """The office as its letterhead names it; an empty contact is left out of the kop."""

    name: str = "Kantor Layanan Informasi dan Pengaduan"
    address: str = ""
    phone: str = ""  # the number(s): "(021) 5250208"
    fax: str = ""
    website: str = ""
    email: str = ""
    city: str = "Jakarta"
    unit_code: str = "KLIP"


DEADLINE_ENDS = ("archived", "accepted")  # where the deadline period ends (domain.verdict)
SECURITIES = ("none", "starttls", "tls")


@dataclass(frozen=True)
class Notify:
    """How the central repository's hook mails the next actor (``notify:`` in klipctl.yaml).

    The password is never in the log book: ``password_env`` names an environment variable that
    holds it on the server."""

    enabled: bool = False
    smtp_host: str = ""
    smtp_port: int = 25
    security: str = "none"  # none | starttls | tls
    sender: str = ""
    username: str = ""
    password_env: str = ""


@dataclass(frozen=True)
class Site:
    """The static board the hook rebuilds after each push (``site:``): where, and its address."""

    dir: str = ""
    url: str = ""


@dataclass(frozen=True)
class Config:
    language: str | None = None
    office: Office = field(default_factory=Office)
    rule: DeadlineRule = field(default_factory=lambda: _workdays().DeadlineRule())
    # Absent in log books made before signatures existed: those keep working unsigned.
    signatures_required: bool = False
    # The central repository (a git remote of each clone) and whether write commands sync.
    sync_remote: str = "origin"
    sync_auto: bool = True
    # Read commands bring the central repository's news in when this clone fetched longer ago
    # (0: never; writes and `klipctl sync` always do).
    fetch_every_seconds: float = 300.0
    # The largest file `klipctl attach` takes, in bytes (git keeps every version for ever).
    attachment_max_bytes: int = 10 * 1_000_000
    notify: Notify = field(default_factory=Notify)
    site: Site = field(default_factory=Site)


def _workdays() -> Any:
    # peek_language runs before every command, --help included: the calendar code (and its
    # time zone data) loads only when a configuration is really parsed.
    from klipctl.domain import workdays

    return workdays


def parse_config(data: bytes, source: str) -> Config:
    try:
        from klipctl.storage import yamlio  # only commands that read the log book pay for YAML

        doc = yamlio.loads(data)
    except ValueError as exc:  # yamlio.YamlProblem
        raise BadFile("unreadable_file", path=source, reason=str(exc)) from None
    if not isinstance(doc, Mapping) or doc.get("schema") != 1:
        raise BadFile("bad_schema", path=source, schema=1)

    def section(name: str) -> Mapping[str, Any]:
        value = doc.get(name) or {}
        if not isinstance(value, Mapping):
            raise BadFile("bad_field", where=source, field=name)
        return value

    language = doc.get("language")
    if language is not None and language not in LANGUAGES:
        raise BadFile("bad_field", where=source, field="language")
    office_raw = section("office")
    known = Office.__dataclass_fields__
    office_fields = {}
    for key, value in office_raw.items():
        if key not in known or value is None:
            continue
        text = str(value) if isinstance(value, int | float) else value
        if not isinstance(text, str) or problem(text):
            raise BadFile("bad_field", where=source, field=f"office.{key}")
        office_fields[key] = text
    office = Office(**office_fields)
    deadline = section("deadline")
    days = deadline.get("working_days", 10)
    if not isinstance(days, int) or isinstance(days, bool) or not 1 <= days <= 100:
        raise BadFile("bad_field", where=source, field="deadline.working_days")
    receipt_day_counts = deadline.get("receipt_day_counts", False)
    if not isinstance(receipt_day_counts, bool):  # "false" in quotes would read as true
        raise BadFile("bad_field", where=source, field="deadline.receipt_day_counts")
    end = deadline.get("office_hours_end")
    try:
        hours_end = time.fromisoformat(str(end)) if end not in (None, "") else None
    except ValueError:
        raise BadFile("bad_field", where=source, field="deadline.office_hours_end") from None
    restarts = deadline.get("reassign_restarts", False)
    if not isinstance(restarts, bool):
        raise BadFile("bad_field", where=source, field="deadline.reassign_restarts")
    ends_at = deadline.get("ends_at", "archived")
    if ends_at not in DEADLINE_ENDS:
        raise BadFile("bad_field", where=source, field="deadline.ends_at")
    rule = _workdays().DeadlineRule(
        days=days,
        receipt_day_counts=receipt_day_counts,
        office_hours_end=hours_end,
        reassign_restarts=restarts,
        ends_at=ends_at,
    )
    max_mb = section("attachments").get("max_mb", 10)
    if not isinstance(max_mb, int | float) or isinstance(max_mb, bool) or not 0 < max_mb <= 100:
        raise BadFile("bad_field", where=source, field="attachments.max_mb")
    required = section("signatures").get("required", False)
    if not isinstance(required, bool):
        raise BadFile("bad_field", where=source, field="signatures.required")
    sync = section("sync")
    remote, auto = sync.get("remote", "origin"), sync.get("auto", True)
    if not isinstance(remote, str) or not re.fullmatch(r"[A-Za-z0-9][A-Za-z0-9._-]{0,62}", remote):
        raise BadFile("bad_field", where=source, field="sync.remote")
    if not isinstance(auto, bool):
        raise BadFile("bad_field", where=source, field="sync.auto")
    every = sync.get("fetch_every_minutes", 5)
    if not isinstance(every, int | float) or isinstance(every, bool) or not 0 <= every <= 1440:
        raise BadFile("bad_field", where=source, field="sync.fetch_every_minutes")
    return Config(
        language=language,
        notify=_notify(section("notify"), source),
        site=_site(section("site"), source),
        office=office,
        rule=rule,
        signatures_required=required,
        sync_remote=remote,
        sync_auto=auto,
        attachment_max_bytes=int(max_mb * 1_000_000),
        fetch_every_seconds=float(every) * 60,
    )


_HOST_RE = re.compile(r"[A-Za-z0-9]([A-Za-z0-9.-]{0,252})?|\[[0-9A-Fa-f:.]+\]")
ENV_NAME_RE = re.compile(r"[A-Za-z_][A-Za-z0-9_]{0,63}")
_URL_RE = re.compile(r"https?://[^\s\"'<>]+")
_EMAIL_RE = re.compile(r"[^@\s\"'<>,;]+@[^@\s\"'<>,;]+")


def _text(section: Mapping[str, Any], key: str, where: str, pattern: re.Pattern[str] | None) -> str:
    value = section.get(key)
    if value in (None, ""):
        return ""
    if not isinstance(value, str) or problem(value) or len(value) > 300:
        raise BadFile("bad_field", where=where, field=key)
    if pattern is not None and not pattern.fullmatch(value):
        raise BadFile("bad_field", where=where, field=key)
    return value


def _notify(raw: Mapping[str, Any], source: str) -> Notify:
    def text(key: str, pattern: re.Pattern[str] | None = None) -> str:
        return _text(raw, key, source, pattern) if key in raw else ""

    enabled = raw.get("enabled", False)
    if not isinstance(enabled, bool):
        raise BadFile("bad_field", where=source, field="notify.enabled")
    security = raw.get("security") or "none"
    if security not in SECURITIES:
        raise BadFile("bad_field", where=source, field="notify.security")
    default_port = {"none": 25, "starttls": 587, "tls": 465}[security]
    port = raw.get("smtp_port") or default_port
    if not isinstance(port, int) or isinstance(port, bool) or not 1 <= port <= 65535:
        raise BadFile("bad_field", where=source, field="notify.smtp_port")
    try:
        return Notify(
            enabled=enabled,
            smtp_host=text("smtp_host", _HOST_RE),
            smtp_port=port,
            security=security,
            sender=text("sender", _EMAIL_RE),
            username=text("username"),
            password_env=text("password_env", ENV_NAME_RE),
        )
    except BadFile as exc:
        raise BadFile("bad_field", where=source, field=f"notify.{exc.params['field']}") from None


def _site(raw: Mapping[str, Any], source: str) -> Site:
    try:
        return Site(dir=_text(raw, "dir", source, None), url=_text(raw, "url", source, _URL_RE))
    except BadFile as exc:
        raise BadFile("bad_field", where=source, field=f"site.{exc.params['field']}") from None


def peek_language(explicit: Path | None, env: Mapping[str, str]) -> str | None:
    """The log book's language setting, read cheaply before the app is built (for --help).

    Never raises: a log book that cannot be found or read simply has no say.
    """
    root = peek_root(explicit, env)
    try:
        if root is None:
            return None
        text = (root / CONFIG_FILE).read_text(encoding="utf-8", errors="replace")
    except OSError:
        return None
    found = _LANGUAGE_RE.search(text)
    return found.group(1) if found else None


def peek_root(explicit: Path | None, env: Mapping[str, str]) -> Path | None:
    """The log book folder named (``--logbook``, KLIPCTL_LOGBOOK) or else the nearest folder
    upward holding its settings file: where a log book may be, found without loading the core
    (None: surely none). Never raises."""
    candidates = [explicit, Path(env[ENV_LOGBOOK]) if env.get(ENV_LOGBOOK) else None]
    root = next((c for c in candidates if c is not None), None)
    if root is not None:
        return root
    try:
        cwd = Path.cwd()
        return next((d for d in (cwd, *cwd.parents) if (d / CONFIG_FILE).is_file()), None)
    except OSError:
        return None


_LANGUAGE_RE = re.compile(r"^language:\s*[\"']?(id|en)\b", re.MULTILINE)
