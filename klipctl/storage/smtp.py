"""The one module that talks to a mail server (SMTP), and says exactly what went wrong.

Every failure becomes a ``MailFailed`` naming its kind, because each asks for a different fix:
the server cannot be reached (host, port, firewall), TLS does not work (the ``security``
setting), the login is refused (user name, the password variable), or the server refuses the
sender or a recipient.
"""

from __future__ import annotations

import smtplib
import socket
import ssl
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass

from klipctl.errors import MailFailed
from klipctl.storage.config import Notify

TIMEOUT_SECONDS = 10.0


@dataclass(frozen=True)
class Outgoing:
    sender: str
    recipients: Sequence[str]
    data: bytes


def _where(n: Notify) -> str:
    return f"{n.smtp_host}:{n.smtp_port}"


@contextmanager
def connection(n: Notify, password: str | None) -> Iterator[Callable[[Outgoing], None]]:
    """A session with the configured server; yields ``send(message)``. A message the server
    refuses raises ``MailFailed("mail_refused")`` and the session goes on."""
    where = _where(n)
    try:
        if n.security == "tls":
            client: smtplib.SMTP = smtplib.SMTP_SSL(
                n.smtp_host, n.smtp_port, timeout=TIMEOUT_SECONDS,
                context=ssl.create_default_context(),
            )  # fmt: skip
        else:
            client = smtplib.SMTP(n.smtp_host, n.smtp_port, timeout=TIMEOUT_SECONDS)
    except ssl.SSLError as exc:
        raise MailFailed("mail_tls", where=where, reason=_reason(exc)) from None
    except (OSError, smtplib.SMTPException) as exc:
        raise MailFailed("mail_connect", where=where, reason=_reason(exc)) from None
    try:
        try:
            client.ehlo()
            if n.security == "starttls":
                client.starttls(context=ssl.create_default_context())
                client.ehlo()
        except (ssl.SSLError, smtplib.SMTPNotSupportedError, smtplib.SMTPResponseException) as exc:
            raise MailFailed("mail_tls", where=where, reason=_reason(exc)) from None
        except (OSError, smtplib.SMTPException) as exc:
            raise MailFailed("mail_connect", where=where, reason=_reason(exc)) from None
        if n.username:
            try:
                client.login(n.username, password or "")
            except (smtplib.SMTPAuthenticationError, smtplib.SMTPNotSupportedError) as exc:
                raise MailFailed("mail_login", where=where, user=n.username,
                                 reason=_reason(exc)) from None  # fmt: skip
            except (OSError, smtplib.SMTPException) as exc:
                raise MailFailed("mail_connect", where=where, reason=_reason(exc)) from None

        def send(message: Outgoing) -> None:
            try:
                client.sendmail(message.sender, list(message.recipients), message.data)
            except (smtplib.SMTPRecipientsRefused, smtplib.SMTPSenderRefused,
                    smtplib.SMTPDataError) as exc:  # fmt: skip
                raise MailFailed("mail_refused", where=where,
                                 reason=_reason(exc)) from None  # fmt: skip
            except (OSError, smtplib.SMTPException) as exc:
                raise MailFailed("mail_connect", where=where, reason=_reason(exc)) from None

        yield send
    finally:
        try:
            client.quit()
        except (OSError, smtplib.SMTPException):
            client.close()


def _reason(exc: BaseException) -> str:
    if isinstance(exc, smtplib.SMTPRecipientsRefused):
        refused = exc.recipients.items()
        return "; ".join(f"{who}: {code} {_text(msg)}" for who, (code, msg) in refused)
    if isinstance(exc, smtplib.SMTPResponseException):
        return f"{exc.smtp_code} {_text(exc.smtp_error)}"
    if isinstance(exc, socket.timeout | TimeoutError):
        return f"no answer within {TIMEOUT_SECONDS:.0f} s"
    return str(exc) or type(exc).__name__


def _text(raw: bytes | str) -> str:
    return raw.decode("utf-8", "replace") if isinstance(raw, bytes) else str(raw)
