"""A table's heading row written in plain `<td>`s that its class names a heading (SmartSimple's
`tr.GridHeader` of `td.GridHeaderCell`s, each holding a `javascript:` sort link) heads the
columns: without it every `{label: …}` field of the rows was not found and the calls were stored
with their titles alone, with no problem said (spiders/heading_classes.py)."""

from __future__ import annotations

from scrapy.http import HtmlResponse, Request

from config.models import Source
from spiders.listing import ListingSpider

URL = "https://funder.smartsimple.eu/ex/ex_openlist.jsp?token=abc"
HEAD = (
    '<tr class="{row}"><td class="{cell}"><a href="javascript:sortBy(1)">Programme</a></td>'
    '<td class="{cell}"><a href="javascript:sortBy(2)">Deadline</a></td>'
    '<td class="{cell}">Maximum Request</td></tr>'
)
ROWS = (
    '<tr class="GridRow"><td><a href="/ex/opp.jsp?id=1">Safer Streets</a></td>'
    "<td>15/01/2027 17:00</td><td>£40,000.00</td></tr>"
    '<tr class="headline"><td><a href="/ex/opp.jsp?id=2">Warm Homes</a></td>'
    "<td>29/01/2027 12:00</td><td>£15,000.00</td></tr>"
)


def read(head: str) -> tuple[list, list[str]]:
    source = Source.model_validate(
        {
            "id": "ss",
            "kind": "listing",
            "urls": [URL],
            "item": "table.Grid tr",
            "fields": {
                "title": "td:nth-child(1) a::text",
                "url": "td:nth-child(1) a::attr(href)",
                "closes": {"label": "Deadline"},
                "amount": {"label": "Maximum Request"},
            },
        }
    )
    spider = ListingSpider(source)
    page = f'<table class="Grid">{head}{ROWS}</table>'
    response = HtmlResponse(URL, body=page.encode(), request=Request(URL))
    items = [i for i in spider.parse(response) if not isinstance(i, Request)]
    return [(i.title, i.closes, i.amount) for i in items], spider.problems


def test_a_row_its_class_names_the_heading_heads_the_columns():
    want = [
        ("Safer Streets", "15/01/2027 17:00", "Maximum Request: £40,000.00"),
        # A call's row whose class only begins "head" ("headline") is a call, not a heading.
        ("Warm Homes", "29/01/2027 12:00", "Maximum Request: £15,000.00"),
    ]
    for row, cell in (("GridHeader", "GridHeaderCell"), ("", "dgHeader"), ("header-row", "")):
        assert read(HEAD.format(row=row, cell=cell)) == (want, []), (row, cell)


def test_a_plain_first_row_heads_nothing():
    calls, _ = read(HEAD.format(row="", cell=""))
    # Read as a call's row (its words, no link of a call), as before: nothing is guessed.
    assert ("Safer Streets", None, None) in calls
