"""A row's value read as its lines: a `<dd>` holding a list, or two lines parted by `<br>`.
text_content() ran them together: an unseen funder's "Who can apply" <dd><ul> read "Town and
parish councilsCivic societies" (verdict unclear), and a Welsh council's "26 Chwefror
2027<br>26 February 2027" read as no date at all."""

from __future__ import annotations

from lxml import html
from parsel import Selector

from config.models import LabelSelector
from spiders.extract import FieldReader
from spiders.parted_text import parted_text


def read(markup: str, label: str) -> str | None:
    return FieldReader(Selector(text=markup).css("dl")[0]).read(LabelSelector(label=label))


def test_a_list_in_a_dd_keeps_its_items_apart():
    markup = """<dl><dt>Who can apply</dt><dd><ul><li>Town and parish councils</li>
    <li>Civic societies</li></ul></dd></dl>"""
    assert read(markup, "Who can apply") == "Town and parish councils; Civic societies"


def test_lines_parted_by_br_in_a_dd_are_two_lines():
    markup = "<dl><dt>Closing date</dt><dd>26 Chwefror 2027<br>26 February 2027</dd></dl>"
    assert read(markup, "Closing date") == "26 Chwefror 2027; 26 February 2027"


def test_inline_words_still_run_on_and_a_sentence_is_followed_by_a_space():
    def text(markup: str) -> str:
        return parted_text(html.fragment_fromstring(markup))

    assert text("<dd>£<span>5,000</span> to <b>£6k</b></dd>") == "£5,000 to £6k"
    assert text("<dd><p>Capital only.</p><ul><li>Charities</li><li>CICs</li></ul></dd>") == (
        "Capital only. Charities; CICs"
    )
    assert text("<dd>Noon<!-- was 5pm -->, <em>Friday</em> 22 January 2027</dd>") == (
        "Noon, Friday 22 January 2027"
    )
