"""Pure: a title a listing card cut short ("Supported Housing Improvement Programme: capital fun…").

The card's last word is then only the beginning of one ("fun…"), which the fuzzy comparison reads
as a word of the name: "Swimming Pool Support Fund – Cap…" scores near "… – Revenue strand" once
the strand is set aside. The cut word is completed from the other title where that title has the
word before it followed by a word it begins ("capital fun…" / "capital funding"); where the word
that follows there is another ("(deve…" / "(delivery stage)", "Cap…" / "Revenue strand") the two
are not read as one call. Where the other title has no word there, nothing is known: the cut word
stays as written. A card cut after a round's word ("… round …") has lost the number: the word is
left out, so the name compares as a listing that gives no number (storage/same_call.py).
"""

from __future__ import annotations

from config.lazy_pattern import lazy_pattern

_CUT = lazy_pattern(r"(\s?)(?:…|\.\.\.)\s*$")
_WORD = lazy_pattern(r"[^\W_]+")
_STAGE_WORDS = frozenset("round phase wave stage tranche window cohort lot".split())


def cut(title: str | None) -> bool:
    return bool(title) and (title.endswith(("…", "...")) or title.rstrip().endswith(("…", "...")))


def uncut(title: str, other: str) -> str | None:
    """`title` (cut short) as `other` completes it: its cut word made whole, or a round's word with
    its number cut off left out; None if `other` has another word there."""
    found = _CUT.search(title)
    if not found:
        return title
    kept = title[: found.start()]
    fragment = _WORD.findall(kept.casefold())
    if not found[1] and fragment:  # no space before the cut: the last word may be part of one
        *before, part = fragment
        whole = _completion(before[-1] if before else None, part, _WORD.findall(other))
        if whole is None:
            return None
        if whole:
            kept = kept[: len(kept) - len(part)] + whole
    words = kept.split()
    # "… round …", "… Wave...": the round's word is whole, its number cut off.
    if words and words[-1].casefold() in _STAGE_WORDS:
        return " ".join(words[:-1])
    return kept


def _completion(previous: str | None, part: str, words: list[str]) -> str | None:
    """The word of `words` (as written) after `previous` that `part` begins; "" if `words` has no
    word after `previous` (nothing known); None if every word it has there is another.
    `part` and `previous` are casefolded."""
    folded = [w.casefold() for w in words]
    after = [i for i in range(1, len(words)) if folded[i - 1] == previous]
    if not after:
        return ""
    for i in after:
        if folded[i].startswith(part):
            # A strand's word goes with it: "(capi…" is "(capital strand)", not a "capital" of its own.
            return (
                " ".join(words[i : i + 2]) if folded[i + 1 : i + 2] in _STRAND_NOUNS else words[i]
            )
    return None


_STRAND_NOUNS = (["strand"], ["stream"])
