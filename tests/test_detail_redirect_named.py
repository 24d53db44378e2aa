"""A detail page that fails after a redirect is named with the link the listing gave: "detail page
refused: <host> is not this source's host (…) on <where it led> (redirected from <the call's
link>)", as a listing page sent elsewhere is (spiders/failures.py failure_line). Before, only where
it led was named ("… on https://apply.portal.example/programmes/digital-inclusion"), an address
on no page of the source, so the curator could not tell which call's link had moved
(tests/sites/listing_moved_308)."""

from __future__ import annotations

from scrapy.http import Request
from twisted.python.failure import Failure

from config.models import Source
from spiders.address_guard import AddressRefused
from spiders.items import OpportunitySighting
from spiders.registry import make_spider

LISTED = "https://www.hartwell.example.org.uk/funding/digital-inclusion-fund/"
LED_TO = "https://apply.portal.example.co.uk/programmes/digital-inclusion"


def failed_detail(url: str, exc: Exception, **meta) -> list[str]:
    """The problems a listing spider records when the detail request for `url` fails with `exc`."""
    source = Source.model_validate(
        {
            "id": "hartwell",
            "kind": "listing",
            "urls": ["https://www.hartwell.example.org.uk/funding/"],
            "item": "article",
            "fields": {"title": "h3 a::text", "url": "h3 a::attr(href)"},
            "detail": {"fields": {"eligibility": {"label": "Who can apply"}}},
        }
    )
    spider = make_spider(source)
    sighting = OpportunitySighting(source_id="hartwell", title="Digital Inclusion Fund", url=url)
    failure = Failure(exc)
    failure.request = Request(url, meta=meta, cb_kwargs={"sighting": sighting})  # type: ignore[attr-defined]
    kept = list(spider.detail_failed(failure))
    assert [call.title for call in kept] == ["Digital Inclusion Fund"]  # the listing's fields kept
    return spider.problems


def test_a_detail_page_refused_after_a_redirect_names_the_calls_own_link():
    refused = AddressRefused("refused: apply.portal.example.co.uk is not this source's host")
    assert failed_detail(LED_TO, refused, redirect_urls=[LISTED]) == [
        f"detail page refused: apply.portal.example.co.uk is not this source's host on {LED_TO} "
        f"(redirected from {LISTED})"
    ]


def test_a_detail_page_that_was_not_redirected_is_named_as_before():
    refused = AddressRefused("refused: apply.portal.example.co.uk is not this source's host")
    assert failed_detail(LED_TO, refused) == [
        f"detail page refused: apply.portal.example.co.uk is not this source's host on {LED_TO}"
    ]
