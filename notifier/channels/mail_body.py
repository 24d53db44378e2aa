"""A message's body as the server can take it (RFC 6152): 8-bit text is declared BODY=8BITMIME to
a server that offers 8BITMIME, and re-encoded as quoted-printable for one that does not.

The email package writes short non-ASCII text parts as Content-Transfer-Encoding 8bit, and smtplib
sends them as they are without declaring them, so a server without 8BITMIME got 8-bit data it
had not agreed to (a strict one refuses it with 554 5.6.1, others strip the eighth bit)."""

from __future__ import annotations

import copy
from email.message import EmailMessage


def has_8bit(msg: EmailMessage) -> bool:
    return any(
        (part.get("Content-Transfer-Encoding") or "").lower() == "8bit" for part in msg.walk()
    )


def seven_bit(msg: EmailMessage) -> EmailMessage:
    """A copy whose 8bit text parts are quoted-printable: the same text, in ASCII only."""
    out = copy.deepcopy(msg)
    for part in out.walk():
        if (part.get("Content-Transfer-Encoding") or "").lower() != "8bit":
            continue
        text = part.get_content()
        part.set_content(
            text, subtype=part.get_content_subtype(), charset="utf-8", cte="quoted-printable"
        )
        del part["MIME-Version"]  # set_content adds one to a part; it belongs on the message only
    return out


def for_server(msg: EmailMessage, eight_bit_ok: bool) -> tuple[EmailMessage, tuple[str, ...]]:
    """(the message to send, MAIL options) for a server that does or does not offer 8BITMIME."""
    if not has_8bit(msg):
        return msg, ()
    if eight_bit_ok:
        return msg, ("BODY=8BITMIME",)
    return seven_bit(msg), ()
