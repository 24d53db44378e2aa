"""Items written with no whitespace between them (GravityView's checkbox field `<ul
class='bulleted'><li>Charities</li><li>Parish councils</li></ul>`, chips of adjacent spans) are read
as separate items; a word split by inline markup (`<b>Fund</b>ing`) stays one word. Before, a
label's following list read "CharitiesParish councilsLocal authorities", a table cell's list read
its items as one run of words, and an element selector read "<b>Fund</b>ing" as "Fund ing"."""

from __future__ import annotations

import pytest
from lxml import html
from scrapy.http import HtmlResponse

from config.source_parts import LabelSelector
from spiders.element_text import element_text, own_text
from spiders.item_fields import read_fields

LIST = (
    "<ul class='bulleted'><li>Charities</li><li>Parish councils</li><li>Local authorities</li></ul>"
)


def _read(body: str, selector) -> str | None:
    page = HtmlResponse(url="https://example.org.uk/", body=body.encode(), encoding="utf-8")
    return read_fields(page.css("div.e")[0], {"eligibility": selector}).get("eligibility")


def test_a_list_after_an_inline_label_is_read_item_by_item():
    body = (
        f'<div class="e"><div><span class="gv-field-label">Who can apply</span> {LIST}</div></div>'
    )
    # Before: "Who can apply: CharitiesParish councilsLocal authorities".
    want = "Who can apply: Charities; Parish councils; Local authorities"
    assert _read(body, LabelSelector(label="Who can apply")) == want


def test_a_list_in_a_table_cell_is_read_item_by_item():
    body = (
        "<table><thead><tr><th>Fund</th><th>Who can apply</th></tr></thead><tbody>"
        f'<tr class="e"><td>Halls</td><td>{LIST}</td></tr></tbody></table>'
    )
    page = HtmlResponse(url="https://example.org.uk/", body=body.encode(), encoding="utf-8")
    found = read_fields(page.css("tr.e")[0], {"eligibility": LabelSelector(label="Who can apply")})
    # Before: "Who can apply: Charities Parish councils Local authorities".
    assert found["eligibility"] == "Who can apply: Charities; Parish councils; Local authorities"


@pytest.mark.parametrize("selector", ["p", "p::text"])
def test_a_word_split_by_inline_markup_stays_whole(selector):
    body = (
        '<div class="e"><p><b>Fund</b>ing for <i>parish</i> council<em>s</em> and '
        "<span>Charities</span><span>Schools</span></p></div>"
    )
    # Before: "Fund ing for parish council s and Charities Schools".
    assert _read(body, selector) == "Funding for parish councils and Charities Schools"


def test_element_text_keeps_words_whole_and_adjacent_elements_apart():
    element = html.fromstring(
        "<div><b>Fund</b>ing <span>Charities</span><span>Parish councils</span>"
        "<div>Net zero</div><div>Heritage</div>£<span>5,000</span><script>x()</script></div>"
    )
    assert (
        element_text(element) == "Funding Charities Parish councils Net zero Heritage £ 5,000 x()"
    )
    heading = html.fromstring("<h3>Heat <em>network</em> fund<b>s</b></h3>")
    assert " ".join(own_text(heading).split()) == "Heat network funds"
