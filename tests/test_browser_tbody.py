"""A selector copied from the browser's Inspect panel names the <tbody> a browser adds to every
table; on a page whose HTML has none (Squiz Matrix's layout tables) it matched nothing."""

from __future__ import annotations

import pytest
from parsel import Selector

from spiders.browser_tbody import as_written
from spiders.extract import select

NO_TBODY = """<table class="fund-listing"><tr><th>Opportunity</th><th>Key facts</th></tr>
<tr><td><a href="/a">Community Partnership Fund</a></td><td><table class="facts">
<tr><th>Closing date</th><td>Friday 15 January 2027 5:00pm</td></tr></table></td></tr>
<tr><td><a href="/b">Knowledge Exchange Vouchers</a></td><td></td></tr></table>"""


@pytest.mark.parametrize(
    "query, rows",
    [
        ("table.fund-listing > tbody > tr", 3),  # Inspect's path: the listing's own rows
        ("xpath://table[@class='fund-listing']/tbody/tr", 3),
        ("table.fund-listing tbody tr", 4),  # descendants: the nested table's row too
        ("xpath://tbody/tr", 4),
    ],
)
def test_a_tbody_the_html_does_not_have_is_read_as_the_rows_it_holds(query, rows):
    # Before: 0 rows for each ("no items matched … the page layout may have changed").
    assert len(select(Selector(text=NO_TBODY), query)) == rows


def test_a_page_with_its_tbody_is_read_as_before():
    page = Selector(text="<table><tbody><tr><td>a</td></tr></tbody><tr><td>b</td></tr></table>")
    assert select(page, "table > tbody > tr td::text").getall() == ["a"]


def test_a_selector_naming_no_tbody_is_never_rewritten():
    assert as_written("div.views-row") is None
    assert as_written("xpath://div[@class='tbody-wrapper']/p") is None
    assert select(Selector(text=NO_TBODY), "table.nothing > tbody > tr") == []


def test_a_field_copied_from_the_browser_reads_a_row_without_its_tbody():
    # Before, only select() (items, next pages) read it again: a field, read through
    # extract._matches, found nothing.
    from spiders.item_fields import read_fields

    call = Selector(
        text="<div class='call'><table><tr><th>Closes</th><td>12 March 2027</td></tr></table></div>"
    ).css("div.call")[0]
    fields = read_fields(call, {"closes": "table > tbody > tr > td::text"})
    assert fields["closes"] == "12 March 2027"
