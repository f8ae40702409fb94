"""What ``verify`` finds: each problem as a value, and the counts of what it checked.

Kept apart from the checks so every check module (the chains, the other files) can report into
one ``Report`` without importing the others.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from klipctl.i18n.messages import Messages


@dataclass(frozen=True)
class Violation:
    """One thing wrong with the audit trail, and where."""

    key: str  # catalogue message
    failure: str | None = None
    entry: int | None = None  # 1-based; for the roster, the change number
    commit: str | None = None
    path: str | None = None
    params: Mapping[str, Any] = field(default_factory=dict)


@dataclass
class Report:
    violations: list[Violation] = field(default_factory=list)
    # Not wrong, but what an auditor should see: a supervisor replacing someone else's key.
    notices: list[Violation] = field(default_factory=list)
    failures: int = 0
    entries: int = 0
    signatures: int = 0
    roster_changes: int = 0
    commits: int = 0
    attachments: int = 0

    @property
    def ok(self) -> bool:
        return not self.violations


def violation_text(v: Violation, m: Messages) -> str:
    """One violation as a sentence: where (failure, entry, commit), then what."""
    where = []
    if v.failure and v.entry:
        where.append(m("v_where_entry", id=v.failure, number=v.entry))
    elif v.failure:
        where.append(m("v_where_failure", id=v.failure))
    elif v.entry and v.path:
        where.append(m("v_where_change", path=v.path, number=v.entry))
    if v.commit:
        where.append(m("v_where_commit", commit=v.commit[:10]))
    params = {"path": v.path or "", **v.params}
    text = m.error(v.key, params)
    return f"{' · '.join(where)}: {text}" if where else text
