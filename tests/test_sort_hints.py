"""A sortable table's column headings, read by their names: the words a grid adds for screen
readers about sorting are no part of a heading's label. Rows hand-built in the shapes of a Power
Pages entity list and of a sortable-table plugin; they mirror no one site."""

from __future__ import annotations

from parsel import Selector

from spiders.extract import FieldReader

POWER_PAGES = """<table class="table"><thead><tr>
  <th aria-label="Fund name" class="sort-enabled"><a href="#" role="button">Fund name<span
    class="sr-only sort-hint">. sort descending</span></a></th>
  <th aria-label="Maximum award" class="sort-enabled"><a href="#" role="button">Maximum award<span
    class="fa fa-arrow-up" aria-hidden="true"></span><span class="sr-only sort-hint">. sort
    descending</span></a></th>
  <th>Sort code</th>
  <th>Eligible applicants <span class="sr-only">, sortable column, sorted ascending</span></th>
</tr></thead><tbody><tr data-entity="fund_call">
  <td data-attribute="fund_name"><a href="/funding/call/?id=1">Community Energy Grants</a></td>
  <td data-attribute="fund_maxaward" data-value="25000.0000">£25,000.00</td>
  <td>not a hint: a heading that starts with the word</td>
  <td>Town Council; Parish Council</td>
</tr></tbody></table>"""


def test_a_column_heading_is_read_without_its_sorting_hint():
    # "Maximum award. sort descending" was the heading's label, so {label: "Maximum award"} and
    # "Eligible applicants" found nothing on the council's Power Pages portal (0 of 4 amounts).
    reader = FieldReader(Selector(text=POWER_PAGES).css("tbody tr")[0])
    assert reader.by_label(["Maximum award"]) == "£25,000.00"
    assert reader.by_label(["Eligible applicants"]) == "Town Council; Parish Council"
    assert reader.by_label(["Sort code"]) == "not a hint: a heading that starts with the word"
