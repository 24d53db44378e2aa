"""Make scraped text safe for a sink: Slack mrkdwn and links, and a plain terminal.

Slack treats only `&`, `<` and `>` as control characters (docs: "Formatting text"); escaping those
three is what stops scraped text forming `<!channel>`, `<@U…>`, `<!subteam^…>` or a disguised
`<url|label>`. Nothing else is HTML-encoded, or Slack would show the entities literally.
"""

from __future__ import annotations

import re
import unicodedata

from notifier.present import safe_url

ELLIPSIS = "…"

_ENTITIES = {"&": "&amp;", "<": "&lt;", ">": "&gt;"}
# Bidirectional overrides can make a terminal line read differently from its bytes.
_BIDI_CONTROLS = set("\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069\u200e\u200f")
_WHITESPACE_RUN = re.compile(r"[ \t\r\n\f\v]+")


def mrkdwn(text: str | None) -> str:
    """Scraped text as inert Slack mrkdwn: `&`, `<`, `>` become entities, nothing else changes."""
    if not text:
        return ""
    return "".join(_ENTITIES.get(ch, ch) for ch in text)


def clip(text: str | None, limit: int) -> str:
    """`mrkdwn(text)` cut to at most `limit` characters, ending in "…" when cut.

    Cuts between source characters, never inside an entity, so a clipped `&amp;` can't
    leave a bare `&` behind.
    """
    escaped = mrkdwn(text)
    if len(escaped) <= limit:
        return escaped
    budget = max(limit - len(ELLIPSIS), 0)
    out: list[str] = []
    used = 0
    for ch in text or "":
        piece = _ENTITIES.get(ch, ch)
        if used + len(piece) > budget:
            break
        out.append(piece)
        used += len(piece)
    return "".join(out).rstrip() + ELLIPSIS


def one_line(text: str | None) -> str:
    """Runs of whitespace (newlines included) as one space: for labels and list lines."""
    return _WHITESPACE_RUN.sub(" ", text or "").strip()


def link_label(label: str | None) -> str:
    """A label that can sit inside `<url|…>`: escaped, on one line, with no `|` to re-split it."""
    return mrkdwn(one_line(label).replace("|", "\u00a6"))


def link(url: str | None, label: str | None) -> str:
    """`<url|label>` when the URL is http(s); otherwise just the escaped label (no link at all)."""
    text = link_label(label)
    target = safe_url(url)
    if not target:
        return text
    # Slack reads `&amp;` inside a link target as `&`; safe_url has already refused `<`, `>` and `|`.
    return f"<{mrkdwn(target)}|{text or mrkdwn(target)}>"


def terminal(text: str | None) -> str:
    """Scraped text fit for a terminal: no control characters (so no ANSI escapes), one line."""
    flat = one_line(text)
    return "".join(
        ch for ch in flat if unicodedata.category(ch) != "Cc" and ch not in _BIDI_CONTROLS
    )
