"""What an email digest says, read as received by a real SMTP server on loopback: its sections,
entries and London dates, its headers and Message-ID, and the subject of instant alerts."""

from __future__ import annotations

import re
from datetime import UTC, datetime, timedelta
from email import message_from_bytes, policy
from email.utils import parsedate_to_datetime

from notifier.channels.email_render import render_digest
from tests.email_helpers import (
    MAIL_FROM,
    NOW,
    TEAM,
    digest_alerts,
    parts,
    plain_settings,
    send,
    subscription,
)
from tests.smtp_server import SmtpServer


def test_digest_sections_entries_and_london_dates():
    with SmtpServer() as server:
        send(plain_settings(server.port), to=TEAM[:1])
    (received,) = server.received
    message = received.message()
    text, html = parts(message)

    assert message.get_content_type() == "multipart/alternative"
    assert [p.get_content_type() for p in message.iter_parts()] == ["text/plain", "text/html"]
    # What happened first, then for whom, then the day in London.
    assert message["Subject"] == (
        "2 closing soon, 1 changed, 1 new, 1 closed · Digital team · 25 Nov"
    )

    # Most urgent first (closing soon, changed, new, closed), each section by closing date.
    order = ["CLOSING SOON (2)", "Adult Social Care", "Local Digital Fund", "CHANGED (1)",
             "Retrofit pilot", "NEW (1)", "Heat Network", "CLOSED (1)", "Old Community Fund"]  # fmt: skip
    positions = [text.index(marker) for marker in order]
    assert positions == sorted(positions)
    html_order = [">Closing soon (2)<", ">Changed (1)<", ">New (1)<", ">Closed (1)<"]
    html_positions = [html.index(marker) for marker in html_order]
    assert html_positions == sorted(html_positions)

    for body in (text, html.replace("&amp;", "&")):
        # GMT in winter, BST in summer: 15:00 UTC on 30 June is 4pm in London.
        assert "2 Dec 2026, 12:00pm" in body and "7 days left" in body
        assert "30 Jun 2027, 4:00pm" in body and "217 days left" in body
        assert "27 Nov 2026" in body and "2 days left" in body
        assert "Closing date: 12 Jan 2027 → 26 Jan 2027" in body
        assert "£100,000 to £2.5 million" in body and "Up to £100,000" in body
        assert "Department for Energy Security and Net Zero" in body
        assert "Councils cannot apply" in body and "NHS trusts only" in body
        assert "Council eligibility unclear" in body
        # Tags as tags.yaml labels them, never their ids.
        assert "Net zero & climate" in body and "Digital services, Data & AI" in body
        assert "net_zero" not in body
    assert "https://funding.example.gov.uk/heat" in text
    assert '<a href="https://funding.example.gov.uk/heat"' in html
    # A closed call says it closed, not how many days it has left.
    closed_entry = text[text.index("Old Community Fund") :]
    assert "closed 20 Nov 2026" in closed_entry and "days left" not in closed_entry


def test_each_entry_is_three_lines_title_facts_verdict():
    with SmtpServer() as server:
        send(plain_settings(server.port), alerts=digest_alerts()[:1], to=TEAM[:1])
    text, _ = parts(server.received[0].message())
    lines = text.splitlines()
    start = lines.index(next(line for line in lines if line.startswith("* Heat Network")))
    entry = lines[start : lines.index("--")]
    assert entry[-1] == ""  # a blank line between entries, and before the footer
    entry = entry[:-1]
    assert entry == [
        "* Heat Network Transformation Programme <https://funding.example.gov.uk/heat>",
        "  Department for Energy Security and Net Zero · £100,000 to £2.5 million"
        " · closes 30 Jun 2027, 4:00pm (217 days left)",
        "  Councils can apply (\u201clocal authorities may apply\u201d) · Net zero & climate",
    ]


def test_headers_are_well_formed_and_a_retry_reuses_the_message_id():
    with SmtpServer() as server:
        settings = plain_settings(server.port)
        send(settings, to=TEAM[:1])
        send(settings, to=TEAM[:1])  # the same outbox rows again: a retry
        send(settings, alerts=digest_alerts()[:2], to=TEAM[:1])  # different rows
    first, retry, other = (r.message() for r in server.received)

    assert parsedate_to_datetime(first["Date"]) == NOW
    assert re.fullmatch(r"<[0-9a-f]{40}@council\.example\.gov\.uk>", first["Message-ID"])
    assert retry["Message-ID"] == first["Message-ID"]
    assert other["Message-ID"] != first["Message-ID"]
    assert first["From"] == MAIL_FROM
    assert first["List-Unsubscribe"] == (
        "<mailto:fundwatch@council.example.gov.uk?subject=unsubscribe%20digital_team>"
    )
    assert first["Auto-Submitted"] == "auto-generated"
    # Long enough that default folding would have RFC 2047-encoded it; it must stay a plain URL.
    raw_line = next(
        line
        for line in server.received[0].content.splitlines()
        if line.startswith(b"List-Unsubscribe:")
    )
    assert b"=?" not in raw_line and raw_line.endswith(b"digital_team>")


def test_instant_subjects_name_the_one_alert_or_count_several():
    with SmtpServer() as server:
        settings = plain_settings(server.port)
        send(settings, alerts=digest_alerts()[:1], to=TEAM[:1], cadence="instant")
        send(settings, alerts=digest_alerts()[2:3], to=TEAM[:1], cadence="instant")
        send(settings, alerts=digest_alerts()[:3], to=TEAM[:1], cadence="instant")
    new, closing, several = (r.message()["Subject"] for r in server.received)
    assert new == "New funding: Heat Network Transformation Programme"
    assert closing == "Closing soon: Local Digital Fund round 9"
    assert several == "1 closing soon, 1 new, 1 closed · Digital team · 25 Nov"


def test_the_date_header_is_london_time_as_everything_shown_is():
    """Sent at 09:00 UTC in July: the Date header says 10:00 +0100, the moment as London reads it."""
    summer = datetime(2026, 7, 22, 9, 0, tzinfo=UTC)
    msg = render_digest(
        subscription(), digest_alerts(), cadence="daily", now=summer, mail_from=MAIL_FROM
    )
    received = message_from_bytes(msg.as_bytes(), policy=policy.default)
    when = parsedate_to_datetime(received["Date"])
    assert when == summer and when.utcoffset() == timedelta(hours=1), received["Date"]
    winter = render_digest(
        subscription(), digest_alerts(), cadence="daily", now=NOW, mail_from=MAIL_FROM
    )
    assert winter["Date"] == "Wed, 25 Nov 2026 09:00:00 +0000"
