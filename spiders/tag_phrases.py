"""A tag rule's `except_in` phrases: found, then blanked, so their words do not count for `any` and
`all` (spiders/tagging.py reads the rest).

In `except_in`, "Changing Places … retrofit*" (or "...") is the two ends a few words apart within one
sentence, a colon or dash between them or not. "Changing Places toilets: retrofit grants" holds no
phrase "retrofit Changing Places", so its net zero tag stood; the words of one title belong
together wherever its punctuation falls.
"""

from __future__ import annotations

import re
from functools import lru_cache

from config.keywords import GAP, KeywordSet, Text, any_of, fold, keyword_pattern, prepare
from config.lazy_pattern import lazy_pattern

_NEAR = lazy_pattern(r"\s*(?:\u2026|\.\.\.)\s*")
# The words between are no part of the phrase and still count ("Changing Places and heat pump
# retrofit grants" is net zero by its heat pumps): captured, to be kept when the ends are blanked.
_BETWEEN = r"((?:[^\w.!?]+\w+){0,3}?[^\w.!?]+)"
_GAP = lazy_pattern(GAP)
# The two letters a case-insensitive pattern's ASCII "i" matches whose case-folded form does not
# hold an "i" where the pattern's does ("İ" folds to "i" and a combining dot, "ı" stays "ı"): in a
# text holding one, a phrase is looked for without the literal test below.
_DOTTED_I, _DOTLESS_I = "\u0130", "\u0131"


def _kept_between(match: re.Match[str]) -> str:
    """A found phrase blanked, but for the words between a near pair's ends."""
    return " " + " ".join(words for words in match.groups() if words) + " "


def _literals(ends: list[str]) -> tuple[str, ...]:
    """The words every match of these ends must hold, case-folded: the literal parts of their
    patterns. Only ASCII ones: a case-insensitive match of an ASCII literal is found in the text's
    case-folded form (but for the two i's below); of other letters, not always."""
    words = []
    for end in ends:
        for part in _GAP.split(fold(end).strip().rstrip("*")):
            if part and part.isascii():
                words.append(part.casefold())
    return tuple(words)


@lru_cache(maxsize=256)
def _alternation(sources: tuple[str, ...]) -> re.Pattern[str] | None:
    return any_of(sources)


class ExceptPhrases:
    """A rule's `except_in`: a set to find them fast (a near pair by its first end), then each
    phrase's pattern tried only when the text holds all its words. One alternation of every phrase
    ran over the whole text of every call naming a retrofit (net zero's 13 phrases, lazy gaps
    between ends): most of tagging's time for such calls. An alternative that cannot match anywhere
    changes nothing when left out, so the phrases left are one alternation in the same order, and
    blank exactly what the whole one blanked."""

    def __init__(self, keywords: list[str]):
        finders, phrases = [], []
        for keyword in keywords:
            ends = [end for end in _NEAR.split(keyword) if keyword_pattern(end)]
            if len(ends) < 2:
                end = ends[0] if ends else keyword
                finders.append(end)
                phrases.append((frozenset(_literals([end])), keyword_pattern(end)))
                continue
            finders.append(ends[0])
            source = _BETWEEN.join(f"(?:{keyword_pattern(end)})" for end in ends)
            phrases.append((frozenset(_literals(ends)), source))
        self.finder = KeywordSet(finders)
        self.phrases = tuple((words, source) for words, source in phrases if source)
        # Each word once: net zero's 13 phrases share 8.
        self.words = frozenset(word for words, _ in self.phrases for word in words)

    @property
    def empty(self) -> bool:
        return not self.phrases

    def blanked(self, text: Text) -> Text:
        """`text` with every phrase blanked (the same Text when none is in it)."""
        if not self.finder.search(text):
            return text
        folded, lowered = text.folded, text.lowered
        if _DOTTED_I in folded or _DOTLESS_I in folded:
            sources = tuple(source for _, source in self.phrases)
        else:
            present = {word for word in self.words if word in lowered}
            sources = tuple(source for words, source in self.phrases if words <= present)
        pattern = _alternation(sources) if sources else None
        if pattern is None:
            return text  # no phrase can be there: blanking would change nothing
        # Rare, so the text is prepared again only then: the rest of it is what counts.
        return prepare(pattern.sub(_kept_between, folded))
