"""An unknown key is named as the curator wrote it, and one that names a secret or a delivery
setting says where it belongs, through `fundwatch sources check` (exit 2, one line each).

Before: a key written with a capital ('Every', 'SMTP_PASSWORD', 'match: {Tags: …}') was taken
for one of pydantic's type markers and left out of the field ("field '(entry)': unknown key"), and
a secret's key ('token', 'password') was answered "check the spelling", as if a right spelling
existed, or worse, "did you mean 'webhook_env'?" for a 'bot_token'."""

from __future__ import annotations

import pytest

from tests.crawl_helpers import fundwatch, write_config

SOURCE = {
    "id": "council_grants",
    "name": "Council grants",
    "kind": "feed",
    "urls": ["https://www.example.gov.uk/grants.atom"],
}
TEAM = {
    "id": "housing_team",
    "match": {"tags": ["housing"]},
    "email": {"to": ["housing@example.gov.uk"], "cadence": "daily"},
}
SECRET = "hunter2SECRETvalue"


def check(tmp_path, sources=(SOURCE,), subscriptions=(TEAM,), settings=None):
    config = write_config(tmp_path / "config", list(sources), list(subscriptions))
    if settings is not None:
        (config / "settings.yaml").write_text(settings)
    done = fundwatch("sources", "check", config=config, db=tmp_path / "fundwatch.db")
    assert done.returncode == 2, done.stdout + done.stderr
    assert "Traceback" not in done.stderr and SECRET not in done.stdout + done.stderr
    return done.stderr.strip().splitlines()


@pytest.mark.parametrize(
    ("source", "said"),
    [
        (
            {**SOURCE, "Every": "6h"},
            "entry 'council_grants' (#1): field 'Every': unknown key (did you mean 'every'?)",
        ),
        (
            {**SOURCE, "kind": "listing", "item": "li", "fields": {"closes": {"Label": "Closes"}}},
            "field 'fields.closes.Label': unknown key (did you mean 'label'?)",
        ),
    ],
)
def test_a_key_written_with_a_capital_is_named(tmp_path, source, said):
    (line,) = check(tmp_path, sources=[source])
    assert line.startswith("config error: ") and "sources.yaml" in line
    assert line.endswith(said), line


def test_a_subscription_key_written_with_a_capital_is_named(tmp_path):
    team = {**TEAM, "match": {"Tags": ["housing"]}}
    (line,) = check(tmp_path, subscriptions=[team])
    assert line.endswith(
        "entry 'housing_team' (#1): field 'match.Tags': unknown key (did you mean 'tags'?)"
    ), line


@pytest.mark.parametrize(
    ("settings", "field"),
    [
        (f"SMTP_PASSWORD: {SECRET}\n", "SMTP_PASSWORD"),
        (f"curators: {{slack: {{channel: C0123456789, bot_token: {SECRET}}}}}\n", "curators.slack.bot_token"),
    ],
)  # fmt: skip
def test_a_secret_in_settings_is_sent_to_the_environment(tmp_path, settings, field):
    (line,) = check(tmp_path, settings=settings)
    assert f"settings.yaml: entry (settings): field '{field}': unknown key" in line, line
    assert "secrets belong in the environment, never in YAML" in line, line


def test_a_token_beside_a_slack_channel_is_sent_to_the_environment(tmp_path):
    team = {**TEAM, "slack": {"channel": "C0123456789", "token": SECRET}}
    (line,) = check(tmp_path, subscriptions=[team])
    assert "field 'slack.token': unknown key (secrets belong in the environment" in line, line
    assert "SLACK_BOT_TOKEN" in line


def test_smtp_settings_in_yaml_are_sent_to_the_environment(tmp_path):
    (line,) = check(tmp_path, settings=f"smtp: {{host: mail.example.org, password: {SECRET}}}\n")
    assert "field 'smtp': unknown key (delivery settings come from the environment" in line, line
    assert "SMTP_HOST" in line
