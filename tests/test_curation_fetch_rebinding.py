"""The curator tools' fetcher connects to the very address it judged: a name is looked up once per
connection, by the connection itself, and every address it gives is judged there, so no earlier
lookup can answer "public" while the connection reaches loopback (DNS rebinding). A name that
resolves to loopback is refused and the loopback site never reached; a name that resolves to an
allowed address is fetched through it."""

from __future__ import annotations

import socket
from urllib.parse import urlsplit

import pytest
from scrapy.http import Request

from config.models import Settings, Source
from notifier.curation.fetch import PoliteFetcher
from spiders.failures import Refusal

NAME = "rebind.example"
LOOKUPS: list[int | None] = []  # the port of each lookup of NAME: a connection asks with its port
PUBLIC = "93.184.216.34"


@pytest.fixture
def answers(monkeypatch):
    """Make `rebind.example` resolve to the addresses in the list, one per lookup (the last repeats)."""
    queue: list[str] = []
    real = socket.getaddrinfo

    def lookup(host, port, *args, **kwargs):
        if host != NAME:
            return real(host, port, *args, **kwargs)
        LOOKUPS.append(port)
        address = queue.pop(0) if len(queue) > 1 else queue[0]
        return [(socket.AF_INET, socket.SOCK_STREAM, socket.IPPROTO_TCP, "", (address, port or 80))]

    monkeypatch.setattr(socket, "getaddrinfo", lookup)
    return queue


def fetcher(site) -> tuple[PoliteFetcher, str]:
    port = urlsplit(site.url).port
    url = f"http://{NAME}:{port}/grants"
    source = Source.model_validate(
        {"id": "rebinding", "kind": "listing", "urls": [url], "item": "li",
         "fields": {"title": "a::text", "url": "a::attr(href)"}}
    )  # fmt: skip
    settings = Settings.model_validate({"crawl": {"contact": "curators@example.gov.uk"}})
    return PoliteFetcher(settings, source), url


def test_a_name_that_resolves_to_loopback_is_refused_by_the_connection_itself(
    site, answers, monkeypatch
):
    monkeypatch.setenv("FUNDWATCH_ALLOW_LOOPBACK", "0")
    site.add("/grants", "<ul><li><a href='/1'>Secret</a></li></ul>")
    polite, url = fetcher(site)
    answers[:] = ["127.0.0.1"]
    LOOKUPS.clear()
    polite.guard(url)  # robots.txt is asked for: its connection looks the name up and refuses it
    with pytest.raises(Refusal, match="rebind.example resolves to 127.0.0.1, a loopback address"):
        polite.fetch(Request(url))
    assert site.hits == [], "the loopback site was reached"
    port = urlsplit(url).port
    assert LOOKUPS == [port, port], "one lookup per connection (robots.txt, the page), no other"


@pytest.fixture
def dialled(monkeypatch):
    """The addresses sockets are opened to; `refuse` ones are refused (nothing leaves the machine)."""
    calls: list[str] = []
    refuse: set[str] = set()
    real = socket.create_connection

    def connect(address, *args, **kwargs):
        calls.append(address[0])
        if address[0] in refuse:
            raise ConnectionRefusedError(f"{address[0]}: this test never leaves the machine")
        return real(address, *args, **kwargs)

    monkeypatch.setattr(socket, "create_connection", connect)
    return calls, refuse


def test_a_name_resolving_to_an_allowed_address_is_fetched_through_it(
    site, answers, dialled, monkeypatch
):
    monkeypatch.setenv("FUNDWATCH_ALLOW_LOOPBACK", "1")
    site.add("/grants", "<ul><li><a href='/1'>Open call</a></li></ul>")
    polite, url = fetcher(site)
    answers[:] = ["127.0.0.1"]
    response = polite.fetch(Request(url))
    assert response.status == 200 and b"Open call" in response.body
    assert [h.path for h in site.hits] == ["/robots.txt", "/grants"]
    calls, _ = dialled
    assert calls == ["127.0.0.1", "127.0.0.1"], "each socket opened to the judged address"


def test_a_name_judged_public_is_dialled_there_and_never_looked_up_again(
    site, answers, dialled, monkeypatch
):
    """Rebinding: the first answer is public (allowed), the next says loopback. robots.txt's socket
    goes to the public address its connection judged (refused here: the test is offline); the
    page's connection looks the name up for itself, gets loopback, and refuses it. No socket is
    ever opened to a name, so no lookup the judge did not see is used."""
    monkeypatch.setenv("FUNDWATCH_ALLOW_LOOPBACK", "0")
    site.add("/grants", "<ul><li><a href='/1'>Secret</a></li></ul>")
    polite, url = fetcher(site)
    answers[:] = [PUBLIC, "127.0.0.1"]
    calls, refuse = dialled
    refuse.add(PUBLIC)
    LOOKUPS.clear()
    polite.guard(url)  # robots.txt: dialled at the public address, which refuses
    with pytest.raises(Refusal, match="rebind.example resolves to 127.0.0.1, a loopback address"):
        polite.fetch(Request(url))
    assert calls == [PUBLIC], calls
    port = urlsplit(url).port
    assert LOOKUPS == [port, port], "one lookup per connection, each judged"
    assert site.hits == [], "the loopback site was reached"
