"""Hostile scraped text must reach Slack (and the terminal) inert: no mentions, no disguised links,
no links that are not http(s), `&` escaped exactly once."""

from __future__ import annotations

import io
import json
import random
import re
import unicodedata
from datetime import UTC, datetime
from urllib.parse import urlsplit

import pytest
from slack_sdk.models.blocks import Block

from config.models import Subscription
from notifier.alerts import Alert, OpportunityView
from notifier.channels.console import ConsoleChannel
from notifier.channels.escape import clip, link, mrkdwn, terminal
from notifier.channels.slack import SlackChannel
from notifier.channels.slack_blocks import alert_message, burst_message
from storage.db import open_db
from tests.slack_standin import SlackStandIn

NOW = datetime(2026, 11, 25, 9, 0, tzinfo=UTC)
CHANNEL = "C0FUNDING1"
SAFE_URL = "https://www.ukri.org/opportunity/net-zero-places/?utm=1&ref=2"

NASTY = [
    "<!channel> Free money",
    "<!here>",
    "<!everyone> hi",
    "<@U123> look at this",
    "<#C024BE7LR>",
    "<!subteam^S0614TZR7|@council-team>",
    "<https://evil.example|gov.uk>",
    "<https://evil.example|gov.uk grant>",
    "<script>alert(1)</script>",
    "R&D &amp; more",
    "&lt;!channel&gt;",
    "a|b>c<d",
    "<!date^1^{date}|x>",
    "<mailto:x@evil.example|Reply>",
    "\u202e<!channel>",
    "line\n<!here>\r\n<@U123>",
    "*bold* _it_ ~s~ `code` >>> quote",
]

HOSTILE_URLS = [
    "javascript:alert(1)",
    " JaVaScRiPt:x",
    "\tjava\nscript:alert(1)",
    "data:text/html,<script>alert(1)</script>",
    "//evil.example/x",
    "vbscript:msgbox(1)",
    "https://evil.example|gov.uk",
    "https://gov.uk/<!channel>",
    "file:///etc/passwd",
    "",
]

FRAGMENTS = [
    "&",
    "<",
    ">",
    "|",
    "!",
    "@",
    "^",
    "amp;",
    "lt;",
    "gt;",
    " ",
    "£",
    "\n",
    "<!",
    "<@",
    "|gov.uk>",
]
FRAGMENTS += ["https://evil.example", "channel", "here", "U123", "\u202e", "\x1b[2J", "*", "_"]


def generated(count: int = 250, seed: int = 20261125) -> list[str]:
    rng = random.Random(seed)
    return ["".join(rng.choices(FRAGMENTS, k=rng.randint(1, 14))) for _ in range(count)]


def slack_escape(text: str) -> str:
    """Slack's rule, written out independently of the code under test."""
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def hostile_alert(
    text: str, url: str = SAFE_URL, outbox_id: int = 1, event: str = "changed"
) -> Alert:
    opportunity = OpportunityView(
        id=f"opp-{outbox_id}",
        title=text,
        url=url,
        funder=text,
        summary=text,
        opens_at=datetime(2026, 11, 2, 9, 0, tzinfo=UTC),
        closes_at=datetime(2027, 1, 12, 16, 0, tzinfo=UTC),
        amount_text=text,
        status=text,
        eligibility=text,
        council_eligible="unclear",
        eligibility_phrase=text,
        tags=(text, "digital"),
        sources=(text,),
    )
    changes = {"title": ("Old title", text), "eligibility": (text, "Councils")}
    return Alert(
        outbox_id=outbox_id,
        subscription_id="digital_team",
        event=event,
        opportunity=opportunity,
        changes=changes,
    )


# --- what "inert" means, checked on the payload ----------------------------------------------

DATE = re.compile(r"<!date\^\d+\^\{date_short_pretty\}(?: \{time\})?\|[^|<>]+>")
LINK = re.compile(r"<(https?://[^|<>]+)\|([^|<>]*)>")
OWN_PLAIN_TEXT = re.compile(
    r"View the call|New funding|Updated|Closed|Closing soon(: .+)?|\d+ funding alerts?"
)


def text_objects(value, kind: str) -> list[str]:
    if isinstance(value, dict):
        found = (
            [value["text"]]
            if value.get("type") == kind and isinstance(value.get("text"), str)
            else []
        )
        return found + [t for v in value.values() for t in text_objects(v, kind)]
    if isinstance(value, list):
        return [t for v in value for t in text_objects(v, kind)]
    return []


def urls_in(value) -> list[str]:
    if isinstance(value, dict):
        found = [value["url"]] if "url" in value else []
        return found + [u for v in value.values() for u in urls_in(v)]
    if isinstance(value, list):
        return [u for v in value for u in urls_in(v)]
    return []


def assert_inert(payload: dict, allowed_urls: set[str]) -> None:
    """Every control sequence is one of ours: a date, or a link to an allowed http(s) URL."""
    blocks = payload.get("blocks") or []
    mrkdwn_texts = text_objects(blocks, "mrkdwn") + [payload.get("text") or ""]
    for text in mrkdwn_texts:
        assert not re.search(r"&(?!amp;|lt;|gt;)", text), f"bare & in {text!r}"
        for target, _label in LINK.findall(text):
            assert target.replace("&amp;", "&") in allowed_urls, f"link to {target!r}"
        rest = LINK.sub("", DATE.sub("", text))
        assert "<" not in rest and ">" not in rest, f"stray control character in {text!r}"
        for bad in (
            "<!channel",
            "<!here",
            "<!everyone",
            "<@",
            "<#",
            "<!subteam",
            "|gov.uk>",
            "<script",
        ):
            assert bad not in text
    for text in text_objects(blocks, "plain_text"):
        assert OWN_PLAIN_TEXT.fullmatch(text), f"scraped text in plain_text: {text!r}"
    for url in urls_in(blocks):
        assert urlsplit(url).scheme in ("http", "https") and url in allowed_urls
    for raw in blocks:
        Block.parse(raw).validate_json()


# --- escape helpers --------------------------------------------------------------------------


def test_mrkdwn_escapes_only_the_three_control_characters():
    assert mrkdwn(None) == "" and mrkdwn("") == ""
    assert (
        mrkdwn("<!channel> R&D > \"quotes\" 'and' é")
        == "&lt;!channel&gt; R&amp;D &gt; \"quotes\" 'and' é"
    )
    assert mrkdwn("&amp;") == "&amp;amp;"  # shown to people exactly as it was scraped
    for text in NASTY + generated():
        assert mrkdwn(text) == slack_escape(text)


def test_link_only_for_http_urls_and_labels_cannot_split():
    assert (
        link("https://a.gov.uk/?a=1&b=2", "A|B <c>")
        == "<https://a.gov.uk/?a=1&amp;b=2|A\u00a6B &lt;c&gt;>"
    )
    assert link("http://a.gov.uk/", "line\nbreak") == "<http://a.gov.uk/|line break>"
    for url in HOSTILE_URLS:
        assert link(url, "<!channel> Grant") == "&lt;!channel&gt; Grant"


@pytest.mark.parametrize("text", NASTY + ["é&<>" * 40])
def test_clip_never_splits_an_entity(text):
    for limit in range(1, len(slack_escape(text)) + 3):
        clipped = clip(text, limit)
        assert len(clipped) <= limit
        assert not re.search(r"&(?!amp;|lt;|gt;)", clipped)
        shown = (
            clipped.removesuffix("\u2026")
            .replace("&lt;", "<")
            .replace("&gt;", ">")
            .replace("&amp;", "&")
        )
        assert text.startswith(shown)


def test_terminal_strips_control_characters():
    cleaned = terminal("\x1b[31mred\x1b[0m\x07 \x9b2J \u202eevil\nnext\x00")
    assert all(unicodedata.category(ch) != "Cc" for ch in cleaned)
    assert "\u202e" not in cleaned and "\n" not in cleaned
    assert cleaned == "[31mred[0m 2J evil next"


# --- the blocks, as a property over many hostile strings -------------------------------------


@pytest.mark.parametrize("event", ["new", "changed", "closing_soon"])
def test_alert_blocks_are_inert_for_any_scraped_text(event):
    for index, text in enumerate(NASTY + generated()):
        url = SAFE_URL if index % 3 else HOSTILE_URLS[index % len(HOSTILE_URLS)]
        body, blocks = alert_message(hostile_alert(text, url, event=event), NOW)
        assert_inert({"text": body, "blocks": blocks}, {SAFE_URL})
        if url != SAFE_URL:
            assert all(b["type"] != "actions" for b in blocks) and "<http" not in json.dumps(blocks)


def test_burst_blocks_are_inert_for_any_scraped_text():
    texts = NASTY + generated()
    alerts = [
        hostile_alert(t, SAFE_URL if i % 2 else HOSTILE_URLS[i % len(HOSTILE_URLS)], i)
        for i, t in enumerate(texts)
    ]
    body, blocks = burst_message(alerts, NOW)
    assert len(blocks) <= 50
    assert_inert({"text": body, "blocks": blocks}, {SAFE_URL})


# --- and as received by Slack ------------------------------------------------------------------


def test_payloads_slack_receives_are_inert(tmp_path, monkeypatch):
    for name in ("HTTPS_PROXY", "https_proxy", "HTTP_PROXY", "http_proxy"):
        monkeypatch.delenv(name, raising=False)
    db = open_db(tmp_path / "t.db")
    subscription = Subscription(id="digital_team", slack={"channel": CHANNEL})
    with SlackStandIn(channels=[CHANNEL]) as slack:
        channel = SlackChannel(
            db, token=slack.token, api_url=slack.api_url, env={}, min_interval=0, burst_limit=50
        )
        singles = [
            hostile_alert(t, HOSTILE_URLS[i % len(HOSTILE_URLS)] if i % 2 else SAFE_URL, i)
            for i, t in enumerate(NASTY)
        ]
        results = channel.deliver(subscription, singles, NOW)
        burst = [hostile_alert(t, SAFE_URL, 100 + i) for i, t in enumerate(NASTY * 4)]
        results += SlackChannel(
            db, token=slack.token, api_url=slack.api_url, env={}, min_interval=0
        ).deliver(subscription, burst, NOW)

    assert all(r.ok for r in results)
    assert len(slack.requests) == len(NASTY) + 1
    for request in slack.requests:
        payload = json.loads(request["raw"])
        assert_inert(payload, {SAFE_URL})
        for scheme in ("javascript:", "vbscript:", "data:text", "file:"):
            assert scheme not in request["raw"].lower()
    # Escaped exactly once: the scraped "R&D &amp; more" shows as written, not as "R&D & more".
    received = "\n".join(text_objects([json.loads(r["raw"]) for r in slack.requests], "mrkdwn"))
    assert slack_escape("R&D &amp; more") in received
    assert "&amp;amp;amp;" not in received
    assert slack_escape("<!channel> Free money") in received


def test_console_prints_hostile_text_without_control_characters():
    out = io.StringIO()
    hostile = hostile_alert("\x1b[2J\x1b]0;pwned\x07<!channel> Grant\u202e", "javascript:alert(1)")
    ConsoleChannel(out).deliver(
        Subscription(id="digital_team", slack={"channel": CHANNEL}), [hostile], NOW
    )

    printed = out.getvalue()
    assert all(unicodedata.category(ch) != "Cc" or ch == "\n" for ch in printed)
    assert "\u202e" not in printed and "javascript" not in printed.lower()
    assert "(no safe link)" in printed
    assert (
        "<!channel> Grant" in printed
    )  # a terminal has no mentions: plain text is shown as scraped
