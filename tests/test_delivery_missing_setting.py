"""A subscription whose own Slack or Teams variable is unset while that platform is set up (a bot
token, or another subscription's webhook): a misspelt name in the service's environment file.

Before: its alerts were printed to the console, counted as sent, and only a warning said so; they
were lost. Now they fail for good with a reason naming the subscription and the variable, `notify`
says so on a `problem:` line and exits 1, and once the variable is set `--retry-failed` sends them,
once. With no Slack (or Teams) setting at all, the console is still the embedded default."""

from __future__ import annotations

import pytest

from config.models import Settings
from notifier.channels.choose import channel_factory
from notifier.channels.console import ConsoleChannel
from notifier.channels.missing import MissingSetting
from notifier.channels.slack import SlackChannel
from notifier.delivery import deliver_instant
from tests.crawl_helpers import fundwatch, write_config
from tests.notify_helpers import (
    NOW,
    add_event,
    add_opportunity,
    add_outbox_row,
    outbox,
    repository,
    subscription,
)
from tests.slack_standin import DEFAULT_TOKEN, SlackStandIn

HOOK = "HOOK_TEAM_WEBHOOK"
REASON = (
    f"subscription hook_team: {HOOK} is not set, though Slack is set up (SLACK_BOT_TOKEN is set), "
    f"so its Slack alerts cannot be posted; set {HOOK} in the environment, then `fundwatch notify "
    "--retry-failed` sends them"
)
BOT = subscription("bot_team", slack={"channel": "C0BOT00001"})
HOOKED = subscription("hook_team", slack={"webhook_env": HOOK})
OTHER_HOOK = subscription("other_team", slack={"webhook_env": "OTHER_WEBHOOK"})
TEAMS = subscription("teams_team", slack=None, teams={"webhook_env": "TEAMS_HOOK"})
OTHER_TEAMS = subscription("other_teams", slack=None, teams={"webhook_env": "OTHER_TEAMS_HOOK"})


@pytest.fixture
def db(tmp_path):
    database = repository(tmp_path)
    for n in range(1, 3):
        add_opportunity(database, f"opp-{n}")
    return database


def chosen(db, tmp_path, env, target, channel="slack", subscriptions=()):
    make = channel_factory(db, Settings(), env, tmp_path, subscriptions=subscriptions)
    return make(target, channel)


@pytest.mark.parametrize(
    ("env", "target", "channel", "subscriptions", "kind", "missing"),
    [
        ({}, HOOKED, "slack", [HOOKED, BOT], ConsoleChannel, None),  # nothing set: the default
        ({"SLACK_BOT_TOKEN": "xoxb-1"}, HOOKED, "slack", [], MissingSetting, HOOK),
        ({"SLACK_API_URL": "http://127.0.0.1:9/api/"}, BOT, "slack", [], MissingSetting,
         "SLACK_BOT_TOKEN"),
        ({"SLACK_BOT_TOKEN": "xoxb-1", HOOK: "  "}, HOOKED, "slack", [], MissingSetting, HOOK),
        # Webhooks only: another team's variable is set, so this one's unset is a mistake too.
        ({"OTHER_WEBHOOK": "https://hooks.slack.com/services/T/B/X"}, HOOKED, "slack",
         [OTHER_HOOK, HOOKED], MissingSetting, HOOK),
        ({"OTHER_WEBHOOK": "https://hooks.slack.com/services/T/B/X"}, BOT, "slack",
         [OTHER_HOOK, BOT], MissingSetting, "SLACK_BOT_TOKEN"),
        ({"SLACK_BOT_TOKEN": "xoxb-1"}, BOT, "slack", [BOT], SlackChannel, None),
        ({}, TEAMS, "teams", [TEAMS, OTHER_TEAMS], ConsoleChannel, None),
        ({"OTHER_TEAMS_HOOK": "https://x.logic.azure.com/workflows/1"}, TEAMS, "teams",
         [TEAMS, OTHER_TEAMS], MissingSetting, "TEAMS_HOOK"),
    ],
)  # fmt: skip
def test_the_console_only_while_the_platform_is_not_set_up_at_all(
    db, tmp_path, env, target, channel, subscriptions, kind, missing
):
    made = chosen(db, tmp_path, env, target, channel, subscriptions)
    assert isinstance(made, kind)
    if missing:
        assert f"subscription {target.id}: {missing} is not set" in made.reason


def test_alerts_of_a_subscription_whose_webhook_is_unset_fail_for_good_and_are_not_printed(
    db, caplog, capsys
):
    add_outbox_row(db, "opp-1", subscription_id="bot_team", channel="slack")
    hooked = [
        add_outbox_row(db, f"opp-{n}", subscription_id="hook_team", channel="slack") for n in (1, 2)
    ]
    with SlackStandIn(channels=["C0BOT00001"]) as slack, caplog.at_level("WARNING"):
        env = {"SLACK_BOT_TOKEN": DEFAULT_TOKEN, "SLACK_API_URL": slack.api_url}
        summary = deliver_instant(db, [BOT, HOOKED], Settings(), now=NOW, env=env)
        assert len(slack.posts) == 1  # the bot team's, posted

    # Before: sent 3, failed 0, and the hook team's two alerts printed to stdout.
    assert (summary.sent, summary.failed, summary.retrying) == (1, 2, 0), summary.text()
    assert f"slack: not sent: {REASON}" in summary.problems
    assert "Fund opp" not in capsys.readouterr().out
    rows = {r["id"]: r for r in outbox(db)}
    assert [(rows[i]["status"], rows[i]["last_error"]) for i in hooked] == [("failed", REASON)] * 2
    warnings = [r.getMessage() for r in caplog.records if r.levelname == "WARNING"]
    assert warnings.count(REASON) == 1, warnings


def test_notify_says_so_exits_1_and_retry_failed_sends_them_once_the_variable_is_set(tmp_path):
    db = repository(tmp_path)
    add_opportunity(db, "opp-1", title="Digital inclusion fund")
    add_event(db, "opp-1")
    subscriptions = [
        {"id": "bot_team", "match": {"tags": ["digital"]}, "slack": {"channel": "C0BOT00001"}},
        {"id": "hook_team", "match": {"tags": ["digital"]}, "slack": {"webhook_env": HOOK}},
    ]
    config = write_config(tmp_path / "config", [], subscriptions)
    path = tmp_path / "fundwatch.db"
    with SlackStandIn(channels=["C0BOT00001"]) as slack:
        env = {"SLACK_BOT_TOKEN": DEFAULT_TOKEN, "SLACK_API_URL": slack.api_url, HOOK: ""}
        first = fundwatch("notify", config=config, db=path, env=env)
        assert first.returncode == 1, first.stdout + first.stderr
        assert f"problem: slack: not sent: {REASON}" in first.stdout
        assert "Digital inclusion fund" not in first.stdout  # not printed as if sent
        assert [p["channel"] for p in slack.posts] == ["C0BOT00001"]
        assert [r["status"] for r in outbox(db, subscription_id="hook_team")] == ["failed"]

        env[HOOK] = slack.webhook_url()  # the operator fixes the environment file
        fixed = fundwatch("notify", "--retry-failed", config=config, db=path, env=env)
        assert fixed.returncode == 0, fixed.stdout + fixed.stderr
        again = fundwatch("notify", "--retry-failed", config=config, db=path, env=env)
        assert again.returncode == 0, again.stdout + again.stderr
    hook_posts = [p for p in slack.posts if p["channel"] != "C0BOT00001"]
    assert len(hook_posts) == 1 and "Digital inclusion fund" in hook_posts[0]["text"]
    assert len(slack.posts) == 2, "sent twice"
    assert {r["status"] for r in outbox(db)} == {"sent"}
