"""Render a subscription's alerts as one email: a text part and an escaped HTML part (pure)."""

from __future__ import annotations

import hashlib
import json
import re
from dataclasses import dataclass
from datetime import UTC, datetime
from email.message import EmailMessage
from email.policy import EmailPolicy
from email.utils import format_datetime, parseaddr
from pathlib import Path
from urllib.parse import quote

from jinja2 import Environment, FileSystemLoader, StrictUndefined, select_autoescape

from config.models import Subscription
from notifier import present
from notifier.alerts import Alert

TEMPLATES = Path(__file__).resolve().parent.parent / "templates"

# Digest sections, in reading order: what needs action first.
SECTIONS = (
    ("closing_soon", "Closing soon"),
    ("new", "New"),
    ("changed", "Changed"),
    ("closed", "Closed"),
)
SUMMARY_LIMIT = 300
SUBJECT_TITLE_LIMIT = 150

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


class _DigestPolicy(EmailPolicy):
    """The default policy, except that List-Unsubscribe is never folded.

    A `<mailto:…>` longer than 78 characters has nowhere to fold, so the default policy turns it
    into RFC 2047 encoded words, which no mail client reads as a link.
    """

    _UNFOLDED = frozenset({"list-unsubscribe"})

    def fold(self, name, value):
        if name.lower() in self._UNFOLDED:
            return f"{name}: {value}{self.linesep}"
        return super().fold(name, value)

    def fold_binary(self, name, value):
        if name.lower() in self._UNFOLDED:
            return self.fold(name, value).encode("ascii")
        return super().fold_binary(name, value)


POLICY = _DigestPolicy()

# Anything that could end a header line or hide one: CR, LF, other controls, Unicode line breaks.
_LINE_BREAKERS = re.compile(r"[\x00-\x1f\x7f\x85\u2028\u2029]+")


def one_line(text: str | None, limit: int | None = None) -> str:
    """Scraped text fit for a header or a one-line field: no line breaks, collapsed spaces."""
    flat = " ".join(_LINE_BREAKERS.sub(" ", text or "").split())
    if limit is not None and len(flat) > limit:
        flat = flat[: limit - 1].rstrip() + "\u2026"
    return flat


@dataclass(frozen=True)
class DigestEntry:
    """One opportunity as both templates show it; every string here is still untrusted text."""

    title: str
    url: str | None  # only an http(s) URL that present.safe_url accepted
    funder: str
    amount: str
    closes: str
    days_left: str
    eligibility: str
    tags: tuple[str, ...]
    sources: tuple[str, ...]
    changes: tuple[str, ...]
    summary: str


@dataclass(frozen=True)
class DigestSection:
    event: str
    label: str
    entries: tuple[DigestEntry, ...]


def _entry(alert: Alert, now: datetime) -> DigestEntry:
    opp = alert.opportunity
    # A closed call's "days left" would contradict its section.
    show_days = alert.event != "closed" and opp.closes_at is not None
    return DigestEntry(
        title=one_line(opp.title) or "(untitled)",
        url=present.safe_url(opp.url),
        funder=one_line(opp.funder) or "Not stated",
        amount=one_line(present.amount(opp.amount_min, opp.amount_max, opp.amount_text)),
        closes=present.date_text(opp.closes_at),
        days_left=present.days_left_text(opp.closes_at, now) if show_days else "",
        eligibility=one_line(
            present.eligibility_text(opp.council_eligible, opp.eligibility_phrase)
        ),
        tags=tuple(one_line(t) for t in opp.tags),
        sources=tuple(one_line(s) for s in opp.sources),
        changes=tuple(present.change_lines(alert.changes)) if alert.event == "changed" else (),
        summary=one_line(opp.summary, SUMMARY_LIMIT),
    )


def _closing_order(alert: Alert) -> tuple[bool, datetime]:
    closes = alert.opportunity.closes_at
    return (closes is None, closes or datetime.max.replace(tzinfo=UTC))


def sections(alerts: list[Alert], now: datetime) -> list[DigestSection]:
    """Alerts grouped by event in SECTIONS order; empty sections left out.

    Closing soon is ordered soonest first; other sections keep the order they were given in.
    An event outside SECTIONS still gets its own section at the end rather than being dropped.
    """
    known = [event for event, _ in SECTIONS]
    labels = dict(SECTIONS)
    extra = sorted({a.event for a in alerts} - set(known))
    result = []
    for event in known + extra:
        chosen = [a for a in alerts if a.event == event]
        if not chosen:
            continue
        if event == "closing_soon":
            chosen.sort(key=_closing_order)
        label = labels.get(event) or event.replace("_", " ").capitalize()
        result.append(DigestSection(event, label, tuple(_entry(a, now) for a in chosen)))
    return result


def subject(
    alerts: list[Alert], grouped: list[DigestSection], *, cadence: str, now: datetime
) -> str:
    if cadence == "instant":
        if len(alerts) == 1:
            title = one_line(alerts[0].opportunity.title, SUBJECT_TITLE_LIMIT) or "(untitled)"
            return f"fundwatch alert: {title}"
        return f"fundwatch: {len(alerts)} funding alerts"
    counts = ", ".join(f"{len(s.entries)} {s.label.lower()}" for s in grouped)
    day = present.date_text(now, with_time=False)
    return f"fundwatch {one_line(cadence)} digest, {day}: {counts}"


def address_of(mail_from: str) -> str:
    """The bare address in 'Name <a@b>' or 'a@b'."""
    return parseaddr(mail_from)[1] or mail_from


def message_id(subscription_id: str, cadence: str, outbox_ids: list[int], mail_from: str) -> str:
    """The same subscription, cadence and outbox rows always give the same Message-ID,
    so a retried send is recognisably the same message."""
    key = json.dumps([subscription_id, cadence, sorted(set(outbox_ids))])
    digest = hashlib.sha256(key.encode()).hexdigest()[:40]
    domain = address_of(mail_from).rpartition("@")[2] or "fundwatch"
    return f"<{digest}@{domain}>"


def list_unsubscribe(subscription_id: str, mail_from: str) -> str:
    address = quote(address_of(mail_from), safe="@.+-_")
    return f"<mailto:{address}?subject=unsubscribe%20{quote(subscription_id)}>"


def render_digest(
    subscription: Subscription,
    alerts: list[Alert],
    *,
    cadence: str,
    now: datetime,
    mail_from: str,
) -> EmailMessage | None:
    """One multipart/alternative message for these alerts, or None when there is nothing to say.

    The To header is left for the sender, which sends one copy per recipient.
    """
    if not alerts:
        return None
    if now.tzinfo is None:
        now = now.replace(tzinfo=UTC)
    grouped = sections(alerts, now)
    title = subject(alerts, grouped, cadence=cadence, now=now)
    context = {
        "heading": title,
        "subscription_name": one_line(subscription.name or subscription.id),
        "subscription_id": subscription.id,
        "sections": grouped,
        "cadence": cadence,
        "generated": present.date_text(now),
        "unsubscribe_address": address_of(mail_from),
    }
    text = _text_env.get_template("digest.txt.j2").render(context)
    html = _html_env.get_template("digest.html.j2").render(context)

    msg = EmailMessage(policy=POLICY)
    msg["Subject"] = title
    msg["From"] = mail_from
    msg["Date"] = format_datetime(now)
    msg["Message-ID"] = message_id(
        subscription.id, cadence, [a.outbox_id for a in alerts], mail_from
    )
    msg["List-Unsubscribe"] = list_unsubscribe(subscription.id, mail_from)
    msg["Auto-Submitted"] = "auto-generated"
    msg.set_content(text)
    msg.add_alternative(html, subtype="html")
    # A boundary drawn from the content itself cannot occur in it, and keeps rendering
    # deterministic: the same alerts give the same bytes.
    msg.set_boundary("=_fundwatch_" + hashlib.sha256((text + html).encode()).hexdigest()[:32])
    return msg
