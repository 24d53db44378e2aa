"""What slack_sdk's own client logs of an answer: a body that is not JSON was logged whole, at
ERROR ("Failed to decode Slack API response: Received a response in a non-JSON format: <the
body>"), which `fundwatch run` writes to its log (journald): a proxy's page of any size, with
terminal escapes, or one echoing the request's Authorization header, bot token and all. The record
now says the answer was not JSON and shows nothing of the body or the token. Real SlackChannel
against the loopback stand-in; every log record of the run is read."""

from __future__ import annotations

import logging

from config.models import Settings
from notifier.channels.slack import SlackChannel
from notifier.delivery import deliver_instant
from tests.notify_helpers import NOW, add_opportunity, add_outbox_row
from tests.slack_helpers import CHANNEL, bot_subscription
from tests.slack_standin import Scripted


def test_a_body_that_is_not_json_never_reaches_a_log_record(db, slack, fake_time, caplog):
    add_opportunity(db, "opp-1")
    add_outbox_row(db, "opp-1")
    page = f"<html>Proxy error. Authorization: Bearer {slack.token}\x1b[2J</html>"
    slack.script(Scripted(200, page))
    channel = SlackChannel(
        db,
        token=slack.token,
        api_url=slack.api_url,
        env={},
        sleep=fake_time.sleep,
        clock=fake_time.clock,
        timeout=5,
    )
    with caplog.at_level(logging.DEBUG):
        run = deliver_instant(
            db, [bot_subscription(CHANNEL)], Settings(), now=NOW, channel_for=lambda s, n: channel
        )
    assert run.retrying == 1
    said = [record.getMessage() for record in caplog.records]
    assert any("Failed to decode Slack API response" in line for line in said), said
    assert not [line for line in said if slack.token in line or "Proxy error" in line], said
    assert not [line for line in said if "\x1b" in line], said
