"""The Slack stand-in itself answers the way Slack does, in-process and as its own process."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest
from slack_sdk import WebClient
from slack_sdk.errors import SlackApiError

from tests.slack_helpers import CHANNEL

ROOT = Path(__file__).resolve().parent.parent


def test_standin_accepts_form_bodies_and_checks_tokens(slack):
    client = WebClient(token=slack.token, base_url=slack.api_url)
    answer = client.api_call("chat.postMessage", params={"channel": CHANNEL, "text": "hello"})
    assert answer["ok"] and answer["channel"] == CHANNEL and answer["message"]["text"] == "hello"
    assert slack.requests[-1]["headers"]["content-type"].startswith(
        "application/x-www-form-urlencoded"
    )
    again = client.chat_postMessage(channel=CHANNEL, text="again")
    assert float(again["ts"]) > float(answer["ts"])
    with pytest.raises(SlackApiError) as bad:
        client.api_call(
            "chat.postMessage", json={"channel": CHANNEL, "blocks": [{"type": "section"}]}
        )
    assert bad.value.response["error"] == "invalid_blocks"
    with pytest.raises(SlackApiError) as anonymous:
        WebClient(base_url=slack.api_url).chat_postMessage(channel=CHANNEL, text="who?")
    assert anonymous.value.response["error"] == "not_authed"
    assert [p["text"] for p in slack.posts] == ["hello", "again"]


def test_standin_records_thread_replies_and_broadcasts(slack):
    client = WebClient(token=slack.token, base_url=slack.api_url)
    parent = client.chat_postMessage(channel=CHANNEL, text="parent")["ts"]
    client.chat_postMessage(channel=CHANNEL, text="quiet", thread_ts=parent)
    loud = client.chat_postMessage(
        channel=CHANNEL, text="loud", thread_ts=parent, reply_broadcast=True
    )
    client.api_call(  # a form body, as Slack also accepts
        "chat.postMessage",
        params={"channel": CHANNEL, "text": "form", "thread_ts": parent, "reply_broadcast": "true"},
    )
    client.chat_postMessage(channel=CHANNEL, text="top", reply_broadcast=True)  # no thread: ignored

    assert [(p["text"], p["thread_ts"], p["reply_broadcast"]) for p in slack.posts] == [
        ("parent", None, False),
        ("quiet", parent, False),
        ("loud", parent, True),
        ("form", parent, True),
        ("top", None, False),
    ]
    assert loud["message"]["subtype"] == "thread_broadcast"


def test_standin_main_appends_posts_for_other_processes(tmp_path):
    state = tmp_path / "posts.jsonl"
    process = subprocess.Popen(
        [sys.executable, "-m", "tests.slack_standin", "--port", "0", "--state", str(state)],
        stdout=subprocess.PIPE,
        text=True,
        cwd=ROOT,
    )
    try:
        ready = process.stdout.readline()
        api_url = ready.split()[-1]
        assert ready.startswith("ready http://127.0.0.1:")
        client = WebClient(token="xoxb-fundwatch-test-token", base_url=api_url)
        client.chat_postMessage(channel=CHANNEL, text="one")
        client.chat_postMessage(channel=CHANNEL, text="two")
        lines = [json.loads(line) for line in state.read_text().splitlines()]
        assert [(p["channel"], p["text"]) for p in lines] == [(CHANNEL, "one"), (CHANNEL, "two")]
    finally:
        process.terminate()
        assert process.wait(timeout=5) == 0
