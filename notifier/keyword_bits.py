"""Every subscription's keywords looked for in one event's text at once, answered as the bits of
the subscriptions whose keyword was found (notifier/subscription_index.py).

Each keyword is read exactly as config/keywords.py reads it alone (its own KeywordSet), then filed
by what kind of test it needs: a one-word keyword is a key of one dict, looked up by the text's
words (one set intersection, however many subscriptions list how many words), a trailing `*` a
prefix found by bisection, and only phrases and keywords with symbols run their own search. Asking
each keyword in turn cost a cached lookup and a search per keyword per event.
"""

from __future__ import annotations

from bisect import bisect_left
from collections.abc import Mapping

from config.keywords import KeywordSet, Text, keyword_set


class KeywordBits:
    def __init__(self, bits_by_keyword: Mapping[str, int]):
        exact: dict[str, int] = {}
        prefixes: dict[str, int] = {}
        searched: list[tuple[KeywordSet, int]] = []
        for keyword, bits in bits_by_keyword.items():
            one = keyword_set((keyword,))
            if one.phrases:
                searched.append((one, bits))
                continue
            # A keyword alone is one word or one prefix (or blank: neither, and never found).
            for word in one.exact:
                exact[word] = exact.get(word, 0) | bits
            for prefix in one.prefixes:
                prefixes[prefix] = prefixes.get(prefix, 0) | bits
        self._exact = exact
        self._words = frozenset(exact)
        self._prefixes = tuple(prefixes.items())
        self._searched = tuple(searched)

    def found(self, text: Text, among: int = -1) -> int:
        """The bits of every keyword found in `text`; a phrase is searched for only if one of
        `among` (the subscriptions still in question) lists it."""
        heard = 0
        for word in self._words & text.words:
            heard |= self._exact[word]
        ordered = text.ordered
        for prefix, bits in self._prefixes:
            # Words starting with `prefix` sort together, from where `prefix` itself would go.
            at = bisect_left(ordered, prefix)
            if at < len(ordered) and ordered[at].startswith(prefix):
                heard |= bits
        for one, bits in self._searched:
            if among & bits & ~heard and one.search(text):
                heard |= bits
        return heard
