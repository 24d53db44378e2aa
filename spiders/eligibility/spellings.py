"""Eligibility text as the patterns read it, with what scraping and typing leave behind tidied away:
HTML entities that survived as text ("Who can apply:&nbsp;• Local authorities", "apply&#58;"), line
break tags ("Who can apply:<br>Local authorities<br>Charities": each a line, as on the page) and the commonest
misspellings of the words the rules turn on ("eligable", "Local Authorites").

Every change keeps the text's length, so offsets still point into the text as written and quotes are
taken from it unchanged.
"""

from __future__ import annotations

import re

from config.lazy_pattern import lazy_pattern

# An entity is blanked (its "&" kept when it stood for one), so "apply:&nbsp;•" reads "apply:      •".
_ENTITY = lazy_pattern(r"&(?:nbsp|#160|#xa0|ensp|emsp|thinsp|amp);", re.IGNORECASE)
# A numbered entity for a printable character reads as that character, padded: "&#58;" is ":    ".
# Inside a word the padding goes after the word, so "can&#8217;t" reads "can't" and spaces.
_NUMBERED = lazy_pattern(r"&#(?:(\d{2,5})|x([0-9a-f]{2,4}));([^\W\d_]*)", re.IGNORECASE)
_STRAIGHT = {"\u2018": "'", "\u2019": "'", "\u201c": '"', "\u201d": '"'}  # as fold straightens them
# A line break or list item tag is a line break, padded: "<br>" is "\n   ".
_BREAK_TAG = lazy_pattern(r"</?(?:br|li|ul|ol|p|div)\s*/?>", re.IGNORECASE)
# Misspellings of the same length as the word meant.
_SAME_LENGTH = lazy_pattern(r"\b(?:eligable|elegible|eligibile)\b", re.IGNORECASE)
_MEANT = {"eligable": "eligible", "elegible": "eligible", "eligibile": "eligible "}


def _entity(match: re.Match[str]) -> str:
    found = match.group()
    return ("&" if found.lower() == "&amp;" else " ") + " " * (len(found) - 1)


def _numbered(match: re.Match[str]) -> str:
    code = int(match.group(1)) if match.group(1) else int(match.group(2), 16)
    found = match.group()
    char = chr(code) if chr(code).isprintable() else " "
    rest = match.group(3)
    return _STRAIGHT.get(char, char) + rest + " " * (len(found) - 1 - len(rest))


def _respelt(match: re.Match[str]) -> str:
    meant = _MEANT[match.group().lower()]
    return meant.capitalize() if match.group()[0].isupper() else meant


def tidy(plain: str) -> str:
    """`plain` with entities blanked and misspellings put right, the same length as it was."""
    if "&" in plain:
        plain = _NUMBERED.sub(_numbered, _ENTITY.sub(_entity, plain))
    if "<" in plain:
        plain = _BREAK_TAG.sub(lambda found: "\n" + " " * (len(found.group()) - 1), plain)
    return _SAME_LENGTH.sub(_respelt, plain)
