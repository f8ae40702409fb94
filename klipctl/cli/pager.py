"""Long output through a pager, only where a person reads it at a terminal.

`render`, `history`, `show` and `calendar show YEAR` can print more than a screen. At a terminal
(standard output a TTY; not with ``--no-input``, not in CI, not JSON or CSV) what they print is
held and, when it is taller than the screen, handed to the pager: ``$PAGER``, else ``less
-FRX``, else ``more`` (which Windows has). Shorter output is printed as it is, and so is the
output when no pager can start: nothing is ever lost for want of one.
"""

from __future__ import annotations

import io
import os
import re
import shlex
import shutil
import signal
import subprocess
import sys
from collections.abc import Callable, Iterator, Mapping
from contextlib import contextmanager
from typing import TextIO

_ESCAPES = re.compile(r"\x1b\[[0-9;?]*[A-Za-z]")  # colours and styles as Rich writes them
Command = list[str] | str  # a string: a Windows command line, given to its shell


def wanted(env: Mapping[str, str], no_input: bool, structured: bool) -> bool:
    """Is someone reading at a terminal, who may be handed a pager?"""
    return not (structured or no_input or env.get("CI")) and sys.stdout.isatty()


def command(
    env: Mapping[str, str],
    *,
    windows: bool = os.name == "nt",
    which: Callable[[str], str | None] = shutil.which,
) -> Command | None:
    """The pager: ``$PAGER`` (empty or ``cat``: none), else ``less -FRX`` (leave at the end
    of a short text, keep colours, leave the text on the screen), else ``more``."""
    chosen = env.get("PAGER")
    if chosen is not None:
        chosen = chosen.strip()
        if chosen in ("", "cat"):
            return None
        return chosen if windows else shlex.split(chosen)
    if which("less"):
        return "less -FRX" if windows else ["less", "-FRX"]
    if which("more"):
        return "more" if windows else ["more"]
    return None


class _Held(io.StringIO):
    """Standard output while it is held: still a terminal to whoever prints (Rich keeps its
    colours and lays tables out for the screen's width)."""

    def isatty(self) -> bool:
        return True


@contextmanager
def paged(enabled: bool, env: Mapping[str, str] = os.environ) -> Iterator[None]:
    """What is printed inside goes through the pager if ``enabled`` and it fills the screen.
    Should the command fail half way, what it printed is shown as it is, with its error."""
    if not enabled:
        yield
        return
    real, held = sys.stdout, _Held()
    sys.stdout = held
    try:
        yield
    except BaseException:
        sys.stdout = real
        real.write(held.getvalue())
        raise
    sys.stdout = real
    show(held.getvalue(), real, env)


def show(text: str, out: TextIO, env: Mapping[str, str]) -> None:
    size = shutil.get_terminal_size()
    pager = command(env)
    if pager is None or _screen_lines(text, size.columns) < size.lines:
        out.write(text)
        out.flush()
        return
    windows_more = os.name == "nt" and pager == "more"
    if windows_more:
        text = _ESCAPES.sub("", text)  # Windows' more prints escape codes as they are
    out.flush()
    try:
        proc = subprocess.Popen(pager, stdin=subprocess.PIPE, shell=isinstance(pager, str))
    except OSError:
        out.write(text)
        out.flush()
        return
    assert proc.stdin is not None
    # Ctrl-C belongs to the pager while it runs (less uses it to stop a search).
    previous = signal.signal(signal.SIGINT, signal.SIG_IGN)
    try:
        try:
            proc.stdin.write(text.encode(_encoding(windows_more), errors="replace"))
            proc.stdin.close()
        except OSError:
            pass  # the person left the pager before reading it all
        proc.wait()
    finally:
        signal.signal(signal.SIGINT, previous)


def _screen_lines(text: str, columns: int) -> int:
    """How many lines of the screen ``text`` takes, long lines wrapped."""
    width = max(columns, 1)
    return sum(max(1, -(-len(_ESCAPES.sub("", line)) // width)) for line in text.splitlines())


def _encoding(windows_more: bool) -> str:
    """Windows' more reads the console's code page; every other pager is given UTF-8."""
    if windows_more and sys.platform == "win32":
        import ctypes

        return f"cp{ctypes.windll.kernel32.GetConsoleOutputCP()}"
    return "utf-8"
