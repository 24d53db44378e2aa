"""Pure: the sentences of a date field that hold its date, the prose around them set aside.

A curator may point a date field at a callout or a paragraph rather than at the date alone (GOV.UK's
warning text: "Applications close at 12 noon on Friday 29 January 2027. Late applications will not
be accepted."). The reader took the whole for a list of deadlines, and the second sentence for one
that is no date, so the field read as none. A sentence with no figure in it, or none but sums of
money or a round's number, states no date.
"""

from __future__ import annotations

import re

from config.lazy_pattern import lazy_pattern
from spiders.normalise.calendar_words import MONTH_NAME
from spiders.normalise.date_words import WEEK_OF

# A sentence ends at a full stop, ! or ? before a capital: "5pm on 6 November 2026. We are …"
# ("12 p.m. Friday 29 January" parts too, but both halves hold a figure, so nothing is set aside).
_SENTENCE_END = lazy_pattern(r"(?<=[.!?])\s+(?=[A-Z])")
_FIGURE = lazy_pattern(r"\d")
# A sum of money is a figure that states no date: "22 January 2027. Grants of up to £7,500." (a
# list item's facts as sentences after its deadline) kept both, and read as no date at all.
_MONEY = lazy_pattern(r"[£$€]\s?\d[\d,.]*\s*(?:k|m|bn|million|billion)?\b", re.IGNORECASE)
# "Round 1 – closed. Round 2 – opens 1 March 2027, …": a round's or stage's number is its name, no
# date, so a sentence with no other figure states none.
_NUMBERED = lazy_pattern(r"\b(?:round|stage|phase|wave|window|tranche|lot|part)\s+\d{1,2}\b", re.I)
# A year with no month names no day either: "We will publish dates for the next round in spring
# 2027", "… in 2027", "the 2026/27 programme". Such a sentence after "This round closed on 30
# October 2026." kept both as dated, and the field read as no date at all (round 26's GOV.UK
# guidance). A month's year ("Opens March 2027") is a date still.
_YEAR = lazy_pattern(r"\b(?:19|20)\d\d(?:\s*[/-]\s*(?:19|20)?\d\d)?\b")
_MONTHS_YEAR = lazy_pattern(rf"{MONTH_NAME}\s*,?\s*(?:19|20)\d\d\b", re.I)


def dated_sentences(text: str) -> str | None:
    """The field's sentences that hold a figure, when some others hold none; None when there is
    nothing to set aside (one sentence, every sentence dated, or none)."""
    sentences = _SENTENCE_END.split(text)
    kept = [s for s in sentences if _states_date(s)]
    if not kept or len(kept) == len(sentences):
        return None
    return " ".join(kept)


def _states_date(sentence: str) -> bool:
    """Whether the sentence holds a figure that may be a date: not money, a round's number or a
    year alone."""
    words = _NUMBERED.sub("", _MONEY.sub("", sentence))
    return bool(_FIGURE.search(_YEAR.sub("", words)) or _MONTHS_YEAR.search(words))


def without_weeks(text: str) -> str | None:
    """A closing date's field without its sentences that give a week ("w/c 3 May 2027": some day
    that week, not said which, so no deadline); None when nothing else is left. "Closing date: 18
    January 2027. Interviews: w/c 8 February 2027." keeps its first sentence."""
    if not WEEK_OF.search(text):
        return text
    kept = [sentence for sentence in _SENTENCE_END.split(text) if not WEEK_OF.search(sentence)]
    return " ".join(kept) or None
