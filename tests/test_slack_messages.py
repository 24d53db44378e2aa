"""What Slack receives: one Block Kit post per alert, or one summary for a burst (real slack_sdk
against the loopback stand-in, which refuses invalid blocks the way Slack does)."""

from __future__ import annotations

import json
import re
from datetime import UTC, datetime

from notifier.channels.slack import burst_message
from tests.slack_helpers import (
    CHANNEL,
    CLOSES,
    NOW,
    alert,
    assert_valid_blocks,
    bot_channel,
    bot_subscription,
    opportunity,
    texts,
)

# --- message shape ---------------------------------------------------------------------------


def test_one_alert_is_one_post_with_every_fact(slack, db):
    results = bot_channel(slack, db).deliver(bot_subscription(), [alert(7)], NOW)

    assert [(r.outbox_id, r.ok) for r in results] == [(7, True)]
    assert len(slack.posts) == 1
    post = slack.posts[0]
    assert post["channel"] == CHANNEL and post["thread_ts"] is None
    assert post["text"].startswith("Digital Inclusion Fund 7 \u00b7 New funding \u00b7 ")
    assert_valid_blocks(post["blocks"])
    # The call is the most prominent line; the event is the first line under it.
    assert post["blocks"][0] == {
        "type": "header",
        "text": {"type": "plain_text", "text": "Digital Inclusion Fund 7", "emoji": False},
    }
    assert post["blocks"][1]["text"]["text"].startswith("*New funding*\n")

    body = "\n".join(texts(post["blocks"]))
    url = "https://www.find-government-grants.service.gov.uk/grants/digital-7"
    assert "Department for Science, Innovation and Technology" in body
    assert "£10,000 to £50,000" in body
    closes = int(CLOSES.timestamp())
    assert f"<!date^{closes}^{{date_short_pretty}} {{time}}|12 Jan 2027, 4:00pm>" in body
    opens = int(datetime(2026, 11, 2, 9, 0, tzinfo=UTC).timestamp())
    assert f"<!date^{opens}^{{date_short_pretty}} {{time}}|2 Nov 2026, 9:00am>" in body
    assert "48 days left" in body
    assert "*Status*\nOpen" in body
    assert "Councils can apply (\u201clocal authorities in England\u201d)" in body
    assert "Tags: Digital services, Digital inclusion" in body  # tags.yaml labels, not ids
    assert "digital, inclusion" not in body
    assert "Find a Grant, GOV.UK" in body
    assert "New funding" in body
    buttons = [e for b in post["blocks"] if b["type"] == "actions" for e in b["elements"]]
    assert [b["url"] for b in buttons] == [url]

    request = slack.requests[0]
    assert request["headers"]["authorization"] == f"Bearer {slack.token}"
    assert request["body"]["unfurl_links"] is False


def test_changed_alert_says_what_changed(slack, db):
    changes = {"closes_at": ("2027-01-12T00:00:00+00:00", "2027-01-26T00:00:00+00:00")}
    bot_channel(slack, db).deliver(bot_subscription(), [alert(1, "changed", changes=changes)], NOW)

    body = "\n".join(texts(slack.posts[0]["blocks"]))
    assert "Closing date: 12 Jan 2027 \u2192 26 Jan 2027" in body
    assert slack.posts[0]["blocks"][1]["text"]["text"] == "*Deadline changed*\n" + (
        "Grants for councils to help residents get online."
    )


def test_no_button_and_no_link_when_the_url_is_not_http(slack, db):
    bad = opportunity(1, url="javascript:alert(1)")
    results = bot_channel(slack, db).deliver(bot_subscription(), [alert(1, opp=bad)], NOW)

    assert results[0].ok
    blocks = slack.posts[0]["blocks"]
    assert all(b["type"] != "actions" for b in blocks)
    assert "javascript" not in json.dumps(blocks)
    assert "Digital Inclusion Fund 1" in "\n".join(texts(blocks))


def test_long_summary_is_cut_within_the_section_limit(slack, db):
    long = opportunity(1, summary="Councils & partners " * 500, title="T" * 400)
    results = bot_channel(slack, db).deliver(bot_subscription(), [alert(1, opp=long)], NOW)

    assert results[0].ok
    lead = slack.posts[0]["blocks"][1]["text"]["text"]
    assert len(lead) <= 3000 and lead.endswith("\u2026")
    assert "Councils &amp; partners" in lead
    assert not re.search(r"&(?!amp;|lt;|gt;)", lead)  # the cut never splits an entity


# --- bursts ----------------------------------------------------------------------------------


def test_split_is_one_alert_per_call_up_to_the_burst_limit_then_one_call(slack, db):
    channel = bot_channel(slack, db, burst_limit=3)
    three, four = [alert(n) for n in range(1, 4)], [alert(n) for n in range(1, 5)]

    assert [[a.outbox_id for a in group] for group in channel.split(three)] == [[1], [2], [3]]
    assert [[a.outbox_id for a in group] for group in channel.split(four)] == [[1, 2, 3, 4]]
    assert channel.split([]) == []
    assert slack.requests == []  # splitting never talks to Slack


def test_more_than_the_burst_limit_becomes_one_summary(slack, db):
    alerts = [alert(n) for n in range(1, 5)]
    results = bot_channel(slack, db, burst_limit=3).deliver(bot_subscription(), alerts, NOW)

    assert [(r.outbox_id, r.ok) for r in results] == [(1, True), (2, True), (3, True), (4, True)]
    assert len(slack.requests) == 1 and len(slack.posts) == 1
    post = slack.posts[0]
    assert post["thread_ts"] is None
    # The summary is the thread of every call in it, so later updates reply under it.
    rows = {r["opportunity_id"]: r["ts"] for r in db["slack_threads"].rows}
    assert rows == {f"opp-{n}": post["ts"] for n in range(1, 5)}
    assert_valid_blocks(post["blocks"])
    assert post["blocks"][0]["text"]["text"] == "4 funding alerts"
    body = "\n".join(texts(post["blocks"]))
    for n in range(1, 5):
        assert f"/grants/digital-{n}|Digital Inclusion Fund {n}>" in body
    assert body.count("12 Jan 2027, 4:00pm") == 4


def test_two_hundred_alerts_are_still_one_valid_post(slack, db):
    alerts = [
        alert(n, opp=opportunity(n, title=f"Fund {n} " + "word " * 30)) for n in range(1, 201)
    ]
    results = bot_channel(slack, db).deliver(bot_subscription(), alerts, NOW)

    assert len(results) == 200 and all(r.ok for r in results)
    # The stand-in refuses invalid_blocks, so one accepted post also proves validity.
    assert len(slack.posts) == 1
    blocks = slack.posts[0]["blocks"]
    assert_valid_blocks(blocks)
    lines = [
        line for b in blocks if b["type"] == "section" for line in b["text"]["text"].split("\n")
    ]
    more = re.fullmatch(r"\u2026and (\d+) more", blocks[-1]["elements"][0]["text"])
    assert more and len(lines) + int(more.group(1)) == 200
    assert len(json.dumps(blocks)) < 20_000


def test_burst_message_fits_when_nothing_is_left_out():
    text, blocks = burst_message([alert(1), alert(2)], NOW)
    assert_valid_blocks(blocks)
    assert blocks[0]["text"]["text"] == "2 funding alerts"
    assert all(b["type"] != "context" for b in blocks)
    assert text.startswith("2 funding alerts: ")


def test_the_whole_pot_is_shown_beside_one_award(slack, db):
    pot = opportunity(1, amount_min=None, amount_max=950_000.0, fund_total=4_000_000.0)
    bot_channel(slack, db).deliver(bot_subscription(), [alert(1, opp=pot)], NOW)

    body = "\n".join(texts(slack.posts[0]["blocks"]))
    assert "*Amount*\nUp to £950,000 per award \u00b7 £4 million in total" in body


def test_a_long_title_is_the_header_cut_to_slacks_150_characters(slack, db):
    long = opportunity(1, title="Community Renewal " * 20)
    bot_channel(slack, db).deliver(bot_subscription(), [alert(1, opp=long)], NOW)

    post = slack.posts[0]
    header = post["blocks"][0]["text"]["text"]
    assert len(header) <= 150 and header.endswith("Renewal\u2026")
    assert header.startswith("Community Renewal Community") and post["text"].startswith(header[:-1])


def test_a_summary_of_calls_with_very_long_addresses_stays_within_slacks_limits(slack, db):
    """An address may be up to 3,000 characters (the button's limit) and grows when its `&`s are
    escaped: such a call's summary line keeps its title unlinked rather than pass 3,000."""
    long_urls = ["https://x.example/?" + "a=1&" * 700, "https://x.example/" + "b" * 2950]
    alerts = [alert(n, opp=opportunity(n, url=long_urls[n % 2])) for n in range(1, 4)]
    alerts.append(alert(4))  # an ordinary call keeps its link
    results = bot_channel(slack, db, burst_limit=2).deliver(bot_subscription(), alerts, NOW)

    assert all(r.ok for r in results), [r.error for r in results]
    (post,) = slack.posts
    assert_valid_blocks(post["blocks"])
    body = "\n".join(texts(post["blocks"]))
    assert "x.example" not in body and "<https://" in body
    assert all(f"Digital Inclusion Fund {n}" in body for n in range(1, 5))
