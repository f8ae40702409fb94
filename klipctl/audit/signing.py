"""Signatures over log book entries, in OpenSSH's own format, so auditors need only ssh-keygen.

An entry (or roster change) is signed over its *canonical encoding*: compact JSON with sorted
keys of its stored fields except ``sig``, UTF-8. That encoding includes ``prev``, the SHA-256 of
the previous entry's canonical encoding in the same failure (the first entry chains to the
failure's ID), so entries form a hash chain: editing, removing or swapping one breaks the chain.

Signatures are SSHSIG blobs (``ssh-keygen -Y sign -n klipctl@pajak.go.id``, SHA-512), stored
armored. Verifying runs in-process for ed25519 keys (the format is small and a subprocess per
entry is far too slow for a large log book); other key types fall back to ``ssh-keygen -Y
verify``. Signing uses ``cryptography`` for an unencrypted private key and ``ssh-keygen -Y sign``
otherwise (a passphrase, or a key held by ssh-agent).

``cryptography`` is imported inside the functions that need it, so ``klipctl --help`` and the
read-only commands stay fast.
"""

from __future__ import annotations

import base64
import binascii
import hashlib
import json
import os
import subprocess
import tempfile
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta, timezone
from functools import lru_cache
from pathlib import Path
from typing import Any

from klipctl.domain.roster import RosterChange

NAMESPACE = "klipctl@pajak.go.id"
GIT_NAMESPACE = "git"
KEY_FILE_MAX_BYTES = 64 * 1024  # an OpenSSH private key is a few kB, even RSA 8192
HASH_ALG = "sha512"
ENV_SIGNING_KEY = "KLIPCTL_SIGNING_KEY"
_MAGIC = b"SSHSIG"
_BEGIN = "-----BEGIN SSH SIGNATURE-----"
_END = "-----END SSH SIGNATURE-----"


class SignatureError(ValueError):
    """A signature that is malformed, by another key, or over other data."""


# --- canonical encoding and the chain -----------------------------------------------------------


# What ``json.dumps(body, sort_keys=True, separators=(",", ":"), ensure_ascii=False)`` makes,
# without building an encoder for each of a verify's million entries.
_CANONICAL = json.JSONEncoder(sort_keys=True, separators=(",", ":"), ensure_ascii=False)


def canonical(data: Mapping[str, Any]) -> bytes:
    """The bytes an entry's signature covers: every stored field but ``sig``."""
    body = {k: v for k, v in data.items() if k != "sig"}
    return _CANONICAL.encode(body).encode("utf-8")


def digest(data: Mapping[str, Any]) -> str:
    return hashlib.sha256(canonical(data)).hexdigest()


def genesis(name: str) -> str:
    """What the first entry of a chain points back to: the digest of the chain's name."""
    return hashlib.sha256(name.encode("utf-8")).hexdigest()


ROSTER_CHAIN = "klipctl-roster"


# --- the SSHSIG wire format ---------------------------------------------------------------------


def _string(data: bytes) -> bytes:
    return len(data).to_bytes(4, "big") + data


class _Reader:
    def __init__(self, data: bytes) -> None:
        self.data, self.pos = data, 0

    def take(self, n: int) -> bytes:
        if self.pos + n > len(self.data):
            raise SignatureError("truncated signature")
        chunk = self.data[self.pos : self.pos + n]
        self.pos += n
        return chunk

    def string(self) -> bytes:
        return self.take(int.from_bytes(self.take(4), "big"))


def signed_data(message: bytes, namespace: str, hash_alg: str = HASH_ALG) -> bytes:
    """What an SSHSIG signature actually signs (see OpenSSH's PROTOCOL.sshsig)."""
    hashed = hashlib.new(hash_alg, message).digest()
    return (
        _MAGIC
        + _string(namespace.encode())
        + _string(b"")
        + _string(hash_alg.encode())
        + _string(hashed)
    )


def armor(blob: bytes) -> str:
    text = base64.b64encode(blob).decode("ascii")
    lines = [text[i : i + 70] for i in range(0, len(text), 70)]
    return "\n".join([_BEGIN, *lines, _END]) + "\n"


def dearmor(text: str) -> bytes:
    lines = [line.strip() for line in text.strip().splitlines()]
    if len(lines) < 3 or lines[0] != _BEGIN or lines[-1] != _END:
        raise SignatureError("not an armored SSH signature")
    try:
        return base64.b64decode("".join(lines[1:-1]), validate=True)
    except (binascii.Error, ValueError):
        raise SignatureError("bad base64 in signature") from None


@dataclass(frozen=True)
class Parsed:
    public_blob: bytes
    namespace: str
    hash_alg: str
    sig_type: str
    sig_bytes: bytes
    blob: bytes


def parse(text: str) -> Parsed:
    blob = dearmor(text)
    r = _Reader(blob)
    if r.take(6) != _MAGIC or int.from_bytes(r.take(4), "big") != 1:
        raise SignatureError("not an SSHSIG version 1 signature")
    public_blob = r.string()
    namespace = r.string().decode("utf-8", "replace")
    r.string()  # reserved
    hash_alg = r.string().decode("ascii", "replace")
    sig = _Reader(r.string())
    sig_type = sig.string().decode("ascii", "replace")
    return Parsed(public_blob, namespace, hash_alg, sig_type, sig.string(), blob)


@lru_cache(maxsize=256)
def key_blob(public_key: str) -> bytes:
    """The wire form of an OpenSSH public key line ("type base64 [comment]"). Kept for the
    few keys of a roster: ``verify`` asks it for each of hundreds of thousands of entries."""
    parts = public_key.split()
    if len(parts) < 2:
        raise SignatureError("not an OpenSSH public key")
    try:
        return base64.b64decode(parts[1], validate=True)
    except (binascii.Error, ValueError):
        raise SignatureError("not an OpenSSH public key") from None


def fingerprint(public_key: str) -> str:
    """A public key as ``ssh-keygen -l`` names it: ``SHA256:`` and its blob's digest."""
    digest = hashlib.sha256(key_blob(public_key)).digest()
    return "SHA256:" + base64.b64encode(digest).decode("ascii").rstrip("=")


def verify(message: bytes, signature: str, public_key: str, namespace: str = NAMESPACE) -> None:
    """Raise SignatureError unless ``signature`` is ``public_key``'s over ``message``."""
    sig_bytes = _usual_ed25519_signature(signature, public_key, namespace)
    if sig_bytes is not None:
        from cryptography.exceptions import InvalidSignature

        key, prefix = _plain_form(public_key, namespace)
        try:
            key.verify(sig_bytes, prefix + hashlib.sha512(message).digest())
        except (InvalidSignature, ValueError):
            raise SignatureError("does not match the signed data") from None
        return
    parsed = parse(signature)
    if parsed.public_blob != key_blob(public_key):
        raise SignatureError("made with another key")
    if parsed.namespace != namespace:
        raise SignatureError(f"namespace {parsed.namespace!r}, not {namespace!r}")
    if parsed.hash_alg not in ("sha256", "sha512"):
        raise SignatureError(f"unknown hash {parsed.hash_alg!r}")
    data = signed_data(message, namespace, parsed.hash_alg)
    if parsed.sig_type == "ssh-ed25519":
        from cryptography.exceptions import InvalidSignature

        try:
            _ed25519_key(parsed.public_blob).verify(parsed.sig_bytes, data)
        except (InvalidSignature, ValueError):
            raise SignatureError("does not match the signed data") from None
        return
    _verify_with_ssh_keygen(message, signature, public_key, namespace)


def _usual_ed25519_signature(signature: str, public_key: str, namespace: str) -> bytes | None:
    """The 64 signature bytes when ``signature`` is armored exactly as klipctl and ssh-keygen
    write it and is an ed25519 SHA-512 signature by ``public_key`` in ``namespace`` (nearly
    every signature a verify checks), found by comparing its blob with the one such a
    signature must have, field for field; None for anything else, which ``parse`` then reads
    field by field (and names what is wrong). A verify checks close to a million of them."""
    head, tail = len(_BEGIN) + 1, len(_END) + 1
    if not (signature.startswith(_BEGIN + "\n") and signature.endswith(_END + "\n")):
        return None
    text = signature[head:-tail].replace("\n", "").encode("ascii", "replace")
    if not text:
        return None
    try:  # validate: nothing but the base64 alphabet (no space, no "?" for another character)
        blob = base64.b64decode(text, validate=True)
    except (binascii.Error, ValueError):
        return None
    try:
        _key, prefix = _plain_form(public_key, namespace)
    except SignatureError:
        return None
    expected = _plain_blob_head(public_key, namespace)
    if len(blob) != len(expected) + 64 or not blob.startswith(expected):
        return None
    return blob[len(expected) :]


@lru_cache(maxsize=256)
def _plain_blob_head(public_key: str, namespace: str) -> bytes:
    """An SSHSIG blob of ``public_key``'s (ed25519, SHA-512, ``namespace``), but the last 64
    bytes: the signature itself."""
    public = key_blob(public_key)
    return (
        _MAGIC
        + (1).to_bytes(4, "big")
        + _string(public)
        + _string(namespace.encode())
        + _string(b"")
        + _string(HASH_ALG.encode())
        + (4 + 11 + 4 + 64).to_bytes(4, "big")
        + _string(b"ssh-ed25519")
        + (64).to_bytes(4, "big")
    )


@lru_cache(maxsize=256)
def _plain_form(public_key: str, namespace: str) -> tuple[Any, bytes]:
    """The ed25519 key object of ``public_key`` and what its SHA-512 signatures in
    ``namespace`` sign, but the message's digest (``signed_data``'s start)."""
    public = key_blob(public_key)
    r = _Reader(public)
    if r.string() != b"ssh-ed25519":
        raise SignatureError("not an ed25519 key")
    prefix = _MAGIC + _string(namespace.encode()) + _string(b"") + _string(HASH_ALG.encode())
    return _ed25519_key(public), prefix + (64).to_bytes(4, "big")


@lru_cache(maxsize=256)
def _ed25519_key(public_blob: bytes) -> Any:
    """The key object for an ed25519 public key blob, made once per key (not per entry)."""
    from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PublicKey

    r = _Reader(public_blob)
    r.string()
    try:
        return Ed25519PublicKey.from_public_bytes(r.string())
    except ValueError:
        raise SignatureError("not an ed25519 key") from None


def _verify_with_ssh_keygen(message: bytes, signature: str, public_key: str, ns: str) -> None:
    with tempfile.TemporaryDirectory(prefix="klipctl-verify-") as tmp:
        signers = Path(tmp) / "allowed_signers"
        signers.write_text(f"signer {public_key}\n", encoding="utf-8")
        sig = Path(tmp) / "sig"
        sig.write_text(signature, encoding="utf-8")
        cmd = ["ssh-keygen", "-Y", "verify", "-f", str(signers), "-I", "signer", "-n", ns]
        try:
            proc = subprocess.run([*cmd, "-s", str(sig)], input=message, capture_output=True)
        except FileNotFoundError:
            raise SignatureError("ssh-keygen is needed to check this key type") from None
        if proc.returncode != 0:
            raise SignatureError("does not match the signed data")


# --- signing -----------------------------------------------------------------------------------


@dataclass(frozen=True)
class Signer:
    """A private key able to sign, and the public key it belongs to ("type base64")."""

    public_key: str
    key_path: str  # what git's user.signingkey gets for signing commits
    sign: Callable[[bytes, str], str]  # (message, namespace) -> armored signature


class KeyProblem(Exception):
    """The signing key cannot be found or read; ``key`` names the catalogue message."""

    def __init__(self, key: str, **params: Any) -> None:
        super().__init__(key)
        self.key, self.params = key, params


def key_source(env: Mapping[str, str], git_signingkey: str | None) -> str | None:
    """Where the private key is: $KLIPCTL_SIGNING_KEY, else git's user.signingkey."""
    return env.get(ENV_SIGNING_KEY) or git_signingkey or None


def load_signer(source: str, passphrase: Callable[[str], str | None] | None = None) -> Signer:
    """A signer for a private key file (or a ``key::`` public key held by ssh-agent).

    A passphrase-protected key is opened here (``passphrase(path)`` asks for it) when someone
    can be asked; otherwise ssh-keygen signs with it (through ssh-agent, or asking itself)."""
    if source.startswith("key::"):
        public = _short(source[len("key::") :])
        return Signer(public, source, _ssh_keygen_signer(public_literal=public))
    path = Path(source).expanduser()
    try:
        # A key is a small regular file: never a device, a FIFO or something endless.
        if not path.is_file():
            raise KeyProblem("signing_key_unreadable", path=str(path))
        with path.open("rb") as handle:
            data = handle.read(KEY_FILE_MAX_BYTES + 1)
    except OSError:
        raise KeyProblem("signing_key_unreadable", path=str(path)) from None
    if len(data) > KEY_FILE_MAX_BYTES:
        raise KeyProblem("signing_key_unreadable", path=str(path))
    if data.lstrip().startswith(b"ssh-") or data.lstrip().startswith(b"ecdsa-"):
        # A public key file: the private half is in ssh-agent; ssh-keygen signs with it.
        public = _short(data.decode("ascii", "replace"))
        return Signer(public, str(path), _ssh_keygen_signer(key_file=path))
    from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey

    plain = _plain_ed25519(data)
    if plain is not None:
        return _ed25519_signer(Ed25519PrivateKey.from_private_bytes(plain), str(path))
    from cryptography.hazmat.primitives import serialization

    try:
        try:
            private = serialization.load_ssh_private_key(data, password=None)
        except TypeError:  # encrypted: opened with its passphrase, if it can be asked for
            given = passphrase(str(path)) if passphrase is not None else None
            if given is None:
                raise
            try:
                private = serialization.load_ssh_private_key(data, password=given.encode())
            except ValueError:
                raise KeyProblem("signing_passphrase_wrong", path=str(path)) from None
    except (ValueError, TypeError):
        # Encrypted, or a type cryptography does not read: ssh-keygen asks for the passphrase.
        pub_path = Path(str(path) + ".pub")
        if not pub_path.is_file():
            raise KeyProblem("signing_key_unreadable", path=str(path)) from None
        public = _short(pub_path.read_text(encoding="ascii", errors="replace"))
        return Signer(public, str(path), _ssh_keygen_signer(key_file=path))
    public = _short(
        private.public_key()
        .public_bytes(serialization.Encoding.OpenSSH, serialization.PublicFormat.OpenSSH)
        .decode("ascii")
    )
    if not isinstance(private, Ed25519PrivateKey):
        return Signer(public, str(path), _ssh_keygen_signer(key_file=path))
    return _ed25519_signer(private, str(path))


_OPENSSH_BEGIN = b"-----BEGIN OPENSSH PRIVATE KEY-----"
_OPENSSH_END = b"-----END OPENSSH PRIVATE KEY-----"


def _plain_ed25519(data: bytes) -> bytes | None:
    """The 32-byte seed of an unencrypted OpenSSH ed25519 private key (what ssh-keygen -t
    ed25519 -N "" and ``make_key`` write: OpenSSH's PROTOCOL.key), read here because
    cryptography's reader of every key format costs every write a tenth of its start-up; None
    for anything else (a passphrase, another type, something odd), which that reader then
    opens, or refuses, as before."""
    text = data.strip()
    if not (text.startswith(_OPENSSH_BEGIN) and text.endswith(_OPENSSH_END)):
        return None
    try:
        blob = base64.b64decode(b"".join(text[len(_OPENSSH_BEGIN) : -len(_OPENSSH_END)].split()),
                                validate=True)  # fmt: skip
        r = _Reader(blob)
        if r.take(15) != b"openssh-key-v1\0":
            return None
        cipher, kdf, _options = r.string(), r.string(), r.string()
        if cipher != b"none" or kdf != b"none" or int.from_bytes(r.take(4), "big") != 1:
            return None
        public = _Reader(r.string())
        if public.string() != b"ssh-ed25519":
            return None
        public_key = public.string()
        private = _Reader(r.string())
        check = private.take(8)
        if check[:4] != check[4:] or private.string() != b"ssh-ed25519":
            return None
        if private.string() != public_key:
            return None
        secret = private.string()
    except (SignatureError, binascii.Error, ValueError):
        return None
    if len(public_key) != 32 or len(secret) != 64 or secret[32:] != public_key:
        return None
    return secret[:32]


def _ed25519_signer(private: Any, path: str) -> Signer:
    """Signs SSHSIG signatures in this process with an ed25519 key (cryptography's)."""
    raw_public = private.public_key().public_bytes_raw()
    blob = _string(b"ssh-ed25519") + _string(raw_public)
    public = "ssh-ed25519 " + base64.b64encode(blob).decode("ascii")

    def sign(message: bytes, namespace: str) -> str:
        raw = private.sign(signed_data(message, namespace))
        sig = _string(_string(b"ssh-ed25519") + _string(raw))
        return armor(
            _MAGIC
            + (1).to_bytes(4, "big")
            + _string(blob)
            + _string(namespace.encode())
            + _string(b"")
            + _string(HASH_ALG.encode())
            + sig
        )

    return Signer(public, path, sign)


def _short(public_key: str) -> str:
    parts = public_key.split()
    if len(parts) < 2:
        raise KeyProblem("signing_key_unreadable", path=public_key[:40])
    return f"{parts[0]} {parts[1]}"


def _ssh_keygen_signer(
    *, key_file: Path | None = None, public_literal: str | None = None
) -> Callable[[bytes, str], str]:
    def sign(message: bytes, namespace: str) -> str:
        with tempfile.TemporaryDirectory(prefix="klipctl-sign-") as tmp:
            target = key_file
            if target is None:
                target = Path(tmp) / "key.pub"
                target.write_text(f"{public_literal}\n", encoding="ascii")
            msg = Path(tmp) / "message"
            msg.write_bytes(message)
            cmd = ["ssh-keygen", "-q", "-Y", "sign", "-f", str(target), "-n", namespace]
            try:
                proc = subprocess.run([*cmd, str(msg)], capture_output=True, env=os.environ)
            except FileNotFoundError:
                raise KeyProblem("ssh_keygen_missing") from None
            if proc.returncode != 0:
                raise KeyProblem("signing_failed", path=str(key_file or "key::"))
            return (Path(str(msg) + ".sig")).read_text(encoding="ascii")

    return sign


# --- allowed signers ------------------------------------------------------------------------------


# --- signed git commits -------------------------------------------------------------------------


def split_commit(raw: bytes) -> tuple[bytes, str | None, datetime | None]:
    """A commit object without its ``gpgsig`` header, the signature, and the commit time."""
    head, sep, message = raw.partition(b"\n\n")
    if not head.startswith(b"gpgsig ") and b"\ngpgsig " not in head:
        # Unsigned (a verify reads close to a million commits): the object is the payload.
        at = head.rfind(b"\ncommitter ") + 1  # the last committer line, as below
        if at == 0 and not head.startswith(b"committer "):
            return raw, None, None
        last = head.find(b"\n", at)
        return raw, None, commit_time(head[at:] if last < 0 else head[at:last])
    kept: list[bytes] = []
    sig_lines: list[bytes] = []
    in_sig = False
    when: datetime | None = None
    for line in head.split(b"\n"):
        if line.startswith(b"gpgsig "):
            in_sig = True
            sig_lines.append(line[len(b"gpgsig ") :])
        elif in_sig and line.startswith(b" "):
            sig_lines.append(line[1:])
        else:
            in_sig = False
            kept.append(line)
            if line.startswith(b"committer "):
                when = commit_time(line)
    sig = b"\n".join(sig_lines).decode("ascii", "replace") if sig_lines else None
    return b"\n".join(kept) + sep + message, sig, when


def commit_time(line: bytes) -> datetime | None:
    parts = line.split()
    try:
        seconds, offset = int(parts[-2]), parts[-1].decode()
        sign = -1 if offset.startswith("-") else 1
        tz = timezone(sign * timedelta(hours=int(offset[1:3]), minutes=int(offset[3:5])))
        return datetime.fromtimestamp(seconds, UTC).astimezone(tz)
    except (ValueError, IndexError):
        return None


def allowed_signers_line(principals: list[str], public_key: str, after: str, before: str) -> str:
    """One line of an OpenSSH allowed_signers file (``valid-*`` as YYYYMMDDhhmmss, UTC)."""
    options = [f'namespaces="{GIT_NAMESPACE},{NAMESPACE}"']
    if after:
        options.append(f'valid-after="{after}Z"')
    if before:
        options.append(f'valid-before="{before}Z"')
    return f"{','.join(principals)} {','.join(options)} {public_key}"


# --- allowed signers ----------------------------------------------------------------------------

ALLOWED_SIGNERS_HEADER = (
    "# klipctl: the roster's public keys for `git log --show-signature` and\n"
    "# `ssh-keygen -Y verify`. Generated by klipctl from roster.yaml in the same commit as each\n"
    "# key change; do not edit.\n"
)


def allowed_signers_text(changes: list[RosterChange]) -> str:
    """The allowed_signers file for the roster: each key with the period it was valid."""

    def stamp(at: datetime) -> str:
        return at.astimezone(UTC).strftime("%Y%m%d%H%M%S")

    periods: dict[str, list[tuple[str, str, str]]] = {}  # handle -> [(key, after, before)]
    emails: dict[str, str] = {}
    for change in changes:
        if "email" in change.fields and change.fields["email"]:
            emails[change.handle] = str(change.fields["email"])
        if "key" not in change.fields and change.action != "remove":
            continue
        spans = periods.setdefault(change.handle, [])
        if spans and not spans[-1][2]:  # a new key, or the person removed: the old one ends
            spans[-1] = (spans[-1][0], spans[-1][1], stamp(change.at))
        if change.action != "remove" and change.fields["key"]:
            spans.append((str(change.fields["key"]), stamp(change.at), ""))
    lines = []
    for handle in sorted(periods):
        principals = [handle, emails.get(handle, f"{handle}@klipctl.invalid")]
        for key, after, before in periods[handle]:
            lines.append(allowed_signers_line(principals, key, after, before))
    return ALLOWED_SIGNERS_HEADER + "".join(line + "\n" for line in lines)


# --- a key of one's own -------------------------------------------------------------------------


def make_key(path: Path, comment: str, passphrase: str | None = None) -> str:
    """A new ed25519 key pair at ``path`` and ``path.pub``, made here (no ssh-keygen needed),
    in OpenSSH's format with the permissions it expects (private: owner only); its public key.
    Never over an existing file."""
    from cryptography.hazmat.primitives import serialization
    from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey

    if path.exists() or Path(f"{path}.pub").exists():
        raise KeyProblem("key_exists", path=str(path))
    key = Ed25519PrivateKey.generate()
    encryption: serialization.KeySerializationEncryption = (
        serialization.BestAvailableEncryption(passphrase.encode())
        if passphrase
        else serialization.NoEncryption()
    )
    private = key.private_bytes(
        serialization.Encoding.PEM, serialization.PrivateFormat.OpenSSH, encryption
    )
    public = (
        key.public_key()
        .public_bytes(serialization.Encoding.OpenSSH, serialization.PublicFormat.OpenSSH)
        .decode("ascii")
    )
    path.parent.mkdir(parents=True, exist_ok=True, mode=0o700)
    # Created owner-only from the start (no moment where others could read it); on Windows the
    # mode is ignored and the file gets the user profile's own permissions.
    fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    with os.fdopen(fd, "wb") as handle:
        handle.write(private)
    Path(f"{path}.pub").write_text(f"{public} {comment}\n", encoding="ascii")
    return public


def key_too_open(path: Path) -> bool:
    """A private key others may read: OpenSSH (ssh, ssh-agent, ssh-keygen) refuses to use it.
    Only meaningful where files have POSIX modes."""
    if os.name == "nt":
        return False
    try:
        return bool(path.stat().st_mode & 0o077)
    except OSError:
        return False
