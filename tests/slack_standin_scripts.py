"""Scripted answers for the Slack stand-in (tests/slack_standin.py): what the next requests get
instead of what Slack would say, or as Slack would say it but late. Import them from
tests.slack_standin."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any


@dataclass
class Scripted:
    """The answer to one coming request. body None: answer as usual (after `delay`, or once
    released if `held`; with `lands`, the message is posted at once and only the answer is late).
    `reset`: the answer is cut off: its status line, headers and a few bytes of body, then the
    connection is reset (TCP RST), as a proxy or load balancer dropping it does."""

    status: int = 200
    body: dict[str, Any] | str | None = None
    headers: dict[str, str] = field(default_factory=dict)
    delay: float = 0.0
    lands: bool = False
    held: bool = False
    reset: bool = False


def rate_limited(retry_after: int = 1) -> Scripted:
    return Scripted(429, {"ok": False, "error": "ratelimited"}, {"Retry-After": str(retry_after)})


def server_error(status: int = 500) -> Scripted:
    # Slack's edge answers 5xx with an HTML page, not JSON.
    return Scripted(status, "<html><body><h1>Internal Server Error</h1></body></html>")


def stall(seconds: float) -> Scripted:
    """Answer normally, but only after `seconds` (longer than a client's timeout, typically)."""
    return Scripted(delay=seconds)


def lands_late(seconds: float) -> Scripted:
    """Post the message now, but answer only after `seconds`: a client that timed out first
    cannot tell it was posted."""
    return Scripted(delay=seconds, lands=True)


def held() -> Scripted:
    """Answer normally, but only once the test calls release(): a post in flight for as long as
    the test needs (to signal the sender mid-post), ended by the test, not by a timer."""
    return Scripted(held=True)


def reset_mid_answer(lands: bool = False) -> Scripted:
    """The connection is reset part-way through the answer; with `lands`, after the message was
    posted (the client cannot tell which)."""
    return Scripted(lands=lands, reset=True)
