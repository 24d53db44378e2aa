"""Lists that say they are open: "Eligible organisations include, but are not limited to: charities,
CICs and faith groups" gives examples, not the whole of who may apply, so a council left out of it is
not ruled out (one named in it is let in all the same).
"""

from __future__ import annotations

import re

OPEN_LIST = re.compile(r"\bnot\s+limited\s+to\b|\bamong\s+others\b", re.IGNORECASE)


def open_list(text: str, start: int, end: int) -> bool:
    """Whether text[start:end], a list's lead-in, says the list is only examples."""
    return OPEN_LIST.search(text, start, end) is not None
