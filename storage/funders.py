"""Pure: whether two sources' funders can be the one behind the same call.

A funder is written as its name, its initials ("DfT"), with or without "The" or "&", under a
department's old name, or as the body that runs the scheme for it. Two names that each carry a word
the other lacks ("Durham County Council" / "Durham City Council", "Surrey …" / "Sussex Police and
Crime Commissioner") are two funders, however many words they share.
"""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

from rapidfuzz import fuzz

from config.lazy_pattern import lazy_pattern
from storage.initials import funder_initials

# A one-word slip between two spellings of one name ("Organisation" / "Organization").
TYPO_THRESHOLD = 85
_WORDS = lazy_pattern(r"[^\w£]+")
# Words a funder's name is written with or without: "The Tudor Trust", "Food & Rural Affairs".
_LOOSE = frozenset({"the", "and", "of", "for"})


@lru_cache(maxsize=4096)
def simplify(text: str | None) -> str:
    # "&" is "and" (the families below are written with it), and "Esmée" is "Esmee" on some sites.
    folded = unicodedata.normalize("NFKD", (text or "").replace("&", " and "))
    plain = "".join(c for c in folded if not unicodedata.combining(c))
    return _WORDS.sub(" ", plain.casefold()).strip()


# Funders that list one another's calls under their own names: UKRI's funding finder lists Innovate
# UK's and the research councils' competitions as "UK Research and Innovation" or as the council. A
# department renamed, or split, is listed under its old name and its new ones for years; and a
# department's calls under the body that runs them for it (Ofgem and Salix for DESNZ, the ESFA for
# DfE, OZEV for DfT). Welsh Government pages are in Welsh and English.
_FAMILIES = (
    (
        "uk research and innovation", "ukri", "innovate uk", "research england",
        "engineering and physical sciences research council", "epsrc",
        "economic and social research council", "esrc", "arts and humanities research council",
        "ahrc", "biotechnology and biological sciences research council", "bbsrc",
        "medical research council", "mrc", "natural environment research council", "nerc",
        "science and technology facilities council", "stfc",
    ),
    (
        "ministry of housing communities and local government", "mhclg",
        "department for levelling up housing and communities", "dluhc",
        "department for communities and local government", "dclg", "homes england",
    ),
    (
        "department for business energy and industrial strategy", "beis",
        "department for energy security and net zero", "desnz", "ofgem", "salix finance", "salix",
        "department for science innovation and technology", "dsit", "uk space agency", "uksa",
        "department for digital culture media and sport",
        "department for business and trade", "dbt", "department for international trade", "dit",
    ),
    (
        "department for culture media and sport", "department for digital culture media and sport",
        "dcms",
    ),
    (
        "department for transport", "dft", "active travel england",
        "office for zero emission vehicles", "ozev", "office for low emission vehicles", "olev",
    ),
    (
        "department for environment food and rural affairs", "defra", "environment agency",
        "natural england", "forestry commission", "rural payments agency",
    ),
    (
        "department for education", "dfe", "education and skills funding agency", "esfa",
        "skills england",
    ),
    (
        "department of health and social care", "dhsc", "office for health improvement and disparities",
        "ohid", "uk health security agency", "ukhsa", "public health england", "phe",
    ),
    ("welsh government", "llywodraeth cymru", "wg"),
    # The lottery distributors under their old names, short names and Welsh names: the Heritage
    # Lottery Fund is the National Lottery Heritage Fund, "The Heritage Fund" since 2024 (below);
    # the Big Lottery Fund is The National Lottery Community Fund.
    (
        "national lottery heritage fund", "nlhf", "heritage lottery fund", "hlf",
        "cronfa treftadaeth y loteri genedlaethol",
    ),
    (
        "national lottery community fund", "tnlcf", "big lottery fund", "big lottery",
        "cronfa gymunedol y loteri genedlaethol",
    ),
    ("sport wales", "chwaraeon cymru"),
    ("arts council of wales", "cyngor celfyddydau cymru"),
    ("scottish government", "riaghaltas na h alba", "naturescot", "scottish natural heritage"),
)  # fmt: skip
# A department split in two is of both successors' families (Digital, Culture, Media and Sport's
# digital calls went to DSIT, the rest stayed with DCMS).
_FAMILY_OF: dict[str, frozenset[int]] = {}
for _number, _family in enumerate(_FAMILIES):
    for _name in _family:
        _FAMILY_OF[_name] = _FAMILY_OF.get(_name, frozenset()) | {_number}
FAMILY_NAME = lazy_pattern(
    r"\b(?:" + "|".join(sorted(map(re.escape, _FAMILY_OF), key=len, reverse=True)) + r")\b"
)


# Names that are a family's only as the whole funder: "The Heritage Fund" is the lottery's, and the
# Architectural Heritage Fund another funder whose name has the same two words in it.
_WHOLE_NAMES = {"heritage fund": _FAMILY_OF["nlhf"]}


def _families(funder: str) -> set[int]:
    whole = _WHOLE_NAMES.get(funder.removeprefix("the "), frozenset())
    return {n for m in FAMILY_NAME.finditer(funder) for n in _FAMILY_OF[m.group(0)]} | whole


def family_name(text: str) -> bool:
    """Whether a title's part is, all of it, a funder of a family above ("TNLCF", "Defra", "Big
    Lottery Fund", "The Heritage Fund"): a bulletin names the funder so, before or after the pot."""
    plain = simplify(text).removeprefix("the ")
    return plain in _WHOLE_NAMES or bool(FAMILY_NAME.fullmatch(plain))


@lru_cache(maxsize=1024)
def family_names(funder: str | None) -> tuple[str, ...]:
    """The names a funder's own calls may be prefixed with, longest first: its own, its family's."""
    plain = simplify(funder)
    numbers = _families(plain)
    names = [n for n, family in _FAMILY_OF.items() if family & numbers] + [plain]
    # A title drops the funder's "The" ("Tudor Trust open grants" from The Tudor Trust), or
    # writes its initials ("ACE: Develop Your Creative Practice" from Arts Council England).
    unprefixed = plain.removeprefix("the ")
    names += [unprefixed, *funder_initials(unprefixed)]
    return tuple(sorted(set(filter(None, names)), key=len, reverse=True))


def same_funder(a: str | None, b: str | None) -> bool:
    """Whether two sources' funders can be the one behind the same call: one name within the other
    ("Leeds City Council" / "Leeds Council"), a one-word slip, initials, or two bodies of one
    family ("Innovate UK" and "UK Research and Innovation")."""
    funder_a, funder_b = simplify(a), simplify(b)
    if not funder_a or not funder_b:
        return False
    only_a = set(funder_a.split()) - set(funder_b.split()) - _LOOSE
    only_b = set(funder_b.split()) - set(funder_a.split()) - _LOOSE
    if not only_a or not only_b:
        return True
    if len(only_a) == len(only_b) == 1 and fuzz.ratio(*only_a, *only_b) >= TYPO_THRESHOLD:
        return True
    # "DfT" for "Department for Transport", "MHCLG" for "Ministry of Housing, Communities and …"
    if funder_a in funder_initials(funder_b) or funder_b in funder_initials(funder_a):
        return True
    return bool(_families(funder_a) & _families(funder_b))
