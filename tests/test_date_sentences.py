"""A date field pointed at a callout or a paragraph reads the date its sentence states; the
sentences beside it that hold no figure are prose (spiders/normalise/date_sentences.py)."""

from __future__ import annotations

import pytest

from spiders.normalise.date_sentences import dated_sentences
from spiders.normalise.dates import parse_date


@pytest.mark.parametrize(
    "field, closes",
    [
        # GOV.UK's warning text, its hidden "Warning" run into the words as text_content() reads it.
        (
            "WarningApplications close at 12 noon on Friday 29 January 2027. Late applications "
            "will not be accepted.",
            "2027-01-29T12:00:00+00:00",
        ),
        (
            "Expressions of interest closed at 5pm on 6 November 2026. We are assessing bids and "
            "will announce decisions in January.",
            "2026-11-06T17:00:00+00:00",
        ),
        (
            "Please read the guidance first. Closing date: 5 March 2027.",
            "2027-03-05T23:59:00+00:00",
        ),
    ],
)
def test_a_dated_sentence_among_prose_is_the_date(field, closes):
    assert parse_date(field, end_of_day=True).isoformat() == closes


def test_every_sentence_dated_is_still_read_as_several_deadlines():
    field = "Registration: 1 March 2027. Submission: 15 March 2027."
    assert dated_sentences(field) is None
    assert parse_date(field, end_of_day=True).isoformat() == "2027-03-15T23:59:00+00:00"


@pytest.mark.parametrize(
    "field", ["Applications open soon. Check back later.", "12 p.m. Friday 29 January 2027"]
)
def test_nothing_is_set_aside_without_a_dateless_sentence_beside_a_dated_one(field):
    assert dated_sentences(field) is None


def test_a_sentence_whose_only_figures_are_money_is_no_date():
    # An unseen council's <noscript> list: "Shopfront Improvement Grant – Closing date: 22
    # January 2027. Grants of up to £7,500. For …": the money sentence was kept beside the date,
    # and the field read as no date.
    field = "22 January 2027. Grants of up to £7,500. For independent retailers."
    assert dated_sentences(field) == "22 January 2027."
    assert parse_date(field, end_of_day=True).isoformat() == "2027-01-22T23:59:00+00:00"
    both = "5pm on 19 February 2027. Grants from £5,000 to £25,000."
    assert parse_date(both, end_of_day=True).isoformat() == "2027-02-19T17:00:00+00:00"
