"""`fundwatch sources check` counts the Slack and Teams variables the config names (subscriptions'
own webhook variables, SLACK_BOT_TOKEN for bot-token channels, and the curators' own, from
settings.yaml) and says which are not set in its environment: before, it said only "config ok",
and a misspelt variable showed only when `notify` failed the alerts. Names only, never values."""

from __future__ import annotations

import yaml

from config.models import Settings, Subscription
from notifier.channels.variables import variable_lines
from tests.crawl_helpers import fundwatch, write_config

SECRET = "https://hooks.slack.com/services/T000/B000/not-to-be-shown"
SUBSCRIPTIONS = [
    {"id": "bot_team", "slack": {"channel": "C0123456789"}},
    {"id": "hook_team", "slack": {"webhook_env": "HOOK_TEAM_WEBHOOK"}},
    {"id": "hook_team_2", "slack": {"webhook_env": "HOOK_TEAM_WEBHOOK"}},
    {"id": "misspelt_team", "slack": {"webhook_env": "MISPELT_WEBHOOK"}},
    {"id": "teams_team", "teams": {"webhook_env": "TEAMS_TEAM_WEBHOOK"}},
    {"id": "mail_team", "email": {"to": ["team@council.gov.uk"]}},
]
NO_SMTP = {name: "" for name in ("SMTP_HOST", "SMTP_PORT", "SMTP_SECURITY", "SMTP_USERNAME")}
CURATORS = {"curators": {"slack": {"webhook_env": "CURATORS_WEBHOOK"}}}


def test_check_counts_the_variables_and_names_those_not_set(tmp_path):
    config = write_config(tmp_path / "config", [], SUBSCRIPTIONS)
    settings = yaml.safe_load((config / "settings.yaml").read_text())
    (config / "settings.yaml").write_text(yaml.safe_dump({**settings, **CURATORS}))
    env = {
        "HOOK_TEAM_WEBHOOK": SECRET,
        "CURATORS_WEBHOOK": SECRET,
        "SLACK_BOT_TOKEN": "",
        **NO_SMTP,
    }
    done = fundwatch("sources", "check", config=config, db=tmp_path / "never.db", env=env)
    assert done.returncode == 0, done.stderr
    assert done.stdout.splitlines()[1:] == [
        "slack: 1 subscription(s) by SLACK_BOT_TOKEN (not set here); 3 subscription(s) and the "
        "curators by their own webhook variable (3 variable(s), not set here: MISPELT_WEBHOOK)",
        "teams: 1 subscription(s) by their own webhook variable (1 variable(s), not set here: "
        "TEAMS_TEAM_WEBHOOK)",
        # and how mail would go (tests/test_sources_check_mail.py)
        f"email: 1 subscription(s) by .eml files under {tmp_path / 'outbox'}/ (SMTP_HOST not set "
        "here)",
    ]
    assert SECRET not in done.stdout + done.stderr


def test_nothing_is_said_where_no_chat_is_used_and_all_set_is_said_so():
    mail = [Subscription(id="mail_team", email={"to": ["team@council.gov.uk"]})]
    assert variable_lines(mail, Settings(), {}) == []
    hooks = [Subscription(id="t", slack={"webhook_env": "T_HOOK"})]
    assert variable_lines(hooks, Settings(), {"T_HOOK": SECRET}) == [
        "slack: 1 subscription(s) by their own webhook variable (1 variable(s), all set here)"
    ]
    curators = Settings.model_validate({"curators": {"slack": {"channel": "C0CURATORS1"}}})
    assert variable_lines([], curators, {"SLACK_BOT_TOKEN": "xoxb-x"}) == [
        "slack: the curators by SLACK_BOT_TOKEN (set)"
    ]


TEAMS_URL = "https://prod-1.westeurope.logic.azure.com/workflows/abc/triggers/manual?sig=secret"


def test_a_variable_holding_an_address_notify_refuses_is_named(tmp_path):
    """A Teams URL pasted into a Slack variable (or the reverse, or a URL cut short) is set, but
    `notify` refuses it and fails every alert of those subscriptions for good: before, the check
    said "all set here" of it; now it names the variable, never its value."""
    config = write_config(tmp_path / "config", [], SUBSCRIPTIONS)
    env = {
        "HOOK_TEAM_WEBHOOK": TEAMS_URL,  # the Teams one, in the Slack variable
        "MISPELT_WEBHOOK": "https://hooks.slack.com/",  # cut short: no path
        "TEAMS_TEAM_WEBHOOK": SECRET,  # the Slack one, in the Teams variable
        "SLACK_BOT_TOKEN": "xoxb-1",
        **NO_SMTP,
    }
    done = fundwatch("sources", "check", config=config, db=tmp_path / "never.db", env=env)
    assert done.returncode == 0, done.stderr
    assert done.stdout.splitlines()[1:] == [
        "slack: 1 subscription(s) by SLACK_BOT_TOKEN (set); 3 subscription(s) by their own webhook "
        "variable (2 variable(s), not a Slack webhook URL: HOOK_TEAM_WEBHOOK, MISPELT_WEBHOOK)",
        "teams: 1 subscription(s) by their own webhook variable (1 variable(s), not a Teams "
        "Workflows webhook URL: TEAMS_TEAM_WEBHOOK)",
        f"email: 1 subscription(s) by .eml files under {tmp_path / 'outbox'}/ (SMTP_HOST not set "
        "here)",
    ]
    assert "secret" not in done.stdout + done.stderr
    assert SECRET not in done.stdout + done.stderr


def test_unset_and_unusable_are_said_apart():
    hooks = [Subscription(id=n.lower(), slack={"webhook_env": n}) for n in ("A_HOOK", "B_HOOK")]
    assert variable_lines(hooks, Settings(), {"A_HOOK": "http://hooks.slack.com/x"}) == [
        "slack: 2 subscription(s) by their own webhook variable (2 variable(s), not set here: "
        "B_HOOK; not a Slack webhook URL: A_HOOK)"
    ]


BOT_TEAM = SUBSCRIPTIONS[:1]


def test_check_names_a_token_slack_would_refuse_never_its_value(tmp_path):
    """Pasted with its quotes, after "Bearer ", or the user token (xoxp-) from the same page of
    the Slack app: every bot-token alert failed for good (invalid_auth), found only by notify."""
    config = write_config(tmp_path / "config", [], BOT_TEAM)
    for token in ('"xoxb-111-222-abc"', "Bearer xoxb-111-222-abc", "xoxp-111-222-abc"):
        env = {"SLACK_BOT_TOKEN": token, **NO_SMTP}
        done = fundwatch("sources", "check", config=config, db=tmp_path / "never.db", env=env)
        assert done.returncode == 0, done.stderr
        assert done.stdout.splitlines()[1] == (
            "slack: 1 subscription(s) by SLACK_BOT_TOKEN (set, but not a bot token: Slack takes "
            "the Bot User OAuth Token, xoxb-…)"
        ), token
        assert "111-222" not in done.stdout + done.stderr
    for token in ("xoxb-111-222-abc", "xoxe.xoxb-1-abc", " xoxb-111-222-abc\n"):  # rotating; spaced
        env = {"SLACK_BOT_TOKEN": token, **NO_SMTP}
        done = fundwatch("sources", "check", config=config, db=tmp_path / "never.db", env=env)
        assert done.stdout.splitlines()[1] == "slack: 1 subscription(s) by SLACK_BOT_TOKEN (set)"
