"""A call that says its status where no status field is: a closing-date field with no deadline
(open while listed), and a title that opens with its status ("Closed: …")."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest

from config.models import Source
from spiders.items import OpportunitySighting
from spiders.normalise.open_ended import open_ended
from spiders.normalise.sighting import normalise
from spiders.normalise.status import summary_status, title_status


@pytest.mark.parametrize(
    "text",
    [
        "Rolling – no deadline",
        "Rolling programme",
        "Ongoing",
        "On-going",
        "No deadline",
        "No fixed deadline",
        "No closing date",
        "Open all year",
        "Open all year round",
        "Year-round",
        "Apply any time",
        "Open until further notice",
        "Until funds are fully committed",
        "Until all funding has been allocated",
        "While funds last",
        "Continuous",
        "Open-ended",
        # Round 22: a deadline answered "None" was counted "read but not usable" by sources try.
        "None – we decide small grants every month",
        "None",
        # Round 26: a fund a bilingual site left in Welsh (welsh_lang_query_cards) had no status.
        "Treigl – gallwch wneud cais unrhyw bryd",
        "Rhaglen dreigl",
        "Parhaus",
        "Dim dyddiad cau",
        "Ar agor trwy gydol y flwyddyn",
    ],
)
def test_no_deadline(text):
    assert open_ended(text)


@pytest.mark.parametrize(
    "text",
    [
        None,
        "",
        "TBC",
        "To be confirmed",
        "Spring 2027",
        "5 March 2027",
        "Rolling deadlines: next panel 5 March 2027",  # a date it names is the deadline
        "2027-03-05",
        "Closed",
        "Rolling programme – paused",
        "Monthly",
        "Closing date: midday",
        "None yet",  # a date still to come
        "None set yet – expected spring 2027",
        "Treigl – ar gau",  # "rolling – closed": shut (was open-ended before "ar gau" was known)
    ],
)
def test_a_deadline_or_nothing_said(text):
    assert not open_ended(text)


SOURCE = Source.model_validate(
    {"id": "trust", "kind": "feed", "urls": ["https://trust.example.org/grants/feed"]}
)
NOW = datetime(2026, 11, 30, 10, tzinfo=UTC)


def sighting(**fields) -> OpportunitySighting:
    return OpportunitySighting(
        **{
            "source_id": "trust",
            "title": "Digital Pathfinders",
            "url": "https://trust.example.org/grants/digital-pathfinders/",
            **fields,
        }
    )


@pytest.mark.parametrize(
    "fields, status",
    [
        ({"closes": "Rolling – no deadline"}, "open"),  # was None: "Status: Not stated"
        ({"closes": "Open all year"}, "open"),
        ({"closes": "Ongoing", "opens": "1 January 2027"}, "upcoming"),  # not open yet
        ({"closes": "Rolling – no deadline", "status": "Closed"}, "closed"),  # the page says
        ({"closes": "TBC"}, None),  # nothing said either way
        # The field holds the state instead (a Liferay summary's "Closing date: Closed – fully
        # committed"): was None, as no date was read from it.
        ({"closes": "Closed – fully committed"}, "closed"),
        ({"closes": "Opening spring 2027"}, "upcoming"),
        ({"closes": "Closed", "status": "Open"}, "open"),  # the page's status field wins
    ],
)
def test_a_call_with_no_deadline_is_open_while_listed(fields, status):
    stored = normalise(sighting(**fields), SOURCE, NOW)
    assert (stored.status, stored.closes_at) == (status, None)


@pytest.mark.parametrize(
    "closes, opens, status",
    [
        # A closing-date field holding a window with no end opens the call on its start: these
        # stored no opening date and no status before (words12).
        ("1 Apr 2026 – TBC", "2026-03-31T23:00:00+00:00", "open"),
        ("1 Apr 2027 – TBC", "2027-03-31T23:00:00+00:00", "upcoming"),
        ("Opens 1 April 2027 – closing date TBC", "2027-03-31T23:00:00+00:00", "upcoming"),
        ("1 April 2026 – ongoing", "2026-03-31T23:00:00+00:00", "open"),
        ("TBC", None, None),  # no window, no opening
    ],
)
def test_a_closing_field_that_only_opens(closes, opens, status):
    stored = normalise(sighting(closes=closes), SOURCE, NOW)
    when = stored.opens_at.isoformat() if stored.opens_at else None
    assert (when, stored.closes_at, stored.status) == (opens, None, status)


@pytest.mark.parametrize(
    "title, words",
    [
        ("Closed: Library Improvement Fund", "Closed"),
        ("Now open – Arts Fund", "Now open"),
        ("OPEN CALL: Heritage Places", "OPEN CALL"),
        ("[Closed] Coastal Revival Fund", "Closed"),
        ("Opening soon - Youth Investment Fund", "Opening soon"),
        # names, not statuses
        ("Closed Loop Recycling Fund: round 2", None),
        ("Open Spaces Fund", None),
        ("Open Data Fund: round 3", None),
        ("Open call for evidence: local bus services", None),
        (None, None),
    ],
)
def test_a_title_that_opens_with_its_status(title, words):
    assert title_status(title) == words


def test_a_feed_item_titled_closed_is_closed():
    stored = normalise(sighting(title="Closed: Library Improvement Fund"), SOURCE, NOW)
    assert stored.status == "closed"  # was None: no status field, no date
    given = normalise(
        sighting(title="Closed: Library Improvement Fund", status="Open"), SOURCE, NOW
    )
    assert given.status == "open", "a status field wins over the title"


@pytest.mark.parametrize(
    "summary, status",
    [
        ("Advice for farm businesses. This fund is now closed.", "closed"),
        ("Towpath Volunteering Fund 2026 (pdf, 1.2MB) – now closed", "closed"),
        ("The scheme is closed for applications; results in March.", "closed"),
        ("This programme has now closed.", "closed"),
        # Not this call: another round, a membership, a closed list of applicants.
        ("The previous round is now closed. Round 2 is open.", None),
        ("Our lunch club is closed to new members", None),
        ("Grants for closed churches and chapels", None),
        (None, None),
    ],
)
def test_a_summary_sentence_saying_the_call_is_closed(summary, status):
    # A Joomla post and a PDF link's text said "now closed" and the call was stored with no status.
    assert summary_status(summary) == status


def test_a_summary_saying_closed_gives_way_to_a_status_field_or_title():
    said = "This fund is now closed."
    assert normalise(sighting(summary=said), SOURCE, NOW).status == "closed"
    assert normalise(sighting(summary=said, status="Open"), SOURCE, NOW).status == "open"
    titled = sighting(summary=said, title="Now open – Arts Fund")
    assert normalise(titled, SOURCE, NOW).status == "open"


@pytest.mark.parametrize(
    "summary, status",
    [
        # A feed's escaped facts table, its rows run together: the deadline row says none.
        ("Creative projects. Deadline Rolling – no deadline Award Up to £2k Who can apply", "open"),
        ("Closing date: ongoing. Grants of up to £5,000.", "open"),
        ("Deadline: no fixed deadline; apply any time.", "open"),
        # Not under a closing label, or the label's value names nothing open-ended.
        ("We fund year-round activity. Closing date: to be confirmed.", None),
        ("Rolling out EV chargers. Deadline: TBC", None),
        ("Our rolling programme of grants.", None),
    ],
)
def test_a_feeds_text_whose_closing_label_says_no_deadline_is_open(summary, status):
    # Round 12: a feed item whose facts table said "Deadline | Rolling – no deadline" was stored
    # with no status, though the same words in a closing-date field read open.
    stored = normalise(sighting(summary=summary), SOURCE, NOW)
    assert (stored.status, stored.closes_at) == (status, None)
