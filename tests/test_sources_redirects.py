"""`sources record` and `sources try` on a listing that was moved. record saved the page a redirect
answered under the address asked, so replayed there its relative links led elsewhere ("heat" from
/calls is /heat, not /calls/heat) and the draft's detail pages were missing; it is saved under the
address it answered from, the move kept in routes.yaml's `redirects`. try named only the source's
own URL when a listing was sent to another host; it names where it led too, as a crawl does."""

from __future__ import annotations

import urllib.request
from pathlib import Path

import yaml

from spiders.address_guard import FOLLOW_HINT
from spiders.sources.site import LoopbackSite
from tests.crawl_helpers import fundwatch, write_config

LISTING = """<html><body><ul>
<li class="grant"><h3><a href="heat">Heat networks for towns</a></h3></li>
<li class="grant"><h3><a href="parks">Pocket parks</a></h3></li></ul></body></html>"""
DETAIL = "<html><body><p id='who'>{who}</p></body></html>"


def entry(url: str) -> dict:
    return {
        "id": "moved_funder",
        "name": "A funder whose listing moved",
        "kind": "listing",
        "urls": [url],
        "item": "li.grant",
        "fields": {"title": "h3 a::text", "url": "h3 a::attr(href)"},
        "detail": {"fields": {"eligibility": "#who"}},
    }


def test_record_saves_a_moved_page_where_it_answered_and_keeps_the_move(tmp_path: Path, site):
    site.add("/robots.txt", "User-agent: *\n", content_type="text/plain")
    site.add("/calls", "", status=301, redirect="{{SITE}}/calls/")
    site.add("/calls/", LISTING)
    site.add("/calls/heat", DETAIL.format(who="Local authorities can apply."))
    site.add("/calls/parks", DETAIL.format(who="Charities only."))
    config = write_config(tmp_path / "config", [entry(f"{site.url}/calls")])
    into = tmp_path / "snapshots"
    result = fundwatch(
        "sources", "record", "moved_funder", "--into", str(into),
        config=config, db=tmp_path / "never.db",
    )  # fmt: skip
    assert result.returncode == 0, result.stdout + result.stderr
    folder = into / "moved_funder"
    routes = yaml.safe_load((folder / "routes.yaml").read_text())
    by_path = {route["path"]: route["file"] for route in routes["routes"]}
    assert by_path["/calls/"] == "page-1.html" and "/calls" not in by_path
    assert routes["redirects"] == [{"path": "/calls", "to": "/calls/"}]
    assert {by_path["/calls/heat"], by_path["/calls/parks"]} == {
        "detail-heat.html",
        "detail-parks.html",
    }

    # Served again, the address asked still leads to the page, and a crawl of the snapshot reads
    # every call's detail page as the live one did.
    with LoopbackSite(folder) as replayed:
        with urllib.request.urlopen(f"{replayed.url}/calls") as answer:
            assert answer.url == f"{replayed.url}/calls/"
            assert b"Heat networks for towns" in answer.read()
        again = write_config(tmp_path / "again", [entry(f"{replayed.url}/calls")])
        tried = fundwatch(
            "sources", "try", "moved_funder", config=again, db=tmp_path / "never.db"
        )  # fmt: skip
    assert tried.returncode == 0, tried.stdout + tried.stderr
    assert "  eligibility  2/2 (100%)" in tried.stdout, tried.stdout


def test_try_names_where_a_listing_sent_to_another_host_led(tmp_path: Path, site):
    site.add("/robots.txt", "User-agent: *\n", content_type="text/plain")
    with LoopbackSite(host="127.0.0.2") as other:
        other.add("/robots.txt", "User-agent: *\n", content_type="text/plain")
        other.add("/calls/", LISTING)
        site.add("/calls", "", status=301, redirect=f"{other.url}/calls/")
        config = write_config(tmp_path / "config", [entry(f"{site.url}/calls")])
        result = fundwatch("sources", "try", "moved_funder", config=config, db=tmp_path / "n.db")
        assert other.paths() == []
        assert (
            f"problem: refused: 127.0.0.2 is not this source's host ({FOLLOW_HINT}) on "
            f"{other.url}/calls/ (redirected from {site.url}/calls)"
        ) in result.stdout, result.stdout
