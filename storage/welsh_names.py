"""Pure: a Welsh title in the English words its twin is named by.

Welsh Government pages, and Welsh bodies', are in both languages: "Cronfa Teithio Llesol" is the
"Active Travel Fund", "Grant Cymorth Tai" the "Housing Support Grant". A title that reads as Welsh
(most of its words are Welsh words here, one of them no English word) is put word for word into
English; word order does not matter to the comparison (sorted keys, token_sort) and the Welsh
adjective after its noun is no obstacle. A word's first letter changes after some words ("gronfa",
"chronfa", "nghronfa" are all "cronfa"): it is looked up as written, then with each mutation undone.
The vocabulary is the words funding titles are made of, not a dictionary.
"""

from __future__ import annotations

from functools import lru_cache

from config.lazy_pattern import lazy_pattern

_WORDS = """
cronfa:fund cronfeydd:funds rhaglen:programme rhaglenni:programmes cynllun:scheme cynlluniau:schemes
grant:grant grantiau:grants cyllid:funding gwobr:award gwobrau:awards her:challenge
cymuned:community cymunedau:communities cymunedol:community cyfleusterau:facilities
tai:housing cartref:home cartrefi:homes cynnes:warm ynni:energy gwyrdd:green adfywio:regeneration
treftadaeth:heritage ysgol:school ysgolion:schools plant:children pobl:people ifanc:young
ieuenctid:youth iechyd:health gofal:care cymdeithasol:social cyfalaf:capital refeniw:revenue
bach:small mawr:large trafnidiaeth:transport teithio:travel llesol:active bws:bus bysiau:buses
natur:nature bioamrywiaeth:biodiversity coetir:woodland coetiroedd:woodlands coed:trees
llifogydd:flood arfordir:coast arfordirol:coastal digidol:digital sgiliau:skills
diwylliant:culture diwylliannol:cultural chwaraeon:sport amgueddfa:museum amgueddfeydd:museums
llyfrgell:library llyfrgelloedd:libraries twristiaeth:tourism busnes:business busnesau:businesses
arloesi:innovation arloesedd:innovation ymchwil:research gwledig:rural trefol:urban tref:town
trefi:towns canol:centre stryd:street strydoedd:streets lleol:local lle:place lleoedd:places
rhanbarthol:regional cenedlaethol:national cymru:wales datblygu:development
trawsnewid:transforming cymorth:support cefnogi:support cynaliadwy:sustainable ffermio:farming
fferm:farm ffermydd:farms economi:economy cylchol:circular dysgu:learning newydd:new
gwella:improvement gwelliannau:improvements buddsoddi:investment buddsoddiad:investment
seilwaith:infrastructure dwr:water dŵr:water aer:air ansawdd:quality tlodi:poverty tanwydd:fuel bwyd:food
gwyliau:holiday gweithgareddau:activities gwaith:work swyddi:jobs cyngor:council
cynghorau:councils awdurdod:authority awdurdodau:authorities sero:zero allyriadau:emissions
ailgylchu:recycling gwastraff:waste diogelwch:safety prosiectau:projects partneriaeth:partnership
partneriaethau:partnerships cyhoeddus:public effeithlonrwydd:efficiency cyfer:for ar:on a:and
ac:and y:- yr:- r:- i:to o:of yn:in mewn:in canllawiau:guidance prosbectws:prospectus
ceisiadau:applications cais:application integredig:integrated ffyniant:prosperity
cyffredin:shared â:with agor:open nawr:now cau:closing
"""
# "-": the article ("y", "yr", "'r"), which English names leave out ("Cronfa'r Economi Gylchol").
WELSH = {w: "" if e == "-" else e for w, e in (pair.split(":") for pair in _WORDS.split())}
# Welsh words that are English words too: they alone never make a title Welsh ("Plant Health …").
_ALSO_ENGLISH = frozenset({"grant", "her", "plant", "bach", "a", "i", "o", "y", "r", "ar", "tai"})
# A mutated first letter and the letter it stands for, longest first.
_MUTATIONS = (
    ("ngh", "c"), ("mh", "p"), ("nh", "t"), ("ng", "g"), ("ch", "c"), ("ph", "p"), ("th", "t"),
    ("dd", "d"), ("ll", "ll"), ("g", "c"), ("b", "p"), ("d", "t"), ("f", "b"), ("f", "m"),
    ("l", "ll"), ("r", "rh"), ("m", "b"), ("n", "d"), ("", "g"),
)  # fmt: skip
_WORD = lazy_pattern(r"[^\W\d_]+")


def _forms(word: str) -> set[str]:
    """A Welsh word as written after each mutation of its first letter."""
    return {word} | {m + word[len(p) :] for m, p in _MUTATIONS if word.startswith(p) and p}


# Every form of the words that are no English words: a title with none of them is not Welsh.
_WELSH_ONLY_FORMS = frozenset(
    form for word in WELSH if word not in _ALSO_ENGLISH for form in _forms(word)
) | frozenset(word[1:] for word in WELSH if word.startswith("g"))


@lru_cache(maxsize=4096)
def english(word: str) -> str | None:
    """The English for a Welsh word (lower case), its first letter's mutation undone if need be."""
    found = WELSH.get(word)
    if found is not None:
        return found
    for mutated, plain in _MUTATIONS:
        if word.startswith(mutated) and len(word) > len(mutated) + 1:
            found = WELSH.get(plain + word[len(mutated) :])
            if found is not None:
                return found
    return None


def reads_welsh(text: str) -> bool:
    """Whether a casefolded title reads as Welsh: half its words Welsh ones, not all English too."""
    # Asked of every new title, nearly all of them English: a set's test in C on its words as split
    # turns those away (a Welsh title has a Welsh word with no stop or colon on it: "Cronfa'r
    # Economi Gylchol" has two).
    if _WELSH_ONLY_FORMS.isdisjoint(text.split()):
        return False
    words = _WORD.findall(text)
    unknown, welsh_only = 0, False
    for word in words:
        if english(word) is None:
            unknown += 1
            if unknown * 2 > len(words):
                return False  # most titles, after a word or two
        elif word not in _ALSO_ENGLISH:
            welsh_only = True
    return welsh_only


def in_english(text: str) -> str:
    """A casefolded title put into English if it reads as Welsh; unchanged otherwise."""
    if not reads_welsh(text):
        return text
    # "ar gyfer" is one word's worth, "for" ("Lleoedd Lleol ar gyfer Natur"), not "on for".
    text = text.replace("ar gyfer", "gyfer")
    text = _WORD.sub(lambda m: w if (w := english(m[0])) is not None else m[0], text)
    # The kind of pot leads a Welsh name and ends an English one ("Cronfa Treftadaeth Leol" is the
    # "Local Heritage Fund"): put last, as English has it, so the adjective after it ("local") is
    # not read as the last word of a title and set aside as a digest's word (call_names.py).
    # Only across the name's words: a year or a badge after it ("2027-28 – ar agor") stays where it is.
    return _KIND_FIRST.sub(r"\2 \1", text.strip())


_KIND_FIRST = lazy_pattern(
    r"^(funds?|grants?|scheme|programme|awards?) ([^\W\d_]+(?:\s+[^\W\d_]+)*)(?![\w'’])"
)
