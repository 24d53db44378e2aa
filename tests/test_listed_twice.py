"""One call a listing links twice, once with a query the other link lacks (a "Featured" strip's
"?ref=featured" card above the list's own): it was stored as two calls (round 13's
featured_strip_duplicate, 4 stored for 3)."""

from __future__ import annotations

from spiders.items import OpportunitySighting
from spiders.listed_twice import once_each

PAGE = "https://www.severnvaletrust.org.uk/grants"


def card(title, url, **fields):
    return OpportunitySighting(source_id="trust", title=title, url=url, **fields)


def test_a_promoted_link_with_more_query_is_the_list_cards_call():
    featured = card("Green Spaces for All", "/grants/green?ref=featured", closes="29 January 2027")
    listed = card("Green  spaces for all", "/grants/green", amount="£500 to £10,000")
    other = card("River Access Grants", "/grants/river")
    kept = once_each([featured, listed, other], PAGE, {})
    assert kept == [listed, other]
    # The promotion's facts the list card lacks are kept with it.
    assert (listed.closes, listed.amount) == ("29 January 2027", "£500 to £10,000")


def test_a_query_that_names_another_call_keeps_both():
    pages = [
        card("Community Grants", "/grant?ref=GR-2027-01"),
        card("Community Grants", "/grant?ref=GR-2027-02"),  # neither query holds the other's
        card("Small Grants", "/grants/small"),
        card("Small Grants: round 2", "/grants/small?round=2"),  # another title
        card("Youth Fund", "/youth?ref=featured", ref="Y-1"),  # the source's own id names it
        card("Youth Fund", "/youth", ref="Y-2"),
    ]
    assert once_each(pages, PAGE, {}) == pages


def test_a_promotion_on_a_later_page_of_the_crawl_is_the_call_already_listed():
    listed = {}
    first = [card("Green Spaces for All", "/grants/green")]
    assert once_each(first, PAGE, listed) == first
    later = [card("Green Spaces for All", "/grants/green?ref=featured"), card("B", "/b")]
    assert [c.url for c in once_each(later, PAGE + "?page=2", listed)] == ["/b"]
