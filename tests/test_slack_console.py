"""The console: where Slack alerts go when Slack isn't configured, split and summarised the same way."""

from __future__ import annotations

import io

from notifier.channels.console import ConsoleChannel
from tests.slack_helpers import NOW, alert, bot_subscription, opportunity


def test_console_prints_one_readable_block_per_alert():
    out = io.StringIO()
    changes = {"closes_at": ("2027-01-12T00:00:00+00:00", "2027-01-26T00:00:00+00:00")}
    results = ConsoleChannel(out).deliver(
        bot_subscription(), [alert(1), alert(2, "changed", opportunity(1), changes)], NOW
    )

    assert [(r.outbox_id, r.ok) for r in results] == [(1, True), (2, True)]
    printed = out.getvalue()
    assert "[fundwatch \u2192 digital_team] New funding: Digital Inclusion Fund 1\n" in printed
    assert (
        "  Department for Science, Innovation and Technology \u00b7 £10,000 to £50,000"
        " \u00b7 closes 12 Jan 2027, 4:00pm (48 days left)\n" in printed
    )
    assert "  https://www.find-government-grants.service.gov.uk/grants/digital-1\n" in printed
    assert "[fundwatch \u2192 digital_team] Updated: Digital Inclusion Fund 1\n" in printed
    assert "  Closing date: 12 Jan 2027 \u2192 26 Jan 2027\n" in printed


def test_console_says_what_a_news_item_leaves_out():
    out = io.StringIO()
    news = opportunity(1, amount_min=None, amount_max=None, closes_at=None)
    ConsoleChannel(out).deliver(bot_subscription(), [alert(1, "new", news)], NOW)
    assert (
        "  Department for Science, Innovation and Technology \u00b7 amount not stated"
        " \u00b7 no closing date\n" in out.getvalue()
    )


def test_console_splits_like_slack():
    console = ConsoleChannel(io.StringIO(), burst_limit=2)
    two, three = [alert(1), alert(2)], [alert(1), alert(2), alert(3)]

    assert [[a.outbox_id for a in group] for group in console.split(two)] == [[1], [2]]
    assert [[a.outbox_id for a in group] for group in console.split(three)] == [[1, 2, 3]]
    assert console.split([]) == []
    assert ConsoleChannel().burst_limit == 10


def test_console_prints_every_alert_of_a_burst_in_full():
    """Slack gets one summary for a burst; a terminal has no limits, so each alert stays readable."""
    out = io.StringIO()
    alerts = [alert(n) for n in range(1, 5)]
    results = ConsoleChannel(out, burst_limit=3).deliver(
        bot_subscription(), alerts, NOW, cadence="instant"
    )

    assert [(r.outbox_id, r.ok) for r in results] == [(1, True), (2, True), (3, True), (4, True)]
    printed = out.getvalue()
    assert printed.count("[fundwatch \u2192 digital_team]") == 4
    for n in range(1, 5):
        assert f"New funding: Digital Inclusion Fund {n}\n" in printed
        assert (
            f"  https://www.find-government-grants.service.gov.uk/grants/digital-{n}\n" in printed
        )
    assert printed.count("closes 12 Jan 2027, 4:00pm (48 days left)") == 4
