"""A heading's section read as a label's value (`{label: "Who can apply"}` on an `<h3>`) keeps a
list's items apart, as a label's list is (spiders/loose_labels.py). Round 26's GOV.UK guidance
(`govuk_guidance_h3_sections`) read "… parish and town councils a community benefit society or
co-operative a registered charity", its items run together."""

from __future__ import annotations

from parsel import Selector

from spiders.extract import FieldReader

PAGE = """<div>
  <h3>Who can apply</h3>
  <p>You can apply if you are:</p>
  <ul>
    <li>a local authority, including parish and town councils</li>
    <li>a community benefit society</li>
    <li>a registered charity</li>
  </ul>
  <h3>How much you can get</h3>
  <p>Up to £5,000.</p>
</div>"""


def test_a_headings_list_keeps_its_items_apart():
    reader = FieldReader(Selector(text=PAGE).css("div")[0])
    assert reader.by_label(["Who can apply"]) == (
        "You can apply if you are: a local authority, including parish and town councils; "
        "a community benefit society; a registered charity"
    )


def test_paragraphs_and_a_one_item_list_read_as_before():
    reader = FieldReader(Selector(text=PAGE).css("div")[0])
    assert reader.by_label(["How much you can get"]) == "Up to £5,000."
