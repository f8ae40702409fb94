"""How far long work has got, told to whoever shows it, so that nothing below the CLI prints.

Building the index of a fresh clone, a full `verify`, a sync that brings many commits, an
import: each takes its steps inside ``with progress.task(KEY, total) as step:``, calling
``step()`` once per item (``total`` None: how many is not known), or loops ``for item in
progress.over(KEY, items)``. ``KEY`` is a catalogue key saying what is being done.
``Progress`` itself shows nothing (a script, a pipe, a test); the command line gives the
``Context`` (and so the log book) one that draws a bar on standard error, at a terminal only.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Sized
from contextlib import contextmanager
from typing import Protocol, TypeVar

T = TypeVar("T")


class Step(Protocol):
    def __call__(self, n: int = 1) -> None:
        """One more item done (or ``n`` more)."""


def _ignore(n: int = 1) -> None:
    return None


class Progress:
    """Long work's steps, shown to nobody."""

    @contextmanager
    def task(self, key: str, total: int | None) -> Iterator[Step]:
        yield _ignore

    def over(self, key: str, items: Iterable[T]) -> Iterator[T]:
        """``items`` one by one, each a step of the task ``key``: ``for x in
        progress.over(KEY, xs):`` in place of ``for x in xs:``."""
        with self.task(key, len(items) if isinstance(items, Sized) else None) as step:
            for item in items:
                yield item
                step()


NOTHING = Progress()
