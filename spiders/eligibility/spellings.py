"""Eligibility text as the patterns read it, with what scraping and typing leave behind tidied away:
HTML entities that survived as text ("Who can apply:&nbsp;• Local authorities") and the commonest
misspellings of the words the rules turn on ("eligable", "Local Authorites").

Every change keeps the text's length, so offsets still point into the text as written and quotes are
taken from it unchanged.
"""

from __future__ import annotations

import re

# An entity is blanked (its "&" kept when it stood for one), so "apply:&nbsp;•" reads "apply:      •".
_ENTITY = re.compile(r"&(?:nbsp|#160|#xa0|ensp|emsp|thinsp|amp);", re.IGNORECASE)
# Misspellings of the same length as the word meant.
_SAME_LENGTH = re.compile(r"\b(?:eligable|elegible|eligibile)\b", re.IGNORECASE)
_MEANT = {"eligable": "eligible", "elegible": "eligible", "eligibile": "eligible "}


def _entity(match: re.Match[str]) -> str:
    found = match.group()
    return ("&" if found.lower() == "&amp;" else " ") + " " * (len(found) - 1)


def _respelt(match: re.Match[str]) -> str:
    meant = _MEANT[match.group().lower()]
    return meant.capitalize() if match.group()[0].isupper() else meant


def tidy(plain: str) -> str:
    """`plain` with entities blanked and misspellings put right, the same length as it was."""
    if "&" in plain:
        plain = _ENTITY.sub(_entity, plain)
    return _SAME_LENGTH.sub(_respelt, plain)
