"""Pure: a status pattern with more alternatives asked only when a key word is in the words.

Every alternative of a status pattern is tried at every word of every status read, so each one
added costs all of them: words20's invitation-only and allocations words, written into the closed
pattern, made it a third slower though almost no status holds "invit" or "allocations". Asked
behind a substring test instead, they cost nothing where their word is absent. The main pattern is
asked first and its match wins; an extra's match stands only when the main one finds nothing.
"""

from __future__ import annotations

import re
from functools import cached_property

from spiders.normalise.invited_only import INVITED_STATUS


class Gated:
    """`search(words)`: `pattern`'s match, else the first extra whose key word is in `words`."""

    def __init__(self, pattern: re.Pattern[str], *extras: tuple[str, str]):
        self.pattern = pattern
        self._texts = extras

    @cached_property
    def _extras(self) -> tuple[tuple[str, re.Pattern[str]], ...]:
        # Compiled when first asked, as the status patterns are (config/lazy_pattern.py): reading
        # `pattern.flags` at import compiled three of them in every process that imports status.
        return tuple((key, re.compile(extra, self.pattern.flags)) for key, extra in self._texts)

    def search(self, words: str) -> re.Match[str] | None:
        found = self.pattern.search(words)
        if found is not None:
            return found
        for key, extra in self._extras:
            if key in words and (found := extra.search(words)) is not None:
                return found
        return None


# A determination given out: "Allocations published", "Final allocations announced" (a section 31
# grant's allocations to councils: nothing is left to bid for); not indicative or provisional ones,
# which a final sum follows.
ALLOCATED_STATUS = (
    r"\b(?:final\s+)?a(?<!indicative\sa)(?<!provisional\sa)(?<!draft\sa)llocations\s+"
    r"(?:have\s+been\s+)?(?:announced|published|confirmed)\b"
)

# The extra words of each status: none may apply unasked, or nothing is left to bid for.
EXTRA_WORDS = {"closed": (("invit", INVITED_STATUS), ("allocations", ALLOCATED_STATUS))}
