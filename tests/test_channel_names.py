"""One Slack channel has one key: its id. Two subscriptions naming one channel two ways (`#funding`
and `C0123456789`) would be two destinations, and the message they share would go twice; so a
channel is named by its id only, in subscriptions.yaml and in settings.yaml's curators alike, and
a name (`#funding`, `funding`) is a config error naming the file, entry and field before anything
is routed or posted. Through the real `fundwatch notify`, with the Slack stand-in on loopback."""

from __future__ import annotations

import pytest

from storage.db import open_db
from tests.crawl_helpers import fundwatch, write_config
from tests.slack_standin import DEFAULT_TOKEN, SlackStandIn

CHANNEL = "C0FUNDING1"


@pytest.mark.parametrize("name", ["#funding", "funding", "c0funding1"])
@pytest.mark.parametrize("where", ["subscriptions", "curators"])
def test_a_channel_named_by_name_is_refused_before_anything_is_posted(tmp_path, name, where):
    by_id = {"id": "by_id", "match": {}, "slack": {"channel": CHANNEL}}
    by_name = {"id": "by_name", "match": {}, "slack": {"channel": name}}
    if where == "subscriptions":
        config = write_config(tmp_path / "config", [], [by_id, by_name])
    else:
        curators = {"curators": {"slack": {"channel": name}}}
        config = write_config(tmp_path / "config", [], [by_id], settings=curators)
    open_db(tmp_path / "fw.db").close()
    with SlackStandIn(channels=[CHANNEL]) as slack:
        env = {"SLACK_BOT_TOKEN": DEFAULT_TOKEN, "SLACK_API_URL": slack.api_url}
        done = fundwatch("notify", config=config, db=tmp_path / "fw.db", env=env)
        assert slack.requests == []
    assert done.returncode == 2, done.stdout + done.stderr
    said = " ".join(done.stderr.split())
    assert said.startswith("config error: "), said
    assert "a Slack channel id such as C0123456789 (in the channel's details), not its name" in said
    assert f"(got '{name}')" in said, said
    assert "Traceback" not in done.stderr
