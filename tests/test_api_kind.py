"""The `api` source kind on the real samples in research/samples: items by JMESPath, every field,
numbers kept as numbers, the next link, and problems (bad JSON, a wrong shape, a broken path) said
in words, never a traceback. Paging and the start URL: tests/test_api_paging.py."""

from __future__ import annotations

import json

import pytest

from spiders.api import ApiSpider
from spiders.api_values import as_text, money
from tests.api_helpers import CF, OCDS_FIELDS, response, run, sample, source, start


def test_contracts_finder_search_response_every_field_and_the_next_link():
    spider = ApiSpider(source(next_page="links.next"))
    url = CF + "?limit=1&publishedTo=2022-10-18T17:10:13+01:00"
    items, requests = run(
        spider, url, sample("contracts_finder_ocds_search_limit1_2022-10-18.json")
    )
    assert spider.problems == []
    [item] = items
    assert item.title == "RStudio License and Support"
    assert (
        item.url
        == "https://www.contractsfinder.service.gov.uk/Notice/0dbd2a57-18f9-4b60-b195-928dda88f4dd"
    )
    assert item.ref == "ocds-b5fd17-18de5078-9cf3-479b-9e38-8b9d3f7a0e39"
    assert item.summary == "RStudio Workbench Enterprise Licenses and support"
    assert item.funder == "THE FINANCIAL CONDUCT AUTHORITY"
    assert item.closes == "2022-10-03T23:59:59+01:00"
    # an OCDS value in pounds keeps its number; the text is for people
    assert (item.amount, item.amount_min, item.amount_max) == ("£44,341.25", 44341.25, 44341.25)
    assert item.status == "closed"
    assert item.eligibility == "Suitable for SMEs"  # true && 'words' reads as the words
    assert item.buyer_type is None  # Contracts Finder gives no UK_CA_TYPE
    [request] = requests
    assert request.url.endswith(
        "&cursor=cHVibGlzaGVkVG89MjAyMi0xMC0xOFQxNzoxMDoxMyswMTowMHxsaW1pdD0xfG5leHRDdXJzb3I9NDgwMzc4"
    )
    assert request.cb_kwargs == {"page": 2}
    assert request.headers.get("Accept") == b"application/json"


def test_find_a_tender_release_buyer_type_and_value():
    release = json.loads(sample("fts_release_award_UK7_west_northants_2026.json"))
    package = json.dumps({"releases": [release], "links": {}})
    fields = {**OCDS_FIELDS, "url": "join('', ['/Notice/', id])", "amount": "contracts[0].value"}
    spider = ApiSpider(source(fields=fields, next_page="links.next"))
    url = "https://www.find-tender.service.gov.uk/api/1.0/ocdsReleasePackages"
    [item], requests = run(spider, url, package)
    assert requests == [] and spider.problems == []
    assert item.buyer_type == "Public authority - sub-central government"
    assert item.funder == "West Northamptonshire Council"
    assert item.url == "/Notice/072960-2026"  # relative: the normaliser joins it to the page
    assert (item.amount_min, item.amount_max) == (90000.0, 90000.0)
    assert item.eligibility is None  # false && 'words' is no text, not "false"
    assert item.summary.startswith("Passenger Transport Services 2026 - Route Based")


def test_govuk_search_results_link_and_organisations_list():
    fields = {
        "title": "title",
        "url": "link",
        "summary": "description",
        "funder": "organisations[].title",
    }
    spider = ApiSpider(
        source(urls=["https://www.gov.uk/api/search.json"], item="results", fields=fields)
    )
    body = sample("govuk_search_api_response.mock_finder_frontend.json")
    items, _ = run(spider, "https://www.gov.uk/api/search.json", body)
    assert [(i.title, i.url, i.funder) for i in items] == [
        ("News from Hogwarts", "/news-from-hogwarts", "Ministry of Magic"),
        ("Press release from Hogwarts", "/press-release-from-hogwarts", "Ministry of Magic"),
    ]
    trimmed = sample("govuk_search_api_ph_grants.trimmed.json")
    items, _ = run(spider, "https://www.gov.uk/api/search.json", trimmed)
    assert len(items) == 13 and all(i.summary is None for i in items)


@pytest.mark.parametrize(
    "value, text",
    [
        (["Ministry of Magic", "DfE", "Ministry of Magic"], "Ministry of Magic, DfE"),
        (2026, "2026"),
        (12.5, "12.5"),
        (3.0, "3"),
        ({"name": "Cumberland Council", "id": "GB-PPON-1"}, "Cumberland Council"),
        ({"scheme": "CPV"}, None),
        (True, "yes"),
        (False, None),
        ("  spaced  ", "spaced"),
        ([], None),
    ],
)
def test_values_become_text_sensibly(value, text):
    assert as_text(value) == text


@pytest.mark.parametrize(
    "value, expected",
    [
        (359000, ("£359,000", 359000.0, 359000.0)),
        (
            [{"amount": 350000, "currency": "GBP"}, {"amount": 359000, "currency": "GBP"}],
            ("£350,000 - £359,000", 350000.0, 359000.0),
        ),
        ([None, {"amount": 359000}], ("£359,000", 359000.0, 359000.0)),
        ({"amount": 1000, "currency": "EUR"}, ("1000 EUR", None, None)),
        ("up to £1.5m", ("up to £1.5m", None, None)),  # words are left to the money rules
        # an object naming the range's ends, in the words APIs use
        ({"min": 50000, "max": 400000}, ("£50,000 - £400,000", 50000.0, 400000.0)),
        ({"Minimum": "5,000", "Maximum": 20000.5}, ("£5,000 - £20,000.50", 5000.0, 20000.5)),
        ({"from": 1000, "to": None}, ("From £1,000", 1000.0, None)),
        ({"max_amount": 75000, "currency": "GBP"}, ("Up to £75,000", None, 75000.0)),
        ({"minAmount": None, "maxAmount": None}, (None, None, None)),
        ({"min": 10, "max": 90, "currency": "EUR"}, (None, None, None)),
        ({"max": 100000, "min": 500000}, ("£100,000 - £500,000", 100000.0, 500000.0)),
        ({"value": 5}, ("5", None, None)),  # not a range: read as any object is
        (True, (None, None, None)),
    ],
)
def test_money_keeps_numbers(value, expected):
    assert money(value) == expected


def test_fund_total_as_a_number_or_as_labelled_words():
    fields = {"title": "t", "url": "u", "fund_total": "pot", "amount": "award"}
    spider = ApiSpider(source(fields=fields))
    body = json.dumps(
        {
            "releases": [
                {"t": "A", "u": "/a", "pot": 4000000, "award": 950000},
                {"t": "B", "u": "/b", "pot": "4,000,000"},
                {"t": "C", "u": "/c", "pot": "£4 million", "award": "up to £950,000"},
            ]
        }
    )
    a, b, c = run(spider, CF, body)[0]
    assert (a.fund_total, a.amount_max) == (4000000.0, 950000.0)
    assert b.fund_total == 4000000.0
    assert c.fund_total is None and c.amount == "up to £950,000; Total fund: £4 million"


@pytest.mark.parametrize(
    "body, content_type, said",
    [
        ("<html><body>Service unavailable</body></html>", "text/html", "not JSON on"),
        ("", "application/json", "not JSON on"),
        ('{"releases": {"ocid": "x"}}', "application/json", "found an object with keys ocid"),
        ('{"data": []}', "application/json", "found nothing"),
        ("null", "application/json", "found nothing"),
    ],
)
def test_a_body_that_is_not_what_was_expected_is_a_problem(body, content_type, said):
    spider = ApiSpider(source(next_page="links.next"))
    results = list(spider.parse(response(CF, body, content_type), page=1))
    assert results == [] and spider.incomplete
    [problem] = spider.problems
    assert said in problem and CF in problem
    if said == "not JSON on":
        assert content_type in problem


def test_a_next_link_that_is_not_a_url_is_a_problem():
    spider = ApiSpider(source(next_page="links"))
    body = json.dumps(
        {"releases": [{"tender": {"title": "A"}, "ocid": "1"}], "links": {"next": "x"}}
    )
    items, requests = run(spider, CF, body)
    assert len(items) == 1 and requests == []
    assert "expected a URL at 'links'" in spider.problems[0]


def test_a_broken_path_is_a_problem_before_any_request():
    spider = ApiSpider(source(fields={**OCDS_FIELDS, "title": "tender.[title"}))
    assert start(spider) == []
    assert "field 'title' is not a JMESPath ('tender.[title')" in spider.problems[0]


def test_a_field_that_fails_on_one_item_is_left_empty():
    fields = {"title": "title", "url": "join('', ['/n/', id])"}
    spider = ApiSpider(source(fields=fields))
    items, _ = run(
        spider, CF, json.dumps({"releases": [{"title": "A", "id": "1"}, {"title": "B", "id": 2}]})
    )
    assert [(i.title, i.url) for i in items] == [("A", "/n/1"), ("B", None)]
    assert spider.problems == []  # the store's check names the item missing its url
