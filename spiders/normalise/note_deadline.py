"""A note's terse deadline in running text, no verb: "Expressions of interest by 5pm 15/01/2027",
"Applications by noon on Friday 5 March", "Full applications by 5pm on 28 May 2027".

One alternative of dates_in_text.py's closing labels, kept here as that module is at its size
limit. A time or a day must follow ("applications by councils" is who applies), and it must open
its sentence or note: "We will announce successful bids by 30 June 2027" is no deadline. A stage's
own word may lead it ("Full applications by …", "Stage 2 applications by …").
"""

from __future__ import annotations

from spiders.normalise.calendar_words import MONTH

_WHO = (
    r"(?:(?:full|final|completed|outline|stage\s+(?:[12]|one|two))\s+)?(?:applications?|bids?|"
    r"proposals?|submissions?|expressions?\s+of\s+interest|eois?|entries|nominations?)"
)
# What must follow "by": a clock time, a numeric or day-month date, a clock word or a weekday.
_WHEN_FOLLOWS = (
    r"(?=\s+(?:\d{1,2}(?:[.:]\d\d)?\s*(?:[ap]\.?m\b|noon|midday)|\d{1,2}:\d\d\b|\d{1,2}/\d{1,2}/|"
    r"\d{1,2}(?:st|nd|rd|th)?\s+" + MONTH + r"|midday|noon|midnight|"
    r"(?:mon|tues|wednes|thurs|fri|satur|sun)day\b))"
)
# The lookbehind: no word (or closing bracket) and a space just before, so the subject opens its
# sentence or note; the first letters any subject can begin with are checked before it, as this is
# tried at every word of every text.
NOTE_DEADLINE = rf"(?=[abcefnops])(?<![\w'’)]\s){_WHO}\s+(?:by|no\s+later\s+than){_WHEN_FOLLOWS}"
