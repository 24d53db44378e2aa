"""Hostile scraped text must reach Slack (and the terminal) inert: no mentions, no disguised links,
no links that are not http(s), no control or bidi characters, `&` escaped exactly once."""

from __future__ import annotations

import io
import json
import re
import unicodedata
from urllib.parse import urlsplit

import pytest
from slack_sdk.models.blocks import Block

from config.models import Subscription
from notifier.channels.console import ConsoleChannel
from notifier.channels.escape import cap, clean, clip, link, mrkdwn, scrub, terminal
from notifier.channels.slack import SlackChannel, alert_message, burst_message
from storage.db import open_db
from tests.slack_hostile import (
    CHANNEL,
    HOSTILE_URLS,
    NASTY,
    NOW,
    SAFE_URL,
    assert_no_hidden_characters,
    generated,
    hostile_alert,
    slack_escape,
)
from tests.slack_standin import SlackStandIn

# --- what "inert" means, checked on the payload ----------------------------------------------

DATE = re.compile(r"<!date\^\d+\^\{date_short_pretty\}(?: \{time\})?\|[^|<>]+>")
LINK = re.compile(r"<(https?://[^|<>]+)\|([^|<>]*)>")
OWN_PLAIN_TEXT = re.compile(r"View the call|\d+ funding alerts?")


def text_objects(value, kind: str) -> list[str]:
    if isinstance(value, dict):
        found = (
            [value["text"]]
            if value.get("type") == kind and isinstance(value.get("text"), str)
            else []
        )
        return found + [t for v in value.values() for t in text_objects(v, kind)]
    if isinstance(value, list):
        return [t for v in value for t in text_objects(v, kind)]
    return []


def mrkdwn_objects(value) -> list[dict]:
    if isinstance(value, dict):
        found = [value] if value.get("type") == "mrkdwn" else []
        return found + [m for v in value.values() for m in mrkdwn_objects(v)]
    if isinstance(value, list):
        return [m for v in value for m in mrkdwn_objects(v)]
    return []


def urls_in(value) -> list[str]:
    if isinstance(value, dict):
        found = [value["url"]] if "url" in value else []
        return found + [u for v in value.values() for u in urls_in(v)]
    if isinstance(value, list):
        return [u for v in value for u in urls_in(v)]
    return []


def assert_inert(payload: dict, allowed_urls: set[str]) -> None:
    """Every control sequence is one of ours: a date, or a link to an allowed http(s) URL."""
    blocks = payload.get("blocks") or []
    mrkdwn_texts = text_objects(blocks, "mrkdwn") + [payload.get("text") or ""]
    for text in mrkdwn_texts:
        assert not re.search(r"&(?!amp;|lt;|gt;)", text), f"bare & in {text!r}"
        for target, _label in LINK.findall(text):
            assert target.replace("&amp;", "&") in allowed_urls, f"link to {target!r}"
        rest = LINK.sub("", DATE.sub("", text))
        assert "<" not in rest and ">" not in rest, f"stray control character in {text!r}"
        for bad in (
            "<!channel",
            "<!here",
            "<!everyone",
            "<@",
            "<#",
            "<!subteam",
            "|gov.uk>",
            "<script",
        ):
            assert bad not in text
    headers = [b["text"]["text"] for b in blocks if b["type"] == "header"]
    for text in text_objects(blocks, "plain_text"):
        # The call's title is the one scraped plain_text (Slack parses nothing in it): one line.
        if text in headers and not OWN_PLAIN_TEXT.fullmatch(text):
            assert len(text) <= 150 and "\n" not in text and text == text.strip()
            continue
        assert OWN_PLAIN_TEXT.fullmatch(text), f"scraped text in plain_text: {text!r}"
    assert_no_hidden_characters(payload)
    # Slack parses mentions and auto-links URLs and #channels in mrkdwn unless it is verbatim.
    assert all(m["verbatim"] is True for m in mrkdwn_objects(blocks)), blocks
    for url in urls_in(blocks):
        assert urlsplit(url).scheme in ("http", "https") and url in allowed_urls
    for raw in blocks:
        Block.parse(raw).validate_json()


# --- escape helpers --------------------------------------------------------------------------


def test_mrkdwn_escapes_only_the_three_control_characters():
    assert mrkdwn(None) == "" and mrkdwn("") == ""
    assert (
        mrkdwn("<!channel> R&D > \"quotes\" 'and' é")
        == "&lt;!channel&gt; R&amp;D &gt; \"quotes\" 'and' é"
    )
    assert mrkdwn("&amp;") == "&amp;amp;"  # shown to people exactly as it was scraped
    for text in NASTY + generated():
        assert mrkdwn(text) == slack_escape(text)


def test_link_only_for_http_urls_and_labels_cannot_split():
    assert (
        link("https://a.gov.uk/?a=1&b=2", "A|B <c>")
        == "<https://a.gov.uk/?a=1&amp;b=2|A\u00a6B &lt;c&gt;>"
    )
    assert link("http://a.gov.uk/", "line\nbreak") == "<http://a.gov.uk/|line break>"
    for url in HOSTILE_URLS:
        assert link(url, "<!channel> Grant") == "&lt;!channel&gt; Grant"


@pytest.mark.parametrize("text", NASTY + ["é&<>" * 40])
def test_clip_never_splits_an_entity(text):
    for limit in range(1, len(slack_escape(text)) + 3):
        clipped = clip(text, limit)
        assert len(clipped) <= limit
        assert not re.search(r"&(?!amp;|lt;|gt;)", clipped)
        shown = (
            clipped.removesuffix("\u2026")
            .replace("&lt;", "<")
            .replace("&gt;", ">")
            .replace("&amp;", "&")
        )
        assert text.startswith(shown)


def test_scrub_and_clean_remove_every_control_and_bidi_character():
    assert scrub("a\x00b\x7fc\x9bd\u202ee\u2066f\u061cg\r\n\th\u2028i") == "abcdefg h i"
    assert scrub(" \x1b \x00 ") == "" and scrub(None) == ""
    assert cap("abcdef", 4) == "abc\u2026" and cap("abcd", 4) == "abcd"
    for text in NASTY + generated() + ["\x00" * 500 + "tail", "ab\x1b " * 400]:
        for limit in (1, 5, 40, 150):
            # Reading only a prefix of a huge text gives what scrubbing all of it would.
            assert clean(text, limit) == cap(scrub(text), limit)
            assert clean(text * 50, limit) == cap(scrub(text * 50), limit)


def test_terminal_strips_control_characters():
    cleaned = terminal("\x1b[31mred\x1b[0m\x07 \x9b2J \u202eevil\nnext\x00")
    assert all(unicodedata.category(ch) != "Cc" for ch in cleaned)
    assert "\u202e" not in cleaned and "\n" not in cleaned
    assert cleaned == "[31mred[0m 2J evil next"


# --- the blocks, as a property over many hostile strings -------------------------------------


@pytest.mark.parametrize("event", ["new", "changed", "closing_soon"])
def test_alert_blocks_are_inert_for_any_scraped_text(event):
    for index, text in enumerate(NASTY + generated()):
        url = SAFE_URL if index % 3 else HOSTILE_URLS[index % len(HOSTILE_URLS)]
        body, blocks = alert_message(hostile_alert(text, url, event=event), NOW)
        assert_inert({"text": body, "blocks": blocks}, {SAFE_URL})
        if url != SAFE_URL:
            # No button and no link (links form only in mrkdwn; the plain_text header is literal).
            assert all(b["type"] != "actions" for b in blocks)
            assert all("<http" not in t for t in text_objects(blocks, "mrkdwn") + [body])


def test_burst_blocks_are_inert_for_any_scraped_text():
    texts = NASTY + generated()
    alerts = [
        hostile_alert(t, SAFE_URL if i % 2 else HOSTILE_URLS[i % len(HOSTILE_URLS)], i)
        for i, t in enumerate(texts)
    ]
    body, blocks = burst_message(alerts, NOW)
    assert len(blocks) <= 50
    assert_inert({"text": body, "blocks": blocks}, {SAFE_URL})


# --- and as received by Slack ------------------------------------------------------------------


def test_payloads_slack_receives_are_inert(tmp_path, monkeypatch):
    for name in ("HTTPS_PROXY", "https_proxy", "HTTP_PROXY", "http_proxy"):
        monkeypatch.delenv(name, raising=False)
    db = open_db(tmp_path / "t.db")
    subscription = Subscription(id="digital_team", slack={"channel": CHANNEL})
    with SlackStandIn(channels=[CHANNEL]) as slack:
        channel = SlackChannel(
            db, token=slack.token, api_url=slack.api_url, env={}, min_interval=0, burst_limit=50
        )
        singles = [
            hostile_alert(t, HOSTILE_URLS[i % len(HOSTILE_URLS)] if i % 2 else SAFE_URL, i)
            for i, t in enumerate(NASTY)
        ]
        results = channel.deliver(subscription, singles, NOW)
        burst = [hostile_alert(t, SAFE_URL, 100 + i) for i, t in enumerate(NASTY * 4)]
        results += SlackChannel(
            db, token=slack.token, api_url=slack.api_url, env={}, min_interval=0
        ).deliver(subscription, burst, NOW)

    assert all(r.ok for r in results)
    assert len(slack.requests) == len(NASTY) + 1
    for request in slack.requests:
        payload = json.loads(request["raw"])
        assert_inert(payload, {SAFE_URL})
        for scheme in ("javascript:", "vbscript:", "data:text", "file:"):
            assert scheme not in request["raw"].lower()
    # Escaped exactly once: the scraped "R&D &amp; more" shows as written, not as "R&D & more".
    received = "\n".join(text_objects([json.loads(r["raw"]) for r in slack.requests], "mrkdwn"))
    assert slack_escape("R&D &amp; more") in received
    assert "&amp;amp;amp;" not in received
    assert slack_escape("<!channel> Free money") in received


def test_a_notice_to_curators_is_inert_as_received(tmp_path, monkeypatch):
    """A curator notice quotes what a source gave (a reason, an address): the same rule."""
    for name in ("HTTPS_PROXY", "https_proxy", "HTTP_PROXY", "http_proxy"):
        monkeypatch.delenv(name, raising=False)
    curators = Subscription(id="curators", slack={"channel": CHANNEL})
    text = "source ukri failing: HTTP 500 on https://evil.example/@here #general " + " ".join(NASTY)
    with SlackStandIn(channels=[CHANNEL]) as slack:
        channel = SlackChannel(
            open_db(tmp_path / "t.db"), token=slack.token, api_url=slack.api_url, env={}
        )
        assert channel.post_text(curators, text).ok
    (request,) = slack.requests
    assert_inert(json.loads(request["raw"]), set())


def test_console_prints_hostile_text_without_control_characters():
    out = io.StringIO()
    hostile = hostile_alert("\x1b[2J\x1b]0;pwned\x07<!channel> Grant\u202e", "javascript:alert(1)")
    ConsoleChannel(out).deliver(
        Subscription(id="digital_team", slack={"channel": CHANNEL}), [hostile], NOW
    )

    printed = out.getvalue()
    assert all(unicodedata.category(ch) != "Cc" or ch == "\n" for ch in printed)
    assert "\u202e" not in printed and "javascript" not in printed.lower()
    assert "(no safe link)" in printed
    assert (
        "<!channel> Grant" in printed
    )  # a terminal has no mentions: plain text is shown as scraped


def test_console_burst_prints_hostile_text_without_control_characters():
    out = io.StringIO()
    text = "\x1b[2J\x1b]0;pwned\x07<!channel> Grant\u202e"
    alerts = [hostile_alert(text, "javascript:alert(1)", n) for n in range(1, 4)]
    results = ConsoleChannel(out, burst_limit=2).deliver(
        Subscription(id="digital_team", slack={"channel": CHANNEL}), alerts, NOW
    )

    assert all(r.ok for r in results)
    printed = out.getvalue()
    assert printed.count("[fundwatch") == 3  # every alert of the burst, in full
    assert all(unicodedata.category(ch) != "Cc" or ch == "\n" for ch in printed)
    assert "\u202e" not in printed and "javascript" not in printed.lower()
    assert printed.count("(no safe link)") == 3
