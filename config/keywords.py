"""The keyword language curators write in tags.yaml (`any`, `all`, `none`) and councils write in
subscriptions.yaml (`match.keywords`, `match.exclude_keywords`). One matcher serves both.

A keyword is literal text, found as whole words, case-insensitively:

- `AI` finds "AI" and "ai" but not "said"; `housing` does not find "housings".
- A trailing `*` stands for the rest of a word: `decarbonis*` finds "decarbonise", "decarbonising",
  "decarbonisation". A `*` anywhere else is a literal star.
- A space or hyphen inside a phrase matches any run of spaces, line breaks or hyphens, including the
  Unicode hyphens (U+2010 hyphen, U+2011 non-breaking hyphen, U+2012 figure dash) and the en dash
  (U+2013): `net zero` finds "net-zero", "Net  Zero", "net‑zero" and "net–zero"; `net-zero` is the same
  keyword. The words must still come in order.
- Curly apostrophes (‘ ’) and the modifier apostrophe (ʼ) are read as the plain one, in the keyword and
  in the text: `children's services` finds "children’s services" and the other way round.
- Every other character is literal: `C++`, `R&D`, `(approx.)` mean exactly those characters. A keyword
  may start or end with a symbol; "whole word" then means no letter or digit right before or after it.
- Leading and trailing spaces are ignored. A blank keyword (nothing left once spaces, hyphens and the
  trailing `*` are removed: "", "  ", "*", "-") looks for nothing and matches nothing; the loader
  rejects it, naming the file, entry and field.

Pure functions; config/ imports nothing from spiders/, storage/ or notifier/.
"""

from __future__ import annotations

import re
from bisect import bisect_left
from collections.abc import Iterable
from dataclasses import dataclass
from functools import lru_cache

from config.lazy_pattern import lazy_pattern

_APOSTROPHES = str.maketrans({"\u2018": "'", "\u2019": "'", "\u02bc": "'"})
# A run of spaces or hyphens: ASCII hyphen-minus, U+2010 hyphen, U+2011 non-breaking hyphen,
# U+2012 figure dash, U+2013 en dash.
GAP = r"[\s\-\u2010\u2011\u2012\u2013]+"
_GAP = lazy_pattern(GAP)


def fold(text: str) -> str:
    """Text as the matcher reads it: curly apostrophes become the plain one. Apply to the text
    searched; keyword_pattern() already applies it to keywords."""
    # Looking is ~40 times cheaper than translating, and most texts have no curly apostrophe.
    if "\u2019" in text or "\u2018" in text or "\u02bc" in text:
        return text.translate(_APOSTROPHES)
    return text


def keyword_pattern(keyword: str) -> str | None:
    """The regex source for one keyword (to be compiled case-insensitively), or None if it is blank."""
    word = fold(keyword).strip()
    wildcard = word.endswith("*")
    if wildcard:
        word = word.rstrip("*")
    parts = [re.escape(part) for part in _GAP.split(word) if part]
    if not parts:
        return None
    body = GAP.join(parts)
    # Lookarounds rather than \b, so keywords that start or end with a symbol ("C++", "£") still work.
    return rf"(?<!\w){body}" + (r"\w*" if wildcard else r"(?!\w)")


def is_blank(keyword: str) -> bool:
    """True for a keyword that looks for nothing ("", "  ", "*")."""
    return keyword_pattern(keyword) is None


def compile_keywords(keywords: Iterable[str]) -> re.Pattern[str] | None:
    """One case-insensitive pattern finding any of `keywords` in folded text; None if every keyword
    is blank (so the caller decides what "nothing to look for" means)."""
    return any_of(map(keyword_pattern, keywords))


def any_of(sources: Iterable[str]) -> re.Pattern[str] | None:
    """One case-insensitive pattern for any of these keyword patterns (blank ones dropped), or None
    if none is left: compile_keywords, and a tag rule's `except_in` phrases (spiders/tagging.py)."""
    kept = [source for source in sources if source]
    if not kept:
        return None
    # Compiled when first searched: KeywordSet searches a phrase group only when its first word is
    # in the text, so most of the tag rules' 122 groups were compiled by every crawl process (~25
    # ms at its start) and never used.
    return lazy_pattern("|".join(f"(?:{source})" for source in kept), re.IGNORECASE)


_WORD = lazy_pattern(r"\w+")
_ONE_WORD = lazy_pattern(r"^\w+\*?$")


@dataclass(frozen=True)
class Text:
    """A text made ready once for many keyword sets: folded, case-folded, its set of words, and
    those words sorted (a word starting with a prefix is found by bisection, not a scan)."""

    folded: str
    lowered: str
    words: frozenset[str]
    ordered: tuple[str, ...]


def prepare(text: str | None) -> Text:
    folded = fold(text or "")
    lowered = folded.casefold()
    words = frozenset(_WORD.findall(lowered))
    return Text(folded, lowered, words, tuple(sorted(words)))


class KeywordSet:
    """A list of keywords matched the way keyword_pattern() says, but fast: a one-word keyword is a
    set lookup among the text's words (a trailing `*` a prefix test), and only phrases and keywords
    with symbols run a regex, and only when their first word is in the text. Tagging and routing
    check every rule against every call, so this is the hot path of both."""

    def __init__(self, keywords: Iterable[str]):
        exact, prefixes, phrases = set(), [], []
        for keyword in keywords:
            word = fold(keyword).strip()
            if is_blank(keyword):
                continue
            if _ONE_WORD.match(word):
                if word.endswith("*"):
                    prefixes.append(word[:-1].casefold())
                else:
                    exact.add(word.casefold())
            else:
                phrases.append(keyword)
        self.exact = frozenset(exact)
        self.prefixes = tuple(prefixes)
        # Phrases grouped by the literal each must contain (its first word), one small pattern a
        # group: a text runs only the patterns whose literal it holds. One alternation of every
        # phrase ran whenever any literal was there ("it", "local", "data" nearly always are) and
        # was most of tagging's time (benchmarks/crawl_scale.py).
        grouped: dict[str, list[str]] = {}
        for phrase in phrases:
            literal = needles([phrase])
            grouped.setdefault(literal[0] if literal else "", []).append(phrase)  # "": always run
        self.phrases = tuple(
            (needle, pattern)
            for needle, group in grouped.items()
            if (pattern := compile_keywords(group)) is not None
        )

    @property
    def empty(self) -> bool:
        """Nothing to look for (every keyword was blank)."""
        return not self.exact and not self.prefixes and not self.phrases

    def search(self, text: Text) -> bool:
        # Plain loops, not any() over generators: called for every rule and subscription on every
        # call, where the generators' overhead was a third of the time.
        if self.exact and not self.exact.isdisjoint(text.words):
            return True
        if self.prefixes:
            ordered = text.ordered
            size = len(ordered)
            for prefix in self.prefixes:
                # A word starting with `prefix` sorts from where `prefix` itself would go.
                index = bisect_left(ordered, prefix)
                if index < size and ordered[index].startswith(prefix):
                    return True
        lowered = text.lowered
        for needle, pattern in self.phrases:
            if needle in lowered and pattern.search(text.folded) is not None:
                return True
        return False


@lru_cache(maxsize=1024)
def keyword_set(keywords: tuple[str, ...]) -> KeywordSet:
    """A KeywordSet, once per distinct keyword list."""
    return KeywordSet(keywords)


def mentions_any(text: str | Text | None, keywords: Iterable[str]) -> bool:
    """Does `text` mention at least one of `keywords`? Blank keywords match nothing.

    The set for a keyword list is built once and cached, so a subscription checked against many
    opportunities compiles its keywords once; pass a prepare()d Text to check many lists at once.
    """
    if not text:
        return False
    ready = text if isinstance(text, Text) else prepare(text)
    return keyword_set(tuple(keywords)).search(ready)


def needles(keywords: Iterable[str]) -> tuple[str, ...]:
    """A literal each keyword's match must contain (its first word, case-folded): text whose
    case-folded form holds none of them cannot match, which `in` finds far faster than a regex."""
    found = []
    for keyword in keywords:
        parts = [p for p in _GAP.split(fold(keyword).strip().rstrip("*")) if p]
        if parts:
            found.append(parts[0].casefold())
    return tuple(found)
