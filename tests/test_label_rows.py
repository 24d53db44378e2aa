"""Labels with no dt, th, <strong> or colon: a two-cell key-value table's first <td>, and a tab's
words for its panel (spiders/label_rows.py, read through the field reader)."""

from __future__ import annotations

from parsel import Selector

from config.models import LabelSelector
from spiders.extract import FieldReader


def _read(html: str, label: str) -> str | None:
    return FieldReader(Selector(text=html)).read(LabelSelector(label=label))


KEY_DATES = """<h2>Key dates</h2><table><thead><tr><th>Event</th><th>Date</th></tr></thead><tbody>
<tr><td>Opening date</td><td>12 January 2027 9:00am UK time</td></tr>
<tr><td>Closing date</td><td>23 March 2027 4:00pm UK time</td></tr>
<tr><td>Assessment</td><td>May 2027</td></tr></tbody></table>"""


def test_a_key_dates_table_reads_each_rows_first_cell_as_its_label():
    # A research council's "Key dates" (Event | Date) heads its columns, not its rows: the
    # closing date read nothing, so the call had no dates at all.
    assert _read(KEY_DATES, "Closing date") == "23 March 2027 4:00pm UK time"
    assert _read(KEY_DATES, "Opening date") == "12 January 2027 9:00am UK time"


def test_a_wider_row_is_a_record_not_a_label_and_its_value():
    html = "<table><tr><td>Closing date</td><td>5 March 2027</td><td>£5,000</td></tr></table>"
    assert _read(html, "Closing date") is None


TABS = """<div role="tablist"><button role="tab" id="t1" aria-controls="p1">Overview</button>
<button role="tab" id="t2" aria-controls="p2">Who can apply</button>
<button role="tab" id="t3">How to apply</button></div>
<div role="tabpanel" id="p1" aria-labelledby="t1"><p>Repairs to historic places.</p></div>
<div role="tabpanel" id="p2" aria-labelledby="t2" hidden><p>Local authorities and charities.</p></div>
<div role="tabpanel" id="p3" aria-labelledby="t3" hidden><p>Use our portal.</p></div>"""


def test_a_tab_reads_the_panel_it_controls():
    # A heritage funder's "Who can apply" tab: its words are in a panel elsewhere, which no
    # heading section reached, so every programme's verdict read unclear.
    assert _read(TABS, "Who can apply") == "Local authorities and charities."


def test_a_tab_without_aria_controls_reads_the_panel_labelled_by_it():
    assert _read(TABS, "How to apply") == "Use our portal."
