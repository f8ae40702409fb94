"""Installing klipctl's ``pre-receive`` hook in a central bare repository.

The hook is a two-line script that runs this same klipctl (the Python that installed it), so the
server needs nothing more than klipctl installed once.
"""

from __future__ import annotations

import shlex
from pathlib import Path

from klipctl.errors import InvalidInput, Refused
from klipctl.storage.git import Git

MARK = "# klipctl pre-receive hook"


def script(python: str) -> str:
    return (
        "#!/bin/sh\n"
        f"{MARK}: refuses pushes that would break the log book's audit trail.\n"
        f"exec {shlex.quote(python)} -m klipctl hook pre-receive\n"
    )


def install(repo: Path, python: str, branch: str = "main") -> Path:
    """The hook in the bare repository ``repo``; its HEAD made the log book's ``branch``, so a
    plain ``git clone`` of it checks the log book out."""
    root = repo.expanduser().resolve()
    hooks = root / "hooks"
    if not hooks.is_dir() or not (root / "objects").is_dir():
        raise InvalidInput("hook_not_bare", path=str(root))
    Git(root).point_head_at(branch)
    target = hooks / "pre-receive"
    if target.exists() and MARK not in target.read_text(encoding="utf-8", errors="replace"):
        raise Refused("hook_exists", path=str(target))
    target.write_text(script(python), encoding="utf-8")
    target.chmod(0o755)
    return target
