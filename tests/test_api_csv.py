"""An api source whose answer is CSV (a Google Sheet "published to the web" as .csv, a council's open
data download): each row an object keyed by the header row, read by `item` and JMESPath fields as a
JSON answer's would be. Before it, such a sheet could not be read by configuration at all: kind api
said "not JSON on … (text/csv)"."""

from __future__ import annotations

from scrapy.http import Request, Response, TextResponse

from config.models import Source
from spiders.api import ApiSpider
from spiders.csv_answer import header_index

URL = "https://docs.google.com/spreadsheets/d/e/2PACX-x/pub?output=csv"
SHEET = (
    "\ufeffGrant name,Link,Closing date,Amount\r\n"
    'Village Halls Fund,https://f.org.uk/halls,28/02/2027,"£2,000 - £20,000"\r\n'
    ",,,\r\n"
    '"Flood Recovery, round 2",https://f.org.uk/flood,2027-01-08,Up to £5k\r\n'
)


def spider() -> ApiSpider:
    entry = {
        "id": "sheet",
        "kind": "api",
        "urls": [URL],
        "item": "[*]",
        "fields": {
            "title": '"Grant name"',
            "url": "Link",
            "closes": '"Closing date"',
            "amount": "Amount",
        },
    }
    return ApiSpider(Source.model_validate(entry))


def answer(body: str, kind: str = "text/csv") -> Response:
    return TextResponse(
        URL, body=body.encode(), headers={"Content-Type": kind}, request=Request(URL)
    )


def test_a_csv_answer_is_a_list_of_rows_keyed_by_the_header():
    api = spider()
    items = [i for i in api.parse(answer(SHEET)) if not isinstance(i, Request)]
    assert [(i.title, i.url, i.closes, i.amount) for i in items] == [
        ("Village Halls Fund", "https://f.org.uk/halls", "28/02/2027", "£2,000 - £20,000"),
        ("Flood Recovery, round 2", "https://f.org.uk/flood", "2027-01-08", "Up to £5k"),
    ]  # the empty row is no row; the byte-order mark is not in the first heading
    assert api.problems == []


def test_a_csv_with_no_rows_says_so_and_json_is_still_json():
    api = spider()
    assert [i for i in api.parse(answer("")) if not isinstance(i, Request)] == []
    assert api.problems == [f"no rows in the CSV on {URL} (text/csv): the sheet may be empty"]
    api = spider()
    body = '[{"Grant name": "A", "Link": "https://f.org.uk/a"}]'
    items = list(api.parse(answer(body, "application/json")))
    assert [i.title for i in items] == ["A"] and api.problems == []


def test_a_csv_file_sent_as_plain_text_or_bytes_is_read_by_its_name():
    # Council open-data portals often send a .csv as text/plain or application/octet-stream: it
    # was "not JSON on …/grants.csv (application/octet-stream)".
    for kind in ("text/plain; charset=utf-8", "application/octet-stream"):
        api = spider()
        url = "https://data.council.gov.uk/downloads/grants.csv"
        response = TextResponse(
            url, body=SHEET.encode(), headers={"Content-Type": kind}, request=Request(url)
        )
        items = [i for i in api.parse(response) if not isinstance(i, Request)]
        assert [i.title for i in items] == ["Village Halls Fund", "Flood Recovery, round 2"], kind
        assert api.problems == []


def test_title_rows_above_the_header_row_are_not_headings():
    # An Excel export with a title and an "Exported …" line above its header was keyed by the
    # title: every call failed "'an item' … is missing title, url".
    body = "Grants register,,,\r\nExported 24/11/2026 16:05,,,\r\n" + SHEET.lstrip("\ufeff")
    api = spider()
    items = [i for i in api.parse(answer(body)) if not isinstance(i, Request)]
    assert [i.title for i in items] == ["Village Halls Fund", "Flood Recovery, round 2"]
    assert api.problems == []


def test_the_header_line_is_the_first_filling_over_half_the_fullest_lines_cells():
    assert header_index([["Title", "", ""], ["", "", ""], ["A", "B", "C"], ["1", "", "3"]]) == 2
    assert header_index([["A", "B", "C"], ["1", "", ""]]) == 0  # a sparse row is still a row
    assert header_index([["Register", "updated 2026"], ["A", "B", "C", "D"]]) == 1
    assert header_index([]) == 0
