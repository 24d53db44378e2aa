"""What a lead-in ending in ":" makes of the items below it (moved out of regions.py when it reached
its size). A heading whose last words carry its list on ("We accept applications from not-for-profit
organisations and partnerships led by them, including:") is read by the cue that opened its list,
not by a cue inside the list ("led by").
"""

from __future__ import annotations

import re

from config.lazy_pattern import lazy_pattern
from spiders.eligibility.clauses import VERBS
from spiders.eligibility.cue_modes import NO, PARTNER, YES, cue_mode
from spiders.eligibility.lead_ins import LEAD_INS
from spiders.eligibility.regions import denies
from spiders.eligibility.section_heads import PARTNER_HEADING_END

_GOES_ON = lazy_pattern(
    r",?\s*(?:including|includes|such\s+as|for\s+example|e\.g\.|like)\s*[:-]?\s*$", re.IGNORECASE
)


def lead_in_mode(sentence: str) -> str | None:
    """What a lead-in ending in ":" makes of the items below it: YES, NO, PARTNER or None."""
    if PARTNER_HEADING_END.search(sentence):
        return PARTNER  # "The following may not lead a bid but may be partners:"
    cues = list(LEAD_INS.finditer(sentence))
    if cues and not sentence[cues[-1].end() :].strip(" :-"):
        return cue_mode(sentence, cues[-1], 0)
    verbs = list(VERBS.finditer(sentence))
    if verbs and not sentence[verbs[-1].end() :].strip(" :-"):
        return NO if denies(verbs[-1].group()) else YES
    if cues and _GOES_ON.search(sentence):
        return cue_mode(sentence, cues[0], 0)  # "… from X and Y, including:" goes on with X and Y
    return None
