"""Email as a safe sink: control characters, bidi controls and NUL never reach either part or the
subject, and a 200,000-character title (or summary, funder, sentence, URL) makes a small email."""

from __future__ import annotations

from dataclasses import replace
from datetime import UTC, datetime

from notifier.alerts import Alert
from tests.email_helpers import TEAM, opportunity, parts, plain_settings, send
from tests.smtp_server import SmtpServer

# C0 (NUL, BEL, ESC and a terminal escape), DEL, C1 (NEL, CSI), bidi overrides, isolates, marks.
HIDDEN = ["\x00", "\x07", "\x1b", "\x7f", "\x85", "\x9b", "\u202a", "\u202b", "\u202c",
          "\u202d", "\u202e", "\u2066", "\u2067", "\u2068", "\u2069", "\u200e", "\u200f"]  # fmt: skip
CLOSES = datetime(2027, 1, 8, tzinfo=UTC)


def hostile(text: str) -> str:
    """`text` with every hidden character and a terminal escape worked into it."""
    return f"\x1b[2J{text}\x00\u202e{''.join(HIDDEN)}\x1b]8;;https://evil.example\x07 end"


def deliver(alerts, cadence="daily"):
    with SmtpServer() as server:
        results = send(plain_settings(server.port), alerts=alerts, to=TEAM[:1], cadence=cadence)
    assert all(r.ok for r in results), results[0].error
    (received,) = server.received
    return received


def test_control_characters_and_bidi_controls_reach_neither_part_nor_the_subject():
    opp = opportunity(
        "h",
        hostile("Green Heat Network Fund"),
        funder=hostile("Department for Energy"),
        amount_text=hostile("up to £2m"),
        council_eligible="yes",
        eligibility_phrase=hostile("local authorities may apply"),
        tag_labels=(hostile("Net zero"),),
        sources=(hostile("GOV.UK"),),
        summary=hostile("A summary"),
        closes_at=CLOSES,
    )
    changes = {"title": (hostile("Old title"), hostile("New title"))}
    for cadence in ("instant", "daily"):
        received = deliver([Alert(1, "digital_team", "changed", opp, changes)], cadence)
        message = received.message()
        text, html = parts(message)
        for where in (text, html, message["Subject"]):
            found = [hex(ord(ch)) for ch in HIDDEN if ch in where]
            assert found == [], found
        for words in ("Green Heat Network Fund", "Department for Energy", "up to £2m",
                      "local authorities may apply", "Net zero", "Old title", "New title"):  # fmt: skip
            assert words in text and words in html
        assert "[2J" in text  # what is left of the escape is harmless text
        assert b"\x00" not in received.content and b"\x1b" not in received.content


def test_a_200000_character_title_makes_a_small_email_with_capped_fields():
    huge = "Fund " * 40_000
    opp = opportunity(
        "big",
        huge,
        funder=huge,
        amount_text=huge,
        eligibility_phrase=huge,
        council_eligible="unclear",
        tag_labels=(huge, huge),
        summary=huge,
        closes_at=CLOSES,
    )
    long_link = replace(
        opportunity("link", "Long link", closes_at=CLOSES),
        url="https://x.example/" + "a" * 200_000,
    )
    for cadence in ("instant", "daily"):
        alerts = [Alert(1, "digital_team", "new", opp), Alert(2, "digital_team", "new", long_link)]
        received = deliver(alerts if cadence == "daily" else alerts[:1], cadence)
        assert len(received.content) < 50_000
        message = received.message()
        text, html = parts(message)
        title_line = next(line for line in text.splitlines() if line.startswith("* Fund"))
        assert title_line.endswith("Fund… <https://funding.example.gov.uk/big>")
        assert len(title_line) <= 250
        assert "x.example" not in text + html  # a URL too long to be real is not linked
        if cadence == "instant":
            subject = message["Subject"]
            assert subject.startswith("New funding: Fund") and subject.endswith("…")
            assert len(subject) <= 170
        else:
            assert message["Subject"] == "2 new · Digital team · 25 Nov"
            assert "* Long link" in text
