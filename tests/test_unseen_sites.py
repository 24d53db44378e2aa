"""Hand-built sites fundwatch had never seen (tests/sites/), each read with the entry a new curator
wrote from the README alone: every call, field by field, as the repository would store it. And the
curator's other natural tries that read wrong before this round."""

from __future__ import annotations

from datetime import datetime

import pytest

from tests.unseen_sites import SITE_IDS, expected, read_offline


def stored(value):
    return value.isoformat() if isinstance(value, datetime) else value


@pytest.mark.parametrize("site_id", SITE_IDS)
def test_each_site_stores_every_call_field_by_field(site_id):
    calls, problems = read_offline(site_id)
    # What the crawl must say failed: nothing, unless the site's pages fail (expected.yaml).
    assert problems == expected(site_id).get("problems", [])
    by_url = {call.url: call.model_dump() for call in calls}
    want = expected(site_id)["items"]
    assert sorted(by_url) == sorted(item["url"] for item in want)
    for item in want:
        got = by_url[item["url"]]
        for key, value in item.items():
            if key.startswith(("amount_", "fund_")) and value is not None:
                assert got[key] is not None and float(got[key]) == float(value), (key, item)
            else:
                assert stored(got[key]) == value, (key, item["title"])


def test_a_link_selector_without_attr_href_takes_the_elements_link():
    # `url: "a"` read the link's words as an address ("…/directory/Parish%20Play%20Area…"), and a
    # next_page naming the <a> serialised its HTML: both were stored or followed without a word.
    calls, problems = read_offline(
        "base_href_next",
        {
            "fields": {"title": "a strong::text", "url": "a", "closes": {"label": "Closing"}},
            "next_page": "xpath://p[@class='paging']/a[contains(., 'Next')]",
            "detail": None,
        },
    )
    assert problems == []
    assert [call.url for call in calls] == [
        f"https://www.westshire.gov.uk/grants/directory/item.aspx?id={n}"
        for n in (1041, 1057, 1063)
    ]


def test_a_bilingual_label_is_found_by_either_language():
    # {label: "Closing date"} found nothing in "Dyddiad cau / Closing date" rows.
    for label in ("Dyddiad cau", "Closing date", "Dyddiad cau / Closing date"):
        fields = {"title": "h2 a span[lang=en]::text", "url": "h2 a::attr(href)"}
        calls, _ = read_offline(
            "welsh_bilingual", {"fields": {**fields, "closes": {"label": label}}}
        )
        assert [stored(call.closes_at) for call in calls] == [
            "2027-03-05T12:00:00+00:00",
            "2027-01-29T23:59:00+00:00",
        ], label


def test_column_headings_label_a_rows_cells_and_css_still_reads_them():
    # {label: "Deadline"} on a table row found nothing: labels were only th/td pairs in one row.
    fields = {
        "title": "td.views-field-title a::text",
        "url": "td.views-field-title a::attr(href)",
        "closes": "td:nth-child(2) time::text",
        "amount": "td.views-field-field-amount::text",
    }
    by_css, _ = read_offline("drupal_views_table", {"fields": fields})
    by_label, _ = read_offline("drupal_views_table")
    assert [(c.closes_at, c.amount_min, c.amount_max, c.fund_total) for c in by_css] == [
        (c.closes_at, c.amount_min, c.amount_max, c.fund_total) for c in by_label
    ]


def test_an_accordion_with_no_link_of_its_own_links_to_its_section():
    # The README's recipe for calls that are sections of one page with an id and no link.
    fields = {"title": "summary h2::text", "url": "xpath:concat('#', @id)"}
    calls, problems = read_offline("details_accordion", {"fields": fields})
    assert problems == []
    assert [call.url for call in calls] == [
        f"https://www.southvalefoundation.org.uk/our-grants#{anchor}"
        for anchor in ("warm-spaces", "sports-kit", "green-spaces")
    ]


def test_a_pager_whose_last_page_links_to_itself_reads_each_call_once():
    # The curator's other natural try on the Sitefinity pager: the last numbered link, which on
    # the last page is that page. A crawl asks it once (Scrapy's duplicate filter); read offline
    # it was asked again and its call stored twice.
    calls, problems = read_offline(
        "sitefinity_news_list", {"next_page": "div.sf_pagerNumeric a:last-child::attr(href)"}
    )
    assert problems == []
    assert len(calls) == len({call.url for call in calls}) == 3


def test_a_get_forms_next_button_is_the_address_the_form_asks():
    # The curator's other natural try on round 16's search paged by a button: next_page naming
    # the "Next" <button name="page" value="2"> of a GET form. It was read as the button's words,
    # ".../grants/Next" (a 404), so only page 1's three calls were stored.
    button = "xpath://form[@class='pager']//button[normalize-space()='Next']"
    calls, problems = read_offline(
        "form_get_next_button", {"page_param": None, "next_page": button}
    )
    assert problems == []
    assert len(calls) == 5 and "Youth Voice Micro-grants" in [call.title for call in calls]


def test_a_next_page_that_reads_a_page_number_says_so():
    # The button's value rather than the button: "2" was asked as ".../grants/2", a 404 in a crawl.
    changes = {"page_param": None, "next_page": "form.pager button[name=page]::attr(value)"}
    calls, problems = read_offline("form_get_next_button", changes)
    assert len(calls) == 3
    assert problems == [
        "next page on https://www.tynebrookcf.org.uk/grants/search?category=all is a page number "
        "('2'), not a link: name the link or the form's button itself, or page by number with "
        "page_param (README: Pagination)"
    ]
