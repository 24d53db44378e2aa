"""A bold label parted from its value by a spaced dash, no colon ("<strong>Total fund</strong> –
£120,000", a Shorthand story's facts: round 27's shorthand_story_sections): the dash is the
label's separator, not the start of the value."""

from __future__ import annotations

from parsel import Selector

from config.models import LabelSelector
from spiders.extract import FieldReader, select

SECTION = """<section><h2>Sustainable Visitor Travel Fund</h2>
<p><strong>Deadline</strong> – 31 March 2027</p>
<p><strong>Grants</strong> - up to £20,000</p>
<p><strong>Total fund</strong> \u2014 £120,000</p>
<p><strong>Open to</strong> – Town and parish councils</p></section>"""


def read(label: str) -> str | None:
    node = select(Selector(text=SECTION), "section")[0]
    return FieldReader(node).read(LabelSelector(label=label))


def test_a_spaced_dash_after_a_bold_label_is_no_part_of_its_value():
    # Before: "– £120,000" (read as money, a range's dash, so the pot was lost) and "– Town and
    # parish councils", stored as "Open to: – Town and parish councils".
    assert read("Total fund") == "£120,000"
    assert read("Open to") == "Town and parish councils"
    assert read("Grants") == "up to £20,000"
    assert read("Deadline") == "31 March 2027"


def test_a_colon_after_the_bold_is_still_the_labels():
    html = "<div><p><strong>Deadline</strong>: 14 January 2027</p></div>"
    node = select(Selector(text=html), "div")[0]
    assert FieldReader(node).read(LabelSelector(label="Deadline")) == "14 January 2027"
