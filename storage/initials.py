"""Pure: a pot's initials, which sources write for its name ("LUF round 3" is "Levelling Up Fund
Round 3"; "SHDF Wave 3", "PSDS Phase 5", "UKSPF 2026-27", "LSIF").

A word written in capitals in the title as the source gave it ("LUF", "UK") is initials already and
stands for its letters; any other word stands for its first letter. The first three such letters of
a call's name are its lead (storage/same_call.py): a pot and its initials share it, so the
repository finds one from the other through the same index it finds near titles by.
"""

from __future__ import annotations

from functools import lru_cache

from config.lazy_pattern import lazy_pattern

LEAD_LETTERS = 3
# Two to six capitals ("LUF", "UKSPF", "BSIP+"), or with a round's number run on ("ATF5", "HUG2").
_CAPITALS = lazy_pattern(r"(?<![\w'’])([A-Z]{2,6})\d{0,2}(?![\w'’])")
_LOWER = lazy_pattern(r"[a-z]")
_TWO_CAPITALS = lazy_pattern(r"[A-Z]{2}")
_ROMAN = frozenset("ii iii iv vi vii viii ix xi xii".split())
JOINING = frozenset({"the", "a", "an", "of", "for", "and", "to", "in", "on", "with", "by"})


@lru_cache(maxsize=8192)
def capitals(title: str | None) -> frozenset[str]:
    """The words a title writes in capitals, lower-cased: none in a title of words all in capitals
    (a shouting source says nothing about which words are initials; "SHAP" or "CIF 2027-28" alone
    are initials)."""
    if not title or not _TWO_CAPITALS.search(title):
        return frozenset()  # most titles, cheaply: the pattern below costs more than deriving a key
    found = {m[1].casefold() for m in _CAPITALS.finditer(title)}
    if len(found) > 1 and not _LOWER.search(title):
        return frozenset()
    return frozenset(found - _ROMAN)


def letters(words: list[str] | tuple[str, ...], written: frozenset[str], most: int = 99) -> str:
    """The initials of a name's words (the first `most` of them): a word in capitals gives all its
    letters; numbers, amounts and joining words give none."""
    out = ""
    for word in words:
        if word in JOINING or not word[:1].isalpha():
            continue
        out += word if word in written else word[0]
        if len(out) >= most:  # a lead needs three: asked of every new call
            return out[:most]
    return out


def contracted(words: list[str], short: str, written: frozenset[str]) -> list[str] | None:
    """The name's words with the run whose initials are `short` replaced by it ("levelling up fund
    3" → "luf 3"), or None if no run is. A joining word may give its letter or none ("Museum Estate
    and Development" is MEND; "Holiday Activities and Food" is HAF)."""
    for start in range(len(words)):
        if words[start] in JOINING:
            continue
        spelled = {""}
        for end in range(start, len(words)):
            word = words[end]
            if not word[:1].isalpha():
                break
            heads = [word if word in written else word[0]]
            if word in JOINING:
                heads.append("")
            elif word == "fund":
                heads += ["s", "p"]  # "scheme" and "programme" are read as "fund" (call_names.py)
            spelled = {s + h for s in spelled for h in heads if short.startswith(s + h)}
            if not spelled:
                break
            if short in spelled:
                return [*words[:start], short, *words[end + 1 :]]
    return None


@lru_cache(maxsize=1024)
def funder_initials(funder: str) -> frozenset[str]:
    """What a funder's name is shortened to: every word's first letter ("Department for Transport"
    → "dft") and its significant words' (`letters`: "Ministry of Housing, Communities and Local
    Government" → "mhclg"). `funder` is already simplified (lower case, words)."""
    words = funder.split()
    if len(words) < 2:
        return frozenset()
    # A short word may be initials already and give all its letters ("NHSE" for "NHS England").
    short = frozenset(w for w in words if len(w) <= 3 and w not in JOINING)
    return frozenset(
        {"".join(w[0] for w in words), letters(words, frozenset()), letters(words, short)}
    )
