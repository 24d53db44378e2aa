"""A fact labelled only by its icon's name (spiders/icon_labels.py): a funding finder's card, an
"At a glance" box. Before round 21 none of these labels was found: the name is an attribute (or an
SVG's <title>), no text a "Label: value" line holds, so `{label: "Deadline"}` read nothing."""

from __future__ import annotations

from parsel import Selector

from config.models import LabelSelector
from spiders.extract import FieldReader


def read(html: str, label: str) -> str | None:
    return FieldReader(Selector(text=html)).read(LabelSelector(label=label))


def test_an_icons_aria_label_names_the_fact_after_it():
    card = (
        '<ul><li><span class="icon" role="img" aria-label="Funding available"></span> £10k–£150k</li>'
        '<li><svg role="img" aria-label="Deadline"><use href="#cal"></use></svg> 12 noon, 14 January'
        " 2027</li></ul>"
    )
    assert read(card, "Deadline") == "12 noon, 14 January 2027"
    assert read(card, "Funding available") == "£10k–£150k"


def test_an_img_alt_an_svg_title_and_a_tooltip_name_it_too():
    box = (
        '<ul class="at-a-glance"><li><img src="/i/calendar.svg" alt="Closing date">'
        " <span>Midday, 3 March 2027</span></li>"
        '<li><svg role="img"><title>Grant size</title><path d="M0"/></svg> Up to £5,000</li>'
        '<li><i class="icon-people" title="Who can apply"></i> Parish councils</li></ul>'
    )
    assert read(box, "Closing date") == "Midday, 3 March 2027"
    assert read(box, "Grant size") == "Up to £5,000"
    assert read(box, "Who can apply") == "Parish councils"


def test_an_icon_that_does_not_lead_its_line_or_is_hidden_names_nothing():
    # An icon in the middle of a sentence, and a decorative one hidden from screen readers.
    html = (
        '<p>Send it by <img src="/i/cal.svg" alt="Deadline"> 5 March 2027.</p>'
        '<p><img src="/i/x.svg" alt="Amount" aria-hidden="true"> £5,000</p>'
    )
    assert read(html, "Deadline") is None
    assert read(html, "Amount") is None
