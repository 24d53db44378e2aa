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

from notifier.channels.smtp_conn import MAY_HAVE_LANDED, after_message, at_greeting
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


def failure_text(
    exc: BaseException, host: str, port: int, timeout: float, security: str | None = None
) -> str:
    """The words for a failure that is not a reply to a recipient, the sender or the message;
    one after the whole message went says it may have landed (smtp_conn.py), and one before the
    greeting that SMTP_SECURITY not fitting the server explains says which setting fits."""
    if after_message(exc):
        return f"{_failure_text(exc, host, port, timeout)}, {MAY_HAVE_LANDED}"
    hint = _security_hint(exc, port, security)
    if hint is None:
        return _failure_text(exc, host, port, timeout)
    return f"{_failure_text(exc, host, port, timeout, which_tls=False)}: {hint}"


# The ports RFC 8314 and RFC 6409 give each way of starting TLS.
_IMPLICIT_TLS_PORTS = frozenset({465})
_PLAIN_GREETING_PORTS = frozenset({587, 25})


def _security_hint(exc: BaseException, port: int, security: str | None) -> str | None:
    """Which SMTP_SECURITY fits, when the failure came before the greeting in the way a mismatch
    does. A server taking TLS from the start says nothing until TLS begins, so starttls (or none)
    waited out its whole timeout; a plain greeting read as TLS breaks the handshake at once."""
    if security is None or not at_greeting(exc):
        return None
    underlying = _underlying(exc)
    if security != "ssl" and isinstance(underlying, TimeoutError):
        said = (
            f"port {port} takes TLS from the start"
            if port in _IMPLICIT_TLS_PORTS
            else "if this server takes TLS from the start (as on port 465), it says nothing "
            "until TLS begins"
        )
        return f"{said}: set SMTP_SECURITY=ssl (or SMTP_PORT=587 for starttls)"
    if security == "ssl" and isinstance(underlying, ssl.SSLError):
        if isinstance(underlying, ssl.SSLCertVerificationError):
            return None  # TLS was spoken: the certificate is the matter
        said = (
            f"port {port} greets in plain text"
            if port in _PLAIN_GREETING_PORTS
            else "this server greets in plain text, as on port 587 or 25"
        )
        return (
            f"{said}: set SMTP_SECURITY=starttls (none for a relay without encryption), or "
            "SMTP_PORT=465 for ssl"
        )
    return None


def _failure_text(
    exc: BaseException, host: str, port: int, timeout: float, which_tls: bool = True
) -> str:
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
        said = f"TLS with SMTP server {where} failed ({exc.reason or type(exc).__name__})"
        if not which_tls:  # the caller says which setting fits
            return said
        # Most often TLS spoken to a port that starts plain, or the reverse: say which settings.
        return (
            f"{said}: check SMTP_SECURITY and SMTP_PORT (ssl: TLS from the start, usually port "
            "465; starttls: STARTTLS after a plain greeting, usually port 587)"
        )
    if isinstance(exc, smtplib.SMTPNotSupportedError):
        return unsupported_text(where, str(exc))
    if isinstance(exc, smtplib.SMTPResponseException):
        return f"SMTP server {where} replied {reply(exc.smtp_code, exc.smtp_error)}"
    if isinstance(exc, socket.gaierror):
        return f"cannot resolve SMTP host {host}: {exc.strerror}"
    return f"SMTP delivery to {where} failed: {type(exc).__name__}: {exc}"
