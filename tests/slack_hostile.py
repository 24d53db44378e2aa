"""Hostile scraped text for the escaping tests: mentions, disguised links, entities, control and
bidi characters, non-http(s) URLs, and a seeded generator of many more; and the check that none
of those invisible characters reached a payload."""

from __future__ import annotations

import random
import unicodedata
from datetime import UTC, datetime

from notifier.alerts import Alert, OpportunityView

NOW = datetime(2026, 11, 25, 9, 0, tzinfo=UTC)
CHANNEL = "C0FUNDING1"
SAFE_URL = "https://www.ukri.org/opportunity/net-zero-places/?utm=1&ref=2"

NASTY = [
    "<!channel> Free money",
    "<!here>",
    "<!everyone> hi",
    "<@U123> look at this",
    "<#C024BE7LR>",
    "<!subteam^S0614TZR7|@council-team>",
    "<https://evil.example|gov.uk>",
    "<https://evil.example|gov.uk grant>",
    "<script>alert(1)</script>",
    "R&D &amp; more",
    "&lt;!channel&gt;",
    "a|b>c<d",
    "<!date^1^{date}|x>",
    "<mailto:x@evil.example|Reply>",
    "\u202e<!channel>",
    "line\n<!here>\r\n<@U123>",
    "*bold* _it_ ~s~ `code` >>> quote",
]

HOSTILE_URLS = [
    "javascript:alert(1)",
    " JaVaScRiPt:x",
    "\tjava\nscript:alert(1)",
    "data:text/html,<script>alert(1)</script>",
    "//evil.example/x",
    "vbscript:msgbox(1)",
    "https://evil.example|gov.uk",
    "https://gov.uk/<!channel>",
    "file:///etc/passwd",
    "",
]

FRAGMENTS = [
    "&",
    "<",
    ">",
    "|",
    "!",
    "@",
    "^",
    "amp;",
    "lt;",
    "gt;",
    " ",
    "£",
    "\n",
    "<!",
    "<@",
    "|gov.uk>",
]
FRAGMENTS += ["https://evil.example", "channel", "here", "U123", "\u202e", "\x1b[2J", "*", "_"]


def generated(count: int = 250, seed: int = 20261125) -> list[str]:
    rng = random.Random(seed)
    return ["".join(rng.choices(FRAGMENTS, k=rng.randint(1, 14))) for _ in range(count)]


def slack_escape(text: str) -> str:
    """Slack's rule, written out independently of the code under test."""
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def hostile_alert(
    text: str, url: str = SAFE_URL, outbox_id: int = 1, event: str = "changed"
) -> Alert:
    opportunity = OpportunityView(
        id=f"opp-{outbox_id}",
        title=text,
        url=url,
        funder=text,
        summary=text,
        opens_at=datetime(2026, 11, 2, 9, 0, tzinfo=UTC),
        closes_at=datetime(2027, 1, 12, 16, 0, tzinfo=UTC),
        amount_text=text,
        status=text,
        eligibility=text,
        council_eligible="unclear",
        eligibility_phrase=text,
        tags=(text, "digital"),
        sources=(text,),
        tag_labels=(text, "Digital"),
    )
    changes = {"title": ("Old title", text), "eligibility": (text, "Councils")}
    return Alert(
        outbox_id=outbox_id,
        subscription_id="digital_team",
        event=event,
        opportunity=opportunity,
        changes=changes,
    )


BIDI = set("\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069\u200e\u200f\u061c")


def strings_in(value) -> list[str]:
    """Every string anywhere in a JSON-like payload."""
    if isinstance(value, dict):
        return [s for v in value.values() for s in strings_in(v)]
    if isinstance(value, list):
        return [s for v in value for s in strings_in(v)]
    return [value] if isinstance(value, str) else []


def assert_no_hidden_characters(payload) -> None:
    """No ESC, NUL, DEL, C1 or bidi control anywhere; a newline only where we break mrkdwn lines."""
    for text in strings_in(payload):
        for ch in text:
            assert ch == "\n" or unicodedata.category(ch) != "Cc", f"control in {text[:80]!r}"
            assert ch not in BIDI, f"bidi control in {text[:80]!r}"
