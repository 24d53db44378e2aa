"""A GOV.UK summary list row's actions cell (dd.govuk-summary-list__actions: "Add to calendar",
"Check eligibility") is a link beside the fact, not part of its value; every other <dd> of a <dt>
still is (spiders/extract.py)."""

from __future__ import annotations

from parsel import Selector

from spiders.extract import label_map

ROWS = """<dl class="govuk-summary-list">
<div class="govuk-summary-list__row"><dt class="govuk-summary-list__key">Closing date</dt>
<dd class="govuk-summary-list__value">1 March 2027, 12:00pm (Midday)</dd>
<dd class="govuk-summary-list__actions"><a class="govuk-link" href="/x.ics">Add to calendar<span
class="govuk-visually-hidden"> closing date</span></a></dd></div>
<div class="govuk-summary-list__row"><dt class="govuk-summary-list__key">Funding</dt>
<dd>Up to £25,000</dd><dd>Total fund: £400,000</dd></div>
</dl>"""


def test_the_actions_cell_is_not_the_value():
    labels = label_map(Selector(text=ROWS))
    assert labels["closing date"] == "1 March 2027, 12:00pm (Midday)"


def test_every_other_dd_of_the_dt_still_is():
    assert label_map(Selector(text=ROWS))["funding"] == "Up to £25,000; Total fund: £400,000"
