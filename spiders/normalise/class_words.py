"""Pure: a status given as CSS classes read as the words they stand for.

Some cards say their status only by a modifier class, shown as a colour (`class="card
card--closed"`, `card--coming-soon`, `is-opening-soon`, `status_open`): a curator's `status:
"::attr(class)"` reads those tokens. Their words are joined by hyphens and underscores, so "coming
soon" in `card--coming-soon` was no status word. Only a value that is all class tokens is
rewritten; words people read ("Open – rolling", "Closing-date passed") are left as written.
"""

from __future__ import annotations

import re

from config.lazy_pattern import lazy_pattern

_TOKENS = lazy_pattern(
    r"[a-z][a-z0-9]*(?:(?:--?|__?)[a-z0-9]+)*(?:\s+[a-z][a-z0-9]*(?:(?:--?|__?)[a-z0-9]+)*)*"
)
_JOINS = lazy_pattern(r"--?|__?")


def class_words(text: str) -> str:
    """'card card--coming-soon' → 'card card coming soon'; anything else as given."""
    stripped = text.strip()
    if (
        "--" not in stripped
        and "__" not in stripped
        and not re.search(r"\b(?:is|has|status|state)[-_]", stripped)
    ):
        return text
    if not _TOKENS.fullmatch(stripped):
        return text
    return _JOINS.sub(" ", stripped)
