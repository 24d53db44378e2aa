"""Make scraped text safe for a sink: Slack mrkdwn and links, and a plain terminal.

`scrub` first, for every sink: one line, with no C0/C1 control characters (ESC, NUL, DEL…) and no
bidi overrides or isolates, which can make text read differently from its bytes. `cap` then cuts
it to the sink's length with "…".

Slack treats only `&`, `<` and `>` as control characters (docs: "Formatting text"); escaping those
three is what stops scraped text forming `<!channel>`, `<@U…>`, `<!subteam^…>` or a disguised
`<url|label>`. Nothing else is HTML-encoded, or Slack would show the entities literally.
"""

from __future__ import annotations

import unicodedata

from config.lazy_pattern import lazy_pattern
from notifier.present import safe_url

ELLIPSIS = "…"

_ENTITIES = {"&": "&amp;", "<": "&lt;", ">": "&gt;"}
# Bidirectional embeddings, overrides, isolates and marks can make a line read differently from its
# bytes (U+202E turns "fdp.exe" around).
BIDI_CONTROLS = frozenset(
    "\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069\u200e\u200f\u061c"
)
# Line breaks of every kind, so a scraped string stays on its line.
_WHITESPACE_RUN = lazy_pattern(r"[ \t\r\n\f\v\x85\u2028\u2029]+")


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
    return mrkdwn(scrub(label).replace("|", "\u00a6"))


def link(url: str | None, label: str | None) -> str:
    """`<url|label>` when the URL is http(s); otherwise just the escaped label (no link at all)."""
    text = link_label(label)
    target = safe_url(url)
    if not target:
        return text
    # Slack reads `&amp;` inside a link target as `&`; safe_url has already refused `<`, `>` and `|`.
    return f"<{mrkdwn(target)}|{text or mrkdwn(target)}>"


def hidden(ch: str) -> bool:
    """A control character or bidi control: never shown, in any sink."""
    return ch in BIDI_CONTROLS or unicodedata.category(ch) == "Cc"


def scrub(text: str | None) -> str:
    """Scraped text on one line with every control character and bidi control removed: line
    breaks and tabs become spaces; ESC, NUL, DEL, the C1 range and U+202E… are dropped."""
    flat = one_line(text)
    if flat.isprintable():  # the common case, in one C-speed pass
        return flat
    return one_line("".join(ch for ch in flat if not hidden(ch)))


def cap(text: str, limit: int) -> str:
    """Text (already scrubbed, not yet escaped) cut to at most `limit` characters, "…" when cut;
    at the end of a word when one ends in the last third, so a title does not end "Commu…"."""
    if len(text) <= limit:
        return text
    cut = text[: max(limit - len(ELLIPSIS), 0)]
    space = cut.rfind(" ")
    if space >= len(cut) * 2 // 3:
        cut = cut[:space]
    return cut.rstrip() + ELLIPSIS


def clean(text: str | None, limit: int) -> str:
    """`cap(scrub(text), limit)`, reading only as much of a huge text (a 200,000-character title)
    as the limit needs: scrubbing a prefix gives a prefix of the scrubbed whole."""
    raw = text or ""
    window = max(limit * 2, 64)
    while True:
        kept = scrub(raw[:window])
        if len(kept) > limit or window >= len(raw):
            return cap(kept, limit)
        window *= 4


def terminal(text: str | None, limit: int | None = None) -> str:
    """Scraped text fit for a terminal: no control characters (so no ANSI escapes), one line,
    and at most `limit` characters when given."""
    return scrub(text) if limit is None else clean(text, limit)


def terminal_line(line: str) -> str:
    """A line of a report for a terminal, its spacing kept (columns stay aligned): every control
    and bidi character dropped, so a page's escape sequences (ESC, C1's CSI) are only letters."""
    if line.isprintable():
        return line
    return "".join(ch for ch in line if not hidden(ch))


def terminal_json(line: str) -> str:
    """A line of JSON (`ensure_ascii=False`, which leaves C1 and bidi controls raw in strings) with
    each such character written as its `\\uXXXX` escape: the same data, inert in a terminal."""
    if line.isprintable():
        return line
    return "".join(f"\\u{ord(ch):04x}" if hidden(ch) else ch for ch in line)
