"""Pure: a deadline that a call's text changes, and one that was another round's.

"The original deadline of 12 March 2027 has been extended to 26 March 2027": the date a change names
replaces the one before it. The change may come in a later sentence of its own: "… published on 2
October 2026 with a closing date of 27 November 2026. The closing date has now been extended to 4pm
on 11 December 2026." read the first date. And "The previous deadline was 1 October 2026", "Last
year's closing date was 7 March 2026" name a past round's date, not this call's.
"""

from __future__ import annotations

import re

from config.lazy_pattern import lazy_pattern

# The verb that moves a deadline, and the word before its new date (dates_in_text.py reads the new
# date after a label by it too: "The deadline has been extended to 26 March 2027").
CHANGE = (
    r"(?:extended|moved|changed|postponed|pushed\s+back|brought\s+forward|revised|amended)\s+"
    r"(?:to|until|till)\s"
)
# "5 March 2027 - extended to 19 March 2027", "now 19 March", "new deadline …": words that say a
# field's date gave way to another (dates.py: the later date is the deadline; one_field_window.py:
# the earlier is no window's start).
REPLACES = lazy_pattern(
    r"\b(?:now|extended|revised|postponed|delayed|moved|changed|amended|rescheduled|new\s+"
    r"(?:deadline|closing\s+date|date))\b",
    re.IGNORECASE,
)
# "… was 5 March 2027 but has been extended to 19 March 2027": right after the first date.
_CHANGED_TO = lazy_pattern(
    r"\s*,?\s*(?:but\s+|and\s+)?(?:(?:has|have)\s+(?:now\s+)?been\s+|was\s+|is\s+(?:now\s+)?|now\s+)?"
    + CHANGE,
    re.IGNORECASE,
)
# A label's own words that announce the change: "The closing date has now been extended to …".
_ANNOUNCED = lazy_pattern(
    r"(?:(?:has|have)\s+(?:now\s+)?been\s+|is\s+now\s+|now\s+)" + CHANGE, re.IGNORECASE
)
_FORMER = lazy_pattern(
    r"\b(?:previous|original|old|earlier|former|prior|last\s+year['’]?s|(?:last|previous|first)\s+"
    r"round['’]?s|previously,?\s+(?:the|our|its)(?:\s+closing)?)\s+$",
    re.IGNORECASE,
)


def changed_to(text: str, end: int) -> int | None:
    """Where the new date begins when the words after a date (ending at `end`) change it."""
    found = _CHANGED_TO.match(text, end)
    return found.end() if found else None


def announces_change(text: str, start: int, end: int) -> bool:
    """Whether a label's words between `start` and its date at `end` say the date was changed."""
    return _ANNOUNCED.search(text, start, end) is not None


def former(text: str, label: int) -> bool:
    """Whether the words right before a label make its date another round's ("previous deadline")."""
    return _FORMER.search(text, max(0, label - 30), label) is not None
