"""The loopback site: snapshot routes, origin rewriting, 404s, conditional GET, and pages a test adds
(errors, hangs, 429 with Retry-After, `{{SITE}}`), over real HTTP on 127.0.0.1."""

from __future__ import annotations

import json
import urllib.error
import urllib.request
from email.utils import format_datetime, parsedate_to_datetime
from pathlib import Path
from urllib.parse import quote

import pytest
import yaml
from parsel import Selector
from protego import Protego

from spiders.sources import source_folders
from spiders.sources.site import LoopbackSite
from spiders.sources.snapshot_sites import local_url, real_url, serve_snapshots
from tests.site_helpers import OPENER, fetch


@pytest.fixture
def tiny_site(tmp_path: Path) -> Path:
    """A one-page snapshot whose page links to its origin in every form the server must rewrite."""
    (tmp_path / "page.html").write_text(
        '<a href="https://funder.example.org/a">a</a> <a href="http://funder.example.org/b">b</a>'
        ' <a href="https://elsewhere.example.org/c">c</a>'
        ' <a href="/s/redirect?rank=1&amp;url=https%3A%2F%2Ffunder.example.org%2Fe">e</a>'
        ' <script type="application/json">{"next": "https:\\/\\/funder.example.org\\/d"}</script>',
        encoding="utf-8",
    )
    (tmp_path / "routes.yaml").write_text(
        "origin: https://funder.example.org\n"
        'captured: "2026-11-25T06:00:00Z"\n'
        "routes:\n"
        '  - {path: "/calls?page=1", file: page.html, type: "text/html; charset=utf-8"}\n',
        encoding="utf-8",
    )
    return tmp_path


@pytest.mark.parametrize("folder", source_folders(), ids=lambda p: p.name)
def test_every_bundled_route_is_served_on_loopback(folder: Path):
    routes = yaml.safe_load((folder / "routes.yaml").read_text("utf-8"))
    host = routes["origin"].split("://", 1)[1]
    with LoopbackSite(folder) as server:
        assert server.base_url.startswith("http://127.0.0.1:")
        assert server.origin == routes["origin"]
        for route in routes["routes"]:
            status, headers, body = fetch(server.base_url + route["path"])
            assert status == 200, route["path"]
            assert headers["Content-Type"] == route["type"]
            assert int(headers["Content-Length"]) == len(body) > 0
            text = body.decode("utf-8")
            assert f"https://{host}" not in text and f"http://{host}" not in text, route["file"]
            original = (folder / route["file"]).read_text("utf-8")
            assert text == original.replace(f"https://{host}", server.base_url)
        assert [r.status for r in server.hits] == [200] * len(routes["routes"])


def test_origin_is_rewritten_in_every_form(tiny_site: Path):
    with LoopbackSite(tiny_site) as server:
        _, _, body = fetch(server.base_url + "/calls?page=1")
        page = Selector(text=body.decode("utf-8"))
        links = page.css("a::attr(href)").getall()
        assert links == [
            f"{server.base_url}/a",
            f"{server.base_url}/b",
            "https://elsewhere.example.org/c",
            # Percent-encoded in a click-tracking link's query: the page it leads to is served too.
            "/s/redirect?rank=1&url=" + quote(f"{server.base_url}/e", safe=""),
        ]
        data = json.loads(page.css("script::text").get())
        assert data == {"next": f"{server.base_url}/d"}


def test_unknown_paths_are_404_and_logged(tiny_site: Path):
    with LoopbackSite(tiny_site) as server:
        assert fetch(server.base_url + "/nope")[0] == 404
        assert fetch(server.base_url + "/calls?page=2")[0] == 404  # the query is part of the match
        assert fetch(server.base_url + "/calls")[0] == 404
        assert fetch(server.base_url + "/calls?page=1")[0] == 200
        assert [(r.method, r.path, r.status) for r in server.hits] == [
            ("GET", "/nope", 404),
            ("GET", "/calls?page=2", 404),
            ("GET", "/calls", 404),
            ("GET", "/calls?page=1", 200),
        ]


def test_conditional_get_answers_304(tiny_site: Path):
    with LoopbackSite(tiny_site) as server:
        url = server.base_url + "/calls?page=1"
        status, headers, body = fetch(url)
        etag, last_modified = headers["ETag"], headers["Last-Modified"]
        assert status == 200 and body
        assert etag.startswith('"') and etag.endswith('"')
        assert parsedate_to_datetime(last_modified).isoformat() == "2026-11-25T06:00:00+00:00"

        assert fetch(url, {"If-None-Match": etag})[:1] == (304,)
        assert fetch(url, {"If-None-Match": etag})[2] == b""
        assert fetch(url, {"If-None-Match": f'"other", W/{etag}'})[0] == 304
        assert fetch(url, {"If-None-Match": '"other"'})[0] == 200
        assert fetch(url, {"If-Modified-Since": last_modified})[0] == 304
        earlier = format_datetime(parsedate_to_datetime(last_modified).replace(hour=5), usegmt=True)
        assert fetch(url, {"If-Modified-Since": earlier})[0] == 200
        # If-None-Match wins over If-Modified-Since (RFC 9110)
        assert (
            fetch(url, {"If-None-Match": '"other"', "If-Modified-Since": last_modified})[0] == 200
        )

        logged = server.hits
        assert [r.status for r in logged] == [200, 304, 304, 304, 200, 304, 200, 200]
        assert logged[1].headers["If-None-Match"] == etag
        assert logged[5].headers["If-Modified-Since"] == last_modified


def test_etag_follows_the_snapshot_not_the_port(tiny_site: Path):
    with LoopbackSite(tiny_site) as one, LoopbackSite(tiny_site) as two:
        first, second = fetch(one.base_url + "/calls?page=1"), fetch(two.base_url + "/calls?page=1")
        assert one.base_url != two.base_url and first[2] != second[2]
        assert first[1]["ETag"] == second[1]["ETag"]
        # a tag remembered from an earlier run still earns a 304
        assert fetch(two.base_url + "/calls?page=1", {"If-None-Match": first[1]["ETag"]})[0] == 304


def test_head_sends_headers_without_a_body(tiny_site: Path):
    with LoopbackSite(tiny_site) as server:
        status, headers, body = fetch(server.base_url + "/calls?page=1", method="HEAD")
        assert (status, body) == (200, b"")
        assert int(headers["Content-Length"]) > 0 and headers["ETag"]


def test_ukri_listing_links_stay_on_loopback_and_resolve(snapshot_site):
    server = snapshot_site("ukri_opportunities")
    start = local_url(
        server,
        "https://www.ukri.org/opportunity/?filter_status%5B0%5D=open&filter_status%5B1%5D=upcoming",
    )
    seen = 0
    while start:
        status, _, body = fetch(start)
        assert status == 200, start
        page = Selector(text=body.decode("utf-8"))
        for href in page.css("div.opportunity h3.entry-title a::attr(href)").getall():
            assert href.startswith(server.base_url + "/opportunity/")
            status, _, detail = fetch(href)
            assert status == 200, href
            assert "Eligibility summary" in detail.decode("utf-8")
            seen += 1
        start = page.css("a.next.page-numbers::attr(href)").get()
    assert seen == 14


def test_robots_txt_allows_the_crawl_and_guards_the_rest():
    with serve_snapshots() as servers:
        checks = {
            "ukri_opportunities": ("/opportunity/some-call/", "/wp-admin/options.php"),
            "find_a_grant": ("/grants?searchTerm=&skip=10&limit=10&page=2", "/api/search"),
            "govuk_council_funding": (
                "/search/news-and-communications.atom?keywords=fund",
                "/government/news/x/print",
            ),
        }
        for source_id, (allowed, disallowed) in checks.items():
            server = servers[source_id]
            status, headers, body = fetch(server.base_url + "/robots.txt")
            assert status == 200 and headers["Content-Type"].startswith("text/plain")
            robots = Protego.parse(body.decode("utf-8"))
            assert robots.can_fetch(server.base_url + allowed, "fundwatch"), source_id
            assert not robots.can_fetch(server.base_url + disallowed, "fundwatch"), source_id


def test_serve_snapshots_runs_one_server_per_real_site_and_stops_them():
    with serve_snapshots() as servers:
        assert {"ukri_opportunities", "govuk_council_funding", "find_a_grant"} <= set(servers)
        bases = {server.base_url for server in servers.values()}
        origins = {server.origin for server in servers.values()}
        assert len(bases) == len(origins)  # sources on one real host share one loopback site
        if "ukri_rss" in servers:  # UKRI's listing and its feed: one host, so links agree
            assert servers["ukri_rss"] is servers["ukri_opportunities"]
        for server in servers.values():
            assert fetch(server.base_url + "/robots.txt")[0] == 200
    for base in bases:
        with pytest.raises(urllib.error.URLError):
            OPENER.open(base + "/robots.txt", timeout=2)


def test_local_and_real_urls_map_both_ways(snapshot_site):
    server = snapshot_site("find_a_grant")
    real = "https://www.find-government-grants.service.gov.uk/grants?searchTerm=&skip=10&limit=10&page=2"
    local = local_url(server, real)
    assert local == server.base_url + "/grants?searchTerm=&skip=10&limit=10&page=2"
    assert real_url(server, local) == real
    assert (
        local_url(server, "http://www.find-government-grants.service.gov.uk/grants")
        == server.base_url + "/grants"
    )
    with pytest.raises(ValueError):
        local_url(server, "https://www.find-government-grants.service.gov.uk.evil.example/grants")
    with pytest.raises(ValueError):
        real_url(server, "http://127.0.0.1:1/grants")


def test_only_loopback_is_allowed(tiny_site: Path):
    with pytest.raises(ValueError):
        LoopbackSite(tiny_site, host="0.0.0.0")


def test_a_route_to_a_missing_file_fails_loudly(tiny_site: Path):
    (tiny_site / "routes.yaml").write_text(
        'origin: https://funder.example.org\nroutes:\n  - {path: "/x", file: missing.html}\n',
        encoding="utf-8",
    )
    with pytest.raises(ValueError, match="missing.html"):
        LoopbackSite(tiny_site)
