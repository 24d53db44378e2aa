"""Pure: a news headline or a digest line as the name of the pot it announces, and money in a title.

GOV.UK news names a pot inside a sentence: "Government launches £30 million Local Nature Recovery
Fund", "Councils invited to bid for £75m Bus Capital Fund", "New £25m Know Your Neighbourhood Fund to
tackle loneliness". The subject and verb before the name, the pot's size and a purpose clause after
it are set aside here (storage/call_names.py reads the rest); a result ("… winners announced") keeps
its words, so it stays apart from the call.

Money in a title is read as amounts ("£10,000" / "£10k" / "£10 thousand" are one), compared apart
from the name by storage/same_call.py: a headline's size on one side only tells nothing, two
different tiers ("£10,000 to £250,000" / "£250,000 to £10 million") are two pots.
"""

from __future__ import annotations

import re
from functools import lru_cache

from config.lazy_pattern import lazy_pattern

_SCALE = {"k": 1e3, "thousand": 1e3, "m": 1e6, "million": 1e6, "bn": 1e9, "billion": 1e9}
# "£30 million", "£450m", "£1.5bn", "£10,000": read on a casefolded title.
_MONEY = lazy_pattern(r"£\s?(\d[\d,]*(?:\.\d+)?)\s*(k|m|bn|thousand|million|billion)?\b")
# Words that name a pot: a headline's subject before its verb is none of them ("Local Digital Fund
# opens round 9" is a pot's name and its round, not a subject and verb).
POT_WORDS = frozenset(
    "fund funding scheme programme program grant grants award awards prize challenge competition".split()
)
_POT = "|".join(sorted(POT_WORDS))
_SUBJECT = rf"(?:(?!(?:{_POT})\b)[\w'’]+\s+){{0,3}}?"
_VERB = (
    r"launch(?:es)?|unveils|announces|confirms|(?:re)?opens|invites bids for|"
    r"(?:invited|able|set) to (?:bid|apply) (?:for|to)|can (?:now )?(?:bid|apply) (?:for|to)|"
    r"apply (?:now )?for|bid for"
)
# The verb of a headline names what it does to a pot after it ("… launches £30m X Fund"); followed
# by "to", "for", "in" … it is the pot's own step ("PSDS Phase 4 opens to councils").
_LEADING = lazy_pattern(
    rf"^(?:{_SUBJECT}(?:{_VERB})(?!\s+(?:to|for|in|on|at|today|soon|next|this)\b)"
    r"|applications (?:are )?(?:now )?open (?:for|to))\s+"
    r"(?:(?:the|a|an|its|new)\s+)*"
)
_VERB_STEMS = lazy_pattern("launch|unveil|announce|confirm|open|invite|apply|bid")
_NEW = lazy_pattern(r"^new\s+(?=£)")
# "… to tackle loneliness", "… to help councils restore nature": why the pot exists, not its name.
_PURPOSE = lazy_pattern(
    r"\s+to\s+(?:help|tackle|support|boost|improve|deliver|create|restore|bring|get|make|protect|"
    r"cut|give|transform|expand|build|drive|unlock|back|power|reduce|increase|keep|upgrade|"
    r"install|plant|revive|regenerate|fix|speed|save)\b.*$"
)


def amount(match: re.Match[str]) -> int:
    number = float(match[1].replace(",", ""))
    return round(number * _SCALE.get(match[2] or "", 1))


@lru_cache(maxsize=8192)
def amounts(text: str) -> frozenset[int]:
    """The amounts of money a casefolded title names, in pounds."""
    return frozenset(amount(m) for m in _MONEY.finditer(text)) if "£" in text else frozenset()


def without_money(text: str) -> str:
    return _MONEY.sub(" ", text) if "£" in text else text


def pot_in_headline(text: str) -> str:
    """A casefolded title without a headline's frame around the pot's name (unchanged if none)."""
    if text.startswith("new "):
        text = _NEW.sub("", text)
    text = without_money(text).strip()
    # Only a title with one of the verbs' stems can have the frame: a plain search spares most
    # titles the pattern, which costs more than the rest of reading a call's name.
    framed = _VERB_STEMS.search(text) and _LEADING.match(text)
    if framed and len(text[framed.end() :].split()) >= 2:
        text = text[framed.end() :]
    if " to " in text:
        text = _PURPOSE.sub("", text)
    return text
