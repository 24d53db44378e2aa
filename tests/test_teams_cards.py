"""Teams cards: valid against the Adaptive Card schema's required fields, the same content as the
Slack message for the same alert, and hostile scraped text made inert and capped."""

from __future__ import annotations

import html
import re
from dataclasses import replace
from datetime import UTC, datetime

import pytest

from notifier import present
from notifier.channels.slack import alert_message
from notifier.channels.teams import alert_card, burst_card, message
from notifier.channels.teams.cards import CARD_CONTENT_TYPE, size
from notifier.channels.teams.text import WORD_JOINER, markdown
from tests.slack_helpers import NOW, alert, opportunity
from tests.teams_reading import plain
from tests.teams_standin import MAX_BYTES, card_errors, payload_errors

HOSTILE = "\x1b[31m\x00Fund\u202egnp.exe\u2066 [Apply here](http://evil.example/x) **now** `x`"
CHANGES = {"closes_at": ("2027-01-12T16:00:00+00:00", "2027-01-26T16:00:00+00:00")}


def strings(value) -> list[str]:
    """Every string a reader could see on a card: texts, fact titles and values, action titles."""
    if isinstance(value, dict):
        found = [value[k] for k in ("text", "title", "value") if isinstance(value.get(k), str)]
        return found + [s for v in value.values() for s in strings(v)]
    if isinstance(value, list):
        return [s for v in value for s in strings(v)]
    return []


def elements(value) -> list[dict]:
    if isinstance(value, dict):
        own = [value] if "type" in value else []
        return own + [e for v in value.values() for e in elements(v)]
    if isinstance(value, list):
        return [e for v in value for e in elements(v)]
    return []


def facts(card) -> dict[str, str]:
    factset = next(e for e in card["body"] if e["type"] == "FactSet")
    return {fact["title"]: plain(fact["value"]) for fact in factset["facts"]}


def slack_fields(blocks) -> dict[str, str]:
    """The Slack message's fields as a reader sees them (dates by their London fallback)."""
    section = next(b for b in blocks if b["type"] == "section" and "fields" in b)
    out = {}
    for field in section["fields"]:
        name, value = field["text"].split("\n", 1)
        value = re.sub(r"<!date\^\d+\^[^|]+\|([^>]+)>", r"\1", value)
        out[name.strip("*")] = html.unescape(value)
    return out


@pytest.mark.parametrize(
    "event,changes", [("new", None), ("changed", CHANGES), ("closing_soon", None), ("closed", None)]
)
def test_alert_cards_satisfy_the_schema(event, changes):
    card = alert_card(alert(1, event, changes=changes), NOW)
    payload = message(card)
    assert card_errors(card) == [] and payload_errors(payload) == []
    assert (card["type"], card["version"], isinstance(card["body"], list)) == (
        "AdaptiveCard",
        "1.4",
        True,
    )
    assert payload["type"] == "message"
    assert payload["attachments"][0]["contentType"] == CARD_CONTENT_TYPE
    assert all("type" in e for e in elements(card["body"]))
    assert card["actions"] == [
        {"type": "Action.OpenUrl", "title": "View the call", "url": opportunity(1).url}
    ]


def test_the_card_says_what_the_slack_message_says():
    the_alert = alert(1, "changed", changes=CHANGES)
    the_alert = replace(the_alert, opportunity=replace(the_alert.opportunity, fund_total=4e6))
    card = alert_card(the_alert, NOW)
    _, blocks = alert_message(the_alert, NOW)
    slack = slack_fields(blocks)
    teams = facts(card)

    assert plain(card["body"][0]["text"]) == blocks[0]["text"]["text"]  # the title
    event = blocks[1]["text"]["text"].split("\n")[0].strip("*")
    assert plain(card["body"][1]["text"]) == event == "Deadline changed"
    for name in ("Funder", "Amount", "Opens", "Status", "Councils"):
        assert teams[name] == slack[name], name
    assert teams["Amount"] == "£10,000 to £50,000 per award · £4 million in total"
    assert teams["Closes"] == "12 Jan 2027, 4:00pm (48 days left)" == slack["Closes"]
    assert teams["Councils"] == present.eligibility_text("yes", "local authorities in England")
    texts = [plain(s) for s in strings(card)]
    assert "Tags: Digital services, Digital inclusion" in texts
    assert "• Closing date: 12 Jan 2027, 4:00pm → 26 Jan 2027, 4:00pm" in texts
    assert "Seen on: Find a Grant, GOV.UK" in texts


def test_closing_soon_says_how_many_days_are_left():
    soon = replace(opportunity(1), closes_at=datetime(2026, 11, 30, 17, 0, tzinfo=UTC))
    card = alert_card(alert(1, "closing_soon", opp=soon), NOW)
    assert plain(card["body"][1]["text"]) == "Closing soon: 5 days left"
    assert facts(card)["Closes"] == "30 Nov 2026, 5:00pm (5 days left)"


def test_no_button_without_a_safe_link():
    for url in ("javascript:alert(1)", "data:text/html,x", "ftp://x.example/", "http://a b/"):
        card = alert_card(alert(1, opp=replace(opportunity(1), url=url)), NOW)
        assert "actions" not in card and card_errors(card) == []
        assert not [e for e in elements(card) if e.get("type", "").startswith("Action.")]


@pytest.mark.parametrize(
    "raw,shown",
    [
        ("[Apply](http://evil.example)", "\\[Apply\\]\\(http:\u2060//evil.\u2060example\\)"),
        (
            "**bold** _it_ `code` # h > q ~x~",
            "\\*\\*bold\\*\\* \\_it\\_ \\`code\\` \\# h \\> q \\~x\\~",
        ),
        ("- item", "\\- item"),
        ("12. item", "12\\. item"),
        (
            "see www.evil.example or a@b.example",
            "see www.\u2060evil.\u2060example or a@\u2060b.\u2060example",
        ),
        ("&#91;x&#93;(u) &amp; & co", "&\\#91;x&\\#93;\\(u\\) \\&amp; & co"),
        ("{{DATE(2017-02-14T06:08:00Z, SHORT)}}", "{{DATE\\(2017-02-14T06:08:00Z, SHORT\\)}}"),
        ("<at>Everyone</at>", "\\<at\\>Everyone\\</at\\>"),
        ("C:\\path", "C:\\\\path"),
    ],
)
def test_markdown_is_escaped_and_links_cannot_form(raw, shown):
    assert markdown(raw) == shown
    assert plain(markdown(raw)) == raw
    assert "](" not in markdown(raw) and "://" not in markdown(raw)


def test_hostile_content_is_neutralised_everywhere():
    evil = replace(
        opportunity(1),
        title=HOSTILE,
        funder=HOSTILE,
        summary=HOSTILE,
        amount_min=None,
        amount_max=None,
        amount_text=HOSTILE,
        status=HOSTILE,
        eligibility_phrase=HOSTILE,
        tag_labels=(HOSTILE,),
        sources=(HOSTILE,),
        url="javascript:alert(document.cookie)",
    )
    changes = {"title": ("Old", HOSTILE)}
    card = alert_card(alert(1, "changed", opp=evil, changes=changes), NOW)
    assert card_errors(card) == []
    for text in strings(card):
        assert not re.search(r"[\x00-\x1f\x7f\u202a-\u202e\u2066-\u2069]", text), text
        assert "](" not in text and "://" not in text
        # our own "(48 days left)" may stand; nothing scraped is markup
        assert not re.search(r"(?<!\\)[\[\]*_`#<>]", text), text
    assert plain(card["body"][0]["text"]).startswith("[31mFundgnp.exe [Apply here](http://evil")
    assert "actions" not in card


def test_a_200000_character_title_is_capped():
    long = replace(opportunity(1), title="Community " * 20_000 + "[x](http://evil.example)")
    card = alert_card(alert(1, opp=long), NOW)
    title = card["body"][0]["text"]
    assert len(plain(title)) <= 250 and plain(title).endswith("…")
    assert size(message(card)) < 8_000


def test_burst_card_fits_a_teams_message_and_links_each_call_by_action():
    alerts = [alert(n) for n in range(1, 13)]
    alerts[3] = alert(4, opp=replace(opportunity(4), url="javascript:alert(1)"))
    card = burst_card(alerts, NOW)
    assert card_errors(card) == [] and payload_errors(message(card)) == []
    assert plain(card["body"][0]["text"]) == "12 funding alerts"
    items = card["body"][1:]
    assert len(items) == 12 and "actions" not in card
    assert [i.get("selectAction", {}).get("url") for i in items] == [
        None if n == 4 else opportunity(n).url for n in range(1, 13)
    ]
    first = plain(items[0]["items"][0]["text"])
    assert first == (
        "**Digital Inclusion Fund 1** · Department for Science, Innovation and Technology · "
        "closes 12 Jan 2027, 4:00pm (48 days left) · _New funding_"
    )
    assert plain(burst_card(alerts, NOW, "daily")["body"][0]["text"]) == (
        "Daily digest: 12 funding alerts"
    )


def test_a_hostile_burst_stays_under_28_kb_and_says_what_it_left_out():
    evil = replace(opportunity(1), title="[x](http://evil.example) " * 20_000, funder=HOSTILE)
    alerts = [alert(n, opp=replace(evil, id=f"opp-{n}")) for n in range(1, 301)]
    card = burst_card(alerts, NOW)
    assert card_errors(card) == []
    assert size(message(card)) <= MAX_BYTES
    shown = len(card["body"]) - 2
    assert 10 < shown < 300
    assert plain(card["body"][-1]["text"]) == f"…and {300 - shown} more"
    for text in strings(card):
        assert "](" not in text and "://" not in text and WORD_JOINER not in plain(text)
