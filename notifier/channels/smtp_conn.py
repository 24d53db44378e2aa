"""The SMTP connection a digest goes over: opened as SMTP_SECURITY says (a certificate always
verified), logging in with credentials in UTF-8, and noting when a message's end has gone to the
server.

A server that hangs up or falls silent after the whole message, before its reply, may have taken
it, and nothing in SMTP can say. DESIGN's rule is that nothing is lost, so the alert goes again
(at least once; the copy carries the same Message-ID). The error says so, rather than the bare
"SMTPServerDisconnected: Connection unexpectedly closed" that a hang-up at the greeting gives.
"""

from __future__ import annotations

import smtplib
import ssl
from base64 import b64encode
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from notifier.channels.mail_settings import SmtpSettings

MAY_HAVE_LANDED = (
    "after the whole message had gone, before the server's reply: it may have been delivered, "
    "and goes again (a copy may arrive twice)"
)
_MESSAGE_END = b"\r\n.\r\n"


class _NotesMessageEnd:
    """`message_sent`: the current message's final "." has gone to the server (smtplib's data()
    sends the message in one call ending so; no command does)."""

    message_sent = False

    def send(self, s: Any) -> None:
        super().send(s)  # type: ignore[misc]
        if isinstance(s, bytes) and s.endswith(_MESSAGE_END):
            self.message_sent = True


def _b64(text: str) -> str:
    return b64encode(text.encode()).decode()


class _Utf8Login:
    """Credentials beyond ASCII are sent as UTF-8, as AUTH PLAIN (RFC 4616) and LOGIN carry them:
    smtplib encodes them as ASCII, so a password with "ü" or "€" raised UnicodeEncodeError at
    every attempt, a failure retried for ever. ASCII credentials go by smtplib's own login."""

    def login(self, user: str, password: str, *, initial_response_ok: bool = True) -> Any:
        if (user + password).isascii():
            return super().login(user, password, initial_response_ok=initial_response_ok)  # type: ignore[misc]
        smtp: Any = self
        smtp.ehlo_or_helo_if_needed()
        if not smtp.has_extn("auth"):
            raise smtplib.SMTPNotSupportedError("SMTP AUTH extension not supported by server.")
        offered = smtp.esmtp_features["auth"].upper().split()
        if "PLAIN" in offered:
            code, answer = smtp.docmd("AUTH", "PLAIN " + _b64(f"\0{user}\0{password}"))
        elif "LOGIN" in offered:
            code, answer = smtp.docmd("AUTH", "LOGIN " + _b64(user))
            if code == 334:
                code, answer = smtp.docmd(_b64(password))
        else:
            raise smtplib.SMTPException("No suitable authentication method found.")
        if code not in (235, 503):
            raise smtplib.SMTPAuthenticationError(code, answer)
        return code, answer


class NotingSMTP(_Utf8Login, _NotesMessageEnd, smtplib.SMTP):
    pass


class NotingSMTP_SSL(_Utf8Login, _NotesMessageEnd, smtplib.SMTP_SSL):  # noqa: N801 - smtplib's name
    pass


# Noted on a failure before the server's greeting was read (the TLS handshake of ssl, or the wait
# for a greeting): where SMTP_SECURITY not fitting the port shows (smtp_failures.py says which).
AT_GREETING = "before the server's greeting"


def _opened(s: SmtpSettings) -> smtplib.SMTP:
    """Connected and greeted (smtplib reads the greeting in its constructor)."""
    try:
        if s.security == "ssl":
            return NotingSMTP_SSL(
                s.host, s.port, timeout=s.timeout, context=ssl.create_default_context()
            )
        return NotingSMTP(s.host, s.port, timeout=s.timeout)
    except (OSError, smtplib.SMTPException) as exc:
        exc.add_note(AT_GREETING)
        raise


def at_greeting(exc: BaseException) -> bool:
    return AT_GREETING in getattr(exc, "__notes__", ())


def connect(s: SmtpSettings) -> smtplib.SMTP:
    """A connection to the server, encrypted as SMTP_SECURITY says."""
    smtp = _opened(s)
    if s.security == "ssl":
        return smtp
    if s.security == "starttls":
        try:
            # A context that checks the certificate: the stdlib default does not.
            smtp.starttls(context=ssl.create_default_context())
        except BaseException:
            smtp.close()
            raise
    return smtp


def note_if_after_message(smtp: smtplib.SMTP, exc: BaseException) -> None:
    """Mark a lost connection that came after the whole message (failure_text reads the note)."""
    if isinstance(exc, smtplib.SMTPServerDisconnected) and getattr(smtp, "message_sent", False):
        exc.add_note(MAY_HAVE_LANDED)


def after_message(exc: BaseException) -> bool:
    return MAY_HAVE_LANDED in getattr(exc, "__notes__", ())
