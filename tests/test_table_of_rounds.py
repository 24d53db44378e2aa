"""A programme's page whose dates are a table of its rounds (Round | Opens | Closes, a row a round),
read with `{label: "Closes"}` (round 34's rounds_key_dates_detail): a heading over a column found
no value on a page that is no row of the table, so every call was stored with no dates and no
status; read as a list, the openings gave the next round's, not the open round's."""

from __future__ import annotations

from datetime import UTC, datetime

from lxml import html
from parsel import Selector

from spiders.extract import FieldReader
from spiders.normalise.dates import parse_date
from spiders.normalise.round_openings import round_opening
from spiders.table_columns import page_columns

NOW = datetime(2026, 11, 25, 9, tzinfo=UTC)
PAGE = """<html><body><h1>Arts in Libraries Fund</h1><p><strong>Grant size:</strong> £2,000</p>
<table><thead><tr><th>Round</th><th>Opens</th><th>Closes</th></tr></thead><tbody>
<tr><td>Round 1</td><td>6 April 2026</td><td>29 May 2026</td></tr>
<tr><td>Round 2</td><td>2 November 2026</td><td>12 noon, 5 February 2027</td></tr>
<tr><td>Round 3</td><td>1 June 2027</td><td>3 September 2027</td></tr>
</tbody></table></body></html>"""


def test_a_column_on_a_page_is_each_rows_cell_named_by_the_row():
    reader = FieldReader(Selector(text=PAGE))
    assert reader.by_label(["Closes"]) == (
        "Round 1: 29 May 2026 | Round 2: 12 noon, 5 February 2027 | Round 3: 3 September 2027"
    )
    assert reader.by_label(["Grant size"]) == "£2,000"  # a label beside its value still first
    one_row = "<table><tr><th>Opens</th><th>Closes</th></tr><tr><td>Open all year</td><td>Rolling</td></tr></table>"
    assert page_columns(html.fromstring(one_row)) == {"opens": "Open all year", "closes": "Rolling"}


def test_rounds_close_at_the_next_and_open_with_it():
    closes = parse_date(
        "Round 1: 29 May 2026 | Round 2: 12 noon, 5 February 2027 | Round 3: 3 September 2027",
        end_of_day=True,
        now=NOW,
    )
    assert closes.isoformat() == "2027-02-05T12:00:00+00:00"
    opens = "Round 1: 6 April 2026 | Round 2: 2 November 2026 | Round 3: 1 June 2027"
    assert round_opening(opens, closes, "Europe/London").isoformat() == "2026-11-02T00:00:00+00:00"
    assert round_opening("6 April 2026", closes, "Europe/London") is None  # no list of rounds


def test_rounds_named_by_their_year():
    closes = parse_date(
        "2025: 30 May 2025 | 2026: 29 May 2026 | 2027: 5pm, 28 May 2027", end_of_day=True, now=NOW
    )
    assert closes.isoformat() == "2027-05-28T16:00:00+00:00"
    opens = "2025: 3 March 2025 | 2026: 2 March 2026 | 2027: 1 March 2027"
    assert round_opening(opens, closes, "Europe/London").isoformat() == "2027-03-01T00:00:00+00:00"
