"""The keys `klipctl config` reads and changes in ``klipctl.yaml``, and the edit itself.

Each key has a kind that says what a person may type for it ("ya", "16:00", "starttls") and how
it is written in YAML. The file is edited as text, one line, so the comments that explain every
setting stay where they are; the result is then parsed as a whole (``parse_config``) before it is
written, so a value the file's own rules refuse is refused here too.
"""

from __future__ import annotations

import json
import re
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import time
from typing import Any

from klipctl.domain.validate import problem
from klipctl.errors import InvalidInput
from klipctl.storage.config import DEADLINE_ENDS, ENV_NAME_RE, SECURITIES

_TRUE = {"true", "ya", "y", "yes", "on", "1"}
_FALSE = {"false", "tidak", "t", "no", "n", "off", "0"}


@dataclass(frozen=True)
class Setting:
    key: str  # dotted: "notify.smtp_host"
    kind: str  # bool | int | number | text | choice | time
    default: Any
    choices: tuple[str, ...] = ()
    limits: tuple[float, float] = (0, 0)
    pattern: str | None = None  # for text: what the value must match in full


def _s(key: str, kind: str, default: Any, **kw: Any) -> Setting:
    return Setting(key, kind, default, **kw)


SETTINGS: dict[str, Setting] = {
    s.key: s
    for s in (
        _s("language", "choice", "id", choices=("id", "en")),
        _s("office.name", "text", ""),
        _s("office.address", "text", ""),
        _s("office.phone", "text", ""),
        _s("office.fax", "text", ""),
        _s("office.website", "text", ""),
        _s("office.email", "text", "", pattern=r"[^@\s\"'<>,;]+@[^@\s\"'<>,;]+"),
        _s("office.city", "text", "Jakarta"),
        _s("office.unit_code", "text", "KLIP", pattern=r"[A-Za-z0-9.\-]{1,20}"),
        _s("deadline.working_days", "int", 10, limits=(1, 100)),
        _s("deadline.receipt_day_counts", "bool", False),
        _s("deadline.office_hours_end", "time", ""),
        _s("deadline.reassign_restarts", "bool", False),
        _s("deadline.ends_at", "choice", "archived", choices=DEADLINE_ENDS),
        _s("attachments.max_mb", "number", 10, limits=(0.001, 100)),
        _s("signatures.required", "bool", False),
        _s("sync.remote", "text", "origin", pattern=r"[A-Za-z0-9][A-Za-z0-9._-]{0,62}"),
        _s("sync.auto", "bool", True),
        _s("sync.fetch_every_minutes", "number", 5, limits=(0, 1440)),
        _s("notify.enabled", "bool", False),
        _s("notify.smtp_host", "text", "", pattern=r"[A-Za-z0-9][A-Za-z0-9.-]{0,252}"),
        _s("notify.smtp_port", "int", 25, limits=(1, 65535)),
        _s("notify.security", "choice", "none", choices=SECURITIES),
        _s("notify.sender", "text", "", pattern=r"[^@\s\"'<>,;]+@[^@\s\"'<>,;]+"),
        _s("notify.username", "text", ""),
        _s("notify.password_env", "text", "", pattern=ENV_NAME_RE.pattern),
        _s("site.dir", "text", ""),
        _s("site.url", "text", "", pattern=r"https?://[^\s\"'<>]+"),
    )
}


def setting(key: str) -> Setting:
    found = SETTINGS.get(key.strip().lower())
    if found is None:
        raise InvalidInput("config_unknown_key", name=key, choices=", ".join(SETTINGS))
    return found


def current(doc: Mapping[str, Any], s: Setting) -> Any:
    """The value the file holds for ``s`` (its default when absent or empty)."""
    node: Any = doc
    for part in s.key.split("."):
        node = node.get(part) if isinstance(node, Mapping) else None
    return s.default if node is None or node == "" else node


def parse_value(s: Setting, text: str) -> Any:
    """What a person typed for ``s``, as the value to store; refuse what it cannot be."""
    raw = text.strip()

    def bad() -> InvalidInput:
        return InvalidInput("config_bad_value", name=s.key, value=text, expected=expected(s))

    if s.kind == "bool":
        if raw.lower() in _TRUE:
            return True
        if raw.lower() in _FALSE:
            return False
        raise bad()
    if s.kind in ("int", "number"):
        try:
            value: float = int(raw) if s.kind == "int" else float(raw.replace(",", "."))
        except ValueError:
            raise bad() from None
        if not s.limits[0] <= value <= s.limits[1]:
            raise bad()
        return int(value) if float(value).is_integer() else value
    if s.kind == "choice":
        if raw.lower() not in s.choices:
            raise bad()
        return raw.lower()
    if s.kind == "time":
        if raw == "":
            return ""
        try:
            return time.fromisoformat(raw).strftime("%H:%M")
        except ValueError:
            raise bad() from None
    if problem(raw) or len(raw) > 300 or "\n" in raw:
        raise bad()
    if raw and s.pattern is not None and not re.fullmatch(s.pattern, raw):
        raise bad()
    return raw


def expected(s: Setting) -> str:
    """What the key takes, in a form the catalogue's sentence can name."""
    if s.kind == "bool":
        return "ya/tidak (true/false)"
    if s.kind in ("int", "number"):
        low, high = (int(x) if float(x).is_integer() else x for x in s.limits)
        return f"{low}–{high}"
    if s.kind == "choice":
        return "/".join(s.choices)
    if s.kind == "time":
        return "HH:MM"
    return s.pattern or "…"


def yaml_scalar(value: Any) -> str:
    """``value`` as the text after ``key: `` on its line."""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, int | float):
        return str(value)
    if value == "":
        return ""
    text = str(value)
    plain = re.fullmatch(r"[A-Za-z0-9_][A-Za-z0-9 _@./()+,:-]*", text) and ": " not in text
    if plain and not text.endswith((":", " ")) and not re.fullmatch(
        r"(?i)(true|false|yes|no|on|off|null|~|y|n|[0-9][0-9.:_-]*)", text
    ):
        return text  # plain, as a person would write it
    return json.dumps(text, ensure_ascii=False)  # a JSON string is a double-quoted YAML scalar


_KEY_LINE = re.compile(r"^(?P<indent> *)(?P<key>[A-Za-z_][A-Za-z0-9_]*):(?P<rest>.*)$")


def edited(text: str, key: str, value: Any) -> str:
    """The text of klipctl.yaml with ``key`` (one or two levels) set to ``value``, every other
    line as it was; a key or section that is missing is added at the end of its section."""
    parts = key.split(".")
    lines = text.splitlines()
    line_for = f"{parts[-1]}: {yaml_scalar(value)}".rstrip()
    if len(parts) == 1:
        return _replace_in(lines, 0, len(lines), 0, parts[0], line_for) + "\n"
    section, name = parts
    start = next(
        (
            i
            for i, line in enumerate(lines)
            if (m := _KEY_LINE.match(line)) and not m["indent"] and m["key"] == section
        ),
        None,
    )
    if start is None:
        while lines and not lines[-1].strip():
            lines.pop()
        lines += ["", f"{section}:", f"  {line_for}"]
        return "\n".join(lines) + "\n"
    opening = _KEY_LINE.match(lines[start])
    if opening is not None and opening["rest"].split("#")[0].strip():
        lines[start] = f"{section}:"  # `notify: {}` or `site: null`: a block from now on
    end = start + 1
    while end < len(lines) and (not lines[end].strip() or lines[end].startswith((" ", "#"))):
        if lines[end].startswith("#") and not lines[end].startswith(" "):
            break  # a top-level comment opens the next section
        end += 1
    return _replace_in(lines, start + 1, end, 2, name, "  " + line_for) + "\n"


def _replace_in(lines: list[str], start: int, end: int, indent: int, name: str, new: str) -> str:
    for i in range(start, end):
        m = _KEY_LINE.match(lines[i])
        if m and len(m["indent"]) == indent and m["key"] == name:
            lines[i] = new
            return "\n".join(lines)
    # Not there yet: after the section's last line that is not blank.
    last = end
    while last > start and not lines[last - 1].strip():
        last -= 1
    lines.insert(last, new)
    return "\n".join(lines)
