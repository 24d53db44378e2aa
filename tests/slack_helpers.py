"""Builders shared by the Slack tests: alerts about a realistic call, subscriptions, a SlackChannel
pointed at the stand-in, Block Kit checks, and a fake clock whose sleep records instead of waiting."""

from __future__ import annotations

from dataclasses import replace
from datetime import UTC, datetime

from slack_sdk.models.blocks import Block

from config.models import Subscription
from notifier.alerts import Alert, OpportunityView
from notifier.channels.slack import LOOPBACK_ENV, SlackChannel
from tests.slack_standin import SlackStandIn

NOW = datetime(2026, 11, 25, 9, 0, tzinfo=UTC)  # 48 days before 12 Jan 2027
CLOSES = datetime(2027, 1, 12, 16, 0, tzinfo=UTC)  # GMT in January: 4:00pm in London
CHANNEL = "C0FUNDING1"
OTHER_CHANNEL = "C0FUNDING2"
NOT_IN = "C0NOTIN01"
WEBHOOK_ENV = "DIGITAL_TEAM_WEBHOOK"
PROXY_VARIABLES = ("HTTPS_PROXY", "https_proxy", "HTTP_PROXY", "http_proxy")


class FakeTime:
    """A monotonic clock that only moves when told to, or when something sleeps on it."""

    def __init__(self, start: float = 1_000.0) -> None:
        self.now = start
        self.sleeps: list[float] = []

    def clock(self) -> float:
        return self.now

    def sleep(self, seconds: float) -> None:
        self.sleeps.append(seconds)
        self.now += seconds


def allow_loopback(monkeypatch) -> None:
    """The stand-in's webhooks are on loopback: allowed only because the environment says so."""
    monkeypatch.setenv(LOOPBACK_ENV, "1")


def standin() -> SlackStandIn:
    """Two channels the bot is in, and one it is not."""
    return SlackStandIn(channels=[CHANNEL, OTHER_CHANNEL, NOT_IN], not_in_channel=[NOT_IN])


def opportunity(number: int = 1, **fields) -> OpportunityView:
    base = OpportunityView(
        id=f"opp-{number}",
        title=f"Digital Inclusion Fund {number}",
        url=f"https://www.find-government-grants.service.gov.uk/grants/digital-{number}",
        funder="Department for Science, Innovation and Technology",
        summary="Grants for councils to help residents get online.",
        opens_at=datetime(2026, 11, 2, 9, 0, tzinfo=UTC),
        closes_at=CLOSES,
        amount_min=10_000.0,
        amount_max=50_000.0,
        status="open",
        council_eligible="yes",
        eligibility_phrase="local authorities in England",
        tags=("digital", "inclusion"),
        tag_labels=("Digital services", "Digital inclusion"),
        sources=("Find a Grant", "GOV.UK"),
    )
    return replace(base, **fields)


def alert(
    outbox_id: int = 1, event: str = "new", opp: OpportunityView | None = None, changes=None
) -> Alert:
    return Alert(
        outbox_id=outbox_id,
        subscription_id="digital_team",
        event=event,
        opportunity=opp or opportunity(outbox_id),
        changes=changes or {},
    )


def bot_subscription(channel: str = CHANNEL) -> Subscription:
    return Subscription(id="digital_team", slack={"channel": channel})


def webhook_subscription() -> Subscription:
    return Subscription(id="digital_team", slack={"webhook_env": WEBHOOK_ENV})


def bot_channel(slack: SlackStandIn, db, **options) -> SlackChannel:
    options.setdefault("min_interval", 0)
    options.setdefault("timeout", 5)
    return SlackChannel(db, token=slack.token, api_url=slack.api_url, env={}, **options)


def texts(value) -> list[str]:
    """Every text string in a Block Kit payload."""
    if isinstance(value, dict):
        found = [value["text"]] if isinstance(value.get("text"), str) else []
        return found + [t for v in value.values() for t in texts(v)]
    if isinstance(value, list):
        return [t for v in value for t in texts(v)]
    return []


def assert_valid_blocks(blocks: list[dict]) -> None:
    assert 0 < len(blocks) <= 50
    for raw in blocks:
        block = Block.parse(raw)
        block.validate_json()  # slack_sdk enforces Slack's per-block limits
        assert block.to_dict() == raw
        if raw["type"] == "section" and "text" in raw:
            assert len(raw["text"]["text"]) <= 3000
