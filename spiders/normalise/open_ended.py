"""Pure: does a closing-date field say the call has no deadline? ("Rolling – no deadline",
"Open all year", "Ongoing", "Until funds are fully committed".) Such a call is open while it is
listed, though no date can be read from the field."""

from __future__ import annotations

import re

from spiders.normalise.text import SPACES

_OPEN_ENDED = re.compile(
    r"\b(?:rolling|ongoing|on-?going|open[\s-]+ended|continuous(?:ly)?|"
    r"no\s+(?:fixed\s+|set\s+|closing\s+)?(?:deadline|closing\s+date|end\s+date)|"
    r"(?:open\s+)?all\s+(?:year(?:\s+round)?|the\s+year)|year[\s-]+round|any\s*time|"
    r"until\s+(?:further\s+notice|(?:all\s+)?(?:the\s+)?(?:funds?|funding|budget|money)\b)|"
    r"while\s+(?:funds?|funding|budget)\s+(?:last|remain)s?)",
    re.IGNORECASE,
)
# A field that names a date or says the call is shut is not open-ended, whatever else it says.
_NOT_OPEN = re.compile(
    r"\b(?:closed|paused|suspended|\d{1,2}\s+[a-z]{3,}\s+\d{4}|\d{4}-\d{2})", re.I
)


def open_ended(text: str | None) -> bool:
    """True when a closing-date field says there is no deadline (and names no date)."""
    if not text:
        return False
    words = SPACES.sub(" ", text).strip()
    return bool(_OPEN_ENDED.search(words)) and not _NOT_OPEN.search(words)
