"""Installing klipctl's hooks in a central bare repository.

``pre-receive`` refuses a push that would break the audit trail; ``post-receive`` runs after a
push is stored and tells people (mail to the next actor, the board rebuilt). Each is a short
script that runs this same klipctl (the Python that installed it), so the server needs nothing
more than klipctl installed once. ``post-receive`` first reads the server's own settings file,
``<bare>.klipctl/env`` (e.g. the SMTP password variable), which never enters the log book.
"""

from __future__ import annotations

import shlex
from pathlib import Path

from klipctl.errors import InvalidInput, Refused
from klipctl.storage.git import Git
from klipctl.storage.outbox import server_dir

MARK = "# klipctl pre-receive hook"
POST_MARK = "# klipctl post-receive hook"
ENV_FILE = "env"  # in server_dir(bare): shell assignments the post-receive hook and cron read


def script(python: str) -> str:
    return (
        "#!/bin/sh\n"
        f"{MARK}: refuses pushes that would break the log book's audit trail.\n"
        f"exec {shlex.quote(python)} -m klipctl hook pre-receive\n"
    )


def post_script(python: str, env_file: Path) -> str:
    env = shlex.quote(str(env_file))
    return (
        "#!/bin/sh\n"
        f"{POST_MARK}: mails the next actor and rebuilds the board after a push is stored.\n"
        f"if [ -f {env} ]; then set -a; . {env}; set +a; fi\n"
        f"exec {shlex.quote(python)} -m klipctl hook post-receive\n"
    )


def install(repo: Path, python: str, branch: str = "main") -> Path:
    """The hook in the bare repository ``repo``; its HEAD made the log book's ``branch``, so a
    plain ``git clone`` of it checks the log book out."""
    root = repo.expanduser().resolve()
    hooks = root / "hooks"
    if not hooks.is_dir() or not (root / "objects").is_dir():
        raise InvalidInput("hook_not_bare", path=str(root))
    Git(root).point_head_at(branch)
    target, post = hooks / "pre-receive", hooks / "post-receive"
    for path, mark in ((target, MARK), (post, POST_MARK)):
        if path.exists() and mark not in path.read_text(encoding="utf-8", errors="replace"):
            raise Refused("hook_exists", path=str(path))
    state = server_dir(root)
    state.mkdir(mode=0o700, exist_ok=True)
    target.write_text(script(python), encoding="utf-8")
    post.write_text(post_script(python, state / ENV_FILE), encoding="utf-8")
    for path in (target, post):
        path.chmod(0o755)
    return target
