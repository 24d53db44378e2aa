"""Every Slack-side sink (a bot post, a webhook post, a burst summary, the console) takes control
characters, bidi overrides, NUL and a 200,000-character title and still sends something short,
clean and valid: the stand-in checks Block Kit the way Slack does."""

from __future__ import annotations

import io
import json
import unicodedata
from dataclasses import replace

from notifier.channels.console import LINE_CHARS, ConsoleChannel
from notifier.channels.slack import SlackChannel
from tests.slack_helpers import (
    NOW,
    WEBHOOK_ENV,
    alert,
    allow_loopback,
    assert_valid_blocks,
    bot_channel,
    bot_subscription,
    opportunity,
    webhook_subscription,
)
from tests.slack_hostile import assert_no_hidden_characters

NASTY = "\x1b[2J\x1b]0;pwned\x07\x00Net\u202ezero\u2066 \x7fheat\x9b\r\nfund "
HUGE = NASTY + "Heat network fund " * 11_111  # just over 200,000 characters
# What is left once the controls go: the printable rest of an escape sequence is harmless text.
SHOWN = "[2J]0;pwnedNetzero heat fund Heat network fund"
# Slack: 40,000 characters of text; msg_blocks_too_long seen at ~13,200 over all blocks.
WELL_UNDER = 12_000


def hostile(number: int = 1, event: str = "new"):
    opp = replace(
        opportunity(number),
        title=HUGE,
        summary=HUGE,
        funder=HUGE,
        amount_min=None,
        amount_max=None,
        amount_text=HUGE,
        status=NASTY + "open",
        eligibility_phrase=HUGE,
        tag_labels=(HUGE, NASTY + "Net zero"),
        sources=(HUGE,),
    )
    changes = {"title": ("Old", HUGE), "eligibility": (HUGE, NASTY)} if event == "changed" else {}
    return alert(number, event, opp, changes)


def assert_short_and_clean(request: dict) -> dict:
    payload = json.loads(request["raw"])
    assert len(HUGE) > 200_000 and len(request["raw"]) < WELL_UNDER
    assert_no_hidden_characters(payload)
    assert_valid_blocks(payload["blocks"])
    header = payload["blocks"][0]["text"]["text"]
    assert header.startswith(SHOWN) and header.endswith("\u2026") and len(header) <= 150
    assert payload["text"].startswith(SHOWN)
    return payload


def test_a_bot_post_of_a_huge_hostile_alert_is_short_clean_and_valid(slack, db):
    channel = bot_channel(slack, db)
    results = channel.deliver(bot_subscription(), [hostile(1), hostile(2, "changed")], NOW)

    assert [r.ok for r in results] == [True, True], [r.error for r in results]
    for request in slack.requests:
        payload = assert_short_and_clean(request)
        for block in payload["blocks"]:
            for text in [block.get("text", {}).get("text", "")]:
                assert len(text) <= 3000
    lines = slack.posts[1]["blocks"][3]["text"]["text"].split("\n")
    assert lines[0] == "*What changed*" and all(len(line) <= 402 for line in lines)


def test_a_webhook_post_of_a_huge_hostile_alert_is_short_clean_and_valid(slack, db, monkeypatch):
    allow_loopback(monkeypatch)
    channel = SlackChannel(db, env={WEBHOOK_ENV: slack.webhook_url()}, min_interval=0, timeout=5)
    (result,) = channel.deliver(webhook_subscription(), [hostile(1, "closing_soon")], NOW)

    assert result.ok, result.error
    assert_short_and_clean(slack.requests[0])
    assert slack.posts[0]["via"] == "webhook"


def test_a_burst_of_huge_hostile_alerts_is_one_short_clean_valid_summary(slack, db):
    alerts = [hostile(n) for n in range(1, 31)]
    results = bot_channel(slack, db, burst_limit=5).deliver(bot_subscription(), alerts, NOW)

    assert all(r.ok for r in results) and len(slack.posts) == 1
    payload = json.loads(slack.requests[0]["raw"])
    assert len(slack.requests[0]["raw"]) < WELL_UNDER + 2_000  # 12,000 of lines plus the markup
    assert_no_hidden_characters(payload)
    assert_valid_blocks(payload["blocks"])
    assert len(payload["text"]) <= 3000


def test_the_console_prints_a_huge_hostile_alert_as_short_clean_lines():
    out = io.StringIO()
    alerts = [hostile(1), hostile(2, "changed"), replace(hostile(3), event="closing_soon")]
    results = ConsoleChannel(out).deliver(bot_subscription(), alerts, NOW)

    assert all(r.ok for r in results)
    printed = out.getvalue()
    lines = printed.splitlines()
    assert len(printed) < 6_000 and all(len(line) <= LINE_CHARS for line in lines)
    assert all(unicodedata.category(ch) != "Cc" or ch == "\n" for ch in printed)
    assert not set(printed) & set("\u202e\u2066")
    assert f"] New funding: {SHOWN}" in lines[0]
    assert lines[0].endswith("\u2026")
