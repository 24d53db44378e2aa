"""A council named with its answer: right after the council ("Local authorities: not eligible",
"Councils - No", "Can councils apply? No"), or anywhere in an FAQ's question about applying, whose
yes or no after its question mark is the council's ("Can a local authority be the lead applicant?
Yes, provided …", "Can I apply if I am a local authority? No, unfortunately …").
"""

from __future__ import annotations

import re

from config.lazy_pattern import lazy_pattern
from spiders.eligibility.partner_cues import PARTNER_WORD

_I = re.IGNORECASE

# A council named with its answer, as in a table or an FAQ: "Local authorities: not eligible",
# "Councils - No", "Can local authorities apply? No, but they can be partners". The answer must end
# its clause: "local authorities - no more than one bid each" is no answer.
ANSWER = lazy_pattern(
    r"(?:\s+(?:apply|bid|lead|eligible|qualify|be\s+funded))?\s*(?:[?:\-\u2013\u2014]\s*)+"
    r"(?:(?:unfortunately|sadly|regrettably)\s*,?\s*)?(?:(?P<no>no|not(?:\s+eligible)?|ineligible|excluded|"
    r"not\s+permitted|not\s+allowed)|(?P<yes>yes|eligible(?:\s+to\s+(?:apply|bid|lead))?))"
    # "Are councils eligible? No – but they can be partners": a dash ends the answer as a comma does.
    r"(?=\s*(?:[,.;!)|\u2013\u2014]|-\s|$|\s+(?:but|however|although|as|they|unless)\b))",
    _I,
)
_ASKED = lazy_pattern(
    r"(?:q\s*[:.]\s*)?(?:can|could|may|are|is|am|do|does|will|would|should)\b[^?]{0,150}\?\s*"
    # "Only if it is one of the priority places": a yes, on terms.
    r"(?:a\s*[:.]\s*)?(?:(?P<yes>yes|only\s+(?:if|where|when))|no)\b(?!\s+(?:more|longer|later|fewer|less)\b)",
    _I,
)
# The question must be about applying, not "Is the council tax included? No."
_ABOUT_APPLYING = lazy_pattern(
    r"\b(?:apply|applying|eligible|bid|bidding|lead|applicants?|qualify|be\s+funded)\b", _I
)
# "Yes, but only as a partner": the yes is a partner's.
_ONLY_PARTNER = lazy_pattern(r"\bonly\b[^.;]{0,40}?" + PARTNER_WORD.pattern, _I)
# After an answer's no, a council told where to apply is sent to another fund, named or not ("Is a
# town council eligible? No – town councils should apply to the Community Fund"): no "instead" is
# needed, as the no has said this fund is not theirs.
_SENT_ON = lazy_pattern(
    r"(?:\s+(?!(?:should|must|can|may|will|need)\b)[\w-]+){0,4}?\s+(?:should|must|can|may|will\s+need\s+to|"
    r"need\s+to)\s+(?:instead\s+)?(?:apply|bid)\s+(?:to|for|through|under|via)\b",
    _I,
)


def answered(sentence: str) -> tuple[int, str] | None:
    """(where the question ends, the answer's verdict) when the sentence is a question about applying
    and its yes or no, else None."""
    found = _ASKED.match(sentence)
    if not found:
        return None
    question_end = sentence.index("?", found.start())
    if not _ABOUT_APPLYING.search(sentence, 0, question_end):
        return None
    rest = sentence[found.end() :]
    if found["yes"]:
        return question_end, "partner" if _ONLY_PARTNER.search(rest) else "yes"
    return question_end, "partner" if PARTNER_WORD.search(rest) else "no"


_BUT = lazy_pattern(r"\b(?:but|however|although|though)\b", _I)


def sent_on(sentence: str, asked: tuple[int, str] | None, mention: tuple[int, int]) -> bool:
    """The council, after its question's no, is told to apply elsewhere; not after a "but", which
    turns the answer round ("No – but councils can apply for the capital strand")."""
    return (
        asked is not None
        and asked[1] == "no"
        and mention[0] > asked[0]
        and _SENT_ON.match(sentence, mention[1]) is not None
        and not _BUT.search(sentence, asked[0], mention[0])
    )
