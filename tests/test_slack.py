"""Slack delivery through the real slack_sdk against a loopback Slack stand-in (no mocks)."""

from __future__ import annotations

import io
import json
import logging
import re
import socket
import subprocess
import sys
import time
from dataclasses import replace
from datetime import UTC, datetime
from pathlib import Path

import pytest
from slack_sdk import WebClient
from slack_sdk.errors import SlackApiError
from slack_sdk.models.blocks import Block

from config.models import Subscription
from notifier.alerts import Alert, OpportunityView
from notifier.channels.console import ConsoleChannel
from notifier.channels.slack import SlackChannel, SlackNotConfigured
from notifier.channels.slack_blocks import burst_message
from storage.db import open_db
from tests.slack_standin import SlackStandIn, rate_limited, server_error, stall

NOW = datetime(2026, 11, 25, 9, 0, tzinfo=UTC)  # 48 days before 12 Jan 2027
CLOSES = datetime(2027, 1, 12, 16, 0, tzinfo=UTC)  # GMT in January: 4:00pm in London
CHANNEL = "C0FUNDING1"
OTHER_CHANNEL = "C0FUNDING2"
NOT_IN = "C0NOTIN01"
WEBHOOK_ENV = "DIGITAL_TEAM_WEBHOOK"


@pytest.fixture(autouse=True)
def no_proxy(monkeypatch):
    # slack_sdk sends everything through HTTPS_PROXY when set, loopback included.
    for name in ("HTTPS_PROXY", "https_proxy", "HTTP_PROXY", "http_proxy"):
        monkeypatch.delenv(name, raising=False)


@pytest.fixture
def slack():
    with SlackStandIn(
        channels=[CHANNEL, OTHER_CHANNEL, NOT_IN], not_in_channel=[NOT_IN]
    ) as standin:
        yield standin


@pytest.fixture
def db(tmp_path):
    return open_db(tmp_path / "t.db")


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


# --- message shape ---------------------------------------------------------------------------


def test_one_alert_is_one_post_with_every_fact(slack, db):
    results = bot_channel(slack, db).deliver(bot_subscription(), [alert(7)], NOW)

    assert [(r.outbox_id, r.ok) for r in results] == [(7, True)]
    assert len(slack.posts) == 1
    post = slack.posts[0]
    assert post["channel"] == CHANNEL and post["thread_ts"] is None
    assert "Digital Inclusion Fund 7" in post["text"]
    assert_valid_blocks(post["blocks"])

    body = "\n".join(texts(post["blocks"]))
    url = "https://www.find-government-grants.service.gov.uk/grants/digital-7"
    assert f"<{url}|Digital Inclusion Fund 7>" in body
    assert "Department for Science, Innovation and Technology" in body
    assert "£10,000 to £50,000" in body
    closes = int(CLOSES.timestamp())
    assert f"<!date^{closes}^{{date_short_pretty}} {{time}}|12 Jan 2027, 4:00pm>" in body
    opens = int(datetime(2026, 11, 2, 9, 0, tzinfo=UTC).timestamp())
    assert f"<!date^{opens}^{{date_short_pretty}} {{time}}|2 Nov 2026, 9:00am>" in body
    assert "48 days left" in body
    assert "*Status*\nOpen" in body
    assert "Councils can apply (\u201clocal authorities in England\u201d)" in body
    assert "digital, inclusion" in body
    assert "Find a Grant, GOV.UK" in body
    assert "New funding" in body
    buttons = [e for b in post["blocks"] if b["type"] == "actions" for e in b["elements"]]
    assert [b["url"] for b in buttons] == [url]

    request = slack.requests[0]
    assert request["headers"]["authorization"] == f"Bearer {slack.token}"
    assert request["body"]["unfurl_links"] is False


def test_changed_alert_says_what_changed(slack, db):
    changes = {"closes_at": ("2027-01-12T00:00:00+00:00", "2027-01-26T00:00:00+00:00")}
    bot_channel(slack, db).deliver(bot_subscription(), [alert(1, "changed", changes=changes)], NOW)

    body = "\n".join(texts(slack.posts[0]["blocks"]))
    assert "Closing date: 12 Jan 2027 \u2192 26 Jan 2027" in body
    assert "Updated" in body


def test_no_button_and_no_link_when_the_url_is_not_http(slack, db):
    bad = opportunity(1, url="javascript:alert(1)")
    results = bot_channel(slack, db).deliver(bot_subscription(), [alert(1, opp=bad)], NOW)

    assert results[0].ok
    blocks = slack.posts[0]["blocks"]
    assert all(b["type"] != "actions" for b in blocks)
    assert "javascript" not in json.dumps(blocks)
    assert "Digital Inclusion Fund 1" in "\n".join(texts(blocks))


def test_long_summary_is_cut_within_the_section_limit(slack, db):
    long = opportunity(1, summary="Councils & partners " * 500, title="T" * 400)
    results = bot_channel(slack, db).deliver(bot_subscription(), [alert(1, opp=long)], NOW)

    assert results[0].ok
    lead = slack.posts[0]["blocks"][1]["text"]["text"]
    assert len(lead) <= 3000 and lead.endswith("\u2026")
    assert "Councils &amp; partners" in lead
    assert not re.search(r"&(?!amp;|lt;|gt;)", lead)  # the cut never splits an entity


# --- threads ---------------------------------------------------------------------------------


def test_updates_reply_in_the_thread_of_the_first_post(slack, db):
    changes = {"closes_at": ("2027-01-12T00:00:00+00:00", "2027-01-26T00:00:00+00:00")}
    first, update = alert(1, "new"), alert(2, "changed", opportunity(1), changes)
    results = bot_channel(slack, db).deliver(bot_subscription(), [first, update], NOW)

    assert [r.ok for r in results] == [True, True]
    parent, reply = slack.posts
    assert parent["thread_ts"] is None
    assert reply["thread_ts"] == parent["ts"]
    rows = list(db["slack_threads"].rows)
    assert [(r["channel"], r["opportunity_id"], r["ts"]) for r in rows] == [
        (CHANNEL, "opp-1", parent["ts"])
    ]

    # A later run (a new channel object) still finds the thread; other opportunities and other
    # channels start their own.
    later = bot_channel(slack, db)
    later.deliver(bot_subscription(), [alert(3, "closing_soon", opportunity(1))], NOW)
    later.deliver(bot_subscription(), [alert(4, "new", opportunity(2))], NOW)
    later.deliver(
        bot_subscription(OTHER_CHANNEL), [alert(5, "changed", opportunity(1), changes)], NOW
    )
    assert [p["thread_ts"] for p in slack.posts[2:]] == [parent["ts"], None, None]
    assert db["slack_threads"].count == 3


def test_webhook_posts_have_no_threads(slack, db):
    env = {WEBHOOK_ENV: slack.webhook_url()}
    channel = SlackChannel(db, env=env, min_interval=0, timeout=5)
    results = channel.deliver(
        webhook_subscription(), [alert(1), alert(2, "changed", opportunity(1))], NOW
    )

    assert [r.ok for r in results] == [True, True]
    assert [p["via"] for p in slack.posts] == ["webhook", "webhook"]
    assert db["slack_threads"].count == 0
    assert_valid_blocks(slack.posts[0]["blocks"])


# --- rate limits -----------------------------------------------------------------------------


def test_rate_limit_waits_retry_after_then_delivers(slack, db):
    slack.script(rate_limited(retry_after=1))
    started = time.monotonic()
    results = bot_channel(slack, db).deliver(bot_subscription(), [alert(1)], NOW)
    elapsed = time.monotonic() - started

    assert results[0].ok
    assert len(slack.posts) == 1
    first, second = slack.requests
    assert second["time"] - first["time"] >= 1.0
    assert elapsed >= 1.0


def test_persistent_rate_limit_reports_retry_after_and_stops(slack, db):
    slack.script(rate_limited(retry_after=1), rate_limited(retry_after=1))
    channel = bot_channel(slack, db, max_rate_limit_retries=1)
    results = channel.deliver(bot_subscription(), [alert(1), alert(2), alert(3)], NOW)

    assert [r.ok for r in results] == [False, False, False]
    assert [r.retry_after for r in results] == [1.0, 1.0, 1.0]
    assert not any(r.permanent for r in results)
    assert "rate limiting" in results[0].error
    assert len(slack.requests) == 2  # the first try and one retry; alerts 2 and 3 never sent
    assert slack.posts == []


def test_posts_to_one_channel_are_paced(slack, db):
    channel = bot_channel(slack, db, min_interval=0.4)
    channel.deliver(bot_subscription(), [alert(1)], NOW)
    channel.deliver(bot_subscription(), [alert(2)], NOW)

    first, second = slack.requests
    assert second["time"] - first["time"] >= 0.4


# --- failures --------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("channel_id", "token", "code", "reason"),
    [
        (
            "C0MISSING1",
            None,
            "channel_not_found",
            "the channel id C0MISSING1 does not exist or the bot cannot see it",
        ),
        (NOT_IN, None, "not_in_channel", f"the bot is not a member of {NOT_IN}"),
        (CHANNEL, "xoxb-not-the-right-token", "invalid_auth", "SLACK_BOT_TOKEN was not accepted"),
    ],
)
def test_permanent_errors_stop_posting_to_the_channel(slack, db, channel_id, token, code, reason):
    channel = SlackChannel(
        db, token=token or slack.token, api_url=slack.api_url, env={}, min_interval=0
    )
    results = channel.deliver(bot_subscription(channel_id), [alert(1), alert(2), alert(3)], NOW)

    assert [(r.outbox_id, r.ok, r.permanent) for r in results] == [
        (1, False, True),
        (2, False, True),
        (3, False, True),
    ]
    assert results[0].error.startswith(f"Slack said {code}: ")
    assert reason in results[0].error
    assert len({r.error for r in results}) == 1
    assert len(slack.requests) == 1 and slack.posts == []
    if token:
        assert token not in results[0].error


def test_server_error_is_transient(slack, db):
    slack.script(server_error(500))
    channel = bot_channel(slack, db)
    failed = channel.deliver(bot_subscription(), [alert(1)], NOW)[0]

    assert (failed.ok, failed.permanent, failed.retry_after) == (False, False, None)
    assert "HTTP 500" in failed.error
    assert channel.deliver(bot_subscription(), [alert(1)], NOW)[0].ok  # the next run gets through


def test_timeout_is_transient(slack, db):
    slack.script(stall(3))
    channel = bot_channel(slack, db, timeout=0.5)
    started = time.monotonic()
    failed = channel.deliver(bot_subscription(), [alert(1)], NOW)[0]

    assert time.monotonic() - started < 2.5
    assert (failed.ok, failed.permanent) == (False, False)
    assert "did not answer within 0.5s" in failed.error


def test_unreachable_slack_is_transient(db):
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    channel = SlackChannel(
        db, token="xoxb-x", api_url=f"http://127.0.0.1:{port}/api/", env={}, min_interval=0
    )
    failed = channel.deliver(bot_subscription(), [alert(1)], NOW)[0]

    assert (failed.ok, failed.permanent, failed.retry_after) == (False, False, None)
    assert "refused" in failed.error


# --- webhooks --------------------------------------------------------------------------------


def test_webhook_delivers_and_never_leaks_its_url(slack, db, caplog):
    caplog.set_level(logging.DEBUG)
    url = slack.webhook_url()
    channel = SlackChannel(db, env={WEBHOOK_ENV: url}, min_interval=0, timeout=5)
    slack.script(server_error(503))
    failed = channel.deliver(webhook_subscription(), [alert(1)], NOW)[0]
    delivered = channel.deliver(webhook_subscription(), [alert(1)], NOW)[0]

    assert (failed.ok, failed.permanent) == (False, False) and WEBHOOK_ENV in failed.error
    assert delivered.ok
    assert [r["path"] for r in slack.requests] == ["/services/T000/B000/XXXX"] * 2
    assert slack.posts[0]["via"] == "webhook"
    assert "XXXX" not in failed.error
    assert all("XXXX" not in record.getMessage() for record in caplog.records)


@pytest.mark.parametrize(
    ("state", "reason"),
    [
        ("invalid_token", f"the webhook URL in {WEBHOOK_ENV} was revoked or is wrong"),
        ("no_service", f"the webhook in {WEBHOOK_ENV} no longer exists"),
        (
            "channel_not_found",
            f"the webhook in {WEBHOOK_ENV} points at a channel that no longer exists",
        ),
    ],
)
def test_webhook_permanent_errors(db, state, reason, caplog):
    caplog.set_level(logging.DEBUG)
    with SlackStandIn(webhooks={"/services/T000/B000/XXXX": state}) as slack:
        url = slack.webhook_url()
        channel = SlackChannel(db, env={WEBHOOK_ENV: url}, min_interval=0)
        results = channel.deliver(webhook_subscription(), [alert(1), alert(2)], NOW)

    assert [(r.ok, r.permanent) for r in results] == [(False, True), (False, True)]
    assert results[0].error.startswith(f"Slack said {state}: {reason}")
    assert len(slack.requests) == 1
    assert url not in results[0].error and "XXXX" not in results[0].error
    assert all("XXXX" not in record.getMessage() for record in caplog.records)


def test_webhook_rate_limit_and_unreachable_webhook(slack, db, caplog):
    caplog.set_level(logging.DEBUG)
    slack.script(rate_limited(retry_after=2))
    limited = SlackChannel(
        db, env={WEBHOOK_ENV: slack.webhook_url()}, min_interval=0, max_rate_limit_retries=0
    ).deliver(webhook_subscription(), [alert(1)], NOW)[0]
    assert (limited.ok, limited.retry_after) == (False, 2.0)

    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        dead = f"http://127.0.0.1:{probe.getsockname()[1]}/services/T000/B000/SECRETPART"
    down = SlackChannel(db, env={WEBHOOK_ENV: dead}, min_interval=0).deliver(
        webhook_subscription(), [alert(1)], NOW
    )[0]
    assert (down.ok, down.permanent) == (False, False)
    assert "SECRETPART" not in down.error
    assert all("SECRETPART" not in record.getMessage() for record in caplog.records)


# --- not configured --------------------------------------------------------------------------


def test_missing_settings_raise_slack_not_configured(db):
    with pytest.raises(SlackNotConfigured, match="SLACK_BOT_TOKEN"):
        SlackChannel(db, env={}).deliver(bot_subscription(), [alert(1)], NOW)
    with pytest.raises(SlackNotConfigured, match=WEBHOOK_ENV):
        SlackChannel(db, env={}).deliver(webhook_subscription(), [alert(1)], NOW)
    with pytest.raises(SlackNotConfigured) as caught:
        SlackChannel(db, env={WEBHOOK_ENV: "file:///etc/passwd-secret"}).deliver(
            webhook_subscription(), [], NOW
        )
    assert "passwd-secret" not in str(caught.value)
    assert SlackChannel(db, env={"SLACK_BOT_TOKEN": "xoxb-1"}).is_configured(bot_subscription())
    assert not SlackChannel(db, env={}).is_configured(webhook_subscription())


# --- bursts ----------------------------------------------------------------------------------


def test_more_than_the_burst_limit_becomes_one_summary(slack, db):
    alerts = [alert(n) for n in range(1, 5)]
    results = bot_channel(slack, db, burst_limit=3).deliver(bot_subscription(), alerts, NOW)

    assert [(r.outbox_id, r.ok) for r in results] == [(1, True), (2, True), (3, True), (4, True)]
    assert len(slack.requests) == 1 and len(slack.posts) == 1
    post = slack.posts[0]
    assert post["thread_ts"] is None and db["slack_threads"].count == 0
    assert_valid_blocks(post["blocks"])
    assert post["blocks"][0]["text"]["text"] == "4 funding alerts"
    body = "\n".join(texts(post["blocks"]))
    for n in range(1, 5):
        assert f"/grants/digital-{n}|Digital Inclusion Fund {n}>" in body
    assert body.count("12 Jan 2027, 4:00pm") == 4


def test_two_hundred_alerts_are_still_one_valid_post(slack, db):
    alerts = [
        alert(n, opp=opportunity(n, title=f"Fund {n} " + "word " * 30)) for n in range(1, 201)
    ]
    results = bot_channel(slack, db).deliver(bot_subscription(), alerts, NOW)

    assert len(results) == 200 and all(r.ok for r in results)
    assert (
        len(slack.posts) == 1
    )  # the stand-in refuses invalid_blocks, so this also proves validity
    blocks = slack.posts[0]["blocks"]
    assert_valid_blocks(blocks)
    lines = [
        line for b in blocks if b["type"] == "section" for line in b["text"]["text"].split("\n")
    ]
    more = re.fullmatch(r"\u2026and (\d+) more", blocks[-1]["elements"][0]["text"])
    assert more and len(lines) + int(more.group(1)) == 200
    assert len(json.dumps(blocks)) < 20_000


def test_burst_message_fits_when_nothing_is_left_out():
    text, blocks = burst_message([alert(1), alert(2)], NOW)
    assert_valid_blocks(blocks)
    assert blocks[0]["text"]["text"] == "2 funding alerts"
    assert all(b["type"] != "context" for b in blocks)
    assert text.startswith("2 funding alerts: ")


# --- console ---------------------------------------------------------------------------------


def test_console_prints_one_readable_block_per_alert():
    out = io.StringIO()
    changes = {"closes_at": ("2027-01-12T00:00:00+00:00", "2027-01-26T00:00:00+00:00")}
    results = ConsoleChannel(out).deliver(
        bot_subscription(), [alert(1), alert(2, "changed", opportunity(1), changes)], NOW
    )

    assert [(r.outbox_id, r.ok) for r in results] == [(1, True), (2, True)]
    printed = out.getvalue()
    assert "[fundwatch \u2192 digital_team] New funding: Digital Inclusion Fund 1\n" in printed
    assert (
        "  Department for Science, Innovation and Technology \u00b7 £10,000 to £50,000"
        " \u00b7 closes 12 Jan 2027, 4:00pm (48 days left)\n" in printed
    )
    assert "  https://www.find-government-grants.service.gov.uk/grants/digital-1\n" in printed
    assert "[fundwatch \u2192 digital_team] Updated: Digital Inclusion Fund 1\n" in printed
    assert "  Closing date: 12 Jan 2027 \u2192 26 Jan 2027\n" in printed


# --- the stand-in itself ---------------------------------------------------------------------


def test_standin_accepts_form_bodies_and_checks_tokens(slack):
    client = WebClient(token=slack.token, base_url=slack.api_url)
    answer = client.api_call("chat.postMessage", params={"channel": CHANNEL, "text": "hello"})
    assert answer["ok"] and answer["channel"] == CHANNEL and answer["message"]["text"] == "hello"
    assert slack.requests[-1]["headers"]["content-type"].startswith(
        "application/x-www-form-urlencoded"
    )
    again = client.chat_postMessage(channel=CHANNEL, text="again")
    assert float(again["ts"]) > float(answer["ts"])
    with pytest.raises(SlackApiError) as bad:
        client.api_call(
            "chat.postMessage", json={"channel": CHANNEL, "blocks": [{"type": "section"}]}
        )
    assert bad.value.response["error"] == "invalid_blocks"
    with pytest.raises(SlackApiError) as anonymous:
        WebClient(base_url=slack.api_url).chat_postMessage(channel=CHANNEL, text="who?")
    assert anonymous.value.response["error"] == "not_authed"
    assert [p["text"] for p in slack.posts] == ["hello", "again"]


def test_standin_main_appends_posts_for_other_processes(tmp_path):
    state = tmp_path / "posts.jsonl"
    script = Path(__file__).with_name("slack_standin.py")
    process = subprocess.Popen(
        [sys.executable, str(script), "--port", "0", "--state", str(state)],
        stdout=subprocess.PIPE,
        text=True,
    )
    try:
        ready = process.stdout.readline()
        api_url = ready.split()[-1]
        assert ready.startswith("ready http://127.0.0.1:")
        client = WebClient(token="xoxb-fundwatch-test-token", base_url=api_url)
        client.chat_postMessage(channel=CHANNEL, text="one")
        client.chat_postMessage(channel=CHANNEL, text="two")
        lines = [json.loads(line) for line in state.read_text().splitlines()]
        assert [(p["channel"], p["text"]) for p in lines] == [(CHANNEL, "one"), (CHANNEL, "two")]
    finally:
        process.terminate()
        assert process.wait(timeout=5) == 0
