"""`fundwatch sources try` names a next page it left because the page before brought nothing new:
that is also what a site ignoring its page parameter looks like (round 12's GraphQL API answered
page 1 again for ?after=)."""

from __future__ import annotations

from tests.crawl_helpers import write_config
from tests.test_sources_try import run_try


def test_a_next_page_that_only_repeats_is_said_not_followed(tmp_path, site):
    # Round 12: an API that ignored its page parameter answered page 1 again; try listed page 1's
    # calls and said nothing of why it went no further.
    page = "<ul><li><a href='/call/1'>Call 1</a></li></ul><a rel='next' href='/grants?p=2'>Next</a>"
    site.add("/grants", page)
    site.add("/grants?p=2", page)  # the page parameter ignored: page 1 again
    entry = {
        "id": "ukri_opportunities",  # any id: the test's own source
        "kind": "listing",
        "urls": [f"{site.url}/grants"],
        "item": "li",
        "fields": {"title": "a::text", "url": "a::attr(href)"},
        "next_page": "a[rel=next]::attr(href)",
    }
    result = run_try(write_config(tmp_path / "config", [entry]))
    assert result.returncode == 0, result.stderr
    assert (
        f"not followed: {site.url}/grants?p=2: every call on {site.url}/grants?p=2 was on an "
        "earlier page"
    ) in result.stdout


def test_a_call_repeated_on_a_later_page_is_listed_once(tmp_path, site):
    # Round 22's closing_soon_carousel: a "Closing soon" strip repeated on every page, its cards
    # shorter than the list's. Try listed page 2's repeats again as items with no deadline (8
    # items for 5 calls, closes 5/8), though a crawl stores the first of each and no more.
    strip = "<li><a href='/call/1'>Call 1</a></li>"
    site.add(
        "/grants",
        f"<ul>{strip}<li><a href='/call/1'>Call 1</a><p>Deadline: 5 March 2027</p></li></ul>"
        "<a rel='next' href='/grants?p=2'>Next</a>",
    )
    site.add("/grants?p=2", f"<ul>{strip}<li><a href='/call/2'>Call 2</a></li></ul>")
    entry = {
        "id": "ukri_opportunities",
        "kind": "listing",
        "urls": [f"{site.url}/grants"],
        "item": "li",
        "fields": {"title": "a::text", "url": "a::attr(href)", "closes": {"label": "Deadline"}},
        "next_page": "a[rel=next]::attr(href)",
    }
    result = run_try(write_config(tmp_path / "config", [entry]))
    assert result.returncode == 0, result.stderr
    assert "fill rate (2 items)" in result.stdout
    assert "closes       1/2 (50%)" in result.stdout


def test_one_item_is_one_item_in_the_fill_rate(tmp_path, site):
    # walk15: a JSON Feed of one call ended its report "fill rate (1 items):".
    site.add("/grants", "<ul><li><a href='/call/1'>Call 1</a></li></ul>")
    entry = {
        "id": "ukri_opportunities",
        "kind": "listing",
        "urls": [f"{site.url}/grants"],
        "item": "li",
        "fields": {"title": "a::text", "url": "a::attr(href)"},
    }
    result = run_try(write_config(tmp_path / "config", [entry]))
    assert result.returncode == 0, result.stderr
    assert "fill rate (1 item):" in result.stdout, result.stdout
