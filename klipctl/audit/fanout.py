"""The work of one ``verify`` spread over the machine's cores.

A full verify of a large log book is CPU work in Python (a signature check for each of nearly a
million entries), so it runs in worker processes, one per core, when there is enough of it to
pay for starting them; a small verify (``--incremental``, one failure, most pushes at the central
repository) runs in this process, through the same functions. The tasks are top-level
functions with small arguments (a folder, a list of IDs or commits), so they run the same where
a process starts afresh (Windows, macOS: ``spawn``) and where it is forked (Linux). Results come
back as values, taken in the order the tasks were given, so the report does not depend on which
worker finished first.
"""

from __future__ import annotations

import os
import signal
import sys
from collections.abc import Callable
from concurrent.futures import Executor, Future
from typing import Any

# Below this many failure files one process does it all: starting a worker costs a tenth of
# a second (more on Windows), checking a failure a millisecond.
PARALLEL_FROM = 2000
# How workers start: None for the platform's way (fork on Linux, spawn on Windows and macOS);
# the tests run the spawn way on Linux too.
START_METHOD: str | None = None


def cores() -> int:
    """The cores this process may run on."""
    if sys.platform == "linux":
        return len(os.sched_getaffinity(0))
    return os.cpu_count() or 1  # Windows, macOS


class Fanout:
    """Tasks run in a pool of worker processes, or here when ``workers`` is 1 or less."""

    def __init__(self, workers: int) -> None:
        self.workers = workers
        self._pool: Executor | None = None
        if workers > 1:  # only then the import of multiprocessing (a small verify skips it)
            import multiprocessing
            from concurrent.futures import ProcessPoolExecutor

            context = multiprocessing.get_context(START_METHOD)
            self._pool = ProcessPoolExecutor(workers, mp_context=context, initializer=_worker_start)

    @classmethod
    def sized(cls, amount: int) -> Fanout:
        """Workers for ``amount`` of work: one per core when there is enough, else none."""
        return cls(cores() if amount >= PARALLEL_FROM else 1)

    @property
    def parallel(self) -> bool:
        return self._pool is not None

    def submit(self, task: Callable[..., Any], *args: Any) -> Future[Any]:
        if self._pool is not None:
            return self._pool.submit(task, *args)
        done: Future[Any] = Future()
        done.set_result(task(*args))
        return done

    def close(self) -> None:
        if self._pool is not None:
            self._pool.shutdown(wait=True, cancel_futures=True)
            self._pool = None

    def __enter__(self) -> Fanout:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()


def _worker_start() -> None:
    """Ctrl-C is for the verify itself: it stops the pool; workers must not each print a
    traceback for it."""
    signal.signal(signal.SIGINT, signal.SIG_IGN)
