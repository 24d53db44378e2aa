"""The crawler only goes where it should, at request time (spiders/address_guard.py).

Real crawls through `fundwatch crawl` against loopback sites: redirects to refused addresses, links
to other hosts (next page, detail, redirect) unless the source names them in follow_hosts, loopback
without FUNDWATCH_ALLOW_LOOPBACK=1. The middleware itself with a stand-in resolver: names judged by
what they resolve to. And the loopback site's `redirect=` option the crawls rely on.
"""

from __future__ import annotations

import asyncio
import http.client
import socket
from types import SimpleNamespace

import pytest
import sqlite_utils
from scrapy import Request
from scrapy.exceptions import CannotResolveHostError

from config.models import Source
from spiders.address_guard import AddressGuardMiddleware, AddressRefused
from spiders.sources.site import LoopbackSite
from tests.crawl_helpers import fundwatch, write_config
from tests.test_crawl_e2e import FEED, ROBOTS

PRIVATE_HINT = "(set allow_private: true on the source to allow it)"
FOLLOW_HINT = "(add it to the source's follow_hosts to go there)"


def listing(source_id: str, url: str, **more) -> dict:
    return {
        "id": source_id,
        "kind": "listing",
        "urls": [url],
        "item": "div.grant",
        "fields": {"title": "h3", "url": "h3 a::attr(href)"},
        "next_page": "a.next::attr(href)",
        **more,
    }


def feed(source_id: str, url: str, **more) -> dict:
    return {"id": source_id, "kind": "feed", "urls": [url], "funder": "Example Funder", **more}


def grants(*titles: str, next_url: str | None = None, base: str = "") -> str:
    cards = "".join(
        f'<div class="grant"><h3><a href="{base}/g/{t}">{t}</a></h3></div>' for t in titles
    )
    more = f'<a class="next" href="{next_url}">Next</a>' if next_url else ""
    return f"<html><body>{cards}{more}</body></html>"


def crawl(tmp_path, sources: list[dict], env: dict | None = None):
    config = write_config(tmp_path / "config", sources)
    db = tmp_path / "fundwatch.db"
    result = fundwatch("crawl", config=config, db=db, env=env)
    assert "Traceback" not in result.stderr, result.stderr
    runs = (
        {r["source_id"]: r for r in sqlite_utils.Database(db)["runs"].rows} if db.exists() else {}
    )
    return result, runs


@pytest.fixture
def other_site():
    """A second site, on another loopback address: another host as far as a source is concerned."""
    with LoopbackSite(host="127.0.0.2") as running:
        running.add("/robots.txt", ROBOTS, content_type="text/plain")
        yield running


# --- real crawls -------------------------------------------------------------------------------


@pytest.mark.slow
def test_a_redirect_to_a_refused_address_is_refused_and_named(site, tmp_path):
    site.add("/robots.txt", ROBOTS, content_type="text/plain")
    site.add("/to-private.atom", "", redirect="http://10.0.0.5/feed.atom")
    site.add("/to-metadata.atom", "", status=301, redirect="http://169.254.169.254/latest/")
    site.add("/to-hex.atom", "", status=307, redirect="http://0xa9fea9fe/latest/")
    result, runs = crawl(
        tmp_path,
        [
            feed("to_private", f"{site.url}/to-private.atom"),
            feed("to_metadata", f"{site.url}/to-metadata.atom", allow_private=True),
            feed("to_hex", f"{site.url}/to-hex.atom"),
        ],
    )
    assert result.returncode == 1
    assert runs["to_private"]["reason"] == (
        f"refused: 10.0.0.5 is a private address {PRIVATE_HINT} on http://10.0.0.5/feed.atom "
        f"(redirected from {site.url}/to-private.atom)"
    )
    assert runs["to_metadata"]["reason"].startswith(
        "refused: 169.254.169.254 is a cloud metadata address on http://169.254.169.254/latest/"
    )
    assert "0xa9fea9fe is 169.254.169.254, a cloud metadata address" in runs["to_hex"]["reason"]
    for source_id in ("to_private", "to_metadata", "to_hex"):
        assert f"{source_id}: refused: " in result.stderr  # one WARNING line each, as it happens


@pytest.mark.slow
def test_a_redirect_to_another_host_needs_follow_hosts(site, tmp_path):
    """`localhost` is this very site under another name: the hop is judged as a new request."""
    site.add("/robots.txt", ROBOTS, content_type="text/plain")
    site.add("/feed.atom", FEED, content_type="application/atom+xml")
    port = site.url.rsplit(":", 1)[1]
    site.add("/moved.atom", "", status=301, redirect=f"http://localhost:{port}/feed.atom")
    result, runs = crawl(
        tmp_path,
        [
            feed("stays_home", f"{site.url}/moved.atom"),
            feed("may_follow", f"{site.url}/moved.atom", follow_hosts=["localhost"]),
        ],
    )
    assert runs["stays_home"]["outcome"] == "failed"
    assert runs["stays_home"]["reason"] == (
        f"refused: localhost is not this source's host {FOLLOW_HINT} on "
        f"http://localhost:{port}/feed.atom (redirected from {site.url}/moved.atom)"
    )
    assert runs["may_follow"]["outcome"] == "ok", runs["may_follow"]["reason"]
    assert runs["may_follow"]["items"] == 3
    assert site.paths().count("/feed.atom") == 1  # only the source that may follow got there


@pytest.mark.slow
def test_next_page_and_detail_links_to_another_host_need_follow_hosts(site, other_site, tmp_path):
    site.add("/robots.txt", ROBOTS, content_type="text/plain")
    site.add("/grants/", grants("home-one", next_url=f"{other_site.url}/grants/2/"))
    other_site.add("/grants/2/", grants("away-two"))
    site.add("/calls/", grants("away-detail", base=other_site.url))
    other_site.add("/g/away-detail", "<html><p id='who'>Councils may apply.</p></html>")
    detail = {"detail": {"fields": {"eligibility": "#who"}}}
    result, runs = crawl(
        tmp_path,
        [
            listing("pages_home", f"{site.url}/grants/"),
            listing("details_home", f"{site.url}/calls/", **detail),
        ],
    )
    away = f"127.0.0.2 is not this source's host {FOLLOW_HINT}"
    assert runs["pages_home"]["reason"] == f"refused: {away} on {other_site.url}/grants/2/"
    assert runs["pages_home"]["items"] == 1  # the first page is kept
    assert (
        f"detail page refused: {away} on {other_site.url}/g/away-detail"
        in (runs["details_home"]["reason"])
    )
    assert [p for p in other_site.paths() if p != "/robots.txt"] == []

    result, runs = crawl(
        tmp_path / "followed",
        [
            listing("pages_away", f"{site.url}/grants/", follow_hosts=["127.0.0.2"]),
            listing("details_away", f"{site.url}/calls/", follow_hosts=["127.0.0.2"], **detail),
        ],
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert runs["pages_away"]["items"] == 2
    assert sorted(set(other_site.paths())) == ["/g/away-detail", "/grants/2/", "/robots.txt"]


@pytest.mark.slow
def test_loopback_without_the_environment_is_refused_before_anything_is_fetched(site, tmp_path):
    site.add("/robots.txt", ROBOTS, content_type="text/plain")
    site.add("/feed.atom", FEED, content_type="application/atom+xml")
    result, runs = crawl(
        tmp_path,
        [feed("local_feed", f"{site.url}/feed.atom")],
        env={"FUNDWATCH_ALLOW_LOOPBACK": "0"},
    )
    assert result.returncode != 0
    lines = [line for line in result.stderr.splitlines() if line.strip()]
    assert len(lines) == 1, result.stderr
    assert lines[0] == "config error: " + (
        f"{tmp_path / 'config' / 'sources.yaml'}: entry 'local_feed' (#1): field 'urls[0]': "
        "127.0.0.1 is a loopback address (allowed only when FUNDWATCH_ALLOW_LOOPBACK=1)"
    )
    assert site.hits == [] and runs == {}


def loopback_name() -> str | None:
    """This machine's own name, when it resolves to loopback (as /etc/hosts often makes it)."""
    name = socket.gethostname()
    try:
        address = socket.gethostbyname(name)
    except OSError:
        return None
    return name if address.startswith("127.") and "localhost" not in name.lower() else None


@pytest.mark.slow
@pytest.mark.skipif(loopback_name() is None, reason="this machine's name is not on loopback")
def test_a_name_that_resolves_to_loopback_is_refused_at_request_time(site, tmp_path):
    """Config time cannot know what a name means; the request, after resolution, does."""
    name = loopback_name()
    site.add("/robots.txt", ROBOTS, content_type="text/plain")
    site.add("/feed.atom", FEED, content_type="application/atom+xml")
    url = site.url.replace("127.0.0.1", name) + "/feed.atom"
    result, runs = crawl(tmp_path, [feed("named", url)], env={"FUNDWATCH_ALLOW_LOOPBACK": "0"})
    assert runs["named"]["reason"] == (
        f"refused: {name.lower()} resolves to 127.0.0.1, a loopback address (allowed only when "
        f"FUNDWATCH_ALLOW_LOOPBACK=1) on {url}"
    )
    assert site.hits == []
    result, runs = crawl(tmp_path / "allowed", [feed("named", url)])
    assert runs["named"]["outcome"] == "ok" and runs["named"]["items"] == 3


# --- the middleware, with a stand-in resolver ------------------------------------------------


def guard(resolved: dict[str, str], env_loopback: bool = False, **source) -> AddressGuardMiddleware:
    config = {"id": "s", "kind": "feed", "urls": ["https://grants.example.org/feed"], **source}
    crawler = SimpleNamespace(spider=SimpleNamespace(source=Source.model_validate(config)))
    middleware = AddressGuardMiddleware(crawler)
    middleware.allow_loopback = env_loopback
    middleware.asked = []

    async def resolve(host: str) -> str:
        middleware.asked.append(host)
        if host not in resolved:
            raise OSError(f"{host}: Name or service not known")
        return resolved[host]

    middleware.resolve = resolve
    return middleware


def send(middleware: AddressGuardMiddleware, url: str) -> str | None:
    """The refusal, or None when the request may go."""
    try:
        asyncio.run(middleware.process_request(Request(url)))
    except AddressRefused as refusal:
        return str(refusal)
    return None


def test_a_name_is_judged_by_the_address_it_resolves_to():
    own = {"grants.example.org": "10.0.0.5", "www.example.org": "93.184.215.14"}
    assert send(guard(own), "https://grants.example.org/feed") == (
        f"refused: grants.example.org resolves to 10.0.0.5, a private address {PRIVATE_HINT}"
    )
    assert send(guard(own, allow_private=True), "https://grants.example.org/feed") is None
    rebinding = {"grants.example.org": "127.0.0.1"}
    assert "resolves to 127.0.0.1, a loopback address" in send(
        guard(rebinding), "https://grants.example.org/x"
    )
    assert send(guard(rebinding, env_loopback=True), "https://grants.example.org/x") is None


def test_other_hosts_are_refused_before_they_are_resolved():
    middleware = guard({"www.grants.example.org": "93.184.215.14", "apply.example.org": "1.1.1.1"})
    assert send(middleware, "https://apply.example.org/call/1") == (
        f"refused: apply.example.org is not this source's host {FOLLOW_HINT}"
    )
    assert send(middleware, "https://www.grants.example.org/feed") is None  # www. of its own
    assert middleware.asked == ["www.grants.example.org"]
    followed = guard({"apply.example.org": "93.184.215.15"}, follow_hosts=["apply.example.org"])
    assert send(followed, "https://apply.example.org/call/1") is None


def test_literal_addresses_are_not_resolved_and_names_that_do_not_resolve_fail_as_not_found():
    middleware = guard({}, follow_hosts=["8.8.8.8"])
    assert send(middleware, "http://8.8.8.8/") is None
    assert "2130706433 is 127.0.0.1, a loopback address" in send(middleware, "http://2130706433/")
    assert "is 169.254.169.254, a cloud metadata" in send(middleware, "http://[::ffff:a9fe:a9fe]/")
    assert send(middleware, "file:///etc/passwd") == (
        "refused: only http and https URLs are fetched, not file:"
    )
    assert middleware.asked == []
    with pytest.raises(CannotResolveHostError):
        asyncio.run(middleware.process_request(Request("https://grants.example.org/feed")))


# --- the loopback site's redirects -----------------------------------------------------------


def test_the_loopback_site_answers_a_redirect_with_its_own_address():
    with LoopbackSite() as running:
        running.add("/old", "", redirect="{{SITE}}/new")
        running.add("/gone", "", status=301, redirect="https://elsewhere.example/")
        with pytest.raises(ValueError, match="3xx"):
            running.add("/bad", "", status=404, redirect="/x")
        host, port = running.url.removeprefix("http://").split(":")
        answers = {}
        for path in ("/old", "/gone"):
            connection = http.client.HTTPConnection(host, int(port), timeout=5)
            connection.request("GET", path)
            reply = connection.getresponse()
            answers[path] = (reply.status, reply.getheader("Location"))
            connection.close()
    assert answers == {
        "/old": (302, f"http://{host}:{port}/new"),
        "/gone": (301, "https://elsewhere.example/"),
    }
