"""Mail from the central repository: a real SMTP server (aiosmtpd) on 127.0.0.1, a bare central
repository with klipctl's hooks installed, two clones pushing a whole walk through the SOP."""

from __future__ import annotations

import socket
import subprocess
from collections.abc import Iterator
from dataclasses import dataclass, field
from email import message_from_bytes
from email.policy import default
from pathlib import Path
from typing import Any

import pytest
from conftest import Book

from klipctl.errors import InvalidInput, MailFailed, Refused

pytest.importorskip("aiosmtpd")
from aiosmtpd.controller import Controller  # noqa: E402
from aiosmtpd.smtp import AuthResult  # noqa: E402


@dataclass
class Mailbox:
    """What the SMTP server received: (recipient, subject, body) per delivered copy."""

    got: list[tuple[str, str, str]] = field(default_factory=list)
    refuse: set[str] = field(default_factory=set)

    async def handle_RCPT(self, server: Any, session: Any, envelope: Any, address: str, options: Any) -> str:  # noqa: E501, N802
        if address in self.refuse:
            return "550 5.1.1 no such mailbox"
        envelope.rcpt_tos.append(address)
        return "250 OK"

    async def handle_DATA(self, server: Any, session: Any, envelope: Any) -> str:  # noqa: N802
        msg = message_from_bytes(envelope.original_content, policy=default)
        body = msg.get_body()
        text = body.get_content() if body is not None else ""
        for rcpt in envelope.rcpt_tos:
            self.got.append((rcpt, str(msg["Subject"]), text))
        return "250 Message accepted"

    def to(self) -> list[str]:
        return sorted(r.split("@")[0] for r, _s, _b in self.got)

    def take(self) -> list[tuple[str, str, str]]:
        got, self.got = self.got, []
        return got


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


class Server:
    def __init__(self, port: int, box: Mailbox, **kw: Any) -> None:
        self.port, self.box, self.kw = port, box, kw
        self.controller: Controller | None = None

    def start(self) -> None:
        self.controller = Controller(self.box, hostname="127.0.0.1", port=self.port, **self.kw)
        self.controller.start()

    def stop(self) -> None:
        if self.controller is not None:
            self.controller.stop()
            self.controller = None


@pytest.fixture
def smtp() -> Iterator[Server]:
    server = Server(free_port(), Mailbox())
    server.start()
    yield server
    server.stop()


def _configure(book: Book, port: int) -> None:
    for key, value in (
        ("notify.smtp_host", "127.0.0.1"),
        ("notify.smtp_port", str(port)),
        ("notify.sender", "klip@pajak.go.id"),
        ("site.url", "http://klip.kantor.lan"),
        ("notify.enabled", "ya"),
    ):
        r = book("config", "set", key, value, user="budi")
        assert r.ok, r.stderr


def _add_head(book: Book) -> None:
    r = book("roster", "add", "kepala", "--name", "Hendra Wijaya", "--nip",
             "197001011995031001", "--role", "head", "--email", "kepala@pajak.go.id",
             user="budi")  # fmt: skip
    assert r.ok, r.stderr


def _pending(central: Path) -> list[Path]:
    return sorted((central.parent / (central.name + ".klipctl") / "outbox").glob("*.eml"))


def test_each_push_mails_whoever_acts_next_and_nobody_twice(
    book: Book, other: Book, central: Path, smtp: Server
) -> None:
    _add_head(book)
    _configure(book, smtp.port)
    box = smtp.box
    assert box.take() == []  # configuration and roster commits are nobody's next step
    fid = book.report(user="rina")
    mails = box.take()
    assert sorted(r for r, _s, _b in mails) == ["sari@pajak.go.id", "tono@pajak.go.id"]
    _to, subject, body = mails[0]
    # In the log book's language (Indonesian), whatever the pusher's terminal speaks.
    assert subject == f"[KLIP] {fid} Print server down: menunggu tindakan Anda (Dilaporkan)"
    assert f"klipctl record {fid}" in body
    assert f"http://klip.kantor.lan/f/{fid}.html" in body
    assert "Rina Marlina" in body

    # The whole SOP, the steps shared between the two clones.
    walk = [
        (other, ("record", fid), "sari", ["budi"]),
        (book, ("assign", fid, "--to", "andi"), "budi", ["andi"]),
        (other, ("resolve", fid, "--action", "Restarted the spooler"), "andi", ["budi"]),
        (book, ("review", fid, "--accept", "--drafter", "sari"), "budi", ["sari"]),
        (other, ("draft", fid), "sari", ["budi"]),
        # Signed: the head of office and the clerks (budi, who delivers next, signed it).
        (book, ("sign", fid, "--yes"), "budi", ["kepala", "sari", "tono"]),
        # Delivered: the clerks file it next; the head of office is told too.
        (book, ("deliver", fid, "--yes"), "budi", ["kepala", "sari", "tono"]),
        (other, ("archive", fid, "--yes"), "sari", []),
    ]
    for clone, args, user, told in walk:
        r = clone(*args, user=user)
        assert r.ok, (args, r.stderr)
        assert box.to() == told, args
        box.take()
    assert "Batas waktu: belum ditugaskan" in body
    # Nothing waits, and a flush (as cron runs it) sends nothing again.
    assert _pending(central) == []
    r = book.cli("notify", "flush", str(central))
    assert r.ok and "0 mails sent" in r.stderr
    assert box.got == []


def test_a_note_tells_the_people_involved_and_a_removed_person_gets_nothing(
    book: Book, central: Path, smtp: Server
) -> None:
    _configure(book, smtp.port)
    fid = book.report(user="rina")
    book.walk(fid, "assigned")
    smtp.box.take()
    later = {"now": "2026-03-10T11:00:00+07:00"}
    r = book("roster", "remove", "sari", "--reason", "Pindah tugas", user="budi", **later)
    assert r.ok, r.stderr
    r = book("note", fid, "--text", "Suku cadang dipesan", user="andi", **later)
    assert r.ok, r.stderr
    # Involved: rina reported, budi assigned, andi is assigned (and wrote it); sari recorded
    # it but has left the roster.
    assert smtp.box.to() == ["budi", "rina"]


def test_with_the_mail_server_down_pushes_still_land_and_the_mail_waits(
    book: Book, central: Path, smtp: Server
) -> None:
    _configure(book, smtp.port)
    smtp.stop()
    fid = book.report(user="rina")
    r = book("record", fid, user="sari")
    assert r.ok, r.stderr
    assert book.git("rev-parse", "HEAD") == subprocess.run(
        ["git", "rev-parse", "main"], cwd=central, capture_output=True, text=True, check=True
    ).stdout  # both pushes were stored
    assert len(_pending(central)) == 3  # two clerks for the report, the supervisor for the record
    r = book.cli("notify", "flush", str(central))
    assert r.exit_code == 1 and "3 mails wait in the queue" in r.stderr
    assert "cannot be reached" in r.stderr
    smtp.start()
    r = book.cli("notify", "flush", str(central))
    assert r.ok, r.stderr
    assert "3 mails sent" in r.stderr
    assert smtp.box.to() == ["budi", "sari", "tono"]
    assert _pending(central) == []
    # The next push sends only its own news.
    smtp.box.take()
    assert book("assign", fid, "--to", "andi", user="budi").ok
    assert smtp.box.to() == ["andi"]


def test_notify_test_says_what_failed(book: Book, smtp: Server) -> None:
    _configure(book, smtp.port)
    r = book("notify", "test", "budi@pajak.go.id")
    assert r.ok, r.stderr
    assert smtp.box.to() == ["budi"] and smtp.box.got[0][1] == "[KLIP] klipctl test mail"
    smtp.box.refuse.add("nobody@pajak.go.id")
    r = book("notify", "test", "nobody@pajak.go.id")
    assert r.refused("mail_refused", MailFailed) and "550" in r.stderr
    r = book("notify", "test", "not-an-address")
    assert r.refused("invalid_email", InvalidInput)
    assert book("config", "set", "notify.security", "starttls", user="budi").ok
    r = book("notify", "test", "budi@pajak.go.id")
    assert r.refused("mail_tls", MailFailed)
    assert book("config", "set", "notify.security", "none", user="budi").ok
    assert book("config", "set", "notify.smtp_port", str(free_port()), user="budi").ok
    r = book("notify", "test", "budi@pajak.go.id")
    assert r.refused("mail_connect", MailFailed) and "cannot be reached" in r.stderr


def test_a_refused_login_and_a_missing_password_are_named(book: Book) -> None:
    def authenticator(*_args: Any) -> AuthResult:
        return AuthResult(success=False, handled=False)

    server = Server(free_port(), Mailbox(), authenticator=authenticator, auth_require_tls=False)
    server.start()
    try:
        _configure(book, server.port)
        assert book("config", "set", "notify.username", "klip", user="budi").ok
        assert book("config", "set", "notify.password_env", "KLIP_SMTP_PASSWORD", user="budi").ok
        r = book("notify", "test", "budi@pajak.go.id")
        assert r.refused("mail_no_password", MailFailed) and "KLIP_SMTP_PASSWORD" in r.stderr
        r = book("notify", "test", "budi@pajak.go.id", env={"KLIP_SMTP_PASSWORD": "salah"})
        assert r.refused("mail_login", MailFailed) and "'klip'" in r.stderr
    finally:
        server.stop()


def test_without_a_server_set_notify_test_says_which_setting(book: Book) -> None:
    r = book("notify", "test", "budi@pajak.go.id")
    assert r.refused("notify_no_host", Refused)


def test_the_digest_prints_what_it_would_send_and_sends_on_working_days(
    book: Book, smtp: Server
) -> None:
    _add_head(book)
    _configure(book, smtp.port)
    late = book.report("Server e-Filing lambat", user="rina", now="2026-02-02T09:00:00+07:00")
    book.walk(late, "assigned", now="2026-02-02T10:00:00+07:00")
    fresh = book.report("Scanner macet", user="rina")
    r = book("digest")
    assert r.ok, r.stderr
    assert smtp.box.got == []  # without --send, only shown
    assert "To: Andi Pratama <andi@pajak.go.id>" in r.stdout
    assert f"klipctl resolve {late}" in r.stdout
    assert f"klipctl record {fresh}" in r.stdout  # the clerks' own list
    assert "would be sent by `klipctl digest --send`" in r.stderr
    r = book("digest", "--send")
    assert r.ok, r.stderr
    got = {rcpt.split("@")[0]: (subject, text) for rcpt, subject, text in smtp.box.take()}
    assert sorted(got) == ["andi", "budi", "kepala", "sari", "tono"]
    subject, text = got["kepala"]
    assert "Terlambat atau mendekati tenggat" in text and late in text
    assert "Tidak ada yang menunggu tindakan Anda hari ini." in text
    assert subject == "[KLIP] Ringkasan 10 Maret 2026: 0 menunggu Anda"
    # A Saturday: nothing is sent.
    r = book("digest", "--send", now="2026-03-14T07:00:00+07:00")
    assert r.ok and "is not a working day" in r.stderr
    assert smtp.box.got == []


def test_hook_install_puts_both_hooks_and_the_server_folder(tmp_path: Path, book: Book) -> None:
    bare = tmp_path / "klip.git"
    subprocess.run(["git", "init", "-q", "--bare", str(bare)], check=True)
    r = book.cli("hook", "install", str(bare))
    assert r.ok, r.stderr
    post = (bare / "hooks" / "post-receive").read_text(encoding="utf-8")
    assert "klipctl hook post-receive" in post and "klip.git.klipctl/env" in post
    assert (tmp_path / "klip.git.klipctl").is_dir()
    assert "post-receive" in r.stderr
