"""A calendar is written event by event (notifier/export/ics.py) rather than held as one tree of
components: the bytes must be those of the whole tree, folding, escaping and order included."""

from __future__ import annotations

from datetime import UTC, datetime

from icalendar import Calendar

from notifier.export import build, ics

MADE = datetime(2026, 11, 2, 9, tzinfo=UTC)


def deadlines() -> list[ics.Deadline]:
    return [
        ics.Deadline(
            uid="opp_a@fundwatch",
            title="Local Heat Network Fund; round 2, “capital” — a title long enough to be folded",
            closes_at=datetime(2027, 1, 26, 16, tzinfo=UTC),
            sequence=3,
            changed_at=MADE,
            created_at=MADE,
            description="Councils can apply\nAmount: £10,000 to £50,000\nFunder's page: x",
            url="https://funder.example/a",
            categories=["Net zero & climate", "Housing"],
        ),
        ics.Deadline(
            uid="opp_b-opens@fundwatch",
            title="Cyber fund",
            closes_at=datetime(2027, 3, 31, 23, 59, tzinfo=UTC),
            sequence=1,
            changed_at=MADE,
            created_at=MADE,
            description="Opens soon",
            label="Opens",
        ),
    ]


def whole_tree(name: str, description: str, made: list[ics.Deadline]) -> bytes:
    """The calendar as icalendar writes it when every event is one of its components."""
    parts = Calendar.from_ical(ics.calendar(name=name, description=description, deadlines=[]))
    for deadline in made:
        parts.add_component(ics._event(deadline))
    return parts.to_ical()


def test_a_calendar_written_event_by_event_is_the_whole_trees_bytes():
    made = deadlines()
    written = ics.calendar(name="fundwatch: all deadlines", description="d", deadlines=made)
    assert written == whole_tree("fundwatch: all deadlines", "d", made)
    assert written.count(b"BEGIN:VEVENT") == 2 and written.endswith(b"END:VCALENDAR\r\n")
    assert Calendar.from_ical(written).walk("VEVENT")[1]["UID"] == "opp_b-opens@fundwatch"


def unfolded(calendar: bytes) -> list[str]:
    """RFC 5545 3.1: the logical lines, a CRLF and one space or tab joining a folded one."""
    return calendar.decode().replace("\r\n ", "").replace("\r\n\t", "").split("\r\n")


def test_the_calendars_name_and_description_are_text_escaped():
    """RFC 5545 3.8.8.2: an X- property's value is TEXT unless it says otherwise, and TEXT escapes
    backslash, semicolon and comma (3.3.11); a name from tags.yaml may hold any of them."""
    made = ics.calendar(
        name=r"fundwatch: Housing, homes; a\b deadlines", description="d", deadlines=[]
    )
    lines = unfolded(made)
    assert r"X-WR-CALNAME:fundwatch: Housing\, homes\; a\\b deadlines" in lines
    for fmt_description in (build.ALL_DESCRIPTION, build.ONE_DESCRIPTION):
        assert not set(",;\\") & set(fmt_description)  # read alike by parsers that do not unescape
    assert Calendar.from_ical(made)["X-WR-CALNAME"]  # still a calendar icalendar reads
