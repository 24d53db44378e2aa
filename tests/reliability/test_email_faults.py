"""SMTP failing the way mail servers do, through the delivery engine and the real EmailChannel: a
server that refuses the connection, one that hangs up mid-conversation (after its greeting, after
the recipient, in the middle of the message), one that greets with 421, and replies of 4xx and 5xx.
Transient failures wait in the outbox with their reason and go out once, to each recipient once,
when a later run finds the server well; a 5xx for the message fails the alerts for good, with the
reason kept, and no later run sends them.
"""

from __future__ import annotations

from dataclasses import replace
from datetime import timedelta

import pytest

from config.models import Settings, Subscription
from notifier.channels.mailer import EmailChannel
from notifier.delivery import deliver_instant
from tests.email_helpers import TEAM, plain_settings
from tests.notify_helpers import NOW, add_opportunity, add_outbox_row, outbox
from tests.reliability.faulty_smtp import FaultySmtp
from tests.smtp_server import Behaviour, SmtpServer

ALERTS = 3
TITLES = [f"Mail fault fund {n}" for n in range(ALERTS)]
SUBSCRIPTION = Subscription.model_validate(
    {"id": "digital_team", "email": {"to": TEAM, "cadence": "instant"}}
)


@pytest.fixture
def alerts(db):
    for n, title in enumerate(TITLES):
        add_opportunity(db, f"mail-opp-{n}", title=title)
        add_outbox_row(
            db, f"mail-opp-{n}", subscription_id="digital_team", channel="email", cadence="instant"
        )
    return db


def deliver(db, port: int, at):
    channel = EmailChannel(plain_settings(port))
    return deliver_instant(db, [SUBSCRIPTION], Settings(), now=at, channel_for=lambda s, n: channel)


def assert_delivered_once(server: SmtpServer, db) -> None:
    """One message per recipient, each carrying every alert; every row sent."""
    assert sorted(r for m in server.received for r in m.rcpt_tos) == sorted(TEAM)
    for received in server.received:
        body = received.message().get_body(("plain",)).get_content()
        assert all(title in body for title in TITLES), body[:500]
    assert [row["status"] for row in outbox(db)] == ["sent"] * ALERTS


def assert_waiting(db, summary, reason: str) -> None:
    assert (summary.sent, summary.retrying, summary.failed) == (0, ALERTS, 0)
    assert reason in summary.text(), summary.text()
    rows = outbox(db)
    assert {r["status"] for r in rows} == {"pending"}
    assert all(reason in r["last_error"] for r in rows), rows


def recovers(db, good: SmtpServer) -> None:
    """Within the backoff nothing is tried; after it, everything goes out once."""
    early = deliver(db, good.port, NOW + timedelta(seconds=20))
    assert early.sent == 0 and good.connections == 0
    later = deliver(db, good.port, NOW + timedelta(minutes=2))
    assert later.sent == ALERTS and later.problems == []
    assert_delivered_once(good, db)


def test_a_server_that_refuses_the_connection(alerts):
    good = SmtpServer()  # its port is chosen, nothing listens on it yet: the server is down
    first = deliver(alerts, good.port, NOW)
    assert_waiting(alerts, first, f"connection refused by SMTP server 127.0.0.1:{good.port}")
    with good:
        recovers(alerts, good)


@pytest.mark.parametrize("fail_at", ["greeting", "rcpt", "data"])
def test_a_server_that_hangs_up_mid_conversation(alerts, fail_at):
    with FaultySmtp(fail_at) as faulty:
        first = deliver(alerts, faulty.port, NOW)
    assert faulty.connections == 1
    assert_waiting(alerts, first, "SMTPServerDisconnected")
    with SmtpServer() as good:
        recovers(alerts, good)


def test_a_server_that_greets_with_421(alerts):
    with FaultySmtp("421") as faulty:
        first = deliver(alerts, faulty.port, NOW)
    assert_waiting(alerts, first, "replied 421 4.3.2 Service not available")
    with SmtpServer() as good:
        recovers(alerts, good)


def test_a_4xx_for_the_recipients_is_retried(alerts):
    with SmtpServer(Behaviour(reject_rcpt="451 4.3.0 Mailbox temporarily unavailable")) as busy:
        first = deliver(alerts, busy.port, NOW)
        assert busy.received == []
    assert_waiting(alerts, first, "deferred: 451 4.3.0 Mailbox temporarily unavailable")
    with SmtpServer() as good:
        recovers(alerts, good)


def test_a_5xx_for_the_message_fails_for_good_with_the_reason_kept(alerts):
    with SmtpServer(Behaviour(reject_data="554 5.6.0 Message content rejected")) as strict:
        first = deliver(alerts, strict.port, NOW)
    reason = "server refused the message: 554 5.6.0 Message content rejected"
    assert (first.sent, first.retrying, first.failed) == (0, 0, ALERTS)
    assert reason in first.text()
    rows = outbox(alerts)
    assert [r["status"] for r in rows] == ["failed"] * ALERTS  # kept, with why: nothing lost
    assert all(reason in r["last_error"] for r in rows)
    with SmtpServer() as good:
        later = deliver(alerts, good.port, NOW + timedelta(hours=7))
        assert later.sent == 0 and good.connections == 0, "a refused message was sent again"


def test_a_stalled_mail_server_costs_a_run_one_timeout_not_one_per_digest(db):
    """Before: each subscription's message waited out the 30 s timeout in turn. Now the first that
    gets no answer marks the server down for the run (notifier/channels/unreachable.py), and the
    others wait untried, without spending an attempt, as a stalled Slack's do."""
    teams = [
        Subscription.model_validate(
            {"id": f"team_{n}", "email": {"to": TEAM, "cadence": "instant"}}
        )
        for n in range(ALERTS)
    ]
    for n, sub in enumerate(teams):
        add_opportunity(db, f"mail-opp-{n}", title=TITLES[n])
        add_outbox_row(db, f"mail-opp-{n}", subscription_id=sub.id, channel="email")
    with FaultySmtp("silent") as stalled:
        channel = EmailChannel(replace(plain_settings(stalled.port), timeout=2.0))
        first = deliver_instant(db, teams, Settings(), now=NOW, channel_for=lambda s, n: channel)
        assert stalled.connections == 1, "each digest waited out the timeout"
    rows = outbox(db)
    assert (first.sent, first.retrying, first.failed) == (0, ALERTS, 0), first.text()
    assert "timed out after 2s" in rows[0]["last_error"] and rows[0]["attempts"] == 1
    for row in rows[1:]:
        assert row["last_error"].startswith("not tried: SMTP server 127.0.0.1:"), row
        assert row["attempts"] == 0
    assert f"{ALERTS - 1} alert(s) not tried: SMTP server" in first.text()
