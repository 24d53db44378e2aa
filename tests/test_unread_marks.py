"""Footnote markers and struck-out old values are no part of a value (spiders/footnotes.py,
spiders/struck_values.py): a MediaWiki-style page's "31 January 2027[1]" read no date at all, and
"<del>31 January 2027</del> Extended to 28 February 2027" held two dates and parsed as neither."""

from __future__ import annotations

from scrapy.http import HtmlResponse, Request

from config.models import Source
from spiders.listing import ListingSpider
from spiders.normalise import parse_date, parse_money

URL = "https://wiki.example-parish.org.uk/Grants"
FIELDS = {
    "title": "td.name::text",
    "url": "td.name a::attr(href)",
    "closes": "td.closes",
    "amount": "td.amount",
}


def _items(rows: str, fields: dict | None = None, detail: dict | None = None) -> list:
    entry = {"id": "wiki", "kind": "listing", "urls": [URL], "item": "tr.call"}
    entry["fields"] = fields or FIELDS
    page = f"<html><body><table>{rows}</table></body></html>"
    response = HtmlResponse(URL, body=page.encode(), request=Request(URL))
    spider = ListingSpider(Source.model_validate(entry))
    return [i for i in spider.parse(response) if not isinstance(i, Request)]


def _row(name: str, closes: str, amount: str = "") -> str:
    return (
        f'<tr class="call"><td class="name"><a href="/{name[:4]}">{name}</a></td>'
        f'<td class="closes">{closes}</td><td class="amount">{amount}</td></tr>'
    )


def test_footnote_markers_are_not_read_into_dates_and_sums():
    rows = (
        _row(
            "Village Halls Fund",
            '31 January 2027<sup id="cite_ref-1" class="reference"><a href="#cite_note-1">[1]</a></sup>',
            "£5,000<sup>[2]</sup>",
        )
        + _row("Bus Shelters", "28 February 2027[a]", 'up to £8,000<sup><a href="#fn3">3</a></sup>')
        + _row("Play Areas", "15 March 2027 <sup>[note 2]</sup>", "£2,500")
        + _row("Bus Stops", "30 April 2027 [1]", "£1,000 [b]")
    )
    items = _items(rows)
    assert [(i.closes, i.amount) for i in items] == [
        ("31 January 2027", "£5,000"),
        ("28 February 2027", "up to £8,000"),
        ("15 March 2027", "£2,500"),
        ("30 April 2027", "£1,000"),
    ]
    assert [parse_date(i.closes) is not None for i in items] == [True, True, True, True]
    assert parse_money(items[1].amount) == (None, 8000.0)  # not £8,0003


def test_a_sup_that_is_part_of_the_words_stays():
    items = _items(
        _row("Village Halls Fund", "31<sup>st</sup> January 2027", "£5,000 per m<sup>2</sup>")
    )
    assert [(i.closes, i.amount) for i in items] == [
        ("31st January 2027", "£5,000 per m2")
    ]  # inline: one word


def test_a_struck_old_date_beside_the_new_one_is_not_read():
    rows = (
        _row("Village Halls Fund", "<del>31 January 2027</del> Extended to 28 February 2027")
        + _row("Bus Shelters", "Closing date: <s>31 Jan</s> 28 Feb 2027", "<s>£5,000</s> £8,000")
        + _row(
            "Play Areas",
            '<span style="text-decoration: line-through">1 March 2027</span> 15 March 2027',
        )
    )
    items = _items(rows)
    assert [(i.closes, i.amount) for i in items] == [
        ("Extended to 28 February 2027", None),
        ("Closing date: 28 Feb 2027", "£8,000"),
        ("15 March 2027", None),
    ]
    assert [parse_date(i.closes).day for i in items] == [28, 28, 15]


def test_a_struck_date_by_its_label_on_a_detail_row_is_not_read():
    rows = (
        '<tr class="call"><td class="name"><a href="/v">Village Halls Fund</a>'
        "<dl><dt>Deadline</dt><dd><del>31 January 2027</del> 28 February 2027</dd></dl></td></tr>"
    )
    items = _items(rows, {**FIELDS, "closes": {"label": "Deadline"}})
    assert [i.closes for i in items] == ["28 February 2027"]


def test_a_struck_name_or_a_struck_date_alone_stays():
    # The name struck out is the closed call (struck_title.py); a date struck with none beside it
    # is all the page says of it.
    rows = (
        _row("Kitchens Fund 2026", "<del>31 January 2027</del>", "£5,000")
        .replace('<td class="name"><a', '<td class="name"><del><a')
        .replace("</a></td>", "</a></del></td>", 1)
    )
    items = _items(rows)
    assert [(i.title, i.status, i.closes) for i in items] == [
        ("Kitchens Fund 2026", "Closed", "31 January 2027")
    ]
