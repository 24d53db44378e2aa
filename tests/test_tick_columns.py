"""Who may apply as a tick or a cross per applicant column (spiders/tick_columns.py): an unseen
trust's "funds at a glance" table, eligibility named by its three column headings, read "✓" (the
first column's mark) and the council verdict was unclear for every fund."""

from __future__ import annotations

from parsel import Selector

from config.models import LabelSelector
from spiders.eligibility import council_eligibility
from spiders.item_fields import read_fields
from spiders.tick_columns import mark, ticked_applicants

TABLE = """<table><thead><tr><th>Fund</th><th>Local authorities</th><th>Charities</th>
<th>Businesses</th></tr></thead><tbody>
<tr><th scope="row"><a href="/a">A</a></th><td>✓</td><td>✗</td><td>✗</td></tr>
<tr><th scope="row"><a href="/b">B</a></th><td>✗ <span class="sr-only">No</span></td>
  <td>✔ <span class="sr-only">Yes</span></td><td>✘</td></tr>
<tr><th scope="row"><a href="/c">C</a></th><td>Lead only</td><td>✓</td><td>✗</td></tr>
</tbody></table>"""
COLUMNS = ["Local authorities", "Charities", "Businesses"]


def eligibility_of_rows() -> list[str | None]:
    fields = {"title": "th a::text", "eligibility": LabelSelector(label=COLUMNS)}
    rows = Selector(text=TABLE).css("tbody tr")
    return [read_fields(row, fields)["eligibility"] for row in rows]


def test_each_column_ticked_or_crossed_is_said_in_words_and_decides_the_verdict():
    ticked, crossed, worded = eligibility_of_rows()
    assert ticked == "Who can apply: Local authorities. Who cannot apply: Charities, Businesses."
    assert crossed == "Who can apply: Charities. Who cannot apply: Local authorities, Businesses."
    assert council_eligibility(ticked, None)[0] == "yes"
    assert council_eligibility(crossed, None)[0] == "no"
    # A column of words is read as words: the first label's, as before.
    assert worded == "Lead only"


def test_marks_and_what_is_not_one():
    assert [mark(v) for v in ("✓", "✔ Yes", "Yes", "✗", "✘ No", "x")] == [
        True, True, True, False, False, False
    ]  # fmt: skip
    assert [mark(v) for v in ("Lead only", "", None, "Yes, as partners")] == [None] * 4
    assert ticked_applicants({"Charities": "✓", "Businesses": None}) == "Who can apply: Charities."
    assert ticked_applicants({"Charities": "✓", "Councils": "Partners only"}) is None
