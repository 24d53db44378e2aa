"""A sentence of Welsh read in English words: Welsh Government and Welsh funders publish "Pwy all
wneud cais" beside "Who can apply", and a Welsh-only page ("Gall cynghorau tref a chymuned wneud
cais") said nothing to the English rules. Only the few words that say who applies are put in
English; the rest are left as they are, so the rules read the sentence as any other and its
phrase is quoted as written.

Welsh puts the verb first ("Gall awdurdodau lleol wneud cais": may local authorities make an
application), so the verb's opening word is dropped and its English put where "wneud cais" (make
an application) or "yn gymwys" (eligible) stands, after the subject; a clause opening "Ni" or
"Nid" (not) denies it, and each clause has its own verb ("Ni all …, ond gall …": not …, but may …).
"""

from __future__ import annotations

import re

from config.lazy_pattern import lazy_pattern

_I = re.IGNORECASE
# Mutated forms too: "cynghorau" is "gynghorau" after "i" (soft), "chynghorau" after "a" (and:
# aspirate), "nghynghorau" after "yn" (nasal); "awdurdodau lleol" is unchanged. The pattern once
# written "g?cynghorau" matched none of them, so "grwpiau cymunedol a chynghorau tref a chymuned"
# read as a list without councils: no.
_C = "(?:c|g|ch|ngh)"
_WELSH = lazy_pattern(
    rf"\b(?:wneud\s+cais|gymwys|ar\s+(?:agor|gael)\s+i|{_C}ynghorau|{_C}yngor|awdurdod(?:au)?\s+lleol)\b",
    _I,
)
# A clause: its verb's opening word, the subject, then "wneud cais" or "yn gymwys" ("Ni all awdurdodau
# lleol wneud cais, ond gall cynghorau tref wneud cais": each clause has its own).
_CLAUSE = lazy_pattern(
    r"\b(?:(?P<denied>nid?\s+(?:yw|ydynt|ydyw|all|allant|fydd))|gall|gallant|mae|maent|bydd|byddant)\s+"
    r"(?P<subject>[^.;:]{1,160}?)\s+(?:yn\s+gymwys(?:\s+i\s+wneud\s+cais)?|wneud\s+cais)\b",
    _I,
)
# Longest first, so a council's tier is read with it.
_WORDS = (
    (r"pwy\s+(?:all|sy'n\s+gallu)\s+wneud\s+cais", "who can apply"),
    (r"pwy\s+sy'n\s+gymwys", "who is eligible"),
    (rf"{_C}ynghorau\s+tref\s+a\s+chymuned", "town and community councils"),
    (rf"{_C}ynghorau\s+cymuned\s+a\s+thref", "community and town councils"),
    (rf"{_C}ynghorau\s+tref", "town councils"),
    (rf"{_C}ynghorau\s+cymuned", "community councils"),
    (rf"{_C}ynghorau\s+sir", "county councils"),
    (rf"{_C}ynghorau\s+bwrdeistref\s+sirol", "county borough councils"),
    (rf"{_C}ynghorau\s+dinas", "city councils"),
    (rf"{_C}yngor\s+tref", "town council"),
    (rf"{_C}yngor\s+cymuned", "community council"),
    (rf"{_C}yngor\s+sir", "county council"),
    (rf"{_C}yngor\s+bwrdeistref\s+sirol", "county borough council"),
    (rf"{_C}yngor\s+dinas", "city council"),
    (r"awdurdodau\s+lleol", "local authorities"),
    (r"awdurdod\s+lleol", "local authority"),
    # Public and statutory bodies include councils, in Welsh as in English.
    (r"sefydliadau\s+(?:y\s+)?sector\s+cyhoeddus", "public sector organisations"),
    (r"cyrff\s+cyhoeddus", "public bodies"),
    (r"corff\s+cyhoeddus", "public body"),
    (r"cyrff\s+statudol", "statutory bodies"),
    (r"gan\s+gynnwys", "including"),
    # "Mae'r cynllun ar agor i gynghorau tref …": the scheme is open to …; "Nid yw'r gronfa ar gael i …":
    # the fund is not available to ….
    (r"nid\s+yw'r\s+(?:cynllun|gronfa|grant|rhaglen)\s+ar\s+agor\s+i", "the scheme is not open to"),
    (
        r"nid\s+yw'r\s+(?:cynllun|gronfa|grant|rhaglen)\s+ar\s+gael\s+i",
        "the scheme is not available to",
    ),
    (r"ar\s+agor\s+i", "open to"),
    (r"ar\s+gael\s+i", "available to"),
    (r"elusennau", "charities"),
    (r"grwpiau\s+cymunedol", "community groups"),
    (r"busnesau", "businesses"),
    (r"unigolion", "individuals"),
    (r"ysgolion", "schools"),
    (r"fel\s+partneriaid", "as partners"),
    (r"fel\s+partner", "as a partner"),
    (r"yng\s+nghymru", "in Wales"),
    # "a" is "and" only before a Welsh applicant: English "a" may share the sentence.
    (r"ac?(?=\s+(?:grwpiau|elusennau|busnesau|ysgolion|unigolion|awdurdodau|chynghorau))", "and"),
    (r"neu", "or"),
    (r"ond", "but"),
)
_WORD = lazy_pattern("|".join(rf"\b(?P<w{i}>{w})\b" for i, (w, _) in enumerate(_WORDS)), _I)


def _clause(found: re.Match[str]) -> str:
    return found["subject"] + (" cannot apply" if found["denied"] else " can apply")


def in_english(sentence: str) -> str | None:
    """The sentence with its words on who applies in English, or None when it has none in Welsh."""
    if not _WELSH.search(sentence):
        return None
    english = _WORD.sub(lambda m: _WORDS[int(m.lastgroup[1:])][1], _CLAUSE.sub(_clause, sentence))
    return english if english != sentence else None
