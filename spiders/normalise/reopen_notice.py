"""Pure: an offer to tell readers when a closed call reopens, set aside from its status.

"Currently closed. Sign up to our newsletter to hear when it reopens." names no time to come: the
call is closed and nobody knows when it will be back. Its "reopens" was read as a reopening planned,
so the call was stored as upcoming and councils waited for a round that has no date. Only a
reopening someone will be told of, with no time after it, is set aside; "… when it reopens in spring
2027" still names one, and a fund not yet open ("… to be told when the fund opens") is unchanged.
"""

from __future__ import annotations

from config.lazy_pattern import lazy_pattern

_TOLD_WHEN_REOPENS = lazy_pattern(
    r"\b(?:hear|know|find\s+out|learn|be\s+(?:told|notified|informed|alerted)|(?:let|tell)\s+you(?:\s+know)?)"
    r"\s+when\s+(?:it|(?:the|this|our)\s+(?:[\w-]+\s+){0,2}?(?:fund|call|scheme|programme|round|"
    r"competition|grants?|applications))\s+(?:re-?opens?|(?:is|are)\s+re-?opened)\b"
    r"(?!\s+(?:in|on|from|early|late|mid|next|spring|summer|autumn|winter|\d))"
)


def without_reopen_notice(words: str) -> str:
    """The (lower-case) status words without an undated "… hear when it reopens"."""
    return _TOLD_WHEN_REOPENS.sub(" ", words) if "open" in words else words
