"""A label's icon hidden from screen readers is no part of the label (spiders/element_text.py
label_words): an FAQ accordion's question "When is the deadline?" beside its aria-hidden "+" is
found by the question alone, as `{label: "When is the deadline?"}` is written."""

from __future__ import annotations

from lxml import html
from parsel import Selector

from spiders.element_text import label_words
from spiders.extract import FieldReader

FAQ = """<section class="faq">
<div class="faq__item"><h3><button aria-expanded="false" aria-controls="a1">When is the deadline?<span
 class="faq__icon" aria-hidden="true">+</span></button></h3>
<div id="a1" hidden><p>5pm on Friday 26 February 2027.</p></div></div>
<div class="faq__item"><h3><button aria-expanded="false" aria-controls="a2"><span class="material-icons"
 aria-hidden="true">expand_more</span> Who can apply?</button></h3>
<div id="a2" hidden><p>Town and parish councils.</p></div></div>
</section>"""


def test_an_accordion_question_is_found_without_its_hidden_icon():
    reader = FieldReader(Selector(text=FAQ))
    assert reader.by_label(["When is the deadline?"]) == "5pm on Friday 26 February 2027."
    assert reader.by_label(["Who can apply?"]) == "Town and parish councils."


def test_words_hidden_and_named_otherwise_are_still_the_label():
    element = html.fromstring(
        '<h3 aria-label="Deadline"><span aria-hidden="true">Deadline</span></h3>'
    )
    assert label_words(element) == "Deadline"
    element = html.fromstring('<h3>Closing <span aria-hidden="true">⌄</span>date</h3>')
    assert label_words(element) == "Closing date"
