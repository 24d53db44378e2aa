"""An SMTP conversation that failed without a reply to read: its words for the outbox, and whether
the server gave no answer at all. Pure functions.

smtplib reports a server silent past the timeout as SMTPServerDisconnected("Connection
unexpectedly closed: timed out"), the timeout only in its context: it is read as the timeout it
is, in words ("timed out after 30s") and for the rule that a server which does not answer is not
tried again in the run (notifier/channels/unreachable.py).
"""

from __future__ import annotations

import smtplib
import socket
import ssl

from notifier.channels.smtp_conn import MAY_HAVE_LANDED, after_message
from notifier.channels.smtp_replies import reply, unsupported_text


def _underlying(exc: BaseException) -> BaseException:
    """The socket error inside smtplib's 'connection unexpectedly closed', if there is one."""
    if isinstance(exc, smtplib.SMTPServerDisconnected) and isinstance(exc.__context__, OSError):
        return exc.__context__
    return exc


def no_answer(exc: BaseException) -> bool:
    """Refused, reset, silent past the timeout, or a name that does not resolve: the server said
    nothing, so nothing else is sent to it in this run. (A reply, even a 421, or a hang-up after
    its greeting, is an answer.)"""
    return isinstance(_underlying(exc), TimeoutError | ConnectionError | socket.gaierror)


def failure_text(exc: BaseException, host: str, port: int, timeout: float) -> str:
    """The words for a failure that is not a reply to a recipient, the sender or the message;
    one after the whole message went says it may have landed (smtp_conn.py)."""
    said = _failure_text(exc, host, port, timeout)
    return f"{said}, {MAY_HAVE_LANDED}" if after_message(exc) else said


def _failure_text(exc: BaseException, host: str, port: int, timeout: float) -> str:
    where = f"{host}:{port}"
    exc = _underlying(exc)
    if isinstance(exc, ConnectionRefusedError):
        return f"connection refused by SMTP server {where}"
    if isinstance(exc, TimeoutError):
        return f"SMTP server {where} timed out after {timeout:g}s"
    if isinstance(exc, ssl.SSLCertVerificationError):
        # An internal relay signed by the council's own CA is the usual cause: say the cure.
        return (
            f"TLS certificate of SMTP server {where} failed verification: {exc.verify_message} "
            "(a server with a certificate from a private CA: point SSL_CERT_FILE at that CA's "
            "certificate)"
        )
    if isinstance(exc, ssl.SSLError):
        # Most often TLS spoken to a port that starts plain, or the reverse: say which settings.
        return (
            f"TLS with SMTP server {where} failed ({exc.reason or type(exc).__name__}): check "
            "SMTP_SECURITY and SMTP_PORT (ssl: TLS from the start, usually port 465; starttls: "
            "STARTTLS after a plain greeting, usually port 587)"
        )
    if isinstance(exc, smtplib.SMTPNotSupportedError):
        return unsupported_text(where, str(exc))
    if isinstance(exc, smtplib.SMTPResponseException):
        return f"SMTP server {where} replied {reply(exc.smtp_code, exc.smtp_error)}"
    if isinstance(exc, socket.gaierror):
        return f"cannot resolve SMTP host {host}: {exc.strerror}"
    return f"SMTP delivery to {where} failed: {type(exc).__name__}: {exc}"
