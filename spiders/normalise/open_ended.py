"""Pure: does a closing-date field say the call has no deadline? ("Rolling – no deadline",
"Open all year", "Ongoing", "Until funds are fully committed".) Such a call is open while it is
listed, though no date can be read from the field."""

from __future__ import annotations

import re

from config.lazy_pattern import lazy_pattern
from spiders.normalise.date_roles import led_by_other_event
from spiders.normalise.text import SPACES

_OPEN_ENDED = lazy_pattern(
    r"\b(?:rolling|ongoing|on-?going|open[\s-]+ended|continuous(?:ly)?|"
    r"no\s+(?:fixed\s+|set\s+|closing\s+)?(?:deadline|closing\s+date|end\s+date)|"
    r"(?:open\s+)?all\s+(?:year(?:\s+round)?|the\s+year)|year[\s-]+round|any\s*time|"
    r"until\s+(?:further\s+notice|(?:all\s+)?(?:the\s+)?(?:funds?|funding|budget|money)\b)|"
    r"while\s+(?:funds?|funding|budget)\s+(?:last|remain)s?|"
    # Welsh, on a fund a bilingual site has not translated: "Treigl" (rolling; "rhaglen dreigl"),
    # "parhaus" (ongoing), "unrhyw bryd" (any time), "dim dyddiad cau" (no closing date),
    # "trwy gydol y flwyddyn" (all year round).
    r"[td]reigl|parhaus|unrhyw\s+bryd|dim\s+dyddiad\s+cau|(?:trwy|drwy)\s+gydol\s+y\s+flwyddyn)",
    re.IGNORECASE,
)
# A field that names a date or says the call is shut is not open-ended, whatever else it says.
_NOT_OPEN = lazy_pattern(
    # "ar gau", "wedi cau": closed, in Welsh.
    r"\b(?:closed|paused|suspended|ar\s+gau|wedi\s+cau|\d{1,2}\s+[a-z]{3,}\s+\d{4}|\d{4}-\d{2})",
    re.I,
)


# A deadline field answered "None" ("Next deadline: none – we decide small grants every month"):
# there is none. Not "none yet" or "none set so far", which are a date still to come.
_NONE = lazy_pattern(r"^none\b(?!\s+(?:yet|set|announced|confirmed|given|at\s+present))", re.I)


def open_ended(text: str | None) -> bool:
    """True when a closing-date field says there is no deadline (and names no date)."""
    if not text:
        return False
    words = SPACES.sub(" ", text).strip()
    said = _OPEN_ENDED.search(words) or _NONE.match(words)
    return bool(said) and not _NOT_OPEN.search(words)


# Where a window's start ends and its open end begins: a dash, a comma or semicolon, or "to",
# "until", "till" (kept with the end: "until further notice" is open-ended words of its own).
_WINDOW_JOIN = lazy_pattern(r"\s*[–—]\s*|\s+-\s+|\s*[,;]\s*|\s+(?=(?:to|until|till)\b)", re.I)
_FIGURE = lazy_pattern(r"\d")
_ALTERNATIVE = lazy_pattern(r"\b(?:or|and)$", re.I)
# "1 Apr 2026 – TBC", "Opens 1 April 2027 – closing date TBC": a window whose end is still to be
# set. After a range's dash or "to"/"until" a bare "TBC" is that end; with any join, an end that
# names the closing date ("closing date TBC") is. A spaced hyphen or a comma before a bare "TBC"
# ("3 February 2027 at 5pm - to be confirmed", "3 February 2027, TBC") marks the date as one that
# may move (date_words.py), and so does a label calling the date the closing one ("Closes: …").
_UNSET = r"(?:tbc|tba|to\s+be\s+(?:confirmed|announced|agreed|set)|not\s+yet\s+(?:set|known|confirmed))\.?$"
_UNSET_END = lazy_pattern(r"(?:(?:to|until|till)\s+)?" + _UNSET, re.I)
_UNSET_CLOSING = lazy_pattern(
    r"(?:(?:closing|end|close)\s+date|deadline|clos(?:es|ing))\s*(?:is\s+)?:?\s*" + _UNSET, re.I
)
_RANGE_DASH = lazy_pattern(r"[\u2013\u2014]")
_RANGE_WORD = lazy_pattern(r"(?:to(?!\s+be\b)|until|till)\b", re.I)
_CLOSING_LEAD = lazy_pattern(r"\b(?:clos\w*|deadline|due|submi\w*)\b", re.I)


def open_window_start(text: str | None) -> str | None:
    """The start of a window whose end is no date ("Open: 1 Apr 2026 – ongoing", "Opens 1 April
    2026, no closing date", "1 April 2026 until further notice"), else None.

    Such a field opens on its start and has no deadline. Read whole, its open-ended words made it
    no date at all (the opening was lost), or its one date was taken for the deadline too (a call
    open since April read closed that day)."""
    if not text or led_by_other_event(text):
        return None  # a session's date before "Closing date: TBC" opens nothing
    for join in reversed(list(_WINDOW_JOIN.finditer(text))):
        head, tail = text[: join.start()].strip(), text[join.end() :].strip()
        if _FIGURE.search(tail):
            return None  # the end names a date (or more): a window, read as one
        if head.count("(") > head.count(")") or _ALTERNATIVE.search(head):
            continue  # "31 March 2027 (or until funds are spent)": a deadline's alternative
        # The end must be the open-ended words ("31 March 2027, or until funds run out" closes).
        if head and _FIGURE.search(head) and _OPEN_ENDED.match(tail) and open_ended(tail):
            return head
        if head and _FIGURE.search(head) and _unset_end(join, head, tail):
            return head
    return None


def _unset_end(join: re.Match, head: str, tail: str) -> bool:
    """Whether `tail`, after `join`, is a window's end still to be set ("1 Apr 2026 – TBC")."""
    if _UNSET_CLOSING.match(tail):
        return True
    lead = head[: _FIGURE.search(head).start()]
    return (
        bool(_UNSET_END.match(tail))
        and (_RANGE_DASH.search(join[0]) is not None or _RANGE_WORD.match(tail) is not None)
        and not _CLOSING_LEAD.search(lead)
    )
