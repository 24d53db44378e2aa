"""Which channel the delivery engine picks from the environment: the offline defaults (console and
.eml files), Slack when configured, and the real path to a Slack Web API stand-in on loopback."""

from __future__ import annotations

import pytest

from config.models import Settings
from notifier.channels.choose import email_sender, slack_sender
from notifier.channels.console import ConsoleChannel
from notifier.channels.eml import EmlChannel
from notifier.channels.slack import SlackChannel
from notifier.delivery import default_outbox_dir, deliver_instant
from tests.notify_helpers import NOW, add_opportunity, add_outbox_row, repository, subscription
from tests.slack_standin import SlackStandIn

SETTINGS = Settings()


@pytest.fixture
def db(tmp_path):
    database = repository(tmp_path)
    for n in range(1, 3):
        add_opportunity(database, f"opp-{n}")
    return database


def status(db, row_id):
    return db["outbox"].get(row_id)["status"]


def test_offline_defaults_print_to_the_console_and_write_eml_files(tmp_path, db, capsys):
    team = subscription(
        "both_ways",
        slack={"channel": "C0BOTH0001"},
        email={"to": ["team@example.gov.uk"], "cadence": "instant"},
    )
    add_outbox_row(db, "opp-1", subscription_id="both_ways", channel="slack")
    add_outbox_row(db, "opp-1", subscription_id="both_ways", channel="email")

    summary = deliver_instant(db, [team], SETTINGS, now=NOW, env={})

    assert summary.by_channel == {
        "slack": {"sent": 1, "failed": 0, "retrying": 0},
        "email": {"sent": 1, "failed": 0, "retrying": 0},
    }
    assert "Fund opp-1" in capsys.readouterr().out
    written = list((tmp_path / "outbox").glob("*.eml"))
    assert len(written) == 1
    assert "team@example.gov.uk" in written[0].read_text()
    assert default_outbox_dir(db) == tmp_path / "outbox"


def test_senders_follow_the_environment(db, tmp_path):
    bot = subscription("bot", slack={"channel": "C0BOT00001"})
    hook = subscription("hook", slack={"webhook_env": "HOOK_URL"})
    settings = Settings(burst_limit=25)

    chosen = slack_sender(db, bot, {"SLACK_BOT_TOKEN": "xoxb-test"}, settings)
    assert isinstance(chosen, SlackChannel) and chosen.burst_limit == 25
    assert isinstance(slack_sender(db, bot, {}, settings), ConsoleChannel)
    assert isinstance(
        slack_sender(db, hook, {"SLACK_BOT_TOKEN": "xoxb-test"}, settings), ConsoleChannel
    )
    assert isinstance(
        slack_sender(db, hook, {"HOOK_URL": "https://hooks.example/x"}, settings), SlackChannel
    )

    assert isinstance(email_sender({}, tmp_path / "outbox"), EmlChannel)
    assert type(email_sender({"SMTP_HOST": "127.0.0.1"}, tmp_path)).__name__ == "EmailChannel"


def test_default_factory_posts_to_slack_when_the_environment_says_so(db):
    """The whole path with real parts: env → SlackChannel → the Web API stand-in on loopback."""
    team = subscription("slack_team", slack={"channel": "C0FUNDING1"})
    other = subscription("other_team", slack={"channel": "C0FUNDING2"})
    ids = [
        add_outbox_row(db, "opp-1", subscription_id="slack_team"),
        add_outbox_row(db, "opp-2", subscription_id="other_team"),
    ]
    with SlackStandIn() as slack:
        env = {"SLACK_BOT_TOKEN": slack.token, "SLACK_API_URL": slack.api_url}
        summary = deliver_instant(db, [team, other], SETTINGS, now=NOW, env=env)
    assert summary.sent == 2, summary.problems
    # Two channels are served at the same time (notifier/delivery/workers.py): in either order.
    assert sorted((p["channel"], "Fund opp-1" in p["text"]) for p in slack.posts) == [
        ("C0FUNDING1", True),
        ("C0FUNDING2", False),
    ]
    assert all(status(db, i) == "sent" for i in ids)


def test_with_no_slack_setting_at_all_the_console_is_no_warning(db, caplog):
    team = subscription("bot_team", slack={"channel": "C0BOT00001"})
    add_outbox_row(db, "opp-1", subscription_id="bot_team", channel="slack")
    with caplog.at_level("WARNING"):
        summary = deliver_instant(db, [team], SETTINGS, now=NOW, env={})
    assert summary.by_channel["slack"]["sent"] == 1
    assert not [r for r in caplog.records if r.levelname == "WARNING"]
