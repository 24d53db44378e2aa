"""Scraped text made inert for an Adaptive Card's TextBlock and Fact, which Teams reads as Markdown.

Teams renders a CommonMark subset in `TextBlock.text`, `Fact.title` and `Fact.value` (bold, italic,
lists, `[label](url)` links) and turns bare URLs into links of its own. Scraped text must form
none of these, so every scraped string goes through `inline` (`escape.clean` first: one line, no
control or bidi characters, capped; then `markdown`):

1. Links are broken structurally, not only by escapes. A WORD JOINER (U+2060: invisible, no line
   break) goes into `://`, after `@` and after a `.` that starts a word, so no linkifier finds a
   scheme, an address or a bare domain (`evil.example`). `[`, `]`, `(`, `)` and `<` are
   backslash-escaped, which also means `](` never appears: a client that ignores escapes still
   sees no link syntax, only a stray backslash.
2. Formatting is escaped with CommonMark backslash escapes: `\\ * _ ` [ ] ( ) # > < ~`, an `&` that
   starts an entity, and a leading `-`, `+` or `1.` that would start a list. (Escaping also stops
   `{{DATE(…)}}`, the card's own date function, from being evaluated.)

Teams clients do not all honour escapes alike (microsoft/AdaptiveCards#5590): the worst case is a
visible backslash, never a link or formatting. Text fundwatch writes itself is not escaped; only
the real call link ever becomes clickable, as the card's Action.OpenUrl.
"""

from __future__ import annotations

import re

from config.lazy_pattern import lazy_pattern
from notifier.channels.escape import clean

WORD_JOINER = "\u2060"

_ESCAPED = frozenset("\\*_`[]()#><~")
# Where a linkifier would start: a scheme's `://`, an address's `@`, a domain's `.tld`.
_LINKABLE = lazy_pattern(r"(?<=:)(?=//)|(?<=@)(?=\w)|(?<=\.)(?=[^\W\d_])")
_ENTITY = lazy_pattern(r"&(?=#?\w+;)")
_LIST_START = lazy_pattern(r"^(\s*)(?:([-+])|(\d+)([.)]))")


def defang(text: str) -> str:
    """A WORD JOINER wherever a linkifier would begin a link: `http:⁠//`, `a@⁠b`, `evil.⁠example`."""
    return _LINKABLE.sub(WORD_JOINER, text)


def _list_start(match: re.Match[str]) -> str:
    lead, bullet, number, mark = match.groups()
    return f"{lead}\\{bullet}" if bullet else f"{lead}{number}\\{mark}"


def markdown(text: str | None) -> str:
    """Text as inert Adaptive Card Markdown (see the module docstring); nothing else changes."""
    if not text:
        return ""
    escaped = "".join(f"\\{ch}" if ch in _ESCAPED else ch for ch in defang(text))
    escaped = _ENTITY.sub("\\\\&", escaped)
    return _LIST_START.sub(_list_start, escaped, count=1)


def inline(text: str | None, limit: int) -> str:
    """Scraped text for a card: cleaned and capped at `limit` characters first (so a cut never
    splits an escape), then made inert."""
    return markdown(clean(text, limit))
