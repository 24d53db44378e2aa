"""A subject quantified by "no": "No local authorities can apply", "Apart from parish councils, no
public bodies can apply". The "no" denies what the verb after it would let in, as "Neither …" and
"None of …" do (regions.py), unless it counts ("No more than two councils may bid jointly"), the
verb sets a limit ("No local authority may submit more than one bid": each may submit one) or the
"no" is another clause's ("No match funding is needed and local authorities can apply").

And an exception put first, before the subject it is carved from: "Apart from parish councils, no
public bodies can apply", "With the exception of local authorities, any public body may apply". The
verb's subject starts after the comma that ends the exception, which then goes the other way from
the verb.
"""

from __future__ import annotations

import re

from config.lazy_pattern import lazy_pattern
from spiders.eligibility.cues import LIST_STOP

_I = re.IGNORECASE
_NO = lazy_pattern(r"\s*no\s+(?!(?:more|fewer|less|later|earlier|sooner)\b)(?=[a-z])", _I)
_LIMIT = lazy_pattern(
    r"\s+(?:[\w-]+\s+){0,3}?(?:more\s+than|over|in\s+excess\s+of|above|up\s+to|fewer\s+than)\b", _I
)
_CLAUSE_OPENING = lazy_pattern(r"[\s\u2022*-]*")


def no_subject(sentence: str, start: int, cue_start: int, cue_end: int) -> bool:
    """The verb's subject, from `start` to the verb at `cue_start`, opens with a "no" that denies it."""
    found = _NO.match(sentence, start, cue_start)
    return (
        found is not None
        and not LIST_STOP.search(sentence, found.end(), cue_start)
        and not _LIMIT.match(sentence, cue_end)
    )


def fronted(
    sentence: str, clause_start: int, exception: re.Match[str], verb_start: int
) -> int | None:
    """Where the verb's subject starts after an exception that opens its clause, or None."""
    if not _CLAUSE_OPENING.fullmatch(sentence, clause_start, exception.start()):
        return None
    comma = sentence.find(",", exception.end(), verb_start)
    return comma + 1 if comma >= 0 else None


def inside_subject(sentence: str, lead_in: re.Match[str], verb_start: int) -> bool:
    """A lead-in with nothing between it and the verb after it is inside the verb's subject: "… the
    voluntary groups they fund can" (the subject is the groups, not left out)."""
    return not sentence[
        lead_in.end() : verb_start
    ].strip() and not lead_in.group().rstrip().endswith((":", "?"))


# "Individuals cannot apply; groups must be constituted, and councils are excluded": a clause with a
# verb of its own, joined on by ", and", is no part of the next verb's subject.
# A modal, not in a relative clause ("Local authorities that can show need, and charities, may apply").
_OWN_VERB = lazy_pattern(
    r"(?<!that\s)(?<!which\s)(?<!who\s)\b(?:must|should|will|can|cannot|may)\b", _I
)
# So is one whose verb asks about another subject: "Your local council can help you check whether
# your group is eligible" (the group is the subject, the council only advises).
_JOINED = lazy_pattern(r",\s*(?:and|but|while|whereas)\s+|\b(?:whether|if)\s+", _I)


def own_subject(sentence: str, start: int, verb_start: int) -> int:
    """Where the verb's subject starts: after the last ", and" (or "whether") in it that follows a verb
    of its own."""
    verb = _OWN_VERB.search(sentence, start, verb_start)
    if verb is None:
        return start
    for joined in _JOINED.finditer(sentence, verb.end(), verb_start):
        start = joined.end()
    return start
