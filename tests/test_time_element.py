"""A field naming a `<time>` element whose words leave the year out ("January 15 @ 12:00 pm",
"15 Jan") reads its datetime, with the words' time of day when the datetime is a day alone
(spiders/time_element.py); words that hold a year stand as they are."""

from __future__ import annotations

import pytest
from parsel import Selector

from spiders.extract import FieldReader
from spiders.normalise.dates import parse_date

CASES = [
    # (the <time> element, what the field reads, the closing date it makes)
    (
        '<time datetime="2027-01-15"><span>January 15 @ 12:00 pm</span> - <span>1:00 pm</span></time>',
        "2027-01-15 12:00 pm",
        "2027-01-15T12:00:00+00:00",
    ),
    ('<time datetime="2027-03-31">March 31 @ 11:59 pm</time>', None, "2027-03-31T22:59:00+00:00"),
    ('<time datetime="2027-02-12">12 Feb</time>', "2027-02-12", "2027-02-12T23:59:00+00:00"),
    ('<time datetime="2027-03-05T17:00:00+00:00">5 Mar</time>', None, "2027-03-05T17:00:00+00:00"),
    (
        '<time datetime="2027-02-01">1 Feb, 5pm</time>',
        "2027-02-01 5pm",
        "2027-02-01T17:00:00+00:00",
    ),
    # Words with a year stand (they may say more than the datetime), as before.
    (
        '<time datetime="2027-01-28T16:00:00">28 January 2027 4:00pm UK time</time>',
        "28 January 2027 4:00pm UK time",
        "2027-01-28T16:00:00+00:00",
    ),
    ('<time datetime="2027-02-03">Tues 3rd Feb \'27</time>', "Tues 3rd Feb '27", None),
    # A month or nothing usable in the datetime: the words, which give no date.
    ('<time datetime="2027-01">January</time>', "January", None),
]


@pytest.mark.parametrize("markup,text,closes", CASES)
def test_a_time_elements_date_is_read_from_its_datetime_when_its_words_have_no_year(
    markup, text, closes
):
    (node,) = Selector(text=f"<div class='card'>{markup}</div>").css("div.card")
    read = FieldReader(node).read("time")
    if text is not None:
        assert read == text
    if closes is not None:
        assert parse_date(read, end_of_day=True).isoformat() == closes


def test_an_element_that_is_no_time_reads_its_words():
    (node,) = Selector(text="<div class='c'><span datetime='2027-01-15'>15 Jan</span></div>").css(
        "div.c"
    )
    assert FieldReader(node).read("span") == "15 Jan"


COUNTDOWNS = [
    # (the badge, the closing date its tooltip or datetime gives)
    (
        '<span class="countdown" title="Friday 4 December 2026, 5:00pm">Closes in 9 days</span>',
        "2026-12-04T17:00:00+00:00",
    ),
    (
        '<span class="countdown" title="Friday 20 November 2026, 5pm">Closed 5 days ago</span>',
        "2026-11-20T17:00:00+00:00",
    ),
    ('<time datetime="2026-11-26" title="26 November 2026">Last day tomorrow</time>', None),
    ('<span title="Thursday 14 January 2027, 12 noon">3 days left</span>', None),
]


@pytest.mark.parametrize("markup,closes", COUNTDOWNS)
def test_a_countdown_badge_reads_the_date_in_its_title(markup, closes):
    # "Closes in 9 days" was read as it is, no date, and the call stored no closing date.
    (node,) = Selector(text=f"<div class='card'>{markup}</div>").css("div.card")
    read = FieldReader(node).read("div.card > *")
    assert parse_date(read, end_of_day=True) is not None, read
    if closes is not None:
        assert parse_date(read, end_of_day=True).isoformat() == closes


def test_a_title_is_not_read_for_words_that_count_no_days():
    # A link's tooltip is no value of its own: "Warm Homes Fund" stays the title's words.
    (node,) = Selector(
        text="<div class='c'><a title='Warm Homes Fund 2027' href='/w'>Warm Homes Fund</a></div>"
    ).css("div.c")
    assert FieldReader(node).read("a") == "Warm Homes Fund"
