"""A "Load more" button whose data-url answers JSON holding the next cards' HTML (round 25's
load_more_json_html): read as the page that HTML makes, its next page from the fragment's own button
or the answer's "next" key. Before, the listing stopped at page 1 ("the page is JSON, not HTML";
read offline, "Cannot use css on a Selector of type 'json'"): 4 of 10 calls."""

from __future__ import annotations

import json

import pytest
from scrapy.http import HtmlResponse, Request, TextResponse

from spiders.extract import extract_first
from spiders.json_fragments import as_page, next_link
from tests.unseen_sites import read_offline

URL = "https://www.example.org.uk/grants/load-more?offset=4"
CARD = '<article class="grant-card"><h3><a href="/grants/a/">A fund</a></h3></article>'


def answered(data, kind: str = "application/json") -> TextResponse:
    body = json.dumps(data).replace("/", "\\/").encode()  # PHP's json_encode escapes slashes
    return TextResponse(URL, body=body, headers={"Content-Type": kind}, request=Request(URL))


def test_the_html_in_the_answer_is_the_page_and_its_next_key_the_next_page():
    page, following = as_page(answered({"html": CARD, "next": "/grants/load-more?offset=8"}))
    assert isinstance(page, HtmlResponse) and page.url == URL
    assert page.css("article.grant-card h3 a::attr(href)").get() == "/grants/a/"
    assert following == "/grants/load-more?offset=8"


def test_nested_html_and_a_fragment_that_brings_its_own_button():
    button = '<button class="js-load-more" data-url="/grants/load-more?offset=8">More</button>'
    data = {"success": True, "data": {"markup": CARD + button, "pagination": {"next": None}}}
    page, following = as_page(answered(data, "text/plain"))
    assert following is None
    assert extract_first(page.selector, "button.js-load-more::attr(data-url)") == (
        "/grants/load-more?offset=8"
    )


@pytest.mark.parametrize(
    "data",
    [
        {"next": None},
        {"next": 3},  # a page number says nothing of the address
        {"next": ""},
        {"has_more": False, "next_page": "3"},
    ],
)
def test_no_next_link(data):
    assert next_link(data) is None


@pytest.mark.parametrize(
    "data", [{"items": [{"title": "A fund"}]}, {"html": "No more grants"}, [1, 2]]
)
def test_json_holding_no_html_is_no_page(data):
    # Said as a JSON answer is ("the page is JSON, not HTML … kind: api"), not read as empty.
    assert as_page(answered(data)) is None


def test_a_load_more_listing_answered_in_json_is_read_to_the_end():
    calls, problems = read_offline("load_more_json_html")
    assert problems == []
    assert len(calls) == 10
    assert calls[-1].title == "Village Green Restoration Fund"


def test_next_page_naming_the_button_itself_reads_its_data_url():
    # The curator's other natural try: the button, not its ::attr(data-url). Its words were taken
    # for the address ("…/grants/Load more grants"), so the listing ended at page 1: 4 calls.
    calls, problems = read_offline("load_more_json_html", {"next_page": "button.js-load-more"})
    assert problems == []
    assert len(calls) == 10


def test_an_element_with_no_href_links_where_its_data_attribute_says():
    page = HtmlResponse(
        "https://www.example.org.uk/grants/",
        body=b'<div class="card" data-href="/grants/warm-homes/"><h3>Warm Homes</h3></div>'
        b'<div class="more"><button data-url="/grants/more?offset=4">More</button></div>'
        b'<div class="plain"><span>No link here</span></div>',
    )
    assert extract_first(page.selector, "div.card") == "/grants/warm-homes/"
    assert extract_first(page.selector, "div.more") == "/grants/more?offset=4"
    assert extract_first(page.selector, "div.plain") == "No link here"  # as before


@pytest.mark.parametrize("data", [{"Count": 7, "Results": []}, {"html": "", "next": None}])
def test_a_later_page_holding_no_html_is_a_page_with_no_calls(data):
    # Round 29's Sitecore SXA search (`sitecore_sxa_results`): past the last page the endpoint
    # answers {"Results": []}, and the listing failed "the page is JSON, not HTML" (offline,
    # "Cannot use css on a Selector of type 'json'") after reading all seven calls. Page 1 holding
    # no HTML is still said as a JSON answer is (above).
    page, following = as_page(answered(data), later=True)
    assert page.css("article, div").getall() == [] and following is None
    calls, problems = read_offline("sitecore_sxa_results")
    assert problems == [] and len(calls) == 7
