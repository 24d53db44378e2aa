"""A sentence that names councils only by "they", after one that names them: "Local authorities are
key to delivering net zero. However, they are not eligible to apply." And one that names the lead only
by "this", after one that names the role: "Partnerships must have a lead organisation. This can be a
charity, a social enterprise or a parish council."

The sentence is read with the name put back in place of the pronoun; its quote is the sentence as
written.
"""

from __future__ import annotations

import re

from spiders.eligibility.mentions import council_mentions

_I = re.IGNORECASE
_CONNECTIVE = r"(?:(?:however|but|also|instead|in\s+addition|furthermore|equally|similarly|nevertheless)\s*,?\s+)?"
_THEY = re.compile(
    _CONNECTIVE + r"(?P<pronoun>they|these\s+(?:bodies|authorities|councils)|such\s+(?:bodies|"
    r"authorities|councils))\b(?!\s*(?:,\s*)?(?:which|that|who)\b)",
    _I,
)
_THIS = re.compile(
    _CONNECTIVE
    + r"(?P<pronoun>this|it|they)\s+(?=(?:can|could|may|must|should|will)\s+(?:only\s+|also\s+)?be\b)",
    _I,
)
_ROLE = re.compile(
    r"\b(?:lead\s+(?:applicant|organi[sz]ation|partner|body|bidder)|accountable\s+body)\b", _I
)
# What may come before the council that a sentence is about: "All", "Only the", "Eligible".
_SUBJECT_BEFORE = re.compile(
    r"(?:(?:all|the|only|eligible|some|most|many|both|each|any|participating|relevant)\s+)*", _I
)


def named_again(sentence: str, previous: str | None) -> str | None:
    """The sentence with its pronoun replaced by the name it stands for, or None."""
    if not previous:
        return None
    if they := _THEY.match(sentence):
        mentions = council_mentions(previous)
        if mentions and _SUBJECT_BEFORE.fullmatch(previous, 0, mentions[0][0]):
            start, end = mentions[0]
            if not council_mentions(sentence):
                # In lower case: a capital after "Instead, " would read as a name ("Councils").
                return _replace(sentence, they, previous[start:end].lower())
    if this := _THIS.match(sentence):
        roles = list(_ROLE.finditer(previous))
        if roles and not council_mentions(previous):
            return _replace(sentence, this, "the " + roles[-1].group())
    return None


def _replace(sentence: str, found: re.Match[str], name: str) -> str:
    return sentence[: found.start("pronoun")] + name + sentence[found.end("pronoun") :]
