"""A sentence that names councils only by "they", after one that names them: "Local authorities are
key to delivering net zero. However, they are not eligible to apply." Or a clause of the same
sentence that does, right after the councils: "We rarely receive applications from councils, but
they are not eligible" (only when "they" is followed by what may apply, so the pronoun is about
applying, and only right after the council: in "Charities working with councils, but they must …"
the charities may be meant). And "This may include parish councils, schools and churches" after a
sentence that lists who is funded ("Grants are made to organisations with charitable purposes."):
the list goes on, so its items are applicants, read as "Eligible applicants include …" ("may
include" is otherwise a partnership's members, cues.py; so after a partnership or consortium the
sentence is left as it is). And one that names the lead only
by "this", after one that names the role: "Partnerships must have a lead organisation. This can be a
charity, a social enterprise or a parish council." And "Either partner may lead." after a sentence
naming a partnership with councils in it goes on with that sentence (any_lead.py).

The sentence is read with the name put back in place of the pronoun; its quote is the sentence as
written.
"""

from __future__ import annotations

import re

from config.lazy_pattern import lazy_pattern
from spiders.eligibility.any_lead import ANY_MAY_LEAD
from spiders.eligibility.mentions import council_mentions
from spiders.eligibility.regions import YES, find_lists

_I = re.IGNORECASE
_CONNECTIVE = r"(?:(?:however|but|also|instead|in\s+addition|furthermore|equally|similarly|nevertheless)\s*,?\s+)?"
_THEY = lazy_pattern(
    _CONNECTIVE + r"(?P<pronoun>they|these\s+(?:bodies|authorities|councils)|such\s+(?:bodies|"
    r"authorities|councils))\b(?!\s*(?:,\s*)?(?:which|that|who)\b)",
    _I,
)
_THIS = lazy_pattern(
    _CONNECTIVE
    + r"(?P<pronoun>this|it|they)\s+(?=(?:can|could|may|must|should|will)\s+(?:only\s+|also\s+)?be\b)",
    _I,
)
_ROLE = lazy_pattern(
    r"\b(?:lead\s+(?:applicant|organi[sz]ation|partner|body|bidder)|accountable\s+body)\b", _I
)
# What may come before the council that a sentence is about: "All", "Only the", "Eligible".
_SUBJECT_BEFORE = lazy_pattern(
    r"(?:(?:all|the|only|eligible|some|most|many|both|each|any|participating|relevant)\s+)*", _I
)


# ", but they are not eligible", "; however, they can apply": a clause of the same sentence.
_THEY_NEXT = lazy_pattern(
    r"\s*[,;]\s*(?:but|however|although|though|yet)\s*,?\s+(?P<pronoun>they)\s+(?=(?:are|is|were)\s+"
    r"(?:not\s+|also\s+|still\s+)?(?:eligible|ineligible|able\s+to\s+apply)|(?:can|cannot|can't|may|"
    r"must)\s+(?:not\s+|also\s+|still\s+)?(?:apply|bid|lead)\b)",
    _I,
)


# The councils are what the first clause is about: its subject, or whose applications it speaks of
# ("applications from councils"); "Charities can apply with councils, but they must lead" is not.
_ABOUT_THEM = lazy_pattern(
    r"(?:^|\b(?:applications?|bids?|proposals?|enquiries|requests?)\s+from\s+)"
    r"(?:(?:the|some|many|any|all|local|their)\s+)*$",
    _I,
)


_THIS_INCLUDES = lazy_pattern(
    r"(?:this|these|they|such\s+(?:organi[sz]ations|groups|bodies))\s+(?:(?:may|can|could|might|will|"
    r"would)\s+(?:also\s+)?include|(?:also\s+)?includes?)\b",
    _I,
)
# The same inside one sentence: "This grant is only for organisations that own a community building;
# this includes parish councils" (or ", which includes …"): the list before goes on.
_CLAUSE_INCLUDES = lazy_pattern(
    r"\s*[;,]\s*(?:this|these|which)\s+(?:(?:may|can|will)\s+(?:also\s+)?include|(?:also\s+)?includes?)\b",
    _I,
)
_PARTNERSHIP = lazy_pattern(r"\b(?:partner\w*|consorti(?:a|um)|collaborat\w*|joint)\b", _I)
_GOES_ON = "eligible applicants include"
# A sentence read again with the one after it is a sentence's length, not a page's: read twice, a
# hostile run of thousands of partnerships would cost twice.
_JOINED_LIMIT = 400


def named_again(sentence: str, previous: str | None) -> str | None:
    """The sentence with its pronoun replaced by the name it stands for, or None."""
    inner = _CLAUSE_INCLUDES.search(sentence) if len(sentence) <= _JOINED_LIMIT else None
    if inner and not _PARTNERSHIP.search(sentence, 0, inner.start()):
        head = sentence[: inner.start()]
        if any(mode == YES for *_, mode in find_lists(head)):
            return head + "; " + _GOES_ON + sentence[inner.end() :]
    if (
        previous
        and (includes := _THIS_INCLUDES.match(sentence))
        and not _PARTNERSHIP.search(previous)
        and any(mode == YES for *_, mode in find_lists(previous))
    ):
        return _GOES_ON + sentence[includes.end() :]
    for start, end in council_mentions(sentence):
        they = _THEY_NEXT.match(sentence, end)
        if they and _ABOUT_THEM.search(sentence, max(0, start - 40), start):
            return _replace(sentence, they, sentence[start:end].lower())
    if not previous:
        return None
    if (
        ANY_MAY_LEAD.match(sentence)
        and len(previous) <= _JOINED_LIMIT
        and _PARTNERSHIP.search(previous)
        and council_mentions(previous)
        and not council_mentions(sentence)
    ):
        return (
            previous + "; " + sentence
        )  # "… partnerships with councils. Either partner may lead."
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
