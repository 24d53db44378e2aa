"""A bold label alone on its line, its value the line after it (spiders/bold_line_labels.py):
round 29's Citizen Space activities (`citizen_space_finder`) give their dates as
"<strong>Opened</strong><br>2 Nov 2026", and no opening or closing date was read on any of five."""

from __future__ import annotations

from lxml import etree
from parsel import Selector

from spiders.bold_line_labels import bold_line_pairs
from spiders.extract import FieldReader

SIDEBAR = """<div class="dates">
  <p><strong>Opened</strong><br>2 Nov 2026</p>
  <p><strong>Closes</strong><br>15 Jan <b>2027</b><br>(11:59pm)</p>
</div>"""


def by_label(page: str, label: str) -> str | None:
    return FieldReader(Selector(text=page).css("div")[0]).by_label([label])


def test_a_bold_label_alone_on_its_line_labels_the_next_line():
    # Before: None for both.
    assert by_label(SIDEBAR, "Opened") == "2 Nov 2026"
    assert by_label(SIDEBAR, "Closes") == "15 Jan 2027"  # to the next <br>, bold and all


def test_a_bold_label_after_another_line_too():
    page = "<div><p>Key dates<br><strong>Deadline</strong><br>3 March 2027</p></div>"
    assert by_label(page, "Deadline") == "3 March 2027"


def test_bold_words_that_share_their_line_are_no_such_label():
    for page in (
        "<p>Apply by <strong>Deadline</strong><br>3 March 2027</p>",  # words before it
        "<p><strong>Deadline</strong> is soon<br>3 March 2027</p>",  # words after it
        "<p><strong>Deadline</strong></p>",  # no next line
        "<p><strong>A fund for the villages of the upper valley and their halls</strong><br>x</p>",
    ):
        assert bold_line_pairs(etree.fromstring(page.replace("<br>", "<br/>"))) == [], page
