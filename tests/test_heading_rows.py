"""A table's heading row among its body rows (a month heading spanning the table) is no call: read
as an item it had no title or link and failed the crawl (spiders/heading_rows.py)."""

from __future__ import annotations

from scrapy.http import HtmlResponse, Request

from config.models import Source
from spiders.listing import ListingSpider

URL = "https://www.example-cvs.org.uk/funding/deadlines"
PAGE = """<table class="deadlines"><thead><tr><th>Deadline</th><th>Fund</th></tr></thead><tbody>
<tr class="month"><th colspan="2" scope="rowgroup">December 2026</th></tr>
<tr><td>Thu 10 Dec 2026, 5pm</td><td><a href="/funding/winter">Winter Warmth Grants</a></td></tr>
<tr><th scope="row">Fri 18 Dec 2026</th><td><a href="/funding/halls">Rural Halls Fund</a></td></tr>
<tr class="month"><th colspan="2" scope="rowgroup">January 2027</th></tr>
<tr><td>Fri 15 Jan 2027</td><td><a href="/funding/youth">Youth Voice Fund</a></td></tr>
</tbody></table>"""


def test_heading_rows_in_the_body_are_not_calls():
    source = Source.model_validate(
        {
            "id": "cvs",
            "kind": "listing",
            "urls": [URL],
            "item": "table.deadlines tbody tr",
            "fields": {
                "title": "td a::text",
                "url": "td a::attr(href)",
                "closes": {"label": "Deadline"},
            },
        }
    )
    spider = ListingSpider(source)
    response = HtmlResponse(URL, body=PAGE.encode(), request=Request(URL))
    items = [i for i in spider.parse(response) if not isinstance(i, Request)]
    # A row headed by its own <th scope="row"> (with <td>s beside it) is still a call's row.
    assert [(i.title, i.closes) for i in items] == [
        ("Winter Warmth Grants", "Thu 10 Dec 2026, 5pm"),
        ("Rural Halls Fund", "Fri 18 Dec 2026"),
        ("Youth Voice Fund", "Fri 15 Jan 2027"),
    ]
    assert spider.problems == []
