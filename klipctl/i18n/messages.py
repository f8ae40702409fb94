"""Every sentence klipctl shows a person, in Indonesian and English, looked up by key.

The texts are in the gettext catalogues (``catalogue.py``, ``locale/*/LC_MESSAGES/klipctl.po``);
this module is how the code asks for them: ``m("key", **params)`` fills a text with
``str.format``, a text with a count ``n=`` takes the plural form that count needs (``ngettext``),
and sentences built from parts (the next step of the SOP) are built here once. Stage and role
names follow the wording of SOP LIP10-0072.
"""

from __future__ import annotations

import locale
import re
from collections.abc import Iterator, Mapping, Sequence
from datetime import date
from typing import Any

from klipctl.domain.validate import printable
from klipctl.i18n.catalogue import Catalogue, catalogue

LANGUAGES = ("id", "en")
DEFAULT_LANGUAGE = "id"


class Names(Mapping[str, tuple[str, str]]):
    """The names of one kind of value in both languages: value -> (Indonesian, English).

    The values are listed here, literally, so the extraction (``extract.py``) finds the entries
    (context ``kind``, message ID the value)."""

    def __init__(self, kind: str, values: tuple[str, ...]) -> None:
        self.kind = kind
        self.order = values

    def __getitem__(self, value: str) -> tuple[str, str]:
        if value not in self.order:
            raise KeyError(value)
        return catalogue("id").text(value, self.kind), catalogue("en").text(value, self.kind)

    def __iter__(self) -> Iterator[str]:
        return iter(self.order)

    def __len__(self) -> int:
        return len(self.order)


# Short stage names, from the verbs of the SOP's steps (mencatat, menugaskan, ...).
STAGE_NAMES = Names(
    "stage",
    (
        "reported",
        "recorded",
        "assigned",
        "resolved",
        "reviewed",
        "drafted",
        "signed",
        "delivered",
        "archived",
        "withdrawn",
    ),
)
ROLE_NAMES = Names("role", ("staff", "clerk", "supervisor", "operator", "head"))
ACTION_NAMES = Names(
    "action",
    (
        "report",
        "record",
        "assign",
        "resolve",
        "accept",
        "reject",
        "draft",
        "sign",
        "deliver",
        "archive",
        "return",
        "reassign",
        "withdraw",
        "correct",
        "note",
        "attach",
    ),
)
SEVERITY_NAMES = Names("severity", ("low", "medium", "high", "critical"))
# A role in a word, as an office says it beside a name (and types it: i18n/values.py).
ROLE_SHORT = Names("role_short", ("staff", "clerk", "supervisor", "operator", "head"))


def _pick(pair: tuple[str, str], lang: str) -> str:
    return pair[1] if lang == "en" else pair[0]


class Messages:
    """The catalogue in one language."""

    def __init__(self, lang: str) -> None:
        self.lang = lang if lang in LANGUAGES else DEFAULT_LANGUAGE
        self._t: Catalogue = catalogue(self.lang)

    def __call__(self, key: str, **params: Any) -> str:
        n = params.get("n")
        if isinstance(n, int) and self._t.is_plural(key):
            return self._t.count_text(key, n).format(**params)
        return self._t.text(key).format(**params)

    def has(self, key: str) -> bool:
        return self._t.has(key)

    def day(self, day: date) -> str:
        """ "Rabu, 16 Desember 2026": a day as the documents write it (without loading Babel)."""
        return self(
            "full_date",
            weekday=self("weekday_names").split()[day.weekday()],
            day=day.day,
            month=self("month_names").split()[day.month - 1],
            year=day.year,
        )

    def stage(self, stage: str) -> str:
        return self._t.text(stage, "stage")

    def role(self, role: str) -> str:
        return self._t.text(role, "role")

    def role_short(self, role: str) -> str:
        return _pick(ROLE_SHORT.get(role, (role, role)), self.lang)

    def action(self, action: str) -> str:
        return self._t.text(action, "action")

    def severity(self, severity: str) -> str:
        return self._t.text(severity, "severity") if severity in SEVERITY_NAMES else severity

    def next_step(
        self, failure_id: str, actions: Sequence[str], role: str | None, handle: str | None
    ) -> str:
        """One sentence: who takes the next step of the SOP, and the command they type."""
        if not actions or role is None:
            return self("next_done")
        who = f"{self.role(role)} ({handle})" if handle else self.role(role)
        command = "review" if set(actions) == {"accept", "reject"} else _command(actions[0])
        what = self.action(actions[0]) if len(actions) == 1 else self.action("accept")
        return self("next_is", who=who, what=what, command=command, id=failure_id)

    def error(self, key: str, params: Mapping[str, Any]) -> str:
        """An error's sentence, with the parts that need composing filled in here.

        Values are echoed escaped and cut short: they may be what someone typed or a damaged
        file holds, and must not break the sentence or drive the terminal.
        """
        p = {k: printable(v, 200) if isinstance(v, str) else v for k, v in params.items()}
        if key in _CHOICES_OF:
            # The values as a person types them in this language, whatever the core listed.
            p["choices"] = typed_choices(_CHOICES_OF[key], self.lang)
        if isinstance(p.get("field"), str) and self.has(f"field_{p['field']}"):
            p["field"] = self(f"field_{p['field']}")
        if "action" in p and key in ("wrong_role", "not_named_person", "wrong_role_or_involved"):
            p["action_name"] = self.action(p["action"])
        if "roles" in p:
            p["roles"] = " / ".join(self.role(r) for r in p["roles"])
        if "role" in p:
            p["role_name"] = self.role(p["role"])
        if key == "wrong_stage":
            p["stage_name"] = self.stage(p["stage"])
            p["action"] = _command(p["action"])
            p["next"] = self.next_step(p["id"], p["next_actions"], p["next_role"], p["next_handle"])
        return self(key, **p)


def _names(kind: str) -> Mapping[str, tuple[str, str]]:
    return {"stage": STAGE_NAMES, "severity": SEVERITY_NAMES, "role": ROLE_SHORT}[kind]


def typed_name(kind: str, value: str, lang: str) -> str:
    """A stage, role or severity the way a person types it in ``lang`` (``laporan-disusun``,
    ``kasubbag``; in English the stored value), which ``values.canonical`` reads back."""
    if lang == "en":
        return value
    return "-".join(_pick(_names(kind)[value], lang).casefold().split())


def typed_choices(kind: str, lang: str) -> str:
    """Every value of ``kind`` as typed in ``lang``, for a help text or a refusal."""
    return ", ".join(typed_name(kind, value, lang) for value in _names(kind))


# Refusals that list the values of a kind (stage, role, severity) to choose from.
_CHOICES_OF = {
    "invalid_severity": "severity",
    "invalid_stage": "stage",
    "invalid_role": "role",
    "no_roles": "role",
}


def _command(action: str) -> str:
    return {
        "accept": "review --accept",
        "reject": "review --reject",
        "return": "sign --reject",
    }.get(action, action)


def detect_language(flag: str | None, env: Mapping[str, str], configured: str | None = None) -> str:
    """--lang, then $KLIPCTL_LANG, then the log book's setting, then the locale; Indonesian last."""
    for choice in (flag, env.get("KLIPCTL_LANG"), configured):
        if choice:
            code = choice.lower()[:2]
            if code in LANGUAGES:
                return code
    for var in ("LC_ALL", "LC_MESSAGES", "LANG"):
        value = env.get(var, "")
        if value[:2] in LANGUAGES and value[2:3] in ("_", ".", ""):
            return value[:2]
        if value.split(".")[0] in ("C", "POSIX"):
            # No language chosen (Python would read C.UTF-8 as en_US): the office's own.
            return DEFAULT_LANGUAGE
    try:
        current = locale.getlocale()[0] or ""
    except ValueError:
        current = ""
    return current[:2] if current[:2] in LANGUAGES else DEFAULT_LANGUAGE


# A paragraph of help that starts with a label and a command ("Contoh: klipctl due") or a label
# alone ("Contoh:") is shown as written, line by line: Click's "\b" mark, added here so the
# catalogue holds plain text.
_AS_WRITTEN = re.compile(r"^[^\s:]+:( klipctl\b.*)?$")


def help_text(key: str, lang: str) -> str:
    """A command's or an option's help (context ``help``), ready for Click."""
    text = catalogue(lang if lang in LANGUAGES else DEFAULT_LANGUAGE).text(key, "help")
    paragraphs = text.split("\n\n")
    return "\n\n".join(
        f"\b\n{p}" if _AS_WRITTEN.match(p.split("\n", 1)[0]) else p for p in paragraphs
    )
