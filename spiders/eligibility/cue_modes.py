"""What one lead-in cue makes of its list, YES, NO or PARTNER (regions.py finds the lists): "not"
just before it turns it round ("is not open to"), unless what it denies is a restriction ("not
restricted to"); partner wording before it ("Partnerships led by …", or in its bracket) makes its
list the partners'.
"""

from __future__ import annotations

import re

from config.lazy_pattern import lazy_pattern
from spiders.eligibility.cues import NEGATIVE
from spiders.eligibility.open_lists import NOT_REQUIRED
from spiders.eligibility.partner_cues import PARTNER_WORD
from spiders.eligibility.roles import NAMES_THE_LEAD

YES, NO, PARTNER = "yes", "no", "partner"
REACH = 300  # the most characters a list runs from its lead-in or verb
_NEGATIVE_REACH = 30  # "not" this close before a lead-in turns it round ("is not open to")
# "The consortium must include a local authority": a council required among the members.
_MEMBERS = lazy_pattern(r"(?:consorti(?:a|um)|partnerships?)\b", re.IGNORECASE)
# Denied, a restriction or an exclusion lets in: "not restricted to", "We do not exclude councils".
_RESTRICTION = lazy_pattern(r"(?:restricted|limited|exclusively|solely|exclud\w*)\b", re.IGNORECASE)
_NOT_JUST = lazy_pattern(r"\b(?:not|never|don't|doesn't)\s+(?:only\s+|just\s+)?$", re.IGNORECASE)
_INCLUDE = lazy_pattern(r"\bincludes?\b", re.IGNORECASE)


# "the Local Enterprise Partnership", "a Regional Partnership Board": a body's name, not partner wording.
_NAME_BEFORE = lazy_pattern(r"(?-i:[A-Z])[\w'-]*\s+$")
_LED_BY = lazy_pattern(r"(?:led|headed|fronted)\s+by\b", re.IGNORECASE)


def _partner_word(sentence: str, start: int, end: int) -> bool:
    for found in PARTNER_WORD.finditer(sentence, start, end):
        word_start = found.start()
        named = sentence[word_start].isupper() and _NAME_BEFORE.search(
            sentence, max(start, word_start - 30), word_start
        )
        if not named:
            return True
    return False


def _aside_start(sentence: str, clause_start: int, cue: int) -> int:
    """Where the words before a cue begin: within REACH and its clause, and inside a bracket still
    open at the cue, from the bracket."""
    start = max(clause_start, cue - REACH)
    bracket = sentence.rfind("(", start, cue)
    return bracket + 1 if bracket >= 0 and sentence.find(")", bracket, cue) < 0 else start


def cue_mode(sentence: str, cue: re.Match[str], clause_start: int) -> str:
    """What one lead-in cue makes of its list, read from `clause_start`: YES, NO or PARTNER."""
    if NOT_REQUIRED.fullmatch(cue.group().strip()):
        return YES  # "It is not necessary for the applicant to be a local authority": allowed
    near = max(clause_start, cue.start() - _NEGATIVE_REACH)
    if _RESTRICTION.match(cue.group()) and _NOT_JUST.search(sentence, near, cue.start()):
        return (
            YES  # "This fund is not restricted to local authorities": they are among those let in
        )
    if NEGATIVE.search(sentence, max(clause_start, cue.start() - _NEGATIVE_REACH), cue.end()):
        return NO
    # "Partnerships led by a local authority": whoever a partnership is led by is its lead. A cue
    # inside a bracket reads from the bracket: "Partnerships (applications must be submitted by the
    # lead local authority)" names the applicant in its aside.
    if _partner_word(
        sentence, _aside_start(sentence, clause_start, cue.start()), cue.end()
    ) and not (NAMES_THE_LEAD.search(cue.group()) or _LED_BY.match(cue.group())):
        return PARTNER
    if _MEMBERS.match(cue.group()) and _INCLUDE.search(cue.group()):
        return PARTNER
    return YES
