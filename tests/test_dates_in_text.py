"""A closing or opening date a call's own text states under a label, used when the source gives no
date field (a funder's RSS feed); a date merely mentioned never counts."""

from __future__ import annotations

from dataclasses import replace
from datetime import UTC, datetime

import pytest

from config.models import Source
from spiders.items import OpportunitySighting
from spiders.normalise.dates_in_text import labelled_date
from spiders.normalise.sighting import normalise
from tests.case_tables import table

NOW = datetime(2026, 11, 25, 9, tzinfo=UTC)


@pytest.mark.parametrize(
    "text, closes",
    [
        (
            "Grants of up to £50,000 for village halls. Parish councils can apply. "
            "Closing date: 12 March 2027.",
            datetime(2027, 3, 12, 23, 59, tzinfo=UTC),
        ),
        (
            "Registered charities only. Deadline: 5pm, 3 February 2027",
            datetime(2027, 2, 3, 17, tzinfo=UTC),
        ),
        (
            "Applications close on 31 January 2027 at 11:59pm. Decisions in May.",
            datetime(2027, 1, 31, 23, 59, tzinfo=UTC),
        ),
        (
            "Deadline for applications is midday on 4 March 2027",
            datetime(2027, 3, 4, 12, tzinfo=UTC),
        ),
        (
            "The competition closes at 11am on 25 February 2027.",
            datetime(2027, 2, 25, 11, tzinfo=UTC),
        ),
        ("Apply by 12/01/2027.", datetime(2027, 1, 12, 23, 59, tzinfo=UTC)),
        (
            "Applications open on 5 January 2027 and close on 3 March 2027.",
            datetime(2027, 3, 3, 23, 59, tzinfo=UTC),
        ),
        (
            "Closes: 12 noon on Thursday 5 March 2027",
            datetime(2027, 3, 5, 12, tzinfo=UTC),
        ),
        (
            "Round 2 closes at 23:59 on 31 January 2027. Round 3 opens in the summer.",
            datetime(2027, 1, 31, 23, 59, tzinfo=UTC),
        ),
        ("Closing: 12pm, Wednesday 3 February 2027", datetime(2027, 2, 3, 12, tzinfo=UTC)),
        ("Opens 1 December 2026, closes 5 March 2027", datetime(2027, 3, 5, 23, 59, tzinfo=UTC)),
        ("Deadline: 31 Jan 2027 @ 5pm", datetime(2027, 1, 31, 17, tzinfo=UTC)),
        ("The fund closes in spring 2027.", None),
        ("The fund closed in 2024 and will reopen.", None),
        ("Closing date: to be confirmed", None),
        ("No deadline: rolling programme", None),
        ("Councils will receive funding from 1 April 2027.", None),
    ],
)
def test_a_labelled_closing_date(text, closes):
    assert labelled_date(text, "closes") == closes


@pytest.mark.parametrize(
    "case", table("dates_in_text.yaml", keys={"input", "expected", "note", "which", "now"})
)
def test_a_closing_date_in_running_text(case):
    # Wordings of feed summaries, with the dates that are not deadlines (tests/cases/dates_in_text.yaml);
    # a row with `which: opens` pins the opening date the same text states, and one with `now` (the
    # crawl's clock, ISO UTC) places a day written with no year.
    now = datetime.fromisoformat(case["now"].replace("Z", "+00:00")) if "now" in case else None
    when = labelled_date(case["input"], case.get("which", "closes"), now=now)
    assert (when.isoformat() if when else None) == case["expected"]


def test_a_labelled_opening_date():
    text = "Applications open on 5 January 2027 and close on 3 March 2027."
    assert labelled_date(text, "opens") == datetime(2027, 1, 5, tzinfo=UTC)
    assert labelled_date("Closing date: 3 March 2027", "opens") is None
    # A date after the other label is not this one's (it was read as the opening date).
    assert labelled_date("Applications open now and close on 5 March 2027.", "opens") is None
    both = "Opens 1 December 2026, closes 5 March 2027"
    assert labelled_date(both, "opens") == datetime(2026, 12, 1, tzinfo=UTC)
    assert labelled_date("Opening: 9am 1 December 2026", "opens") == datetime(
        2026, 12, 1, 9, tzinfo=UTC
    )


def test_a_feed_item_with_no_date_field_takes_the_dates_its_summary_states():
    source = Source.model_validate(
        {"id": "trust_feed", "kind": "feed", "urls": ["https://trust.example.org/feed.xml"]}
    )
    raw = OpportunitySighting(
        source_id="trust_feed",
        title="Community buildings fund",
        url="https://trust.example.org/grants/community-buildings",
        summary="<p>Grants for village halls. Applications open on 1 December 2026. "
        "Closing date: 12 March 2027.</p>",
    )
    sighting = normalise(raw, source, NOW)
    assert sighting.closes_at == datetime(2027, 3, 12, 23, 59, tzinfo=UTC)
    assert sighting.opens_at == datetime(2026, 12, 1, tzinfo=UTC)
    assert sighting.status == "upcoming"
    given = replace(raw, closes="1 February 2027")
    assert normalise(given, source, NOW).closes_at == datetime(2027, 2, 1, 23, 59, tzinfo=UTC), (
        "a date field wins over the text"
    )


def test_a_yearless_closing_day_is_placed_by_the_crawls_clock():
    """The crawl's own now, not the wall clock, places "15 January": next month's when read in
    December (open), the one just gone when read after it (closed, never next year's)."""
    source = Source.model_validate(
        {
            "id": "council_grants",
            "kind": "feed",
            "urls": ["https://council.example.gov.uk/grants"],
        }
    )
    raw = OpportunitySighting(
        source_id="council_grants",
        title="Ward members' grants",
        url="https://council.example.gov.uk/grants/ward",
        closes="Closing date: 15 January",
    )
    in_december = normalise(raw, source, datetime(2026, 12, 1, 9, tzinfo=UTC))
    assert in_december.closes_at == datetime(2027, 1, 15, 23, 59, tzinfo=UTC)
    assert in_december.status == "open"
    after = normalise(raw, source, datetime(2027, 1, 20, 9, tzinfo=UTC))
    assert after.closes_at == datetime(2027, 1, 15, 23, 59, tzinfo=UTC)
    assert after.status == "closed"
    in_feed = replace(raw, closes=None, summary="Applications close at midday on 14 January.")
    assert normalise(in_feed, source, datetime(2026, 12, 1, 9, tzinfo=UTC)).closes_at == datetime(
        2027, 1, 14, 12, tzinfo=UTC
    )


def test_an_opening_the_closing_fields_text_labels_is_the_opening():
    # An api's closing date pointed at a post's body (Squarespace's ?format=json) reads its
    # "Deadline:"; the "Opens:" above it was read nowhere, so the call had no opening date
    # (tests/sites/squarespace_format_json).
    source = Source.model_validate(
        {
            "id": "coast",
            "kind": "api",
            "urls": ["https://coast.example.org/grants?format=json"],
            "item": "items[*]",
            "fields": {"title": "title", "url": "fullUrl", "closes": "body"},
        }
    )
    raw = OpportunitySighting(
        source_id="coast",
        title="Seagrass Restoration Partnerships",
        url="https://coast.example.org/grants/seagrass",
        summary="<p>A new fund for seagrass planting.</p>",
        closes="<p>A £400,000 fund for seagrass meadows. Grants of £20k–£80k.</p>"
        "<p><strong>Opens:</strong> 1 February 2027</p>"
        "<p><strong>Deadline:</strong> Wednesday 31st March 2027 at 5pm</p>"
        "<p><strong>Who can apply:</strong> Marine conservation charities.</p>",
    )
    assert normalise(raw, source, NOW).opens_at == datetime(2027, 2, 1, tzinfo=UTC)
