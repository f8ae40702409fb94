"""``klipctl join``: a new PC (or a new person's PC) joins the office's log book.

Clone the central repository, tune the clone, set who works here (git's ``user.name``,
``user.email``, ``user.signingkey``: no environment variables needed afterwards), find the
person's key or make one, and say what the supervisor must run to put them on the roster.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from klipctl.audit import signing
from klipctl.domain.roster import check_email, check_handle, check_name
from klipctl.errors import InvalidInput, Refused
from klipctl.storage.git import Git
from klipctl.storage.layout import ALLOWED_SIGNERS_FILE, CONFIG_FILE
from klipctl.storage.logbook import LogBook

KEY_NAME = "klipctl_ed25519"  # in ~/.ssh, when the person has no key yet


@dataclass(frozen=True)
class Joined:
    root: Path
    handle: str
    key_path: Path
    public_key: str
    made_key: bool
    on_roster: bool  # already on the roster with this key: ready to work


def join(
    url: str,
    target: Path,
    *,
    handle: str,
    name: str,
    email: str,
    key: Path | None,
    home: Path,
    passphrase: str | None = None,
) -> Joined:
    check_handle(handle)
    check_name(name)
    email = check_email(email)
    root = target.expanduser().resolve()
    if root.exists() and any(root.iterdir()):
        raise Refused("join_target_not_empty", path=str(root))
    key_path, made = _key(key, home, handle, passphrase)
    public = _public_key(key_path)
    Git(root.parent if root.parent.exists() else Path.cwd()).clone(url, root)
    if not (root / CONFIG_FILE).is_file():
        raise InvalidInput("join_not_logbook", url=url)
    git = Git(root)
    git.tune_repository()
    git.config_set("user.name", name)
    git.config_set("user.email", email)
    git.config_set("user.signingkey", str(key_path))
    git.config_set("gpg.ssh.allowedSignersFile", str(root / ALLOWED_SIGNERS_FILE))
    person = LogBook(root).roster.get(handle)
    ready = person is not None and person.active and person.key == public
    return Joined(root, handle, key_path, public, made, ready)


def _key(given: Path | None, home: Path, handle: str, passphrase: str | None) -> tuple[Path, bool]:
    """The person's private key: the one named, else their usual ed25519 key, else a new one."""
    if given is not None:
        path = given.expanduser()
        if not path.is_file():
            raise Refused("signing_key_unreadable", path=str(path))
        return path, False
    for name in ("id_ed25519", KEY_NAME):
        found = home / ".ssh" / name
        if found.is_file() and Path(f"{found}.pub").is_file():
            return found, False
    path = home / ".ssh" / KEY_NAME
    try:
        signing.make_key(path, f"{handle} (klipctl)", passphrase)
    except signing.KeyProblem as exc:
        raise Refused(exc.key, **exc.params) from None
    return path, True


def _public_key(private: Path) -> str:
    pub = Path(f"{private}.pub")
    if not pub.is_file():
        raise Refused("signing_key_unreadable", path=str(pub))
    parts = pub.read_text(encoding="ascii", errors="replace").split()
    if len(parts) < 2:
        raise Refused("signing_key_unreadable", path=str(pub))
    return f"{parts[0]} {parts[1]}"
