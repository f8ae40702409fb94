"""Where everything lives in a log book, and what a path in it is: in one place.

Failures are ``failures/YYYY/MM/ID.yaml`` by the month their ID was made (WIB), which keeps git
trees small; the stored result report sits beside its failure as ``ID.report.md`` and ``.html``,
attached files in ``ID.files/`` named by their SHA-256.
Every module that turns an ID into a path, or a path back into a failure or a chain, asks here.
"""

from __future__ import annotations

from collections.abc import Mapping
from pathlib import Path

from klipctl.errors import NotFound

# The ID rules and the time zone load when a path is first made or read, not for `--help`,
# which needs only the file names here.
CONFIG_FILE = "klipctl.yaml"
ROSTER_FILE = "roster.yaml"
CALENDAR_FILE = "calendar.yaml"  # the office's own closures and working days; optional
ATTRIBUTES_FILE = ".gitattributes"  # git must keep every file byte for byte (no CRLF)
ALLOWED_SIGNERS_FILE = "allowed_signers"  # generated from the roster for git and ssh-keygen
FAILURES_DIR = "failures"
TEMPLATES_DIR = "templates"  # the office's template overrides and its logo
LOGO_FILES = ("logo.png", "logo.svg")  # in TEMPLATES_DIR: the letterhead's logo, if any
SETUP_FILES = ("README.md", ".gitignore")  # written by `init` for people and git; never change
STATE_DIR = ".klipctl"  # local, never committed: the lock and derived caches
JOURNAL_FILE = "journal.json"  # in STATE_DIR while a transaction is writing

# The hash chains a log book holds besides one per failure (named by its ID).
ROSTER_CHAIN = "roster"
CALENDAR_CHAIN = "calendar"

_FAILURE_SUFFIX = ".yaml"
REPORT_MD_SUFFIX = ".report.md"
REPORT_HTML_SUFFIX = ".report.html"
ATTACHMENTS_SUFFIX = ".files"


ENV_LOGBOOK = "KLIPCTL_LOGBOOK"


def locate(explicit: Path | None, env: Mapping[str, str], cwd: Path) -> Path:
    """The log book root: --logbook, else $KLIPCTL_LOGBOOK, else the nearest parent holding one."""
    for given in (explicit, env.get(ENV_LOGBOOK) or None):
        if given is not None:
            root = Path(given).expanduser().resolve()
            if not (root / CONFIG_FILE).is_file():
                raise NotFound("not_a_logbook", path=str(root))
            return root
    for folder in (cwd.resolve(), *cwd.resolve().parents):
        if (folder / CONFIG_FILE).is_file():
            return folder
    raise NotFound("no_logbook")


def failure_folder(failure_id: str) -> str:
    """``failures/YYYY/MM``: the month the ID was made, in WIB."""
    from klipctl.domain import ids
    from klipctl.domain.model import JAKARTA

    made = ids.id_time(failure_id).astimezone(JAKARTA)
    return f"{FAILURES_DIR}/{made:%Y}/{made:%m}"


def failure_file(failure_id: str) -> str:
    return f"{failure_folder(failure_id)}/{failure_id}{_FAILURE_SUFFIX}"


def report_files(failure_id: str) -> tuple[str, str]:
    """The stored result report's Markdown and HTML, beside the failure."""
    folder = failure_folder(failure_id)
    return (
        f"{folder}/{failure_id}{REPORT_MD_SUFFIX}",
        f"{folder}/{failure_id}{REPORT_HTML_SUFFIX}",
    )


def attachments_folder(failure_id: str) -> str:
    """The folder beside a failure that holds its attached files."""
    return f"{failure_folder(failure_id)}/{failure_id}{ATTACHMENTS_SUFFIX}"


def attachment_file(failure_id: str, sha256: str) -> str:
    """An attached file, named by its content's SHA-256 in a folder beside its failure."""
    return f"{attachments_folder(failure_id)}/{sha256}"


def failure_of(rel: str) -> str | None:
    """The failure ID of a path exactly like ``failures/2026/11/ID.yaml``, else None."""
    parts = rel.split("/")
    if len(parts) == 4 and parts[0] == FAILURES_DIR and parts[3].endswith(_FAILURE_SUFFIX):
        stem = parts[3][: -len(_FAILURE_SUFFIX)]
        from klipctl.domain import ids

        return stem if ids.is_id(stem) else None
    return None


def claimed_failure(rel: str) -> str | None:
    """The name any YAML file under ``failures/`` claims as its failure, wherever it is put and
    whatever it is called: the audit checks a misplaced or misnamed file too, never skips it."""
    if rel.startswith(FAILURES_DIR + "/") and rel.endswith(_FAILURE_SUFFIX):
        return rel.rsplit("/", 1)[-1][: -len(_FAILURE_SUFFIX)]
    return None


def failure_owning(rel: str) -> str | None:
    """The failure any file under ``failures/`` belongs to (its YAML, its stored report, its
    attached files), by the name it is filed under; None elsewhere."""
    if not rel.startswith(FAILURES_DIR + "/"):
        return None
    name = chain_of(rel)
    from klipctl.domain import ids

    return name if ids.is_id(name) else claimed_failure(rel)


def chain_of(rel: str) -> str:
    """The chain a log book path belongs to (a failure's files go with its ID); other files are
    their own chain ("file:...")."""
    if rel.startswith(FAILURES_DIR + "/"):
        parts = rel.split("/")
        # failures/YYYY/MM/ID.yaml, ID.report.md, ID.files/SHA256: all of them the ID's chain
        name = parts[3] if len(parts) > 4 else parts[-1]
        return name.split(".", 1)[0]
    if rel in (ROSTER_FILE, ALLOWED_SIGNERS_FILE):
        return ROSTER_CHAIN
    if rel == CALENDAR_FILE:
        return CALENDAR_CHAIN
    return "file:" + rel
