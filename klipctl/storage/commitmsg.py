"""Commit messages klipctl writes, and the ``Klipctl-*`` trailers that say what a commit did.

The trailers are how ``verify`` and the central hook tie a commit to the entry it claims to add
(failure, action, actor), so they are written and read here only. Text a person typed is
indented in the body, so no line of it can pass for a trailer.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

FAILURE = "Klipctl-Failure"
ACTION = "Klipctl-Action"
STAGE = "Klipctl-Stage"
ACTOR = "Klipctl-Actor"
ROLE = "Klipctl-Role"
PERSON = "Klipctl-Person"
DATE = "Klipctl-Date"
SETTING = "Klipctl-Setting"  # the klipctl.yaml key a `config set` commit changes
TEMPLATE = "Klipctl-Template"  # the template (or logo) a `template add/remove` commit changes
IMPORT = "Klipctl-Import"  # an `import` commit: the SHA-256 of the spreadsheet it read
SET_ASIDE = "Klipctl-Set-Aside"  # a sync merge names each chain whose entries it set aside

_TRAILER = re.compile(r"^(Klipctl-[A-Za-z]+): (.*)$", re.MULTILINE)
_SET_ASIDE = re.compile(rf"^{SET_ASIDE}: (\S+)$", re.MULTILINE)


def typed(text: str) -> str:
    """Text a person typed, safe in a commit body: continuation lines indented."""
    return text.replace("\n", "\n    ")


def message(subject: str, body: Sequence[str], trailers: Sequence[tuple[str, str]]) -> str:
    """``subject``, a blank line, each body paragraph and a blank line, then the trailers."""
    lines = [subject, ""]
    for paragraph in body:
        lines += [paragraph, ""]
    lines += [f"{key}: {value}" for key, value in trailers]
    return "\n".join(lines) + "\n"


def trailers(body: str) -> dict[str, str]:
    """The single-word ``Klipctl-*`` trailers of a commit message (the last of each wins)."""
    return dict(_TRAILER.findall(body))


def set_aside_chains(body: str) -> list[str]:
    """The chains a sync merge says it set aside."""
    return _SET_ASIDE.findall(body)
