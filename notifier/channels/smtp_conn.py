"""The SMTP connection a digest goes over: opened as SMTP_SECURITY says (a certificate always
verified), and noting when a message's end has gone to the server.

A server that hangs up or falls silent after the whole message, before its reply, may have taken
it, and nothing in SMTP can say. DESIGN's rule is that nothing is lost, so the alert goes again
(at least once; the copy carries the same Message-ID). The error says so, rather than the bare
"SMTPServerDisconnected: Connection unexpectedly closed" that a hang-up at the greeting gives.
"""

from __future__ import annotations

import smtplib
import ssl
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


class NotingSMTP(_NotesMessageEnd, smtplib.SMTP):
    pass


class NotingSMTP_SSL(_NotesMessageEnd, smtplib.SMTP_SSL):  # noqa: N801 - smtplib's name
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
