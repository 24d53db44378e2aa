"""Find a Grant spider against the bundled (hand-built) snapshot pages, parsed as if fetched from the real site."""

from __future__ import annotations

import re
from datetime import UTC, datetime, time, timedelta

import pytest
import scrapy
import yaml
from scrapy.http import HtmlResponse

from config.loader import load_sources
from spiders.custom.find_a_grant import FindAGrantSpider
from spiders.items import OpportunitySighting
from spiders.sources import SOURCES_DIR, load_expected
from tests.crawl_helpers import ROOT

SNAPSHOT = SOURCES_DIR / "find_a_grant"
EXPECTED = load_expected("find_a_grant")


def real_urls() -> dict[str, str]:
    """Snapshot file → the real URL it stands for, from routes.yaml."""
    routes = yaml.safe_load((SNAPSHOT / "routes.yaml").read_text("utf-8"))
    return {route["file"]: routes["origin"] + route["path"] for route in routes["routes"]}


def response_for(name: str, body: str | None = None) -> HtmlResponse:
    text = body if body is not None else (SNAPSHOT / name).read_text("utf-8")
    return HtmlResponse(url=real_urls()[name], body=text.encode("utf-8"), encoding="utf-8")


def run(spider: FindAGrantSpider, response: HtmlResponse, page: int = 1):
    output = list(spider.parse(response, page=page))
    items = [o for o in output if isinstance(o, OpportunitySighting)]
    requests = [o for o in output if isinstance(o, scrapy.Request)]
    assert len(items) + len(requests) == len(output), (
        "the spider yields only sightings and requests"
    )
    return items, requests


@pytest.fixture
def source():
    return next(s for s in load_sources(ROOT / "config") if s.id == "find_a_grant")


@pytest.fixture
def spider(source):
    return FindAGrantSpider(source)


def test_json_pages_give_every_grant_in_crawl_order(spider):
    first, _ = run(spider, response_for("grants-1.html"))
    second, _ = run(spider, response_for("grants-2.html"), page=2)
    items = first + second
    expected = EXPECTED["items"]

    assert [(i.title, i.url, i.ref) for i in items] == [
        (e["title"], e["url"], e["ref"]) for e in expected
    ]
    for item, want in zip(items, expected, strict=True):
        assert item.source_id == "find_a_grant"
        assert (item.summary, item.funder, item.eligibility) == (
            want["summary"],
            want["funder"],
            want["eligibility"],
        )
        # the JSON's dates are already UTC ISO strings: passed on raw, they equal the normalised values
        assert (item.opens, item.closes) == (want["opens_at"], want["closes_at"])
        assert (item.amount_min, item.amount_max) == (want["amount_min"], want["amount_max"])
        assert item.fund_total == want["fund_total"]
        # Both amounts keep the card's labels, so one award is never read as the whole pot.
        assert item.amount.startswith(
            f"How much you can get: From £{want['amount_min']:,} to £{want['amount_max']:,}; "
            "Total size of grant scheme: £"
        )
    assert not spider.problems


def test_json_values_keep_their_quirks(spider):
    items, _ = run(spider, response_for("grants-1.html"))
    by_ref = {i.ref: i for i in items}
    woodland = by_ref["local-nature-recovery-woodland-creation-partnerships"]
    assert (
        woodland.funder == "Department for Environment, Food & Rural Affairs"
    )  # \u0026 in the script
    assert by_ref["know-your-neighbourhood-fund-micro-grants"].opens == "2026-07-14T14:13:26+00:00"
    assert by_ref["know-your-neighbourhood-fund-micro-grants"].amount == (
        "How much you can get: From £350 to £5,000; Total size of grant scheme: £2 million"
    )
    assert by_ref["green-heat-network-fund-round-9"].opens == "2026-06-01T00:00:00+00:00"


def test_next_page_is_followed_from_page_one_only(spider):
    _, requests = run(spider, response_for("grants-1.html"), page=1)
    assert [r.url for r in requests] == [real_urls()["grants-2.html"]]
    assert requests[0].callback == spider.parse
    assert requests[0].cb_kwargs == {"page": 2}

    _, requests = run(spider, response_for("grants-2.html"), page=2)
    assert requests == []
    assert not spider.problems


def test_page_cap_stops_the_crawl_and_says_so(source):
    spider = FindAGrantSpider(source.model_copy(update={"max_pages": 1}))
    items, requests = run(spider, response_for("grants-1.html"), page=1)
    assert len(items) == 10 and requests == []
    assert spider.incomplete
    assert any("page cap" in p for p in spider.problems)


def card_time(text: str) -> datetime:
    """The documented way to read a card date: drop (Midnight)/(Midday), then D MMMM YYYY, h:mma in GMT."""
    bare = re.sub(r"\s*\((Midnight|Midday)\)$", "", text)
    return datetime.strptime(bare, "%d %B %Y, %I:%M%p").replace(tzinfo=UTC)


def shown(iso: str, *, closing: bool) -> datetime:
    """What the site shows for a JSON time: 00:00 opens as 00:01 and closes as 23:59 the day before."""
    value = datetime.fromisoformat(iso).astimezone(UTC)
    if value.time() == time(0, 0):
        value += timedelta(minutes=-1 if closing else 1)
    return value.replace(second=0)


def test_html_fallback_matches_the_json(spider):
    from_json, _ = run(spider, response_for("grants-1.html"))
    from_html, requests = run(spider, response_for("grants-html-only.html"))

    fields = ("title", "url", "ref", "summary", "funder", "amount", "eligibility")
    assert [[getattr(i, f) for f in fields] for i in from_html] == [
        [getattr(i, f) for f in fields] for i in from_json
    ]
    for card, grant in zip(from_html, from_json, strict=True):
        assert card_time(card.opens) == shown(grant.opens, closing=False), card.title
        assert card_time(card.closes) == shown(grant.closes, closing=True), card.title
        assert (card.amount_min, card.amount_max) == (None, None)  # numbers come only from the JSON
    assert [r.url for r in requests] == [real_urls()["grants-2.html"]]
    assert not spider.problems


def test_html_fallback_leaves_dates_raw(spider):
    items, _ = run(spider, response_for("grants-html-only.html"))
    by_ref = {i.ref: i for i in items}
    heat = by_ref["green-heat-network-fund-round-9"]
    assert (heat.opens, heat.closes) == (
        "1 June 2026, 12:01am (Midnight)",
        "3 December 2026, 12:00pm (Midday)",
    )
    housing = by_ref["local-authority-housing-fund-round-4"]
    assert (housing.opens, housing.closes) == (
        "2 November 2026, 9:00am",
        "29 January 2027, 11:59pm (Midnight)",
    )
    assert housing.eligibility == "Who can apply: Local authority. Location: England"


def test_unreadable_json_falls_back_to_the_cards(spider):
    page = (SNAPSHOT / "grants-1.html").read_text("utf-8")
    broken = page.replace(
        '<script id="__NEXT_DATA__" type="application/json">{"props"',
        '<script id="__NEXT_DATA__" type="application/json">{"props"::',
        1,
    )
    assert broken != page
    items, _ = run(spider, response_for("grants-1.html", broken))
    assert [i.ref for i in items] == [e["ref"] for e in EXPECTED["items"][:10]]
    assert items[0].opens == "1 June 2026, 12:01am (Midnight)"
    assert not spider.problems


def test_changed_layout_is_a_problem_not_silence(spider):
    page = (SNAPSHOT / "grants-html-only.html").read_text("utf-8")
    changed = page.replace('<ul class="grants_list">', '<ul class="grant-results">')
    assert changed != page
    items, _ = run(spider, response_for("grants-html-only.html", changed))
    assert items == []
    assert spider.problems == [
        f"no grants found on {real_urls()['grants-html-only.html']}: the page layout may have changed"
    ]
    assert spider.incomplete


def test_no_grants_found_page_is_not_a_problem(spider):
    page = (SNAPSHOT / "grants-html-only.html").read_text("utf-8")
    empty = re.sub(r'<ul class="grants_list">.*?</nav>', "", page, flags=re.S)
    empty = empty.replace(
        '<div class="gap_results-tools__tools">',
        '<div><h2 class="govuk-heading-m govuk-!-margin-bottom-7" data-cy="cyNoGrantFoundMessage">'
        "<strong>No grants found</strong></h2></div><div>",
    )
    assert "cyGrantNameAndLink" not in empty and "cyNoGrantFoundMessage" in empty
    items, requests = run(spider, response_for("grants-html-only.html", empty))
    assert (items, requests, spider.problems) == ([], [], [])
