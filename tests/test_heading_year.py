"""A listing date without its year takes the year of the month heading above its item
(spiders/heading_year.py): a deadlines page whose "Fri 15 Jan, 12 noon" entries sit under
"January 2027" stored no deadline for any call."""

from __future__ import annotations

import pytest
from parsel import Selector

from spiders.heading_year import (
    heading_month,
    heading_year,
    lacks_month,
    lacks_year,
    with_month,
    with_year,
)


@pytest.mark.parametrize(
    "text, year, read",
    [
        ("Fri 15 Jan, 12 noon", "2027", "Fri 15 Jan 2027, 12 noon"),
        ("9 December, 5pm", "2026", "9 December 2026, 5pm"),
        # A year of its own, no month, no day, or two months: as written.
        ("Fri 15 Jan 2027", "2026", "Fri 15 Jan 2027"),
        ("Tues 3rd Feb '27", "2026", "Tues 3rd Feb '27"),
        ("15/01", "2027", "15/01"),
        ("Rolling – decisions in March", "2027", "Rolling – decisions in March"),
        ("1 Dec – 3 Feb", "2027", "1 Dec – 3 Feb"),
        ("Market day 5", "2027", "Market day 5"),
        ("15 Jan", None, "15 Jan"),
        (None, "2027", None),
    ],
)
def test_a_date_without_its_year_takes_the_headings(text, year, read):
    assert with_year(text, year) == read
    if year is not None:
        assert lacks_year(text) == (read != text)


PAGE = """<h1>Upcoming deadlines</h1><h2>January 2027</h2><ul><li id="a">Fri 15 Jan</li></ul>
<h2>Funding for 2026/27</h2><ul><li id="b">Fri 15 Jan</li></ul>
<h2>Our Community Fund Round Two Guidance Notes 2027 Edition</h2><ul><li id="c">15 Jan</li></ul>
<ul><li id="d">15 Jan</li></ul>"""


@pytest.mark.parametrize(
    "item, year",
    [
        ("li#a", "2027"),
        ("li#b", None),  # a financial year names two
        ("li#c", None),  # a long heading is a title, not a date's
    ],
)
def test_the_year_is_the_short_heading_above_naming_one(item, year):
    (node,) = Selector(text=PAGE).css(item)
    assert heading_year(node) == year


def test_no_heading_above_gives_no_year():
    (node,) = Selector(text="<ul><li>15 Jan</li></ul>").css("li")
    assert heading_year(node) is None


@pytest.mark.parametrize(
    "text, month, read",
    [
        # A bulletin headed "December 2026": its January is the next one.
        ("by noon, 29 January", 12, "by noon, 29 January 2027"),
        ("18 December", 12, "18 December 2026"),
        ("Fri 15 Jan", 1, "Fri 15 Jan 2026"),
        ("Fri 15 Jan", None, "Fri 15 Jan 2026"),  # a heading naming the year alone
    ],
)
def test_a_month_before_the_headings_is_the_next_years(text, month, read):
    assert with_year(text, "2026", month) == read


def test_the_headings_month_is_named_beside_its_year():
    page = "<h1>Funding bulletin: December 2026</h1><dl><dt>a</dt></dl><h2>2027</h2><p>b</p>"
    first, second = Selector(text=page).css("dt, p")
    assert (heading_year(first), heading_month(first)) == ("2026", 12)
    assert (heading_year(second), heading_month(second)) == ("2027", None)


# Round 14's timeline: month items ("January 2027") and calls as sibling <li>s of one <ol>, each
# call's date only its weekday and day, its title an <h3>.
TIMELINE = """<ol class="timeline">
<li class="timeline__month"><h2>January 2027</h2></li>
<li class="timeline__item"><span>Thu 14</span><h3><a href="/a">Artist Bursaries</a></h3></li>
<li class="timeline__item" id="second"><span>Fri 29</span><h3><a href="/b">Commissions</a></h3></li>
<li class="timeline__month"><h2>March 2027</h2></li>
<li class="timeline__item" id="march"><span>Thu 4</span><h3><a href="/c">Venues</a></h3></li>
</ol>"""


@pytest.mark.parametrize("item, month", [("li#second", 1), ("li#march", 3)])
def test_an_earlier_calls_own_title_is_not_the_heading_above(item, month):
    # The second call of January was placed by the first call's <h3> ("Artist Bursaries", no
    # year), so it had no year and no month: stored with no deadline.
    (node,) = Selector(text=TIMELINE).css(item)
    assert (heading_year(node), heading_month(node)) == ("2027", month)


def test_a_month_item_of_the_same_tag_is_still_a_heading():
    page = "<ol><li><h2>January 2027</h2></li><li id='x'><h3>Fund</h3> Thu 14</li></ol>"
    (node,) = Selector(text=page).css("li#x")
    assert (heading_year(node), heading_month(node)) == ("2027", 1)


@pytest.mark.parametrize(
    "text, read",
    [
        ("Thu 14", "Thu 14 Jan 2027"),
        ("Friday 5th", "Friday 5th Jan 2027"),
        ("Thu 14, 5pm", "Thu 14 Jan 2027, 5pm"),
        ("Thu 14 12 noon", "Thu 14 Jan 2027 12 noon"),
        # A count, an hour, a month or year of its own, a round: not a day alone.
        ("Closes in 9 days", "Closes in 9 days"),
        ("5pm", "5pm"),
        ("17:00", "17:00"),
        ("14 Jan", "14 Jan"),
        ("Fri 6 2027", "Fri 6 2027"),
        ("Round 2", "Round 2"),
    ],
)
def test_a_day_alone_takes_the_headings_month_and_year(text, read):
    # "Thu 14" under "January 2027" was no date: no month, so the year rule did not apply.
    assert with_month(text, "2027", 1) == read
    assert lacks_month(text) == (read != text)
