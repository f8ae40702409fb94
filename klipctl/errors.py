"""One exception hierarchy for everything klipctl refuses or cannot do.

Each error carries a message key from the catalogue (``messages.py``) and its parameters, so the
core never formats text for people; the CLI turns an error into one sentence and an exit status in
exactly one place.
"""

from __future__ import annotations

from typing import Any

EXIT_OK = 0
EXIT_FAILED = 1  # refused or failed: the log book is unchanged
EXIT_USAGE = 2  # the command line itself is wrong
EXIT_INTERNAL = 70  # a bug in klipctl (sysexits' EX_SOFTWARE), never a refusal
EXIT_CANCELLED = 130  # stopped with Ctrl-C, at a question or while working (as shells say SIGINT)


class KlipError(Exception):
    """Something klipctl refuses or cannot do; the log book is left unchanged."""

    exit_code = EXIT_FAILED

    def __init__(self, key: str, **params: Any) -> None:
        super().__init__(key)
        self.key = key
        self.params = params

    def __str__(self) -> str:  # for logs and tests; people see the catalogue text
        return f"{self.key} {self.params}"


class Interrupted(KlipError):
    """The person pressed Ctrl-C (or input ended) at a question; nothing was written."""

    exit_code = EXIT_CANCELLED


class UsageError(KlipError):
    """The command line is incomplete or malformed (missing flag, bad value)."""

    exit_code = EXIT_USAGE


class NotFound(KlipError):
    """A log book, failure or person that does not exist."""


class Refused(KlipError):
    """The SOP or the roster does not allow this action now, by this person."""


class InvalidInput(KlipError):
    """A value that does not pass validation (NIP, handle, title, ...)."""


class BadFile(KlipError):
    """A file in the log book that does not parse or validate."""


class GitFailed(KlipError):
    """git refused or failed; any change has been put back."""


class Busy(KlipError):
    """Another klipctl command holds the log book's lock."""


class Unreachable(KlipError):
    """The central repository cannot be reached now: work goes on offline."""


class PushRefused(KlipError):
    """The central repository refused a push (its pre-receive hook said why)."""


class MailFailed(KlipError):
    """The mail server could not be reached, or refused the login, the sender or a recipient."""
