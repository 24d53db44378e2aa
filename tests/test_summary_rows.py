"""A table's closing summary row ("5 record(s) found" in one cell across the table, or a
`<tfoot>` row) is no call: matched by `item: "table.Grid tr"` it was read as a call with no
title or link and failed the crawl (spiders/summary_rows.py). A call written as two rows (its
title row of one cell across the table, then its facts) is still read."""

from __future__ import annotations

from scrapy.http import HtmlResponse, Request

from config.models import Source
from spiders.listing import ListingSpider

URL = "https://funder.example.org.uk/funding"
HEAD = "<tr><th>Programme</th><th>Deadline</th><th>Grant</th></tr>"
ROW = '<tr><td><a href="/f/{0}">Fund {0}</a></td><td>15/01/2027</td><td>£{0},000</td></tr>'


def read(body: str) -> tuple[list, list[str]]:
    source = Source.model_validate(
        {
            "id": "funder",
            "kind": "listing",
            "urls": [URL],
            "item": "table.grid tr",
            "fields": {
                "title": "td:nth-child(1) a::text",
                "url": "td:nth-child(1) a::attr(href)",
                "closes": {"label": "Deadline"},
            },
        }
    )
    spider = ListingSpider(source)
    page = f'<table class="grid">{body}</table>'
    response = HtmlResponse(URL, body=page.encode(), request=Request(URL))
    items = [i for i in spider.parse(response) if not isinstance(i, Request)]
    return [(i.title, i.closes) for i in items], spider.problems


WANT = [("Fund 1", "15/01/2027"), ("Fund 2", "15/01/2027")]


def test_the_tables_count_row_is_no_call():
    count = '<tr class="GridFooter"><td colspan="3">2 record(s) found</td></tr>'
    assert read(HEAD + ROW.format(1) + ROW.format(2) + count) == (WANT, [])


def test_a_tfoot_row_is_no_call():
    foot = "<tfoot><tr><td>Total</td><td></td><td>£3,000</td></tr></tfoot>"
    assert read(f"<thead>{HEAD}</thead><tbody>{ROW.format(1)}{ROW.format(2)}</tbody>{foot}") == (
        WANT,
        [],
    )


def test_a_row_across_the_table_before_others_is_still_read():
    # A note across the table with rows after it is not its last row: read as before.
    note = '<tr><td colspan="3">Closed funds</td></tr>'
    calls, _ = read(HEAD + ROW.format(1) + note + ROW.format(2))
    assert ("Fund 1", "15/01/2027") in calls and ("Fund 2", "15/01/2027") in calls
    # A last row across the table that links somewhere may be a call: kept.
    linked = '<tr><td colspan="3"><a href="/f/9">Fund 9</a></td></tr>'
    calls, _ = read(HEAD + ROW.format(1) + linked)
    assert any(title == "Fund 9" for title, _ in calls)
