"""A date written above its caption (a "Key dates" widget: EngagementHQ's date box, then
"Applications close") is found by the caption as a label (spiders/date_captions.py). Round 36's
`engagementhq_key_dates` stored its four funds with no opening or closing date before."""

from __future__ import annotations

from datetime import UTC, datetime

from lxml import html as lxml_html
from parsel import Selector

from config.models import LabelSelector
from spiders.date_captions import date_captions
from spiders.extract import FieldReader
from tests.unseen_sites import read_offline

WIDGET = """<div><ul class="key-dates">
<li><div class="box"><span>Dec</span> <span>01</span> <span>2026</span></div><div>Applications open</div></li>
<li><div class="box"><span>Jan</span> <span>29</span> <span>2027</span></div><div>Applications close</div></li>
</ul></div>"""


def test_a_date_over_its_caption_is_labelled_by_it():
    reader = FieldReader(Selector(text=WIDGET))
    assert reader.read(_label("Applications close")) == "Jan 29 2027"
    assert reader.read(_label("Applications open")) == "Dec 01 2026"


def test_only_a_date_alone_over_a_short_caption_without_figures():
    rows = """<table><tr><td>15 January 2027</td><td>Round 1</td></tr>
    <tr><td>Closing date</td><td>15 January 2027</td></tr></table>
    <div><p>Grants up to £5,000</p><p>Who can apply</p></div>
    <div><p>Friday 15 January 2027</p><p>Deadline</p></div>"""
    found = list(date_captions(lxml_html.fromstring(rows)))
    assert found == [("Deadline", "Friday 15 January 2027")]


def test_the_sites_funds_have_their_key_dates():
    calls, problems = read_offline("engagementhq_key_dates")
    assert problems == []
    got = {call.title: (call.opens_at, call.closes_at) for call in calls}
    assert got["Town Centre Events Grants"] == (
        datetime(2026, 10, 4, 23, tzinfo=UTC),
        datetime(2026, 12, 11, 23, 59, tzinfo=UTC),
    )
    assert all(closes is not None for _, closes in got.values())


def _label(name: str) -> LabelSelector:
    return LabelSelector(label=name)
