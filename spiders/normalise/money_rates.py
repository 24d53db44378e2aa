"""Pure: a pound figure that is a rate per head or per unit of time, not an award.

"£40 per child per day", "£145 per pupil", "£7.50 per hour", "£1,000 per learner": what such a grant
comes to depends on how many children, pupils, hours or days, so the figure is no award's size, cap
or floor, and no pot. Read as min = max it made a £2,500-per-pupil allocation a £2,500 call, which a
subscription's min_amount of £10,000 dropped. A cap per applicant beside it ("£40 per child per day,
up to £8,000 per setting") is the award's cap. A year (or month) is how long an award runs, not a
rate ("£25k a year for up to 3 years" stays one award), nor is a project, council, school or place
(money_cues.py reads those as each award's); "per participant" is left alone too: Innovate UK's
participant is an organisation in a consortium.
"""

from __future__ import annotations

import re

# Heads counted: people a service reaches, never an applicant organisation.
_HEADS = (
    r"(?:head|child|children|pupils?|persons?|people|learners?|students?|residents?|"
    r"young\s+persons?|adults?|visitors?|attendees?|patients?|beneficiar(?:y|ies)|clients?|"
    r"service\s+users?|apprentices?|trainees?|carers?|famil(?:y|ies)|individuals?)(?!['\u2019])"
)
_TIME = r"(?:hour|hr|day|night|session|week|meal|mile|km|visit|journey|trip)"
# Right after the figure: "per (eligible) child", "a day", "an hour", "/hour", "pp", "per head".
_RATE_AFTER = re.compile(
    rf"\s*(?:(?:per|a|an|for\s+each|for\s+every)\s+(?:[a-z-]+\s+)?{_HEADS}\b|"
    rf"(?:per|a|an)\s+{_TIME}\b|/\s*{_TIME}\b|/\s*{_HEADS}\b|p\.?p\.?\b)",
    re.IGNORECASE,
)


def is_rate(text: str, end: int) -> bool:
    """Whether the words right after a figure ending at `end` make it a rate per head or per unit of
    time ("£40 per child per day"), not an award."""
    return _RATE_AFTER.match(text, end) is not None
