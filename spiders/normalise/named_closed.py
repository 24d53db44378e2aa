"""Pure: a summary saying the call itself, by its name, closed: "The family hubs capital grant
closed on 31 October 2026." (a GOV.UK news item titled "Family hubs capital grant: round closed").
status.py's summary rules take only "the/this <noun>" with nothing between, so that "The previous
round closed on 3 March 2026" says nothing of this call; here the words between are the call's
own, every one of them in its title."""

from __future__ import annotations

import re

from config.lazy_pattern import lazy_pattern
from spiders.normalise.calendar_words import MONTH

_NAMED_CLOSED = lazy_pattern(
    r"(?:^|[.!?;]\s+)(?:the|this)\s+(?P<name>(?:[\w'-]+\s+){1,6}?)(?:fund|scheme|programme|grants?|"
    r"round|call|competition|funding|opportunity)\s+(?:(?:is|has)\s+(?:now\s+)?closed\b|(?:has\s+)?"
    rf"closed\s+(?:on\s+)?(?:[a-z]+day\s+)?\d{{1,2}}(?:st|nd|rd|th)?\s+{MONTH}[a-z]*\b)",
    re.IGNORECASE,
)
_WORD = lazy_pattern(r"[\w'-]+")


def named_call_closed(summary: str | None, title: str | None) -> str | None:
    """ "closed" when a sentence of the summary says the call its title names closed (is now
    closed, or closed on a day); else None."""
    if not summary or not title:
        return None
    titled = {word.lower() for word in _WORD.findall(title)}
    for found in _NAMED_CLOSED.finditer(summary):
        if {word.lower() for word in _WORD.findall(found["name"])} <= titled:
            return "closed"
    return None
