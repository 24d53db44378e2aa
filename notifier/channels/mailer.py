"""Email digests over SMTP: one rendered message, one copy per recipient, one connection.

Outcome rules (the digest is one unit, so every alert in it gets the same result):

- every recipient accepted → ok.
- some accepted, the rest refused permanently (5xx) → ok, with the refused addresses named in
  `error`: retrying cannot reach them and would send duplicates to the others.
- every recipient refused permanently, or the server rejected our login → permanent failure.
- anything else (4xx replies, refused or dropped connections, timeouts, TLS failures) → transient
  failure, and the whole digest is retried. A recipient who already had it may get it twice; the
  Message-ID is the same, and a duplicate is better than a lost alert.

A TLS certificate that does not verify is transient: the alerts are still good, the fault is in
the server or the network (a lapsed certificate, or someone in the middle), and once an operator
fixes it the retries get through. The password is never sent over an unverified connection, nor
unencrypted to another machine (SMTP_SECURITY=none signs in on loopback only: mail_settings.py).

Every error this channel returns (it becomes outbox.last_error) or logs is scrubbed of the password
in every form a login carries it: raw, URL-encoded, and AUTH PLAIN / LOGIN base64, including what
a server echoes back in its refusal.
"""

from __future__ import annotations

import logging
import smtplib
import socket
import ssl
from datetime import datetime
from email.message import EmailMessage

from config.models import Subscription
from notifier.alerts import Alert, DeliveryResult
from notifier.channels.digest_mail import NO_RECIPIENTS, DigestMail
from notifier.channels.mail_settings import (
    DEFAULT_PORTS,
    SECURITY_MODES,
    SmtpSettings,
    address_of,
    mail_identity,
)
from notifier.channels.outcome import Outcome

__all__ = ["DEFAULT_PORTS", "SECURITY_MODES", "EmailChannel", "SmtpSettings", "mail_identity"]

log = logging.getLogger("fundwatch.email")


class _Refused(Exception):
    """A recipient the server would not take, and whether trying again could help."""

    def __init__(self, reason: str, permanent: bool):
        super().__init__(reason)
        self.permanent = permanent


def _reply(code: int, message: bytes | str) -> str:
    text = message.decode("utf-8", "replace") if isinstance(message, bytes) else str(message)
    return f"{code} {' '.join(text.split())}"


class EmailChannel(DigestMail):
    def __init__(self, settings: SmtpSettings):
        self.settings = settings
        self.mail_from, self.contact = settings.mail_from, settings.contact

    def deliver(
        self,
        subscription: Subscription,
        alerts: list[Alert],
        now: datetime,
        *,
        cadence: str = "instant",
        coverage: str | None = None,
    ) -> list[DeliveryResult]:
        msg, recipients = self.digest(subscription, alerts, now, cadence, coverage)
        if msg is None:
            return []
        if not recipients:
            return NO_RECIPIENTS.results(alerts)
        ok, error, permanent = self._attempt(msg, recipients)
        if error is not None:
            # Every word that leaves this channel, stored or logged, is scrubbed first.
            error = self.settings.scrub(error)
            log.warning("email for %s: %s", subscription.id, error)
        return Outcome(ok=ok, error=error, permanent=permanent).results(alerts)

    def send_message(self, msg: EmailMessage, recipients: list[str]) -> str | None:
        """A message fundwatch writes itself (a notice to curators): None when sent, else why not
        (scrubbed of credentials, like every error this channel lets out)."""
        msg["From"] = self.settings.mail_from
        ok, error, _ = self._attempt(msg, recipients)
        return None if ok else self.settings.scrub(error or "not sent")

    def _attempt(self, msg: EmailMessage, recipients: list[str]) -> tuple[bool, str | None, bool]:
        """(ok, error, permanent) for one message to these recipients; the error not yet scrubbed."""
        try:
            refused = self._send(msg, recipients)
        except smtplib.SMTPAuthenticationError as exc:
            return False, f"SMTP login refused: {_reply(exc.smtp_code, exc.smtp_error)}", True
        except _Refused as exc:
            return False, str(exc), exc.permanent
        except Exception as exc:  # noqa: BLE001 - every other failure is worth a retry
            return False, self._describe(exc), False
        if len(refused) == len(recipients):
            return False, "all recipients refused: " + "; ".join(refused), True
        if refused:
            return True, "some recipients refused: " + "; ".join(refused), False
        return True, None, False

    def _connect(self) -> smtplib.SMTP:
        s = self.settings
        if s.security == "ssl":
            return smtplib.SMTP_SSL(
                s.host, s.port, timeout=s.timeout, context=ssl.create_default_context()
            )
        smtp = smtplib.SMTP(s.host, s.port, timeout=s.timeout)
        if s.security == "starttls":
            try:
                # A context that checks the certificate: the stdlib default does not.
                smtp.starttls(context=ssl.create_default_context())
            except BaseException:
                smtp.close()
                raise
        return smtp

    def _send(self, msg: EmailMessage, recipients: list[str]) -> list[str]:
        """Send one copy per recipient; return the permanently refused ones, or raise."""
        s = self.settings
        envelope_from = address_of(s.mail_from)
        refused: list[str] = []
        with self._connect() as smtp:
            if s.username:
                smtp.login(s.username, s.password or "")
            for rcpt in recipients:
                del msg["To"]
                msg["To"] = rcpt  # each copy names only its own recipient
                try:
                    smtp.send_message(msg, from_addr=envelope_from, to_addrs=[rcpt])
                except smtplib.SMTPRecipientsRefused as exc:
                    code, text = exc.recipients.get(rcpt, (0, b""))
                    if not 500 <= code < 600:
                        raise _Refused(f"{rcpt} deferred: {_reply(code, text)}", False) from None
                    refused.append(f"{rcpt} ({_reply(code, text)})")
                except (smtplib.SMTPSenderRefused, smtplib.SMTPDataError) as exc:
                    # Said about the message, not the recipient: the same for everyone.
                    permanent = 500 <= exc.smtp_code < 600
                    what = "sender" if isinstance(exc, smtplib.SMTPSenderRefused) else "message"
                    raise _Refused(
                        f"server refused the {what}: {_reply(exc.smtp_code, exc.smtp_error)}",
                        permanent,
                    ) from None
        return refused

    def _describe(self, exc: BaseException) -> str:
        where = f"{self.settings.host}:{self.settings.port}"
        if isinstance(exc, ConnectionRefusedError):
            return f"connection refused by SMTP server {where}"
        if isinstance(exc, TimeoutError):
            return f"SMTP server {where} timed out after {self.settings.timeout:g}s"
        if isinstance(exc, ssl.SSLCertVerificationError):
            return (
                f"TLS certificate of SMTP server {where} failed verification: {exc.verify_message}"
            )
        if isinstance(exc, smtplib.SMTPNotSupportedError):
            return f"SMTP server {where} does not support {exc} (check SMTP_SECURITY)"
        if isinstance(exc, smtplib.SMTPResponseException):
            return f"SMTP server {where} replied {_reply(exc.smtp_code, exc.smtp_error)}"
        if isinstance(exc, socket.gaierror):
            return f"cannot resolve SMTP host {self.settings.host}: {exc.strerror}"
        return f"SMTP delivery to {where} failed: {type(exc).__name__}: {exc}"
