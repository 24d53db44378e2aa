"""Pure: a pound figure that is a rate per unit of time, not an award.

"£40 per child per day", "£7.50 per hour", "£30 per child per session", "£3–£5 per hour": what such a
grant comes to depends on how many days, hours or sessions are delivered, so the figure is no
award's size, cap or floor, and no pot. Read as min = max it stored a holiday-club place's daily rate
as a £40 award (what a digest showed and an amount filter judged). A cap per applicant beside it
("£40 per child per day, up to £8,000 per setting") is the award's cap.

A figure per head alone stays each one's award, as the house has read it all along: a bursary's
"£1,200 per trainee", "Up to £8,000 per apprentice", "£2,500 per pupil", "up to £500 per head"
(tests/sites, tests/cases/money.yaml). A year or a month is how long an award runs, not a rate
("£25k a year for up to 3 years" stays one award).
"""

from __future__ import annotations

import re

from config.lazy_pattern import lazy_pattern

# Heads counted, which may stand between the figure and its unit of time: "per child per day".
_HEADS = (
    r"(?:head|child|children|pupils?|persons?|people|learners?|students?|residents?|"
    r"young\s+persons?|adults?|visitors?|attendees?|patients?|beneficiar(?:y|ies)|clients?|"
    r"service\s+users?|apprentices?|trainees?|carers?|famil(?:y|ies)|individuals?|places?|"
    # "£60 per participant per session": who takes part is counted as any head is.
    r"participants?|members?|users?|delegates?|volunteers?|guests?|players?|athletes?)"
)
_TIME = r"(?:hour|hr|day|night|session|week|meal|mile|km|visit|journey|trip)"
_PER_TIME = lazy_pattern(
    rf"\s*(?:(?:per|a|an)\s+{_TIME}\b|/\s*{_TIME}\b|(?:per|a|an|for\s+each|for\s+every)\s+"
    rf"(?:[a-z-]+\s+)?{_HEADS}\s+(?:per|a|an)\s+{_TIME}\b)",
    re.IGNORECASE,
)


def is_rate(text: str, end: int) -> bool:
    """Whether the words right after a figure (or range) ending at `end` make it a rate per unit of
    time ("£40 per child per day", "£7.50 per hour"), not an award."""
    return _PER_TIME.match(text, end) is not None
