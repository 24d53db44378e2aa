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


def test_the_same_link_twice_on_a_page_is_one_call_with_the_facts_of_both():
    # A "Closing soon" carousel's compact card (and Slick's cloned copy of it) above the list's
    # full card, all linking "/grants/winter": the first, with no deadline or money, was stored
    # alone and the list card's facts lost (round 22's closing_soon_carousel, 3 of 5 calls).
    compact = card("Winter Warmth Fund", "/grants/winter", status="Closing soon")
    clone = card("Winter Warmth Fund", "/grants/winter", status="Closing soon")
    full = card("Winter Warmth Fund", "/grants/winter", closes="30 November 2026", amount="£2,500")
    other = card("Food Grants", "/grants/food")
    kept = once_each([compact, clone, other, full], PAGE, {})
    assert kept == [compact, other]
    assert (compact.closes, compact.amount, compact.status) == (
        "30 November 2026",
        "£2,500",
        "Closing soon",
    )


def test_a_calls_category_path_on_a_later_page_is_the_call_already_read():
    # Round 25's category_twin_paths: the funding page's "/funding/warm-homes-grant" and the
    # housing page's "/funding/housing/warm-homes-grant" were stored as two calls (7 for 6).
    listed: dict = {}
    first = card("Warm Homes Grant", "https://www.example.gov.uk/funding/warm-homes-grant")
    assert once_each([first], "https://www.example.gov.uk/funding/", listed) == [first]
    twin = card("Warm Homes Grant", "/funding/housing/warm-homes-grant")
    empty = card("Empty Homes Grant", "/funding/housing/empty-homes-grant")
    page = "https://www.example.gov.uk/funding/housing/"
    assert once_each([twin, empty], page, listed) == [empty]


def test_on_one_page_the_shorter_path_is_kept_with_the_others_facts():
    category = card("Warm Homes Grant", "/funding/housing/warm-homes-grant", closes="26/02/2027")
    plain = card("Warm Homes Grant", "/funding/warm-homes-grant", amount="£5,000 – £25,000")
    assert once_each([category, plain], PAGE, {}) == [plain]
    assert plain.closes == "26/02/2027"


def test_a_year_or_another_slug_or_title_is_another_call():
    rounds = [
        card("Small Grants", "/funding/small-grants"),
        card("Small Grants", "/funding/2025/small-grants"),  # an older round's page
        card("Small Grants", "/funding/housing/small-grants-2"),  # another slug
        card("Warm Homes", "/funding/housing/small-grants"),  # another title
    ]
    assert once_each(rounds, PAGE, {}) == rounds
