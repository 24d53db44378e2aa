"""A `feed` source may be a JSON Feed (jsonfeed.org 1 and 1.1; spiders/json_feed.py): feedparser
reads no JSON, so such a source read no entries and failed "not a feed". Read through a real
`fundwatch crawl` of a two-page JSON Feed on loopback (its `next_url` followed), and the
conversion's edges on their own (hand-built feeds, in the shape the spec's examples give)."""

from __future__ import annotations

import json

import feedparser
import sqlite_utils

from spiders.json_feed import is_json_feed, json_feed_as_atom
from spiders.sources.site import LoopbackSite
from tests.crawl_helpers import fundwatch, write_config

VERSION = "https://jsonfeed.org/version/1.1"


def page(items: list[dict], next_url: str | None = None) -> str:
    feed = {"version": VERSION, "title": "Wyvern Community Trust: open grants", "items": items}
    if next_url:
        feed["next_url"] = next_url
    return json.dumps(feed)


FIRST = [
    {
        "id": "https://trust.example/grants/warm-spaces",
        "url": "https://trust.example/grants/warm-spaces",
        "title": "Warm Spaces Grant 2027",
        "content_html": "<p>Grants of £2,000 to £10,000.</p><p>Closing date: 5pm, 26 February 2027.</p>",
        "date_published": "2026-11-02T09:00:00+00:00",
        "tags": ["community", "energy"],
    },
    {
        "id": "tag:trust.example,2026:youth",
        "url": "https://trust.example/grants/youth-voice",
        "title": "Youth Voice Fund",
        "content_text": "Up to £5,000 for youth-led projects. Deadline: 15 January 2027.",
        "authors": [{"name": "Grants team"}],
    },
]
SECOND = [
    {
        "id": "3",
        "url": "https://trust.example/grants/heritage",
        "title": "Village Heritage Fund",
        "summary": "Closed: this round closed on 30 September 2026.",
        "content_html": "<p>Up to £25,000. Closing date: 30 September 2026.</p>",
    }
]


def test_a_crawl_reads_every_page_of_a_json_feed(tmp_path):
    with LoopbackSite() as site:
        site.add(
            "/feed.json",
            page(FIRST, next_url=f"{site.url}/feed.json?page=2"),
            content_type="application/feed+json",
        )
        site.add("/feed.json?page=2", page(SECOND), content_type="application/feed+json")
        source = {"id": "trust_json_feed", "kind": "feed", "urls": [f"{site.url}/feed.json"]}
        config = write_config(tmp_path / "config", [source])
        db = tmp_path / "fw.db"
        result = fundwatch("crawl", config=config, db=db)
        assert result.returncode == 0, result.stdout + result.stderr
    stored = {r["title"]: r for r in sqlite_utils.Database(db)["opportunities"].rows}
    assert set(stored) == {"Warm Spaces Grant 2027", "Youth Voice Fund", "Village Heritage Fund"}
    warm = stored["Warm Spaces Grant 2027"]
    assert (warm["amount_min"], warm["amount_max"]) == (2000, 10000)
    assert warm["closes_at"] == "2027-02-26T17:00:00+00:00"
    assert warm["url"] == "https://trust.example/grants/warm-spaces"
    assert stored["Youth Voice Fund"]["closes_at"] == "2027-01-15T23:59:00+00:00"
    assert stored["Village Heritage Fund"]["status"] == "closed"


def test_only_a_json_feed_is_taken_for_one():
    assert is_json_feed(b'\xef\xbb\xbf {"version": "https://jsonfeed.org/version/1", "items": []}')
    assert not is_json_feed(b'{"data": [{"version": "2"}]}')  # an api answer
    assert not is_json_feed(b"<rss version='2.0'></rss>")


def test_odd_values_are_left_out_and_markup_stays_text():
    body = json.dumps(
        {
            "version": "https://jsonfeed.org/version/1",
            "items": [
                "not an item",
                {"id": 7, "title": ["a", "list"], "url": "https://x.example/7"},
                {"id": "8", "title": "A </title><script>x</script> fund\u0000", "tags": [None, 3]},
            ],
        }
    ).encode()
    parsed = feedparser.parse(json_feed_as_atom(body))
    assert not parsed.bozo
    assert [e.get("id") for e in parsed.entries] == ["urn:jsonfeed:7", "urn:jsonfeed:8"]
    assert "title" not in parsed.entries[0]
    assert parsed.entries[1].title == "A </title><script>x</script> fund"
    assert [t.term for t in parsed.entries[1].tags] == ["3"]


def test_an_item_with_no_url_is_at_its_external_url_not_its_id(tmp_path):
    # Before: stored at its id, https://blog.example/posts/9 (feedparser takes an id shaped like a
    # URL for the address over a related link), not the call the post links to.
    item = {
        "id": "https://blog.example/posts/9",
        "external_url": "https://trust.example/grants/play-parks",
        "title": "Play Parks Fund",
        "content_text": "Up to £8,000. Closing date: 12 March 2027.",
    }
    with LoopbackSite() as site:
        site.add("/feed.json", page([item]), content_type="application/feed+json")
        source = {"id": "link_blog", "kind": "feed", "urls": [f"{site.url}/feed.json"]}
        config = write_config(tmp_path / "config", [source])
        db = tmp_path / "fw.db"
        result = fundwatch("crawl", config=config, db=db)
        assert result.returncode == 0, result.stdout + result.stderr
    (stored,) = sqlite_utils.Database(db)["opportunities"].rows
    assert stored["url"] == "https://trust.example/grants/play-parks"
