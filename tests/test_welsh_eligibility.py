"""Welsh eligibility wording read in English words (spiders/eligibility/welsh.py): the verdicts are
pinned in tests/cases/eligibility_wordings.yaml; here, what the rewrite leaves alone."""

from __future__ import annotations

import pytest

from spiders.eligibility.welsh import in_english


@pytest.mark.parametrize(
    "english",
    [
        "Local authorities in Wales can apply.",
        "Applicants must be a charity, a CIC or a town council.",
        "Cyngor Gwynedd is the buyer.",  # a council's Welsh name is buyers.py's, not a sentence of Welsh
    ],
)
def test_english_is_not_rewritten(english: str) -> None:
    assert in_english(english) is None


def test_the_verb_after_the_subject_and_its_denial() -> None:
    assert in_english("Gall awdurdodau lleol wneud cais.") == "local authorities can apply."
    assert in_english("Ni all cynghorau cymuned wneud cais.") == "community councils cannot apply."


def test_english_a_beside_welsh_is_kept() -> None:
    # "a" is "and" only before a Welsh applicant.
    assert (
        in_english("Town councils (cynghorau tref) may apply as a partner.")
        == "Town councils (town councils) may apply as a partner."
    )
