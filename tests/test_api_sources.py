"""The three api sources (find_a_tender, contracts_finder, govuk_search_api) as the demo crawls them:
from the start URL with its params (and moving dates at the frozen now) through every page of the
snapshot; and what councils see of a procurement notice: its buyer named as a local authority, tagged
`council`, without the buyer's name tagging what the notice is about."""

from __future__ import annotations

import asyncio
from urllib.parse import urlsplit

import pytest
from scrapy.http import Request

from config.loader import load_tags
from spiders.items import OpportunitySighting
from spiders.normalise.sighting import buyer_sentence, normalise
from spiders.registry import make_spider
from spiders.sources import SNAPSHOT_NOW, SOURCES_DIR, load_expected
from spiders.sources.routes import load_routes
from spiders.tagging import compile_rules, tag_sighting
from tests.crawl_helpers import ROOT
from tests.offline_crawl import request_path, run_callbacks
from tests.test_sources import SOURCES, crawl_offline, snapshot_response

API_SOURCES = ["find_a_tender", "contracts_finder", "govuk_search_api"]


def crawl_from_start(source_id: str) -> tuple[list[OpportunitySighting], list[str], list[str]]:
    """As the demo does: the spider's own start requests, then every request it yields."""
    spider = make_spider(SOURCES[source_id])

    async def first() -> list[Request]:
        return [request async for request in spider.start()]

    paths = []

    def answer(url: str):
        paths.append(request_path(url))
        return snapshot_response(source_id, url)

    start = [(r.url, r.callback, r.cb_kwargs) for r in asyncio.run(first())]
    return run_callbacks(start, answer), paths, spider.problems


@pytest.fixture
def frozen(monkeypatch):
    monkeypatch.setenv("FUNDWATCH_NOW", SNAPSHOT_NOW.isoformat())


@pytest.mark.parametrize("source_id", API_SOURCES)
def test_the_demo_crawl_asks_the_snapshot_routes_and_gets_every_expected_item(source_id, frozen):
    items, paths, problems = crawl_from_start(source_id)
    assert problems == []
    _, routes = load_routes(SOURCES_DIR / source_id)
    assert set(paths) <= set(routes)
    assert "?" in paths[0]  # the params (and any moving date) went on the first request
    expected = load_expected(source_id)
    urls = [normalise(i, SOURCES[source_id], SNAPSHOT_NOW).url for i in items]
    assert urls == [item["url"] for item in expected["items"]]


def test_govuk_pages_by_an_offset(frozen):
    _, paths, _ = crawl_from_start("govuk_search_api")
    assert [urlsplit(p).query.rsplit("&", 1)[-1] for p in paths] == [
        "start=0",
        "start=10",
        "start=20",
    ]


@pytest.fixture(scope="module")
def tagged():
    rules = compile_rules(load_tags(ROOT / "config"))
    items = crawl_offline("find_a_tender")
    sightings = [normalise(i, SOURCES["find_a_tender"], SNAPSHOT_NOW) for i in items]
    return {s.funder: tag_sighting(s, rules) for s in sightings if s.funder}


def test_council_buyers_are_tagged_council_even_without_council_in_their_name(tagged):
    for buyer in (
        "Cumberland Council",
        "Royal Borough of Greenwich",
        "Greater Manchester Combined Authority",
    ):
        assert "council" in tagged[buyer].tags, buyer
    assert tagged["Royal Borough of Greenwich"].eligibility == (
        "The buyer is Royal Borough of Greenwich, a local authority."
    )


def test_a_buyer_is_not_what_a_notice_is_about(tagged):
    ministry = tagged["Ministry of Housing, Communities and Local Government"]
    assert ministry.eligibility == "Buyer type: public authority - central government"
    assert "housing" not in ministry.tags  # the ministry's name tags nothing
    assert {"research", "digital"} <= set(ministry.tags)  # SBRI, artificial intelligence
    trust = tagged["Leeds Teaching Hospitals NHS Trust"]
    assert trust.eligibility == "Buyer type: public authority - sub-central government"


def test_a_council_buying_is_not_a_council_applying(tagged):
    # the verdict is about who may apply: "Buyer: X Council" would read as a list of applicants
    local = [s for s in tagged.values() if (s.eligibility or "").endswith("a local authority.")]
    assert len(local) == 7  # the councils among the nine buyers
    assert {s.council_eligible for s in local} == {"unclear"}
    assert all("council" in s.tags for s in local)


@pytest.mark.parametrize(
    "buyer, buyer_type, sentence",
    [
        (
            "Kent County Council",
            "REGIONAL_AUTHORITY",
            "The buyer is Kent County Council, a local authority.",
        ),
        (
            "London Borough of Hackney",
            "publicAuthoritySubCentralGovernment",
            "The buyer is London Borough of Hackney, a local authority.",
        ),
        (
            "Merseyside Police",
            "Public authority - sub-central government",
            "Buyer type: public authority - sub-central government",
        ),
        ("Ordnance Survey Limited", "publicUndertaking", "Buyer type: public undertaking"),
        (
            None,
            "Public authority - central government",
            "Buyer type: public authority - central government",
        ),
        ("Leeds City Council", None, None),
    ],
)
def test_buyer_sentence(buyer, buyer_type, sentence):
    assert buyer_sentence(buyer, buyer_type) == sentence
