"""How a long table gives way on a narrow screen (80 columns): which widths, which gap.

Pure arithmetic over the cells' widths, so whatever writes the table (Rich at a terminal, plain
lines into a pipe) lays it out the same way.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

WIDE_GAP = "   "  # between columns, as Rich's tables pad them


@dataclass(frozen=True)
class Column:
    """A column of a long table and how it gives way on a narrow screen: ``cut`` (1, 2, ...:
    the order in which it is shortened, with an ellipsis, down to ``floor``; the title is
    cut last), ``drop`` (1, 2, ...: the order in which it is left out when cutting is not
    enough). Columns with neither keep their words whole ("terlambat 10 hari kerja")."""

    header: str
    cut: int = 0
    floor: int = 0
    drop: int = 0
    least: int = 0  # never narrower than this, even when every cell is ("—" under a date)


@dataclass(frozen=True)
class Short:
    """A cell with a shorter form for a narrow screen (the ID's unique prefix, the command
    with it, a role's short name): a table uses the short forms of every row or of none."""

    full: Any
    short: Any


NARROW_GAP = "  "


def layout(
    columns: Sequence[Column], natural: list[int], shortened: list[int], room: int
) -> tuple[list[int | None], str]:
    """Each column's width (None: left out) and the gap between columns, for ``room`` cells."""
    if sum(natural) + len(WIDE_GAP) * (len(natural) - 1) <= room:
        return list(natural), WIDE_GAP
    shown = list(range(len(columns)))
    drops = sorted((c.drop, i) for i, c in enumerate(columns) if c.drop)
    while True:
        widths: list[int | None] = [None] * len(columns)
        for i in shown:
            widths[i] = shortened[i]
        over = sum(shortened[i] for i in shown) + len(NARROW_GAP) * (len(shown) - 1) - room
        for _, i in sorted((c.cut, i) for i, c in enumerate(columns) if c.cut and i in shown):
            if over <= 0:
                break
            width = widths[i]
            assert width is not None
            give = min(over, max(width - columns[i].floor, 0))
            widths[i], over = width - give, over - give
        if over <= 0 or not drops:
            break
        shown.remove(drops.pop(0)[1])
    if over > 0:  # narrower than every floor: the last column to give way gives the rest
        last = max((i for i in shown if columns[i].cut), key=lambda i: columns[i].cut, default=None)
        if last is not None:
            width = widths[last]
            assert width is not None
            widths[last] = max(4, width - over)
    return widths, NARROW_GAP
