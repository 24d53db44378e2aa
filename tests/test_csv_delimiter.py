"""A CSV answer parted by semicolons (OpenDataSoft's export default, Excel where the decimal point
is a comma) or tabs is read by them. Before, it was read by commas: one cell a row, keyed by the
whole header line, and every call lost as "missing title, url" (tests/sites/README.md, round 28)."""

from __future__ import annotations

from scrapy.http import Request, TextResponse

from spiders.csv_answer import answer_rows
from spiders.csv_delimiter import csv_delimiter

URL = "https://data.example.org/api/explore/v2.1/catalog/datasets/calls/exports/csv"
SEMICOLONS = (
    "\ufeffProgramme;Closes;Maximum award;Who can apply\r\n"
    'Energy Fund;2027-02-19;100000;"Parish councils; village halls"\r\n'
    "Arts Grants;2026-12-11;7500,50;Charities\r\n"
)


def test_a_semicolon_export_is_read_by_its_semicolons():
    response = TextResponse(
        URL,
        body=SEMICOLONS.encode("utf-8"),
        headers={"Content-Type": "text/csv; charset=utf-8"},
        request=Request(URL),
    )
    rows, problem = answer_rows(response)
    assert problem is None
    # Before: [{'\ufeffProgramme;Closes;…' or 'Programme;Closes;Maximum award;Who can apply': …}]
    assert rows == [
        {
            "Programme": "Energy Fund",
            "Closes": "2027-02-19",
            "Maximum award": "100000",
            "Who can apply": "Parish councils; village halls",
        },
        {
            "Programme": "Arts Grants",
            "Closes": "2026-12-11",
            "Maximum award": "7500,50",
            "Who can apply": "Charities",
        },
    ]


def test_commas_stay_the_delimiter_where_they_part_the_cells():
    # Semicolons inside a comma file's cells, a title line above its header: still commas.
    text = 'Grants register\nName,Who can apply\nFund A,"Councils; charities"\nFund B,Schools\n'
    assert csv_delimiter(text) == ","
    assert csv_delimiter("Name\nFund A\n") == ","  # one column: nothing parts it
    assert csv_delimiter("Name\tCloses\nFund A\t2027-01-31\n") == "\t"
