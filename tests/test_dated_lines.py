"""A date field pointed at a list of dated lines, a fund's card listing its information session, a
webinar and its closing date (round 36's `eventbrite_sessions_mixed`): each item is a clause of its
own (spiders/extract.py), and a session's date is neither the call's opening nor a window's start
(spiders/normalise/date_roles.py). Before: "Drop-in session: 2 December 2026 Apply by: 18 December
2026" ran together and read no deadline; the session's date was stored as the opening and made an
open fund upcoming; a session before "Closing date: To be confirmed" opened the call."""

from __future__ import annotations

from datetime import UTC, datetime

from parsel import Selector

from spiders.extract import FieldReader
from spiders.normalise.date_roles import led_by_other_event
from spiders.normalise.open_ended import open_window_start
from tests.unseen_sites import read_offline

CARD = """<article><ul class="dates">
<li><span>Drop-in session:</span> 2 December 2026</li>
<li><span>Apply by:</span> 18 December 2026</li></ul></article>"""


def test_a_date_fields_list_items_are_clauses():
    reader = FieldReader(Selector(text=CARD))
    assert reader.read("ul.dates", items=True) == (
        "Drop-in session: 2 December 2026; Apply by: 18 December 2026"
    )
    # Other fields read as before: the words run on.
    assert reader.read("ul.dates") == "Drop-in session: 2 December 2026 Apply by: 18 December 2026"


def test_a_session_leading_the_field_is_no_opening():
    assert led_by_other_event("Information session: 8 December 2026, 10am; Closing date: …")
    assert led_by_other_event("Webinar: 14 January 2027. Deadline: 5 March 2027")
    for opening in ("Opens: 11 January 2027; Webinar: …", "1 December 2026 – 5 March 2027"):
        assert not led_by_other_event(opening)
    assert open_window_start("Information session: 14 January 2027, 6pm; Closing date: TBC") is None
    assert open_window_start("Opens 1 April 2027 – closing date TBC") == "Opens 1 April 2027"


def test_the_sites_funds_close_and_open_as_their_lines_say():
    calls, problems = read_offline("eventbrite_sessions_mixed")
    assert problems == []
    got = {call.title: (call.opens_at, call.closes_at, call.status) for call in calls}
    assert got["Green Streets Fund"] == (None, datetime(2027, 1, 29, 17, tzinfo=UTC), "open")
    assert got["Youth Voice Micro-grants"][1] == datetime(2026, 12, 18, 23, 59, tzinfo=UTC)
    assert got["Community Buildings Net Zero"] == (
        datetime(2027, 1, 11, tzinfo=UTC),
        datetime(2027, 3, 26, 12, tzinfo=UTC),
        "upcoming",
    )
    assert got["Flood Wardens Equipment"][:2] == (None, None)
    # The events are no calls: five funds.
    assert len(calls) == 5
