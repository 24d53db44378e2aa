"""A council named with a word that describes it, or a list shared by two verbs, is still a council
applying (spiders/eligibility/items.py). Found on round 31's funding-topics site
(tests/sites/topic_cards_deadline_model): "Consortia must be led by, or include, a coastal local
authority." read unclear."""

from __future__ import annotations

import pytest

from spiders.eligibility import council_eligibility


@pytest.mark.parametrize(
    "text",
    [
        # Adjectives before a council are open-ended; one not in the known list made it unknown.
        "Projects must be led by a coastal local authority.",
        "Open to island councils and community groups.",
        "Applications must come from upland district councils.",
        # A second verb between commas shares the list after it.
        "Projects must be led by, or include, a local authority.",
        "Consortia must be led by, or include, a coastal local authority.",
    ],
)
def test_a_described_council_or_a_shared_list_lets_the_council_in(text):
    assert council_eligibility(text)[0] == "yes"


@pytest.mark.parametrize(
    "text, verdict",
    [
        # A word that says how the applicant stands to the council still names someone else.
        ("Consultancies supporting local authorities can apply.", "no"),
        ("Only charities can apply; local authorities are not eligible.", "no"),
    ],
)
def test_other_applicants_beside_a_council_are_read_as_before(text, verdict):
    assert council_eligibility(text)[0] == verdict
