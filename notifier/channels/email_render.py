"""Render a subscription's alerts as one email: a text part and an escaped HTML part (pure).

What the email says, and in what order, is digest_layout.py; this is the message around it: the
headers (a subject folded cleanly, List-Unsubscribe never folded), the footer and the two parts.
"""

from __future__ import annotations

import hashlib
import json
from datetime import UTC, datetime
from email.message import EmailMessage
from email.policy import EmailPolicy
from email.utils import format_datetime
from pathlib import Path
from urllib.parse import quote

from jinja2 import Environment, FileSystemLoader, StrictUndefined, select_autoescape

from config.clock import LONDON
from config.models import Subscription
from notifier import present
from notifier.alerts import Alert
from notifier.channels.digest_layout import NAME_LIMIT, clean, sections, subject
from notifier.channels.mail_settings import address_of

TEMPLATES = Path(__file__).resolve().parent.parent / "templates"

# Only the HTML template is escaped; a text part escaped for HTML would show `&lt;` to readers.
_html_env = Environment(
    loader=FileSystemLoader(TEMPLATES),
    autoescape=select_autoescape(["html", "j2"], default=True),
    undefined=StrictUndefined,
    trim_blocks=True,
    lstrip_blocks=True,
)
_text_env = Environment(
    loader=FileSystemLoader(TEMPLATES),
    autoescape=False,
    undefined=StrictUndefined,
    trim_blocks=True,
    lstrip_blocks=True,
    keep_trailing_newline=True,
)

# RFC 2047: a line that holds an encoded word is at most 76 characters; so are all of ours.
MAX_LINE = 76
_WORD_TEXT = 60  # an encoded word's length: room for "Subject: " before it on one line
_Q_SAFE = frozenset("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789!*+-/")


def _q(ch: str) -> str:
    if ch == " ":
        return "_"
    return ch if ch in _Q_SAFE else "".join(f"={b:02X}" for b in ch.encode())


def _encoded_words(text: str) -> list[str]:
    """`text` as UTF-8 "Q" encoded words, split between characters (never inside one). Spaces
    stay inside the words: the whitespace between two encoded words is dropped by readers."""
    words, chunk = [], ""
    for ch in text:
        piece = _q(ch)
        if chunk and len(chunk) + len(piece) + 12 > _WORD_TEXT:
            words.append(chunk)
            chunk = ""
        chunk += piece
    words.append(chunk)
    return [f"=?utf-8?q?{w}?=" for w in words]


def _needs_encoding(word: str) -> bool:
    return not (word.isascii() and word.isprintable()) or "=?" in word


def _tokens(text: str) -> list[str]:
    """Plain words as they are; each run of words that needs RFC 2047 as encoded words."""
    tokens: list[str] = []
    run: list[str] = []
    for word in text.split(" "):
        if _needs_encoding(word):
            run.append(word)
            continue
        if run:
            tokens += _encoded_words(" ".join(run))
            run = []
        tokens.append(word)
    if run:
        tokens += _encoded_words(" ".join(run))
    return tokens


def fold_subject(name: str, value: str, linesep: str = "\r\n") -> str:
    """A header folded so that reading it back gives exactly `value`, with no leading space: folded
    only at its spaces (a long plain word stays whole), and RFC 2047 only for the words that need
    it (non-ASCII, or something a reader would take for an encoded word)."""
    first, *rest = _tokens(" ".join(value.split())) or [""]
    lines, line = [], f"{name}: {first}"
    for token in rest:
        if len(line) + 1 + len(token) > MAX_LINE:
            lines.append(line)
            line = " " + token
        else:
            line += " " + token
    lines.append(line)
    return linesep.join(lines) + linesep


class _DigestPolicy(EmailPolicy):
    """The default policy, except for two headers it folds badly.

    List-Unsubscribe is never folded: a `<mailto:…>` longer than 78 characters has nowhere to fold,
    so the default policy turns it into RFC 2047 encoded words, which no mail client reads as a link.
    Subject is folded by fold_subject: the default (Python 3.11) drops or doubles spaces where it
    folds next to an encoded word, and encodes long ASCII words that need no encoding.
    """

    def fold(self, name, value):
        if name.lower() == "list-unsubscribe":
            return f"{name}: {value}{self.linesep}"
        if name.lower() == "subject":
            return fold_subject(name, str(value), self.linesep)
        return super().fold(name, value)

    def fold_binary(self, name, value):
        if name.lower() in ("list-unsubscribe", "subject"):
            return self.fold(name, value).encode("ascii", "surrogateescape")
        return super().fold_binary(name, value)


POLICY = _DigestPolicy()


def message_id(subscription_id: str, cadence: str, outbox_ids: list[int], mail_from: str) -> str:
    """The same subscription, cadence and outbox rows always give the same Message-ID,
    so a retried send is recognisably the same message."""
    key = json.dumps([subscription_id, cadence, sorted(set(outbox_ids))])
    digest = hashlib.sha256(key.encode()).hexdigest()[:40]
    domain = address_of(mail_from).rpartition("@")[2] or "fundwatch"
    return f"<{digest}@{domain}>"


def list_unsubscribe(subscription_id: str, contact: str) -> str:
    """`<mailto:CONTACT?subject=unsubscribe%20ID>`: a request the curators read and act on."""
    address = quote(address_of(contact), safe="@.+-_")
    return f"<mailto:{address}?subject=unsubscribe%20{quote(subscription_id)}>"


def render_digest(
    subscription: Subscription,
    alerts: list[Alert],
    *,
    cadence: str,
    now: datetime,
    mail_from: str,
    contact: str | None = None,
    coverage: str | None = None,
) -> EmailMessage | None:
    """One multipart/alternative message for these alerts, or None when there is nothing to say.

    `contact` is where unsubscribe requests and replies go (the curators); `mail_from` by default.
    `coverage` (digests) says how many sources are healthy.
    The To header is left for the sender, which sends one copy per recipient.
    """
    if not alerts:
        return None
    if now.tzinfo is None:
        now = now.replace(tzinfo=UTC)
    contact = contact or mail_from
    grouped = sections(alerts, now)
    # A literal "=?" would be read as the start of an encoded word, here and by mail clients.
    title = subject(subscription, grouped, cadence=cadence, now=now).replace("=?", "= ?")
    context = {
        "heading": title,
        "subscription_name": clean(subscription.name or subscription.id, NAME_LIMIT),
        "subscription_id": subscription.id,
        "sections": grouped,
        "generated": present.date_text(now),
        "contact": address_of(contact),
        # "11 of 12 sources healthy; Salix failing since 3 Dec": how far the digest can be trusted.
        "coverage": clean(coverage, 500) if coverage else None,
    }
    text = _text_env.get_template("digest.txt.j2").render(context)
    html = _html_env.get_template("digest.html.j2").render(context)

    msg = EmailMessage(policy=POLICY)
    msg["Subject"] = title
    msg["From"] = mail_from
    if address_of(contact).lower() != address_of(mail_from).lower():
        msg["Reply-To"] = contact  # "reply to unsubscribe" reaches the curators
    msg["Date"] = format_datetime(now.astimezone(LONDON))  # shown as every time here is: London
    msg["Message-ID"] = message_id(
        subscription.id, cadence, [a.outbox_id for a in alerts], mail_from
    )
    msg["List-Unsubscribe"] = list_unsubscribe(subscription.id, contact)
    msg["Auto-Submitted"] = "auto-generated"
    msg.set_content(text)
    msg.add_alternative(html, subtype="html")
    # A boundary drawn from the content itself cannot occur in it, and keeps rendering
    # deterministic: the same alerts give the same bytes.
    msg.set_boundary("=_fundwatch_" + hashlib.sha256((text + html).encode()).hexdigest()[:32])
    return msg
