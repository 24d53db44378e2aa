"""Is this buyer a council? The same organisation vocabulary the eligibility reading uses.

A procurement notice names its buyer ("Cumberland Council", "Royal Borough of Greenwich", "Greater
Manchester Combined Authority"); a council's own notices are what a council team most wants to see,
so the buyer is judged by the words mentions.py knows for councils, read as a name: a typed council
anywhere in it ("Kent County Council", "London Borough of Hackney", "… Combined Authority"), or a
name ending in "Council" that is not a funder's or a national body's ("Medical Research Council",
"Arts Council England", "British Council", "Council for Science and Technology").
"""

from __future__ import annotations

import re
from functools import lru_cache
from typing import Any

from config.lazy_pattern import lazy_pattern
from spiders.eligibility.mentions import _COUNCIL_TYPED, _NAME_AFTER, _NOT_LOCAL_BEFORE
from spiders.normalise.text import as_text

# Applicant types that are not one council's name ("Ministry of Housing, Communities and Local
# Government", "Local Government Association", "public sector bodies").
_NOT_A_NAME = lazy_pattern(
    r"^(?:local\s+government|public|statutory|risk\s+management|las?$)", re.IGNORECASE
)
_COUNCIL_WORD = lazy_pattern(r"\bCouncils?\b", re.IGNORECASE)
# A borough named as one: "Royal Borough of Greenwich", "Metropolitan Borough of Wirral".
_BOROUGH_OF = lazy_pattern(r"\bborough\s+of\s+[A-Z]", re.IGNORECASE)
# Councils whose names carry no English council word: Gaelic ("Comhairle nan Eilean Siar") and Welsh
# ("Cyngor Gwynedd", "Cyngor Sir Ceredigion") names, and the two English oddities.
_NAMED_OTHERWISE = lazy_pattern(
    r"^(?:comhairle|cyngor)\b|\bcity\s+of\s+london\s+corporation\b|\bcorporation\s+of\s+london\b"
    r"|\bcouncil\s+of\s+the\s+isles\s+of\s+scilly\b",
    re.IGNORECASE,
)


def is_council_name(name: Any) -> bool:
    """True when an organisation's name reads as a local council's (pure; any value read as text)."""
    return _is_council_name(as_text(name))


# A crawl names a few dozen funders and buyers thousands of times; a notice asks twice (its
# eligibility sentence, its buyer flag).
@lru_cache(maxsize=4096)
def _is_council_name(name: str | None) -> bool:
    if not name or not name.strip():
        return False
    if (
        _NAMED_OTHERWISE.search(name.strip())
        or _BOROUGH_OF.search(name)
        or any(not _NOT_A_NAME.match(m.group(0)) for m in _COUNCIL_TYPED.finditer(name))
    ):
        return True
    for match in _COUNCIL_WORD.finditer(name):
        words = name[: match.start()].split()
        before = words[-1].strip("()[],;:\"'").casefold() if words else ""
        if not before or before in _NOT_LOCAL_BEFORE:
            continue
        if _NAME_AFTER.match(name, match.end()):
            continue  # "Arts Council England", "Council for …": a body's name, not a council
        return True
    return False
