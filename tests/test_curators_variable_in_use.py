"""The curators' own Slack or Teams variable (settings.yaml `curators: {slack: {webhook_env: …}}`)
shows that the platform is set up, as a subscription's does: a subscription whose own variable
is then unset (a misspelt name) fails its alerts for good naming it, rather than printing them to
the console as the embedded default and counting them sent. Before, only subscriptions' variables
(and SLACK_BOT_TOKEN, SLACK_API_URL) counted, so with the curators' webhook the only one set, a
team's alerts were quietly lost to the console."""

from __future__ import annotations

import pytest

from config.models import Settings
from notifier.channels.choose import channel_factory
from notifier.channels.console import ConsoleChannel
from notifier.channels.missing import MissingSetting
from tests.notify_helpers import repository, subscription

HOOKED = subscription("hook_team", slack={"webhook_env": "HOOK_TEAM_WEBHOOK"})
TEAMS = subscription("teams_team", slack=None, teams={"webhook_env": "TEAMS_TEAM_HOOK"})
SLACK_URL = "https://hooks.slack.com/services/T0CUR/B0CUR/curatorsSecret"
TEAMS_URL = "https://prod-01.uksouth.logic.azure.com/workflows/1/triggers/manual/paths/invoke"


@pytest.mark.parametrize(
    ("curators", "env", "target", "channel", "missing", "in_use"),
    [
        ({"slack": {"webhook_env": "CURATORS_HOOK"}}, {"CURATORS_HOOK": SLACK_URL}, HOOKED,
         "slack", "HOOK_TEAM_WEBHOOK", "CURATORS_HOOK"),
        ({"teams": {"webhook_env": "CURATORS_TEAMS"}}, {"CURATORS_TEAMS": TEAMS_URL}, TEAMS,
         "teams", "TEAMS_TEAM_HOOK", "CURATORS_TEAMS"),
    ],
)  # fmt: skip
def test_the_curators_variable_set_makes_a_teams_unset_one_a_mistake(
    tmp_path, curators, env, target, channel, missing, in_use
):
    db = repository(tmp_path)
    settings = Settings.model_validate({"curators": curators})
    made = channel_factory(db, settings, env, tmp_path, subscriptions=[target])(target, channel)
    assert isinstance(made, MissingSetting), type(made)
    assert f"{missing} is not set, though" in made.reason and f"({in_use} is set)" in made.reason
    assert SLACK_URL not in made.reason and TEAMS_URL not in made.reason


def test_unset_the_curators_variable_too_and_the_console_is_the_default_again(tmp_path):
    db = repository(tmp_path)
    settings = Settings.model_validate({"curators": {"slack": {"webhook_env": "CURATORS_HOOK"}}})
    made = channel_factory(db, settings, {}, tmp_path, subscriptions=[HOOKED])(HOOKED, "slack")
    assert isinstance(made, ConsoleChannel)
