"""How a digest reads: each call once under its most urgent heading, sections by closing date,
counts of what is shown, tag labels, baseline and welcome sections, clean subjects."""

from __future__ import annotations

from datetime import UTC, datetime
from email import message_from_bytes, policy

from notifier.alerts import Alert
from notifier.channels.email_render import render_digest
from notifier.channels.eml import EmlChannel
from tests.email_helpers import CURATORS, MAIL_FROM, NOW, opportunity, parts, subscription


def day(d: int, month: int = 12) -> datetime:
    return datetime(2026, month, d, 12, tzinfo=UTC)


def render(alerts, cadence="daily", **kwargs):
    msg = render_digest(
        subscription(), alerts, cadence=cadence, now=NOW, mail_from=MAIL_FROM, **kwargs
    )
    text, html = parts(msg)
    return msg, text, html


def overlapping_alerts() -> list[Alert]:
    """Seven alerts for four calls: the same call closing soon and changed twice; another new and
    changed the same day (new to its reader: it is told as it stands, notifier/change_merge.py)."""
    heat = opportunity(
        "heat", "Green Heat Network Fund", closes_at=day(3), tag_labels=("Net zero",)
    )
    bus = opportunity("bus", "Zero Emission Bus Fund", closes_at=day(20))
    care = opportunity("care", "Care Tech Fund")  # no closing date: last
    parks = opportunity("parks", "Parks Fund", closes_at=day(10))
    change = {"closes_at": ("2026-11-26T00:00:00+00:00", "2026-12-03T12:00:00+00:00")}
    return [
        Alert(1, "digital_team", "new", care),
        Alert(2, "digital_team", "changed", heat, {"amount_max": (1_000_000.0, 2_000_000.0)}),
        Alert(3, "digital_team", "changed", heat, change),
        Alert(4, "digital_team", "closing_soon", heat),
        Alert(5, "digital_team", "new", bus),
        Alert(6, "digital_team", "changed", bus, {"title": ("Bus Fund", "Zero Emission Bus Fund")}),
        Alert(7, "digital_team", "new", parks),
    ]


def test_each_call_once_under_its_most_urgent_heading_with_true_counts():
    msg, text, html = render(overlapping_alerts())
    assert msg["Subject"] == "1 closing soon, 3 new · Digital team · 25 Nov"
    for title in ("Green Heat Network Fund", "Zero Emission Bus Fund", "Care Tech Fund"):
        assert text.count(f"* {title}") == 1
        assert html.count(f">{title}<") == 1
    assert text.index("CLOSING SOON (1)") < text.index("* Green Heat")
    assert "CHANGED" not in text and text.index("NEW (3)") < text.index("* Zero Emission")
    # Shown once, under closing soon, the heat fund still says what changed (both changes).
    heat = text[text.index("* Green Heat") : text.index("NEW (3)")]
    assert "Changed: Closing date: 26 Nov 2026 → 3 Dec 2026, 12:00pm" in heat
    assert "Changed: Maximum amount: £1 million → £2 million" in heat
    assert "Net zero" in heat
    # New today and renamed today: its reader never saw the old name.
    assert "Changed:" not in text[text.index("NEW (3)") :]


def test_every_alert_is_reported_sent_when_two_show_as_one_entry(tmp_path):
    results = EmlChannel(tmp_path, mail_from=MAIL_FROM).deliver(
        subscription(), overlapping_alerts(), NOW, cadence="daily"
    )
    assert [r.outbox_id for r in results] == [1, 2, 3, 4, 5, 6, 7]
    assert all(r.ok for r in results)


def test_an_award_and_the_whole_pot_are_told_apart():
    pot = opportunity("pot", "Heat pot", amount_max=950_000, fund_total=4_000_000)
    _, text, _ = render([Alert(1, "digital_team", "new", pot)])
    assert "Up to £950,000 per award · £4 million in total" in text


def test_sections_are_sorted_by_closing_date_with_none_last():
    _, text, _ = render(overlapping_alerts())
    new = text[text.index("NEW (3)") :]
    assert new.index("* Parks Fund") < new.index("* Care Tech Fund")
    assert "no closing date" in new[new.index("* Care Tech Fund") :]

    given = [opportunity(o, o.title(), closes_at=c) for o, c in
             (("later", day(30)), ("undated", None), ("sooner", day(2)), ("middle", day(9)))]  # fmt: skip
    _, text, _ = render([Alert(n, "digital_team", "new", o) for n, o in enumerate(given)])
    positions = [text.index(f"* {t}") for t in ("Sooner", "Middle", "Later", "Undated")]
    assert positions == sorted(positions)


def test_baseline_has_one_section_per_source_and_welcome_its_own_heading():
    def baseline(n, source):
        return Alert(
            n, "digital_team", "baseline", opportunity(f"b{n}", f"Call {n}"), source=source
        )

    alerts = [
        baseline(1, "UKRI Funding Finder"),
        baseline(2, "GOV.UK Find a Grant"),
        baseline(3, "UKRI Funding Finder"),
        Alert(4, "digital_team", "new", opportunity("n", "Brand new fund", closes_at=day(5))),
    ]
    msg, text, html = render(alerts)
    assert msg["Subject"] == "1 new, 3 newly tracked · Digital team · 25 Nov"
    assert "Now tracking 2 calls from UKRI Funding Finder" in html
    assert "Now tracking 1 call from GOV.UK Find a Grant" in html
    assert text.index("NEW (1)") < text.index("NOW TRACKING 1 CALL FROM GOV.UK")

    welcome = [
        Alert(n, "digital_team", "welcome", opportunity(f"w{n}", f"Open {n}")) for n in (1, 2)
    ]
    msg, _, html = render(welcome)
    assert msg["Subject"] == "2 open calls · Digital team · 25 Nov"
    assert ">Open calls that match (2)<" in html


def test_unsubscribe_goes_to_the_curators_and_replies_reach_them():
    msg, text, html = render(overlapping_alerts(), contact=CURATORS)
    assert msg["From"] == MAIL_FROM
    assert msg["Reply-To"] == CURATORS
    assert msg["List-Unsubscribe"] == f"<mailto:{CURATORS}?subject=unsubscribe%20digital_team>"
    assert f'write to {CURATORS} with the subject "unsubscribe digital_team"' in text
    assert f"write to {CURATORS} with the subject &ldquo;unsubscribe digital_team&rdquo;" in html
    assert "localhost" not in msg.as_string()


def test_instant_subject_folds_cleanly_and_encodes_only_what_needs_it():
    # Long enough to fold twice, short enough not to be capped.
    long_ascii = "Green Heat Network Fund " + " ".join(["for local authorities"] * 5)
    long_utf8 = "Café and räte fund — " + " ".join(["retrofit · heat"] * 6)
    for title in (long_ascii, long_utf8, "=?utf-8?q?spoof?= fund"):
        alert = Alert(1, "digital_team", "closing_soon", opportunity("x", title, closes_at=day(2)))
        msg, _, _ = render([alert], cadence="instant")
        raw = msg.as_bytes()
        header = raw[raw.index(b"Subject:") : raw.index(b"\nFrom:")].decode("ascii")
        lines = header.split("\r\n") if "\r\n" in header else header.split("\n")
        assert lines[0].startswith("Subject: ") and not lines[0].startswith("Subject:  ")
        assert all(len(line.rstrip()) <= 76 for line in lines)
        back = message_from_bytes(raw, policy=policy.default)["Subject"]
        assert back == f"Closing soon: {title}".replace("=?", "= ?")
        if title == long_ascii:
            assert "=?" not in header and len(lines) == 3
    assert (
        b"=?utf-8?q?Caf=C3=A9"
        in render([Alert(1, "digital_team", "new", opportunity("c", "Café"))], cadence="instant")[
            0
        ].as_bytes()
    )
