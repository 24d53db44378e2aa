"""When Slack says no: permanent errors stop posting to the channel, except a refusal of one
message (its blocks, its length), which fails that alert alone; transient ones are retried on a
later run, and missing settings raise SlackNotConfigured without echoing secrets."""

from __future__ import annotations

import socket

import pytest

from notifier.channels.slack import SlackChannel, SlackNotConfigured
from tests.slack_helpers import (
    CHANNEL,
    NOT_IN,
    NOW,
    WEBHOOK_ENV,
    FakeTime,
    alert,
    allow_loopback,
    bot_channel,
    bot_subscription,
    webhook_subscription,
)
from tests.slack_standin import Scripted, server_error, stall


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


@pytest.mark.parametrize(
    "code", ["msg_too_long", "invalid_blocks", "no_text", "too_many_attachments", "invalid_charset"]
)
def test_a_message_slack_refuses_fails_alone_and_the_others_still_go(slack, db, code):
    slack.script(Scripted(200, {"ok": False, "error": code}))
    results = bot_channel(slack, db).deliver(
        bot_subscription(), [alert(1), alert(2), alert(3)], NOW
    )

    assert [(r.outbox_id, r.ok, r.permanent) for r in results] == [
        (1, False, True),
        (2, True, False),
        (3, True, False),
    ]
    assert results[0].error == (
        f"Slack said {code}: Slack rejected the message itself; this is a fundwatch bug, "
        "please report it"
    )
    assert len(slack.requests) == 3 and len(slack.posts) == 2


@pytest.mark.parametrize(
    ("code", "said"),
    [
        ("not_allowed_token_type", "SLACK_BOT_TOKEN is not a bot token"),
        ("team_access_not_granted", "has not been granted access to the workspace of C0FUNDING1"),
        ("is_inactive", "C0FUNDING1 is an inactive shared channel"),
    ],
)
def test_a_token_or_channel_slack_documents_as_unusable_fails_for_good(slack, db, code, said):
    """They were "will retry later": 12 tries over hours for an answer no retry changes."""
    slack.script(Scripted(200, {"ok": False, "error": code}))
    results = bot_channel(slack, db).deliver(bot_subscription(), [alert(1), alert(2)], NOW)

    assert [(r.ok, r.permanent, r.only_this) for r in results] == [(False, True, False)] * 2
    assert said in results[0].error and len(slack.requests) == 1


def test_a_payload_a_webhook_refuses_fails_alone(slack, db, monkeypatch):
    allow_loopback(monkeypatch)
    slack.script(Scripted(400, "invalid_payload"))
    channel = SlackChannel(db, env={WEBHOOK_ENV: slack.webhook_url()}, min_interval=0, timeout=5)
    results = channel.deliver(webhook_subscription(), [alert(1), alert(2)], NOW)

    assert [(r.ok, r.permanent) for r in results] == [(False, True), (True, False)]
    assert results[0].error.startswith("Slack said invalid_payload: Slack rejected the message")
    assert len(slack.posts) == 1


def test_server_error_is_transient(slack, db):
    slack.script(server_error(500))
    channel = bot_channel(slack, db)
    failed = channel.deliver(bot_subscription(), [alert(1)], NOW)[0]

    assert (failed.ok, failed.permanent, failed.retry_after) == (False, False, None)
    assert "HTTP 500" in failed.error
    assert channel.deliver(bot_subscription(), [alert(1)], NOW)[0].ok  # the next run gets through


def test_an_answer_that_is_not_json_is_transient_and_not_repeated(slack, db):
    slack.script(Scripted(200, "upstream connect error or disconnect/reset before headers"))
    result = bot_channel(slack, db).deliver(bot_subscription(), [alert(1)], NOW)[0]

    assert (result.ok, result.permanent, result.retry_after) == (False, False, None)
    assert result.error == "Slack's answer was not JSON; will retry later"


def test_timeout_is_transient(slack, db):
    slack.script(stall(3))
    fake_time = FakeTime()
    channel = bot_channel(slack, db, timeout=0.5, sleep=fake_time.sleep, clock=fake_time.clock)
    failed = channel.deliver(bot_subscription(), [alert(1)], NOW)[0]

    # The client's timeout ended it: a stall waited out would have answered ok after 3 s.
    assert (failed.ok, failed.permanent) == (False, False)
    assert "did not answer within 0.5s" in failed.error
    # It may have posted: no in-call retry after sending, a later run decides.
    assert fake_time.sleeps == [] and len(slack.requests) == 1


def test_unreachable_slack_is_transient(db):
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    fake_time = FakeTime()
    channel = SlackChannel(
        db,
        token="xoxb-x",
        api_url=f"http://127.0.0.1:{port}/api/",
        env={},
        min_interval=0,
        sleep=fake_time.sleep,
        clock=fake_time.clock,
    )
    failed = channel.deliver(bot_subscription(), [alert(1)], NOW)[0]

    assert (failed.ok, failed.permanent, failed.retry_after) == (False, False, None)
    assert "refused" in failed.error
    # One reconnect in-call, after a short backoff asked of the injected sleep.
    assert len(fake_time.sleeps) == 1 and 0.5 <= fake_time.sleeps[0] < 1.5


def test_missing_settings_raise_slack_not_configured(db):
    with pytest.raises(SlackNotConfigured, match="SLACK_BOT_TOKEN"):
        SlackChannel(db, env={}).deliver(bot_subscription(), [alert(1)], NOW)
    with pytest.raises(SlackNotConfigured, match=WEBHOOK_ENV):
        SlackChannel(db, env={}).deliver(webhook_subscription(), [alert(1)], NOW)
    # A URL that is not a Slack webhook is not "missing": its alerts fail for good, and the reason
    # names the variable without echoing its value.
    refused = SlackChannel(db, env={WEBHOOK_ENV: "file:///etc/passwd-secret"}).deliver(
        webhook_subscription(), [alert(1)], NOW
    )[0]
    assert (refused.ok, refused.permanent) == (False, True)
    assert WEBHOOK_ENV in refused.error and "passwd-secret" not in refused.error
