"""Pure: a call's title and funder as two sources' wordings of one pot can be compared.

Find a Grant, GOV.UK and a funder's own site name one pot differently: "Local Authority Housing
Fund (LAHF) round 3: prospectus" and "Local Authority Housing Fund Round 3"; "Phase II" and "phase
2"; "2025-26" and "2025 to 2026"; "DLUHC" and "Ministry of Housing, Communities and Local
Government". What differs only in wording is set aside here; what tells calls apart (a round's
number, a year, another word in the fund's name) is kept for storage/same_call.py to judge.
"""

from __future__ import annotations

import unicodedata
from functools import lru_cache

from config.lazy_pattern import lazy_pattern
from storage.fund_rounds import COUNTS, MONTHS, ORDINALS, ROMAN
from storage.funders import family_name
from storage.headlines import POT_WORDS, pot_in_headline
from storage.welsh_names import in_english

# An acronym in brackets ("(LAHF)", "(BSIP+)", "(DfT)"): the name it stands for is beside it. Read
# in the title as written: two capitals at least, so a word in brackets ("(capital)", "(revenue)")
# is kept, and not a roman numeral ("(II)" is a round).
_ACRONYM = lazy_pattern(r"\((?![IVX]+\))(?=(?:[^()A-Z]*[A-Z]){2})[A-Za-z0-9+&.\-]{2,12}\)")
# Where a title's parts meet: "Fund: prospectus", "Fund – apply now", "Fund | GOV.UK", and a
# badge's "!" ("New! Million Hours Fund").
_PARTS = lazy_pattern(r"\s*[:!]\s+|\s+[-–—|]\s+")
_PARTED = lazy_pattern(r"[:!]\s|\s[-–—|]\s")
# A financial or academic year: "2025-26", "2025/26", "2025 to 2026", "2025–2026".
_YEAR_SPAN = lazy_pattern(r"\b(20\d\d)\s*(?:-|–|/|to)\s*(?:20)?(\d\d)\b")
# A financial year by its short name: "FY26/27", "FY 2026-27", "FY26-27" is "2026 2027".
_FY_SPAN = lazy_pattern(r"\bfy\s?(?:20)?(\d\d)\s*(?:-|–|/|to)\s*(?:20)?(\d\d)\b")
_STAGE_WORDS = r"round|phase|wave|stage|tranche|window|cohort"
# A lot's or a strand's number is written in words too ("Lot One"); the word itself is kept.
_COUNTED_WORDS = _STAGE_WORDS + "|lot|strand|stream"
# Roman numerals and counted words, one to ten, as fund_rounds.py reads a round's number.
_COUNTED = ROMAN | {word: n for word, n in COUNTS.items() if n <= 10}
_STAGE = lazy_pattern(
    rf"\b({_COUNTED_WORDS})\s+({'|'.join(sorted(_COUNTED, key=len, reverse=True))})\b"
)
# "second round", "2nd round", "R2", "Rd 2": the round's number as the other source writes it.
_ORDINALS = {word: n for word, n in ORDINALS.items() if n <= 10}
_ORDINAL_STAGE = lazy_pattern(
    rf"\b({'|'.join(_ORDINALS)}|(\d{{1,2}})(?:st|nd|rd|th))\s+({_STAGE_WORDS})\b"
)
_SHORT_ROUND = lazy_pattern(r"\br(?:d|nd)?\.?\s?(\d{1,2})\b")
_ANY_STAGE = lazy_pattern(rf"\b(?:{_COUNTED_WORDS})\b")
# "Round 7 of the Safer Streets Fund" is "Safer Streets Fund round 7".
_STAGE_OF = lazy_pattern(rf"^((?:{_STAGE_WORDS}) \d{{1,2}}[a-z]?) of (?:the )?(.+)$")
# "ATF5", "BLRF2": initials with their round's number run on.
_RUN_ON = lazy_pattern(r"([a-z]{2,6})(\d{1,2})")
_LETTER_DIGIT = lazy_pattern(r"[a-z]\d")
# A strand or lot by letter tells calls apart as its number does ("Lot A" / "Lot B").
_LETTERED = lazy_pattern(r"\b(?:lot|strand|stream|tier|category|option|package)\s[a-h]\b")
# The kind of pot a source calls it: "Heat Network Efficiency Scheme" on GOV.UK is "… Programme" on
# the funder's site; one word here, so house style costs nothing in the fuzzy score.
_POT_WORDS = {"scheme": "fund", "programme": "fund", "program": "fund", "grants": "grant"}
# A headline's words for a pot (headlines.py), but "competition": after a fund's name it is a step.
_POTS = POT_WORDS - {"competition"}
_KIND_HEADS = (["grant"], ["grants"], ["grant", "funding"], ["funding"], ["grant", "notice"])
# The round word before its number ("tranche 5" is "5"); a name's own word stays ("Wave Energy").
_STAGE_WORD = lazy_pattern(rf"\b(?:{_STAGE_WORDS})\s+(?=\d)")
_NOT_WORD = lazy_pattern(r"[^\w£]+")
_MARKER = lazy_pattern(r"\b\d+[a-z]?\b")
_YEAR = lazy_pattern(r"^(?:19|20)\d\d$")

# Words a part of a title may be made of and still name no call of its own: the document or the
# step it is about ("prospectus", "guidance for local authorities", "how to apply", "expression of
# interest"), or the site's name. A part with any other word is kept.
_DOCUMENT_WORDS = frozenset(
    """
    a an and the for of to on in by with now how new gov uk govuk
    prospectus guidance guide notes note overview details detail information info summary
    apply applying application applications applicant applicants form forms portal online
    call calls proposal proposals expression expressions interest eoi invitation bid bids bidding
    competition brief criteria eligibility faq faqs questions frequently asked technical annex
    local authority authorities council councils organisations open opens opened closing closed
    deadline extended updated update launch launched announcement policy paper document documents
    funding submission submissions opportunity opportunities alert alerts digest bulletin news
    soon last chance reminder featured approaching extension
    """.split()
)
# A news headline's words before the pot's name ("Funding boost: Pride in Place Impact Fund"): a
# part of these alone names no call either. Only a whole part: "Community Energy Boost" keeps its word.
_PART_WORDS = _DOCUMENT_WORDS | {"boost", "boosted", "announced", "launches", "latest"}
# A strand named before the programme ("Capital strand: Family Hubs Transformation Fund") is put after
# it, where other sources write it, so the name leads with the programme's words (same_call.py).
_STRAND_FIRST = lazy_pattern(r"[a-z]+ (?:strand|stream)")
# A digest's funder in brackets after the name: "Community Ownership Fund (DLUHC)", "(Defra)".
_FUNDER_AFTER = lazy_pattern(r"\s*\(([^()]{2,60})\)\W*$")
# A lone "y" is Welsh's article in a place's name ("Pen y Cymoedd"), left out when the name is read
# in Welsh (welsh_names.py): left out in English titles too.
_WELSH_Y = lazy_pattern(r" y (?=\w)")
# A digest's "– deadline 12 February" is a document part too: a date beside a document word.
_DATE_WORDS = MONTH_NAMES = frozenset(MONTHS)


@lru_cache(maxsize=8192)
def call_name(title: str | None) -> str:
    """The title as compared with another source's: case, brackets' acronyms, a leading "the", the
    document and step words after a colon or dash, and how rounds and years are written set aside
    ("Local Authority Housing Fund (LAHF) round 3: prospectus" → "local authority housing fund 3")."""
    # Each rewrite only where its sign is: a new call's name is read on the store's hot path.
    text = title or ""
    if "(" in text:
        text = _ACRONYM.sub(" ", text)
    text = in_english(text.casefold().replace("&", " and "))
    if not text.isascii():
        text = _unaccented(text)  # "Esmée" is "Esmee" on another source, as funders.simplify reads
    text = pot_in_headline(text)
    if "fy" in text:
        text = _FY_SPAN.sub(r"20\1 20\2", text)
    if "20" in text:
        text = _YEAR_SPAN.sub(lambda m: f"{m[1]} 20{m[2]}", text)
    staged = _ANY_STAGE.search(text)
    if staged:
        text = _STAGE.sub(lambda m: f"{m[1]} {_COUNTED[m[2]]}", text)
        text = _ORDINAL_STAGE.sub(lambda m: f"{m[3]} {m[2] or _ORDINALS[m[1]]}", text)
    text = _SHORT_ROUND.sub(r"round \1", text)
    if staged or "round" in text:
        text = _STAGE_OF.sub(r"\2 \1", text)
    if _PARTED.search(text):
        parts = [p for p in _PARTS.split(text) if p.strip()]
        # A notice's kind before the name, as Contracts Finder heads a grant: "Grant: …".
        if len(parts) > 1 and _NOT_WORD.sub(" ", parts[0]).split() in _KIND_HEADS:
            parts = parts[1:]
        if len(parts) > 1 and _STRAND_FIRST.fullmatch(parts[0].strip()):
            parts = parts[1:] + parts[:1]
        text = " ".join([p for p in parts if not _only_document_words(p)] or parts[:1])
    if staged or "round" in text:
        text = _STAGE_WORD.sub(" ", text)
    if " y " in text:
        text = _WELSH_Y.sub(" ", text)
    words = _NOT_WORD.sub(" ", text).split()
    # "ATF5", "BLRF2": initials with their round's number run on.
    if _LETTER_DIGIT.search(text):
        words = [part for word in words for part in _run_on(word)]
    if words[:1] == ["the"]:
        words = words[1:]
    # The step after the name with no colon before it: "… Round 9 opens for applications", "… EOI".
    # A competition is the pot itself where the name has no other word for one ("Sustainable
    # Warmth Competition" is "… Programme" elsewhere); after a fund's name it is a step.
    if "competition" in words and not _POTS.intersection(words):
        words = ["fund" if w == "competition" else w for w in words]
    while len(words) > 2 and words[-1] in _DOCUMENT_WORDS:
        words.pop()
    return " ".join(_POT_WORDS.get(w, w) for w in words)


def _unaccented(text: str) -> str:
    return "".join(c for c in unicodedata.normalize("NFKD", text) if not unicodedata.combining(c))


def _run_on(word: str) -> list[str]:
    run = _RUN_ON.fullmatch(word)
    return [run[1], run[2]] if run else [word]


def _only_document_words(part: str) -> bool:
    words = _NOT_WORD.sub(" ", part).split()
    told = [w for w in words if w in _PART_WORDS]
    dated = (w for w in words if w not in _PART_WORDS)
    return bool(told) and all(w in _DATE_WORDS or w.isdigit() and len(w) <= 2 for w in dated)


def kind_aligned(name_a: str, name_b: str) -> tuple[str, str]:
    """Two names with a trailing "fund" (or "scheme", "programme") or "grants" on one side only,
    where the other names no kind of pot at all: that word is house style ("High Street
    Accelerators" is "… programme" on GOV.UK, "Improving Lives" is "Improving Lives grants" on a
    digest), set aside for the comparison; so is "programme" after "grants" ("Small Grants
    programme" is the funder's "Small Grants")."""
    words_a, words_b = name_a.split(), name_b.split()
    if words_a[-1:] != words_b[-1:]:  # the same last word (most pairs): nothing to align
        words_a, words_b = _one_kind(words_a, words_b), _one_kind(words_b, words_a)
        if len(words_a) > 2 and words_a[-1] in _KINDS and not _POTS.intersection(words_b):
            words_a = words_a[:-1]
        elif len(words_b) > 2 and words_b[-1] in _KINDS and not _POTS.intersection(words_a):
            words_b = words_b[:-1]
        return " ".join(words_a), " ".join(words_b)
    return name_a, name_b


_KINDS = frozenset({"fund", "grant"})


def _one_kind(words: list[str], other: list[str]) -> list[str]:
    if len(words) > 2 and words[-1] == "fund" and words[-2] in _NAMED_KINDS and "fund" not in other:
        return words[:-1]
    return words


_NAMED_KINDS = frozenset({"grant", "award", "prize"})


# Words that end a title's first part when it names the funder: a bulletin with no funder field
# writes "Garfield Weston Foundation: Regular Grants", "Sport England - Together Fund".
_ORGANISATION = frozenset(
    "foundation trust charity council england wales scotland uk office agency commission authority".split()
)


@lru_cache(maxsize=4096)
def funder_in_title(title: str | None) -> str | None:
    """The funder a title names in its first part before the pot's name, as call_name() reads it,
    or None: two words at least, the last an organisation's ("… Foundation", "… Trust", "Sport
    England"), and another part after it that is not only document words."""
    text = (title or "").casefold()
    after = bracketed(title)
    if after and _funder_named(after):
        return after  # "Local Nature Recovery Fund (Defra)"
    if not _PARTED.search(text):
        return None
    parts = [p for p in _PARTS.split(text) if p.strip() and not _only_document_words(p)]
    if len(parts) > 1 and _funder_named(parts[0]):
        return call_name(parts[0])
    return None


@lru_cache(maxsize=4096)
def bracketed(title: str | None) -> str | None:
    """What a title ends with in brackets, as call_name() reads it ("(DLUHC)" → "dluhc"), or None."""
    text = (title or "").casefold().rstrip()
    after = _FUNDER_AFTER.search(text) if text.endswith(")") else None
    return call_name(after[1]) if after else None


def _funder_named(part: str) -> bool:
    """Whether a title's part names a funder: two words at least, the last an organisation's
    ("… Foundation", "Sport England"), or the whole a funder of a family ("TNLCF", "Defra", "Big
    Lottery Fund": storage/funders.py; a name ending in "Fund" alone is too often a pot's)."""
    words = _NOT_WORD.sub(" ", part).split()
    if len(words) >= 2 and _unaccented(words[-1]) in _ORGANISATION:
        return True
    return family_name(part)


def markers(name: str) -> tuple[frozenset[str], frozenset[str]]:
    """A call name's years, and its other numbers (a round, a tranche, "3c"): calls differing in
    these are different calls."""
    found = _MARKER.findall(name)
    years = frozenset(n for n in found if _YEAR.match(n))
    return years, frozenset(found + _LETTERED.findall(name)) - years


def without_years(name: str) -> str:
    return " ".join(w for w in name.split() if not _YEAR.match(w))
