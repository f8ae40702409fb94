"""verify's quick paths through a signature and a commit object give exactly what the full
reading gives: the same signatures pass, the same are refused (with the same reason), the same
commit payloads, signatures and times come out."""

from __future__ import annotations

import base64

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from klipctl.audit import signing


@pytest.fixture(scope="module")
def keys(tmp_path_factory: pytest.TempPathFactory) -> tuple[signing.Signer, signing.Signer]:
    folder = tmp_path_factory.mktemp("keys")
    signing.make_key(folder / "a", "a")
    signing.make_key(folder / "b", "b")
    return signing.load_signer(str(folder / "a")), signing.load_signer(str(folder / "b"))


def _outcome(message: bytes, sig: str, key: str, namespace: str, quick: bool) -> str:
    """Either "ok" or the reason the signature was refused, through the quick path or only the
    full reading (the quick path switched off)."""
    saved = signing._usual_ed25519_signature
    if not quick:
        signing._usual_ed25519_signature = lambda *args: None  # type: ignore[assignment]
    try:
        signing.verify(message, sig, key, namespace)
        return "ok"
    except signing.SignatureError as exc:
        return str(exc)
    finally:
        signing._usual_ed25519_signature = saved  # type: ignore[assignment]


def _variants(sig: str) -> list[str]:
    """The signature, and ways of writing or changing it that the full reading judges."""
    blob = signing.dearmor(sig)
    lines = sig.splitlines()
    other_hash = blob.replace(b"\x00\x00\x00\x06sha512", b"\x00\x00\x00\x06sha256")
    return [
        sig,
        sig.replace("\n", "\r\n"),  # other line ends
        "  " + sig + "\n\n",  # space around
        "\n".join(line + " " for line in lines) + "\n",  # spaces after each line
        "\n".join([lines[0], "".join(lines[1:-1]), lines[-1]]) + "\n",  # one long line
        sig[:-1],  # no last newline
        signing.armor(blob + b"\x00"),  # a byte more
        signing.armor(blob[:-1]),  # a byte less
        signing.armor(blob[:-1] + bytes([blob[-1] ^ 1])),  # another signature
        signing.armor(other_hash),  # another hash named
        signing.armor(blob.replace(b"klipctl@pajak.go.id", b"klipctl@pajak.go.ix")),
        signing.armor(b"SSHSIG\x00\x00\x00\x02" + blob[10:]),  # another version
        lines[0] + "\n" + base64.b64encode(blob).decode()[:-2] + "\n" + lines[-1] + "\n",
        lines[0] + "\n" + "é" + "\n" + lines[-1] + "\n",
        lines[0] + "\n\n" + lines[-1] + "\n",
        "",
    ]


@pytest.mark.parametrize("namespace", [signing.NAMESPACE, signing.GIT_NAMESPACE])
def test_quick_signature_check_judges_as_the_full_reading(
    keys: tuple[signing.Signer, signing.Signer], namespace: str
) -> None:
    a, b = keys
    message = b'{"action":"report"}'
    sig = a.sign(message, namespace)
    # the quick path
    assert signing._usual_ed25519_signature(sig, a.public_key, namespace) is not None
    assert _outcome(message, sig, a.public_key, namespace, quick=True) == "ok"
    for variant in _variants(sig):
        for key in (a.public_key, b.public_key, "ssh-rsa AAAA", "nonsense"):
            for ns in (namespace, "other"):
                for text in (message, message + b" "):
                    quick = _outcome(text, variant, key, ns, quick=True)
                    assert quick == _outcome(text, variant, key, ns, quick=False), variant


def _split_by_lines(raw: bytes) -> tuple[bytes, str | None, object]:
    """split_commit as it reads a signed commit: line by line."""
    head, sep, message = raw.partition(b"\n\n")
    kept, sig_lines, in_sig, when = [], [], False, None
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
                when = signing.commit_time(line)
    sig = b"\n".join(sig_lines).decode("ascii", "replace") if sig_lines else None
    return b"\n".join(kept) + sep + message, sig, when


_HEADER_LINES = [
    b"tree 4b825dc642cb6eb9a060e54bf8d69288fbee4904",
    b"parent 4b825dc642cb6eb9a060e54bf8d69288fbee4904",
    b"author A <a@x> 1700000000 +0700",
    b"committer C <c@x> 1700000000 +0700",
    b"committer D <d@x> 1700000100 -0130",
    b"committer bad",
    b"xcommitter E 5 +0000",
    b"gpgsig -----BEGIN SSH SIGNATURE-----",
    b" U1NIU0lH",
    b" gpgsig x",
    b"",
    b"message",
    b"committer in the message 1 +0000",
]


@settings(max_examples=3000, deadline=None)
@given(st.lists(st.sampled_from(_HEADER_LINES), max_size=9), st.sampled_from([b"", b"\n"]))
def test_commit_split_as_line_by_line(lines: list[bytes], end: bytes) -> None:
    raw = b"\n".join(lines) + end
    assert signing.split_commit(raw) == _split_by_lines(raw)
