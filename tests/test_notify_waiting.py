"""`fundwatch notify` says what still waits in the outbox: after Slack's 429 with a long Retry-After
the alerts are held back, and the next run must not read "0 alert(s) sent in 0 message(s), 0 to retry, 0 failed" as if
nothing were left; it names how many wait and when the next try is (London time)."""

from __future__ import annotations

from spiders.sources.site import LoopbackSite
from tests.crawl_helpers import fundwatch, write_config
from tests.slack_standin import DEFAULT_TOKEN, SlackStandIn, rate_limited

PAGE = """<html><body>
<div class="call"><a href="/calls/heat">Heat Network Fund</a><p>Closing date: 5 March 2027</p></div>
<div class="call"><a href="/calls/bus">Bus Fund</a><p>Closing date: 6 March 2027</p></div>
</body></html>"""


def test_alerts_held_back_by_retry_after_are_said_to_wait(tmp_path):
    with LoopbackSite() as site, SlackStandIn(channels=["C0TEAM00001"]) as slack:
        site.add("/calls", PAGE)
        source = {
            "id": "calls",
            "kind": "listing",
            "urls": [f"{site.base_url}/calls"],
            "item": "div.call",
            "fields": {"title": "a::text", "url": "a::attr(href)", "closes": "p::text"},
        }
        subscription = {"id": "team", "match": {}, "slack": {"channel": "C0TEAM00001"}}
        config = write_config(tmp_path / "config", [source], [subscription])
        db = tmp_path / "fw.db"
        env = {"SLACK_BOT_TOKEN": DEFAULT_TOKEN, "SLACK_API_URL": slack.api_url}
        assert fundwatch("crawl", config=config, db=db, env=env).returncode == 0

        slack.script(rate_limited(retry_after=600))  # longer than a run waits inline
        first = fundwatch("notify", config=config, db=db, env=env)
        assert "0 alert(s) sent in 0 message(s), 2 to retry, 0 failed" in first.stdout, (
            first.stdout + first.stderr
        )

        again = fundwatch("notify", config=config, db=db, env=env)
        assert again.returncode == 0, again.stderr
        assert "0 alert(s) sent in 0 message(s), 0 to retry, 0 failed" in again.stdout
        # the frozen now is 25 Nov 2026, 9:00 GMT; Retry-After 600 s puts the next try at 9:10am
        assert "2 alert(s) waiting to be retried, the next at 25 Nov 2026, 9:10am" in again.stdout
        assert slack.posts == []

        later = fundwatch(
            "notify", config=config, db=db, env={**env, "FUNDWATCH_NOW": "2026-11-25T09:11:00Z"}
        )
        assert "2 alert(s) sent in 2 message(s), 0 to retry, 0 failed" in later.stdout, (
            later.stdout + later.stderr
        )
        assert "waiting" not in later.stdout
        assert len(slack.posts) == 2
