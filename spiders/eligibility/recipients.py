"""Councils that take the money though no applicant verb names them, and councils left in when only
some kinds are carved out.

A council is the applicant when the fund itself helps it ("This fund supports local authorities to
deliver…": the money goes to the council, unlike "projects that help councils") and when others must
go through it ("Community groups should apply via their local authority", "Bids should be submitted
through the relevant county council": the council is who applies, for them), but not when those
going through it are the people and firms a council pays out to ("Households can apply through their
local authority": the council runs a scheme, it does not bid). A carve-out from a
permission for everyone that names one kind of council ("Open to all except parish councils") leaves
the other councils in; one that names councils at large ("… except local authorities") does not.
"""

from __future__ import annotations

import re

from config.lazy_pattern import lazy_pattern
from spiders.eligibility.mentions import FUND_HELPS, Preceded, Span

_I = re.IGNORECASE

# "apply via", "must be submitted through", "applications are made through".
_THROUGH = lazy_pattern(
    # "… will receive funding via the upper-tier authority": the money passes through the council.
    r"\b(?:receive\s+(?:the\s+|their\s+|its\s+)?(?:funding|money|allocations?|grants?)|apply|applying|"
    r"applications?|bids?|claims?|claim|submissions?|(?:be\s+)?(?:submitted|made|"
    r"routed|channelled|sent))\s+(?:(?:must|should|will|can|are|is|be|made|submitted|only|directly|"
    # "community groups apply to their local council": the council takes the applications.
    r"all)\s+)*(?:via|through|(?<=apply\s)to(?=\s+(?:their|your)\s))\s+",
    _I,
)
# Those a council pays out to, applying to it: its scheme, not its bid.
_END_USERS = lazy_pattern(
    r"\b(?:households?|residents?|individuals?|homeowners?|home\s+owners?|tenants?|landlords?|"
    r"businesses|business|firms?|companies|traders?|people|persons?|families|owners?|occupiers?|"
    r"members\s+of\s+the\s+public|you|farmers?|landowners?|drivers?|motorists?|students?|pupils?|"
    r"parents?|carers?|claimants?)\b",
    _I,
)
# "Councils have been allocated funding", "Local authorities will be notified of their allocation":
# the council named as the one given the money.
_ALLOCATED_AFTER = lazy_pattern(
    r"\s+(?:(?:have|has)\s+(?:now\s+|already\s+)?been|were|was)\s+(?:provisionally\s+|each\s+|already\s+)?"
    r"(?:allocated|awarded|given|paid|granted)\b"
    # "The Department will write to each lower-tier council with its allocation."
    r"|(?:\s+[\w'-]+){0,6}?\s+(?:of|with|to\s+confirm)\s+(?:their|its)\s+(?:(?:indicative|final|provisional|"
    r"confirmed|individual|capital|revenue|funding|grant)\s+)*allocations?\b"
    # "Eligible local authorities receive an allocation" (the future tense is a verb in cues.py).
    r"|\s+(?:each\s+|also\s+|then\s+)?receive\s+(?:an?\s+|their\s+|its\s+)?(?:(?:indicative|annual|"
    r"formula|capital|revenue|grant|funding)\s+)?(?:allocations?|share)\b",
    _I,
)
_CLAUSE = lazy_pattern(r"[.;:!?]")
_POSSESSIVE = lazy_pattern(r"['\u2019]s?(?!\w)")
# Everyone, before a carve-out: "Open to all except…", "Any organisation may apply except…".
UNIVERSAL = lazy_pattern(r"\b(?:all|any|anyone|anybody|everyone|everybody|every)\b", _I)
# A kind of council rather than councils at large: the tier, the nation or the role it is named by.
_KIND = lazy_pattern(
    r"(?:parish|town|community|county|district|borough|unitary|metropolitan|city|london|upper|lower|"
    r"single|two|principal|combined|mayoral|strategic|lead\s+local\s+flood|local\s+(?:planning|"
    r"highways?|education|transport|housing)|highways?|waste|licensing|housing|billing|education|risk)\b",
    _I,
)
_NATION_BEFORE = lazy_pattern(r"\b(?:scottish|welsh|english|northern\s+irish|london)\s+$", _I)
_NATION_REACH = 20


def recipients(sentence: str, mentions: list[Span]) -> set[Span]:
    """The mentions the fund helps directly, or that others must apply through."""
    if not mentions:
        return set()
    helped, through = Preceded(FUND_HELPS, sentence), Preceded(_THROUGH, sentence)
    return {
        span
        for span in mentions
        if not _POSSESSIVE.match(sentence, span[1])  # "help councils' residents": the residents
        and (
            helped(span[0])
            or through(span[0])
            and not _end_users_before(sentence, span[0])
            or _ALLOCATED_AFTER.match(sentence, span[1])
        )
    }


def _end_users_before(sentence: str, position: int) -> bool:
    """Whether the people or firms a council pays out to are the ones applying, in this clause."""
    clause = max((m.end() for m in _CLAUSE.finditer(sentence, 0, position)), default=0)
    return _END_USERS.search(sentence, clause, position) is not None


def one_kind(sentence: str, mention: Span) -> bool:
    """The mention names a kind of council ("parish councils", "Welsh local authorities"), so
    ruling it out leaves others in."""
    if _KIND.match(sentence, mention[0]):
        return True
    return (
        _NATION_BEFORE.search(sentence, max(0, mention[0] - _NATION_REACH), mention[0]) is not None
    )
