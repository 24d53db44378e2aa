"""`fundwatch notify --retry-failed`: alerts given up on (Slack said channel_not_found) keep their
reason and are not retried by a plain notify; once the operator has fixed the cause, --retry-failed
queues them again and they are sent, once. Through the CLI, against the Slack stand-in."""

from __future__ import annotations

from tests.crawl_helpers import fundwatch, write_config
from tests.notify_helpers import add_event, add_opportunity, outbox, repository
from tests.slack_standin import DEFAULT_TOKEN, SlackStandIn

SUBSCRIPTIONS = [
    {"id": "digital_team", "match": {"tags": ["digital"]}, "slack": {"channel": "C0DIGITAL1"}},
    {"id": "housing_team", "match": {"tags": ["digital"]}, "slack": {"channel": "C0HOUSING1"}},
]


def test_alerts_given_up_on_are_sent_once_the_cause_is_fixed(tmp_path):
    db = repository(tmp_path)
    add_opportunity(db, "opp-1", title="Digital inclusion fund")
    add_event(db, "opp-1")
    config = write_config(tmp_path / "config", [], SUBSCRIPTIONS)
    path = tmp_path / "fundwatch.db"
    with SlackStandIn(channels=[]) as slack:  # the bot is in neither channel yet
        env = {"SLACK_BOT_TOKEN": DEFAULT_TOKEN, "SLACK_API_URL": slack.api_url}
        first = fundwatch("notify", config=config, db=path, env=env)
        assert first.returncode == 1, first.stdout + first.stderr  # failed for good: say so
        failed = outbox(db, status="failed")
        assert len(failed) == 2 and all("channel_not_found" in r["last_error"] for r in failed)

        slack.channels.update({"C0DIGITAL1", "C0HOUSING1"})  # the operator invites the bot
        plain = fundwatch("notify", config=config, db=path, env=env)
        assert plain.returncode == 0 and slack.posts == [], "a plain notify leaves them failed"
        # ^ exit 0: nothing failed in this run (the two failed in the first are not told again)

        one = fundwatch(
            "notify", "--retry-failed", "--subscription", "digital_team", config=config, db=path,
            env=env,
        )  # fmt: skip
        assert one.returncode == 0, one.stdout + one.stderr
        assert "notify: 1 failed alert(s) queued again;" in one.stdout
        assert [p["channel"] for p in slack.posts] == ["C0DIGITAL1"]

        rest = fundwatch("notify", "--retry-failed", config=config, db=path, env=env)
        assert "notify: 1 failed alert(s) queued again;" in rest.stdout
        assert sorted(p["channel"] for p in slack.posts) == ["C0DIGITAL1", "C0HOUSING1"]
        assert {r["status"] for r in outbox(db)} == {"sent"}

        again = fundwatch("notify", "--retry-failed", config=config, db=path, env=env)
        assert "notify: 0 failed alert(s) queued again;" in again.stdout
        assert len(slack.posts) == 2, "nothing is sent twice"


def test_an_unknown_subscription_names_the_known_ones(tmp_path):
    config = write_config(tmp_path / "config", [], SUBSCRIPTIONS)
    result = fundwatch(
        "notify", "--retry-failed", "--subscription", "nope", config=config,
        db=tmp_path / "fundwatch.db",
    )  # fmt: skip
    assert result.returncode == 2
    assert "unknown subscription 'nope'; known subscriptions: digital_team, housing_team" in (
        result.stderr
    )
    alone = fundwatch(
        "notify", "--subscription", "digital_team", config=config, db=tmp_path / "fundwatch.db"
    )
    assert alone.returncode == 2 and "only with --retry-failed" in alone.stderr
