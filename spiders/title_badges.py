"""A status badge inside the title's element: `<h3 class="panel-title">Rural Halls Fund <span
class="label label-success">Open for applications</span></h3>` (Bootstrap's `.label`/`.badge`, a
GOV.UK `govuk-tag` in a heading, a portal's programme panels). `::text` reads an element's words
with its inline children's, as the README says, so the badge's words became part of the call's
name ("Rural Halls Fund Open for applications"), a name that changes as the status does and
matches no other source's (round 29's `flexigrant_programme_panels`). The badge is the status,
not the name: its words are taken off the title's end (or start) and given as the status when
the entry reads none. A badge that is a note of the post ("New", "Updated", "Featured", the
words of a leading "NEW:") is taken off too, and gives no status. Only an element with a class inside the title's element whose words are all
a status counts, so "Open Spaces Fund", plain or with its "Open" in <em>, keeps its name.
"""

from __future__ import annotations

import re

from config.lazy_pattern import lazy_pattern
from spiders.normalise.status import NOTE_PHRASE, STATUS_PHRASE
from spiders.title_elements import inline_words, title_elements

_STATUS_BADGE = (
    rf"(?:{STATUS_PHRASE}|(?:now\s+)?open\s+(?:for|to)\s+applications|(?:now\s+)?accepting\s+"
    r"applications|applications\s+(?:open|closed)|closed\s+(?:for|to)\s+(?:new\s+)?applications)"
)
# A badge is a status or a note of the post ("New", "Updated", "Featured"): the words a title's
# leading note is read by (status.NOTE_PHRASE), so "NEW: Arts Fund" and "Arts Fund <span
# class="badge">New</span>" are both the Arts Fund. A note gives no status. "!" as badges shout.
_BADGE_WORDS = rf"(?:{_STATUS_BADGE}|{NOTE_PHRASE})\s*!?"
_BADGE = lazy_pattern(rf"\s*{_BADGE_WORDS}\s*", re.IGNORECASE)
_NOTE_BADGE = lazy_pattern(rf"\s*{NOTE_PHRASE}\s*!?\s*", re.IGNORECASE)
# The cheap tests first, on the title's words: a badge can only be at either end of them, so
# the title's first or last word is one of the badge words. Searching the whole title for a badge
# at its end tried the pattern at every character: 8.5 µs an item, 0.7 ms of a listing page's
# 20 (benchmarks/parse_listing.py), for titles that end in no badge word at all.
_AT_AN_END = lazy_pattern(rf"^\s*{_BADGE_WORDS}\b|\b{_BADGE_WORDS}\s*$", re.IGNORECASE)
_WORD = lazy_pattern(r"[a-z]+")


def _vocabulary(pattern: str) -> frozenset[str]:
    """Every word the pattern can match as a whole word: as written ("re", "opened"), and as its
    optional parts join ("re-?opened": "reopened") or shorten it ("updated?": "update")."""
    joined = pattern.lower().replace("-?", "")
    texts = (pattern.lower(), joined, re.sub(r"[a-z]\?", "", joined))
    return frozenset(w for text in texts for w in _WORD.findall(text) if len(w) > 1)


_VOCABULARY = _vocabulary(_BADGE_WORDS)


def _may_end_in_badge(title: str) -> bool:
    words = _WORD.findall(title.lower())
    if not words or not (words[0] in _VOCABULARY or words[-1] in _VOCABULARY):
        return False
    return _AT_AN_END.search(title) is not None


def title_badges(node, title_selector, title: str | None) -> list[str]:
    """The words of each status badge inside the element `title_selector` reads, in order."""
    if not title or not isinstance(title_selector, str) or not _may_end_in_badge(title):
        return []
    scope = title_selector.strip()
    if not scope.endswith("::text") or scope.startswith("xpath:"):
        return []  # an XPath text() or an attribute reads no child's words
    badges = []
    for element in title_elements(node, scope):  # "::text": the item's own words
        for inner in element.iterdescendants():
            said = inline_words(inner) if isinstance(inner.tag, str) else ""
            # A badge is styled as one (a class: `label`, `badge`, `govuk-tag`, `status-…`);
            # "<em>Open</em> Spaces Fund" is emphasis on the name's own word.
            if said and inner.get("class") and _BADGE.fullmatch(said):
                badges.append(said)
    return badges


def badge_status(badges: list[str]) -> str | None:
    """The first badge that is a status ("Open for applications"), not a note ("New"); or None."""
    return next((words for words in badges if not _NOTE_BADGE.fullmatch(words)), None)


def without_badges(title: str, badges: list[str]) -> str:
    """`title` without each badge's words at its end or start; the title itself if that leaves
    nothing (a call named only by its status is better kept than lost)."""
    rest = title.strip()
    for words in badges:
        if rest.endswith(words):
            rest = rest[: -len(words)].rstrip(" -–—:|")
        elif rest.startswith(words):
            rest = rest[len(words) :].lstrip(" -–—:|")
    return rest.strip() or title
