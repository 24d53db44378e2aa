"""Pure: what a date of several in one field is for, from its own words.

A closing-date field often carries the call's whole timetable: "Opens: 1 February 2027. Closes: 5pm
on 31 March 2027. Decisions by June 2027.", "Launch: 11 January 2027 | Deadline: 5 March 2027 |
Outcome: May 2027". Read as a list of deadlines, the earliest won, so the opening date was stored
as the closing one. A date whose words name another event (an opening, a launch, a decision, a
panel, a webinar, a project's start or end) is no deadline; the others are (dates._parse_several).

And "EOI deadline 8 January 2027 – full bids (by invitation) 5 March 2027" is two stages, not a
window from one date to the other: a dash before a later stage's words joins two deadlines.
"""

from __future__ import annotations

import re

from config.lazy_pattern import lazy_pattern

_OTHER_EVENT = lazy_pattern(
    r"\b(?:opens?|opening|opened|launch(?:es|ed)?|go(?:es)?\s+live|decisions?|outcomes?|results?|"
    r"notif(?:y|ied|ication)|announce(?:d|ment)?|panels?|webinars?|workshops?|briefings?|"
    r"interviews?|shortlist(?:ing|ed)?|(?:information\s+|drop-in\s+)?sessions?|events?|"
    r"(?:grants?|funding|awards?)\s+(?:are\s+|will\s+be\s+)?(?:awarded|paid|announced)|awarded|"
    r"(?:projects?|works?|activit(?:y|ies)|delivery)\s+(?:must\s+)?(?:start|begin|end|"
    r"finish|be\s+completed|complete)|spent|spend)\b",
    re.IGNORECASE,
)
_CLOSING = lazy_pattern(r"\b(?:clos(?:e|es|ing)|deadline|due|submit|apply|until)\b", re.IGNORECASE)
_LATER_STAGE = lazy_pattern(
    r"\b(?:(?:stage|phase)\s*(?:2|two|ii)|second\s+stage|full\s+(?:applications?|bids?|proposals?|"
    r"submissions?|business\s+cases?)|final\s+(?:applications?|bids?|proposals?))\b",
    re.IGNORECASE,
)


def other_event(words: str) -> bool:
    """Whether a date's own words ("Opens:", "Decisions by", "Panel meets:") make it the date of
    something other than a deadline (not when they also say it closes: "Opening round closes")."""
    return _OTHER_EVENT.search(words) is not None and _CLOSING.search(words) is None


def later_stage(words: str) -> bool:
    """Whether a date's own words ("full bids", "Stage 2") name a stage after the first."""
    return _LATER_STAGE.search(words) is not None


_OPENING_WORD = lazy_pattern(r"\b(?:open(?:s|ed|ing)?|launch(?:es|ed)?)\b", re.IGNORECASE)
_FIGURE = lazy_pattern(r"\d")


def led_by_other_event(words: str) -> bool:
    """Whether the words before a field's first figure name another event than the call's opening
    ("Information session: 14 January 2027, 6pm; Closing date: To be confirmed"): its first date
    is then neither the call's opening nor the start of a window."""
    figure = _FIGURE.search(words)
    lead = words[: figure.start()] if figure else words
    return other_event(lead) and not _OPENING_WORD.search(lead)
