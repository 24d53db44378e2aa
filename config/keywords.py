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
from collections.abc import Iterable
from functools import lru_cache

_APOSTROPHES = str.maketrans({"\u2018": "'", "\u2019": "'", "\u02bc": "'"})
# A run of spaces or hyphens: ASCII hyphen-minus, U+2010 hyphen, U+2011 non-breaking hyphen,
# U+2012 figure dash, U+2013 en dash.
GAP = r"[\s\-\u2010\u2011\u2012\u2013]+"
_GAP = re.compile(GAP)


def fold(text: str) -> str:
    """Text as the matcher reads it: curly apostrophes become the plain one. Apply to the text
    searched; keyword_pattern() already applies it to keywords."""
    return text.translate(_APOSTROPHES)


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
    sources = [source for source in map(keyword_pattern, keywords) if source]
    if not sources:
        return None
    return re.compile("|".join(f"(?:{source})" for source in sources), re.IGNORECASE)


@lru_cache(maxsize=1024)
def cached_pattern(keywords: tuple[str, ...]) -> re.Pattern[str] | None:
    """compile_keywords(), once per distinct keyword list."""
    return compile_keywords(keywords)


def mentions_any(text: str | None, keywords: Iterable[str]) -> bool:
    """Does `text` mention at least one of `keywords`? Blank keywords match nothing.

    The pattern for a keyword list is compiled once and cached, so a subscription checked against
    many opportunities compiles its keywords once.
    """
    if not text:
        return False
    pattern = cached_pattern(tuple(keywords))
    return pattern is not None and pattern.search(fold(text)) is not None
