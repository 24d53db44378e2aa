"""A secret pasted where a plain value belongs (a bot token as the Slack channel, a webhook URL as
an email address) is never repeated in the config error: errors go to terminals, cron mail and the
service's journal. Ordinary mistakes are still quoted back, which is what makes them easy to fix."""

from __future__ import annotations

import pytest

from config.errors import ConfigError
from config.loader import load_subscriptions
from tests.test_config import GOOD_SOURCE, write

TOKEN = "xoxb-1234567890-0987654321-SECRETsecretSECRET"
HOOK = "https://hooks.slack.com/services/T0000/B0000/SECRETsecretSECRET"


@pytest.fixture
def folder(tmp_path):
    folder = tmp_path / "config"
    folder.mkdir()
    write(folder, "tags.yaml", {"net_zero": {"label": "Net zero", "any": ["net zero"]}})
    write(folder, "sources.yaml", [GOOD_SOURCE])
    return folder


def problem(folder, subscription) -> str:
    write(folder, "subscriptions.yaml", [{"id": "team", **subscription}])
    with pytest.raises(ConfigError) as caught:
        load_subscriptions(folder)
    (line,) = caught.value.problems
    return line


@pytest.mark.parametrize(
    ("subscription", "field"),
    [
        ({"slack": {"channel": TOKEN}}, "slack.channel"),
        ({"slack": {"channel": HOOK}}, "slack.channel"),
        ({"email": {"to": [HOOK]}}, "email.to[0]"),
        ({"email": {"to": [TOKEN]}}, "email.to[0]"),
    ],
)
def test_a_secret_in_the_wrong_field_is_named_never_repeated(folder, subscription, field):
    line = problem(folder, subscription)
    assert f"field '{field}'" in line
    assert "SECRET" not in line and "xoxb" not in line and "hooks.slack" not in line, line
    assert "looks like a secret" in line


def test_an_ordinary_mistake_is_still_quoted_back(folder):
    line = problem(folder, {"slack": {"channel": "#general"}})
    assert line.endswith("not its name (got '#general')")
