"""A heading's section whose list is followed by more words ends the list's sentence there
(spiders/loose_labels.py). Round 29's LocalGov Drupal service page (`localgov_services_sublanding`)
read "… a registered charity; a town or parish council Individuals and businesses cannot apply.",
one sentence that denied the council it listed."""

from __future__ import annotations

from parsel import Selector

from spiders.eligibility import council_eligibility
from spiders.extract import FieldReader

PAGE = """<div>
  <h2>Who can apply</h2>
  <p>You can apply if you are one of these:</p>
  <ul><li>a constituted community group</li><li>a registered charity</li>
    <li>a town or parish council</li></ul>
  <p>Individuals and businesses cannot apply.</p>
  <h2>How much you can get</h2>
  <p>Up to £2,000.</p>
</div>"""


def by_label(page: str) -> str | None:
    return FieldReader(Selector(text=page).css("div")[0]).by_label(["Who can apply"])


def test_a_list_followed_by_a_sentence_ends_its_own():
    text = by_label(PAGE)
    # Before: "… a town or parish council Individuals and businesses cannot apply." and "no".
    assert text == (
        "You can apply if you are one of these: a constituted community group; a registered "
        "charity; a town or parish council. Individuals and businesses cannot apply."
    )
    assert council_eligibility(f"Who can apply: {text}")[0] == "yes"


def test_a_list_that_ends_the_section_or_its_sentence_is_left_as_it_is():
    last = PAGE.replace("<p>Individuals and businesses cannot apply.</p>", "")
    assert by_label(last).endswith("a town or parish council")
    stopped = PAGE.replace("parish council</li>", "parish council;</li>")
    assert "parish council; Individuals" in by_label(stopped)
