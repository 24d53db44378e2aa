"""What an SMTP server's answers mean for a digest, and what the envelope may say. Pure functions.

- A recipient refused with 4xx is deferred: retried later, only to them (storage/mail_receipts.py).
  So is 552 at RCPT: RFC 5321 4.5.3.1.10 says clients should read it as "too many recipients",
  a temporary failure, whatever its first digit.
- A refusal of the sender or the message (530, 552 at MAIL or DATA) is the same for every
  recipient, and the line says what the operator can change.
- Without SMTPUTF8 an envelope must be ASCII: an internationalised domain goes as its IDNA form;
  a mailbox name outside ASCII cannot go at all, and that recipient alone is refused (smtplib
  raised for the whole digest, which was then retried, and re-sent to the others, 12 times).
"""

from __future__ import annotations

from email.utils import parseaddr

TOO_MANY_RECIPIENTS = 552
CLOSING = 421  # "service not available, closing transmission channel": smtplib hangs up


def reply(code: int, message: bytes | str) -> str:
    """'450 4.2.0 Greylisted', one line whatever the server sent."""
    text = message.decode("utf-8", "replace") if isinstance(message, bytes) else str(message)
    return f"{code} {' '.join(text.split())}"


def recipient_deferred(code: int) -> bool:
    """Whether a RCPT refusal may go away on its own (retry that recipient later)."""
    return not 500 <= code < 600 or code == TOO_MANY_RECIPIENTS


def refusal_hint(code: int, message: bytes | str) -> str:
    """What to change, for a refusal of the sender or message that settings can cure ('' if none)."""
    text = reply(code, message).lower()
    if code == 530 and "starttls" in text:
        return " (the server wants encryption first: set SMTP_SECURITY=starttls)"
    if code == 530 and "auth" in text:
        return " (the server wants a login: set SMTP_USERNAME and SMTP_PASSWORD)"
    if code == 552 or (500 <= code < 600 and "size" in text):
        return " (the message is larger than the server takes)"
    return ""


def envelope_address(address: str, smtputf8: bool) -> str | None:
    """The address to give MAIL/RCPT and the To header, or None when it needs SMTPUTF8 and the
    server does not offer it."""
    bare = parseaddr(address)[1] or address
    if bare.isascii() or smtputf8:
        return bare
    local, _, domain = bare.rpartition("@")
    if not local.isascii():
        return None
    try:
        return f"{local}@{domain.encode('idna').decode('ascii')}"
    except UnicodeError:
        return None


def deferred_text(deferred: list[tuple[str, str]], refused: list[str]) -> str:
    """The line for a digest some recipients must wait for: `deferred` is (address, reply). One
    reply said to all of them is said once (a long list would be cut at 500 characters)."""
    replies = {said for _, said in deferred}
    if len(deferred) > 1 and len(replies) == 1:
        text = f"{len(deferred)} recipients deferred: {replies.pop()}"
    else:
        text = "; ".join(f"{address} deferred: {said}" for address, said in deferred)
    text += "; will retry, only to them"
    return text + (f"; refused for good: {'; '.join(refused)}" if refused else "")


def unsupported_text(where: str, said: str) -> str:
    """A server without what SMTP_SECURITY or a login needs, in words that name the setting
    (smtplib's own read "does not support STARTTLS extension not supported by server.")."""
    if "STARTTLS" in said.upper():
        return (
            f"SMTP server {where} does not offer STARTTLS: set SMTP_SECURITY=ssl if it takes TLS "
            "from the start (port 465), or none for a relay that takes mail without encryption"
        )
    if "AUTH" in said.upper():
        return (
            f"SMTP server {where} does not offer a login (AUTH) on this connection: unset "
            "SMTP_USERNAME and SMTP_PASSWORD for a relay that needs none, or check SMTP_SECURITY "
            "(many servers offer AUTH only after STARTTLS)"
        )
    return f"SMTP server {where} does not support {said} (check SMTP_SECURITY)"
