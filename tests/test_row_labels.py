"""`{label: …}` where unseen sites put their labels: a table row's column headings (a Drupal Views
table, one call a row) and either half of a bilingual Welsh/English label."""

from __future__ import annotations

from parsel import Selector

from config.models import LabelSelector
from spiders.extract import FieldReader, select

TABLE = """<table class="views-table"><thead><tr><th>Title</th><th>Deadline</th>
<th colspan="2">Amount</th></tr></thead><tbody>
<tr><td><a href="/a">Heat fund</a></td><td>12/02/2027 - 12:00</td><td>Up to</td><td>£5m</td></tr>
</tbody></table>"""


def read(html: str, item: str, label: str) -> str | None:
    node = select(Selector(text=html), item)[0]
    return FieldReader(node).read(LabelSelector(label=label))


def test_a_rows_cells_are_read_by_their_column_headings():
    assert read(TABLE, "tbody tr", "Deadline") == "12/02/2027 - 12:00"
    assert read(TABLE, "tbody tr", "Amount") == "Up to"  # a spanning heading: its first cell
    assert read(TABLE, "tbody tr", "Closing date") is None


def test_a_table_without_thead_uses_a_first_row_of_headings():
    html = "<table><tr><th>Fund</th><th>Closes</th></tr><tr><td>Bus</td><td>3 March 2027</td></tr></table>"
    assert read(html, "xpath://tr[td]", "Closes") == "3 March 2027"


def test_either_half_of_a_bilingual_label_finds_its_value():
    html = "<div><dl><dt>Dyddiad cau / Closing date</dt><dd>5 Mawrth 2027 / 5 March 2027</dd></dl>"
    html += "<p>Swm | Amount: Hyd at £50,000 / Up to £50,000</p></div>"
    for label in ("Closing date", "Dyddiad cau", "Dyddiad cau / Closing date"):
        assert read(html, "div", label) == "5 Mawrth 2027 / 5 March 2027"
    assert read(html, "div", "Amount") == "Hyd at £50,000 / Up to £50,000"
