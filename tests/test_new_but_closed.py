"""A call first seen already closed is not announced as new: a listing that keeps its past calls
("Past", "Closed") beside its open ones announced every one of them on a new repository's first
round, 'New funding: Old heritage fund … (Closed)', to teams who can do nothing with it. The real
`fundwatch crawl` and `notify` on a loopback listing, alerts on the console (no Slack settings)."""

from __future__ import annotations

from spiders.sources.site import LoopbackSite
from tests.crawl_helpers import fundwatch, write_config

PAGE = """<html><body>
<div class="card"><h3><a href="/grants/parks">Parks improvement fund</a></h3>
  <p class="st">Current</p><p>Closing date: 12 March 2027</p></div>
<div class="card"><h3><a href="/grants/heritage">Heritage buildings fund</a></h3>
  <p class="st">Past</p><p>Closing date: 1 June 2026</p></div>
</body></html>"""
SOURCE = {
    "id": "council_grants",
    "name": "Council grants",
    "kind": "listing",
    "funder": "Example Council",
    "item": "div.card",
    "fields": {
        "title": "h3 a::text",
        "url": "h3 a::attr(href)",
        "status": "p.st::text",
        "closes": {"label": "Closing date"},
    },
}
TEAM = {"id": "parks_team", "match": {"keywords": ["fund"]}, "slack": {"channel": "C0123456789"}}


def test_only_the_open_call_is_announced(tmp_path):
    site = LoopbackSite().start()
    site.add("/grants", PAGE)
    try:
        config = write_config(
            tmp_path / "config", [{**SOURCE, "urls": [f"{site.url}/grants"]}], [TEAM]
        )
        db = tmp_path / "fundwatch.db"
        crawled = fundwatch("crawl", config=config, db=db, env={"SLACK_BOT_TOKEN": ""})
        assert crawled.returncode == 0, crawled.stdout + crawled.stderr
        done = fundwatch("notify", config=config, db=db, env={"SLACK_BOT_TOKEN": ""})
    finally:
        site.stop()
    assert done.returncode == 0, done.stderr
    # Before: both were announced ('New funding: Heritage buildings fund', '(Closed)').
    assert "New funding: Parks improvement fund" in done.stdout
    assert "Heritage buildings fund" not in done.stdout
    assert "1 alert(s) sent in 1 message(s), 0 to retry, 0 failed" in done.stdout
