"""What the notifier hands to channels: typed views of outbox rows, and what a channel reports back."""

from __future__ import annotations

import json
import re
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

from config.clock import parse_iso
from notifier.recurring import PastRound, earlier_rounds


@dataclass(frozen=True)
class Labels:
    """What people read instead of ids: source names and tag labels (from the config)."""

    sources: dict[str, str] = field(default_factory=dict)
    tags: dict[str, str] = field(default_factory=dict)


@dataclass(frozen=True)
class OpportunityView:
    """An opportunity as people read it (times as aware datetimes, tags and sources as lists)."""

    id: str
    title: str
    url: str
    funder: str | None = None
    summary: str | None = None
    opens_at: datetime | None = None
    closes_at: datetime | None = None
    amount_min: float | None = None  # one award
    amount_max: float | None = None
    amount_text: str | None = None
    fund_total: float | None = None  # the whole pot
    status: str | None = None
    eligibility: str | None = None
    council_eligible: str | None = None  # yes | partner | no | unclear
    eligibility_phrase: str | None = None
    tags: tuple[str, ...] = ()  # tag ids, for matching subscriptions
    sources: tuple[str, ...] = ()  # source labels it was seen on
    source_ids: tuple[str, ...] = ()  # the same sources by id, for matching subscriptions
    tag_labels: tuple[str, ...] = ()  # the tags as people read them (tags.yaml labels)
    kind: str = "funding"  # funding | market_engagement | planned_procurement | tender
    buyer: str | None = None  # who buys, for a procurement notice
    buyer_council: bool = False  # …and that buyer is a local council
    contact: str | None = None
    fund_key: str | None = None  # the fund without its round (storage/fund_rounds.py)
    round_label: str | None = None  # "Round 8", "2027 to 2028"

    @classmethod
    def from_row(cls, row: dict[str, Any], labels: Labels | None = None) -> OpportunityView:
        source_ids = tuple(json.loads(row.get("source_ids") or "[]"))
        tags = tuple(json.loads(row.get("tags") or "[]"))
        # Without labels each reads as its id (routing reads 100,000 calls this way at a time).
        sources, tag_labels = source_ids, tags
        if labels is not None:
            sources = tuple(labels.sources.get(s, s) for s in source_ids)
            tag_labels = tuple(labels.tags.get(t, t) for t in tags)
        return cls(
            id=row["id"],
            title=row["title"],
            url=row["url"],
            funder=row.get("funder"),
            summary=row.get("summary"),
            opens_at=parse_iso(row.get("opens_at")),
            closes_at=parse_iso(row.get("closes_at")),
            amount_min=row.get("amount_min"),
            amount_max=row.get("amount_max"),
            amount_text=row.get("amount_text"),
            fund_total=row.get("fund_total"),
            status=row.get("status"),
            eligibility=row.get("eligibility"),
            council_eligible=row.get("council_eligible"),
            eligibility_phrase=row.get("eligibility_phrase"),
            tags=tags,
            sources=sources,
            source_ids=source_ids,
            tag_labels=tag_labels,
            kind=row.get("kind") or "funding",
            buyer=row.get("buyer"),
            buyer_council=bool(row.get("buyer_council")),
            contact=row.get("contact"),
            fund_key=row.get("fund_key"),
            round_label=row.get("round_label"),
        )


@dataclass(frozen=True)
class Alert:
    """One outbox row ready to send: this opportunity, this event, for this subscription."""

    outbox_id: int
    subscription_id: str
    event: str  # new | changed | closing_soon | closed | baseline | welcome
    opportunity: OpportunityView
    # For `changed`: field → (before, after), already in stored form (ISO dates, floats).
    changes: dict[str, tuple[Any, Any]] = field(default_factory=dict)
    source: str | None = None  # the label of the source whose crawl raised the event, if one did
    rounds: tuple[PastRound, ...] = ()  # earlier rounds of the same fund, most recent first
    followed: bool = False  # this subscription was sent an alert about an earlier round
    near: bool = False  # the buyer is a council in one of the places the subscription is near
    # When it was queued, if an earlier attempt was made: that post may have landed unanswered
    # (a timeout), so a channel that can look checks before posting it again.
    tried_since: datetime | None = None
    # When its row was queued (ISO UTC): a message posted to a shared destination after it
    # stands for it (storage/channel_posts.py); one posted before it was news of something else.
    queued_at: str | None = None
    # How many different alerts its destination has in this run, when several subscriptions post
    # there (a shared Slack channel): the burst limit is the channel's, not one team's.
    together: int = 0


@dataclass(frozen=True)
class DeliveryResult:
    """What happened to one outbox row."""

    outbox_id: int
    ok: bool
    error: str | None = None
    permanent: bool = False  # do not retry (invalid_auth, channel_not_found, not_in_channel…)
    retry_after: float | None = None  # seconds, when the far end said so
    # The far end refused this alert's message for what it holds (a card Teams would not take):
    # failed, but the destination is fine, so the alerts after it are still sent.
    only_this: bool = False
    # Not posted at all: its host stopped answering earlier in the run (a timeout), so it waits
    # its backoff without spending an attempt.
    untried: bool = False
    # An answer the channel does not know: tried this many times in all, then failed for good.
    give_up_after: int | None = None
    # Posted (or found posted) to a shared chat destination: (destination, kind, message hash,
    # ts), recorded with this row's mark (storage/channel_posts.py).
    posted: tuple[str, str, str, str | None] | None = None
    # Sent without a message of its own: the same message already stood in its destination (a
    # channel several teams share), so it is counted sent but not as a message.
    reused: bool = False
    # Its message was posted by an earlier run (recorded, or read back from Slack): counted sent,
    # and said apart, but not as a message posted now (notifier/delivery/summary.py).
    before: bool = False

    @property
    def halts(self) -> bool:
        """Sending more to this destination now would only fail again, or press on a rate limit:
        a permanent failure of the destination (not of this message alone), or a wait it named."""
        return not self.ok and (
            (self.permanent and not self.only_this) or self.retry_after is not None
        )


def _changes(text: str | None) -> dict[str, tuple[Any, Any]]:
    """{field: {"before", "after"}} as stored → {field: (before, after)} as Alert wants."""
    if not text:
        return {}
    out = {}
    for name, pair in json.loads(text).items():
        if isinstance(pair, dict):
            out[name] = (pair.get("before"), pair.get("after"))
        elif isinstance(pair, (list, tuple)) and len(pair) == 2:
            out[name] = (pair[0], pair[1])
    return out


def build_alerts(
    claimed: list[dict[str, Any]],
    opportunities: dict[str, dict[str, Any]],
    events: dict[int, dict[str, Any]],
    labels: Labels | None = None,
    rounds: dict[str, list[dict[str, Any]]] | None = None,
    alerted: dict[str, set[str]] | None = None,
    near: Sequence[str] = (),
) -> list[Alert]:
    """Alerts for claimed outbox rows, in their order; rows whose opportunity is gone are left out.
    `events`: event id → its row (`changes`, `source_id`); `rounds`: fund key → its rounds
    (storage/fund_history.py), `alerted`: fund key → the rounds this subscription was told of;
    `near`: the subscription's places (a council buyer named with one is near)."""
    labels = labels or Labels()
    rounds, alerted = rounds or {}, alerted or {}
    alerts = []
    for row in claimed:
        opportunity = opportunities.get(row["opportunity_id"])
        if opportunity is None:
            continue
        event = events.get(row["event_id"]) or {}
        source_id = event.get("source_id")
        fund_key = opportunity.get("fund_key") or ""
        fund = rounds.get(fund_key, [])
        past = earlier_rounds(opportunity, fund)
        told = alerted.get(fund_key, set())
        # Told of an earlier round, finished or still open: either way a fund this team follows
        # (asked only when the team was told of some round of it).
        earlier = earlier_rounds(opportunity, fund, finished=False) if told else ()
        alerts.append(
            Alert(
                outbox_id=row["id"],
                subscription_id=row["subscription_id"],
                event=row["event"],
                opportunity=OpportunityView.from_row(opportunity, labels),
                changes=_changes(event.get("changes")) if row["event"] == "changed" else {},
                source=labels.sources.get(source_id, source_id) if source_id else None,
                rounds=past,
                followed=any(r.id in told for r in earlier),
                near=bool(opportunity.get("buyer_council"))
                and names_a_place(opportunity.get("buyer"), near),
                tried_since=parse_iso(row.get("created_at")) if _tried_before(row) else None,
                queued_at=row.get("created_at"),
            )
        )
    return alerts


def _tried_before(row: dict[str, Any]) -> bool:
    """Whether a send of this outbox row was made before, which may have landed: `tried`
    (storage/outbox.py keeps it through `--retry-failed`, which resets the attempts; by the
    attempts alone a requeued alert was posted without looking), or more than the claim's own
    attempt (a row from before `tried` was kept)."""
    return bool(row.get("tried")) or (row.get("attempts") or 0) > 1


def names_a_place(name: str | None, places: Sequence[str]) -> bool:
    """Whether `name` ("Bradford Metropolitan District Council") names one of `places` as whole
    words, whatever the case: "bradford" yes, "ford" no."""
    if not name or not places:
        return False
    return any(re.search(rf"(?<!\w){re.escape(p.strip())}(?!\w)", name, re.I) for p in places)
