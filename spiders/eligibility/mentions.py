"""Where a sentence names local councils as possible applicants.

Councils are county, district, borough, unitary, metropolitan, London borough, city, parish, town
and community councils, local authorities, combined and strategic authorities, and the public sector
bodies that include them ("Public Sector" on Find a Grant, "statutory bodies"). Not councils:
funders ("Research Council", "Arts Council England", "British Council"), areas ("local authority
area"), council tax, and a council that only benefits ("to help local authorities") or pays ("match
funding from local authorities").
"""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from functools import lru_cache

from config.lazy_pattern import lazy_pattern
from spiders.eligibility.counts import SMALL_COUNT
from spiders.eligibility.pot_names import POT_NAME_AFTER
from spiders.word_starts import at_word_starts

Span = tuple[int, int]

_COUNCIL_TYPED = at_word_starts(
    # "Local Authorites", the commonest misspelling of the commonest name.
    r"\blocal\s+authorit(?:y|ies|es)\b"
    r"|\b(?:local|county|district|borough|unitary|parish|town|city|metropolitan|principal|"
    r"london\s+borough|upper[- ]tier|lower[- ]tier|single[- ]tier|two[- ]tier)\s+councils?\b"
    # Wales's community councils are its local councils; Scotland's are statutory community bodies,
    # no tier of local government (applicants.py names them), so not when Scotland is said of them.
    r"|(?<!scottish\s)\bcommunity\s+councils?\b(?!\s+in\s+scotland\b)"
    r"|\b(?:county|district|unitary|principal|upper[- ]tier|lower[- ]tier|single[- ]tier|two[- ]tier)"
    r"\s+(?:local\s+)?authorit(?:y|ies)\b"
    r"|\blondon\s+boroughs?\b|\bgreater\s+london\s+authority\b"
    # Boroughs counted are their councils: "open to the ten Greater Manchester boroughs".
    rf"|\b(?:\d{{1,2}}|{SMALL_COUNT})\s+(?!london\b)"
    r"(?:(?-i:[A-Z])[\w'-]*\s+){0,3}boroughs\b"
    # "paid to the lead authority in each pool": in a funding call the lead authority is a council,
    # and so is a prospectus's "bidding authority" ("Each bidding authority may submit one bid").
    r"|\b(?:lead|bidding)\s+authorit(?:y|ies)\b"
    # A combined authority's member councils: "the seven constituent authorities of the WMCA".
    r"|\bconstituent\s+(?:local\s+)?authorit(?:y|ies)\b"
    # A council in one of its statutory roles.
    r"|\b(?:lead\s+local\s+flood|local\s+(?:planning|highways?|education|transport|housing))\s+"
    r"authorit(?:y|ies)\b"
    # Roles only councils hold, named without "local": "Highway authorities can apply"; a burial
    # authority is the district, town or parish council that runs a cemetery (LGA 1972 s.214).
    r"|\b(?:highways?|waste\s+(?:disposal|collection)|licensing|housing|billing|education|burial)\s+"
    r"authorit(?:y|ies)\b"
    # Flood funding's "risk management authorities" are led by councils (lead local flood, district
    # and highway authorities), so a call open to them is open to councils.
    r"|\brisk\s+management\s+authorit(?:y|ies)\b"
    # "LAs can bid", "one bid per LA": the capitals only, as officials write it (not "LA Fitness").
    r"|(?-i:\bLAs?\b(?!\s+[A-Z][a-z]))"
    r"|\bcombined\s+(?:county\s+)?authorit(?:y|ies)\b"
    # A combined authority's transport body, or the joint board of councils before it: "Passenger
    # Transport Executives" (Nexus, Merseytravel, "PTEs"), "integrated transport authorities".
    r"|\bpassenger\s+transport\s+executives?\b|(?-i:\bPTEs?\b)|\bintegrated\s+transport\s+authorit(?:y|ies)\b"
    # One head shared by two kinds, the local one a council: "local and regional authorities"
    # (the EU's and Interreg's standing phrase), "local or national authorities".
    r"|\blocal\s+(?:and|or|&)\s+(?:regional|national|public|other)\s+authorit(?:y|ies)\b"
    r"|\b(?:mayoral\s+)?strategic\s+authorit(?:y|ies)\b"
    # "part of local or central government": local government, whatever else is named with it.
    r"|\blocal\s+(?:or|and|nor)\s+(?:central|national|regional)\s+government\b"
    r"|\blocal\s+government\b(?!\s+(?:areas?|sector\s+challenges?|settlements?|finance|act|"
    r"pension|association)\b)"
    # "We do not fund statutory services or organisations": the organisations are statutory bodies.
    r"|\b(?:public|statutory)\s+(?:sector\s+)?(?:(?:services|agencies)\s+(?:or|and)\s+)?"
    r"(?:bod(?:y|ies)|organi[sz]ations?|authorit(?:y|ies))\b"
    # Wales's joint bodies of principal councils, as combined authorities are England's.
    r"|\bcorporate\s+joint\s+committees?\b"
    # Local government is government: "Government bodies are not eligible" (but not central government's).
    r"|(?<!central\s)(?<!national\s)(?<!devolved\s)\bgovernment\s+(?:bod(?:y|ies)|organi[sz]ations?)\b"
    # Bare "public sector" only as an applicant type ("Local authority, Public Sector"), not
    # "public sector challenges", which is what SBRI calls for businesses say.
    # "… from the voluntary, community and public sectors": each sector is one, the public one too.
    r"|\bpublic\s+sectors?\b(?=\s*(?:[,.;:)/]|$|\s+(?:and|or|partners?)\b))"
    # "public, private and voluntary sector organisations": "public" shares the others' "sector".
    r"|\bpublic(?=(?:\s*,\s*|\s+(?:and|or)\s+)(?:[\w-]+(?:\s*,\s*|\s+(?:and|or)\s+)){0,3}[\w-]+\s+sectors?\b)"
    # "Sector: Public, Private": "Public" as an item of its own (opening the sentence or after a
    # colon, comma, bar, slash or bullet, and ending at the next one), never "open to the public".
    r"|(?:^|(?<=[:,;|/(\u2022])|(?<=[:,;|/(\u2022]\s)|(?<=\s[-*\u2013]\s))public"
    r"(?=\s*(?:[,;/|)]|$|\s+(?:and|or|&)\s))",
    re.IGNORECASE,
)
# "local authority area", "combined authority boundaries", "local authority-maintained schools",
# "local authority-owned companies" (the council's company, not the council).
# "local authority trading companies" are the council's companies, not the council.
_NOT_APPLICANT_AFTER = lazy_pattern(
    r"\s*-?\s*(?:areas?|boundar(?:y|ies)|districts?|maintained|owned|controlled|level|wide|tax|(?:trading\s+)?"
    r"compan(?:y|ies))\b",
    re.IGNORECASE,
)
# "council-run services" are the council's own; "council-owned companies", "council-tax" are not.
_COUNCIL_BARE = lazy_pattern(
    r"(?<![\w-])(councils?)(?!\w)(?!-(?!(?:run|led|managed|operated)\b))", re.IGNORECASE
)
# "research councils", "Arts Council England", "British Council", "Sector Skills Councils": not councils.
_NOT_LOCAL_BEFORE = {
    "research", "arts", "british", "design", "sport", "sports", "science", "sciences", "scientific",
    "advisory", "funding", "skills", "trade", "student", "students", "youth", "school", "pupil",
    "works", "medical", "midwifery", "facilities", "security", "privy", "european", "professions",
    "crafts", "heritage", "music", "nursing", "church", "parochial", "governing", "business",
}  # fmt: skip
_NOT_LOCAL_AFTER = lazy_pattern(r"\s+(?:tax|housing|homes?|estates?|land)\b", re.IGNORECASE)
# After a capitalised "Council", these make it a name: "Council for Science", "Arts Council England".
_NAME_AFTER = lazy_pattern(r"\s+(?:for|of|England|Wales|Scotland|UK)\b")
# …or denies it one: "the council cannot be the applicant".
_APPLICANT_ROLE_AFTER = lazy_pattern(
    r"\s+(?:must|should|will|shall|would|is\s+to|cannot|can't|can\s+not|must\s+not|may\s+not|will\s+not|"
    r"won't)\s+(?:need\s+to\s+)?(?:be|act\s+as)\s+(?:the\s+)?"
    r"(?:lead(?:\s+applicant)?|accountable\s+body|applicant|grant\s+recipient|responsible\s+body)\b"
    # "Landlords can apply, with the council as a partner": a partner, funder or not.
    r"|\s+as\s+(?:an?\s+|the\s+|(?:their|its|your)\s+)?(?:(?:project|delivery|key|named)\s+)?partner\b",
    re.IGNORECASE,
)
# "… must be led by a charity and may involve the council": beside another's lead the council is
# one the project takes in (a partner), funder or not, as "with the council as a partner" is.
_INVOLVED_BESIDE_LEAD = lazy_pattern(r"\bled\s+by\b[^.;]*\binvolv(?:e|es|ing)\s+the\s+$", re.I)
# A council's own parts, named with it: its departments, services, teams and officers are the
# council, so a denial or permission for them is one for the council. Not after "the", "our" or
# "this" (the funder's own: "The council departments will assess bids").
_PARTS_AFTER = lazy_pattern(
    r"\s+(?:departments?|services|teams?|directorates?|(?:[\w-]+\s+)(?:departments?|teams?|directorates?))\b",
    re.IGNORECASE,
)
_FUNDER_OWN = {"the", "our", "this", "that", "its"}
_LABEL_AFTER = lazy_pattern(r"\s*[|:]")
# A council named by its place, said to apply or not: "North Yorkshire Council cannot apply".
_NAMED_APPLIES = lazy_pattern(
    r"\s+(?:(?:can|may|cannot|can't|can\s+not|may\s+not)\s+(?:also\s+)?(?:apply|bid)|is\s+(?:not\s+)?"
    r"eligible|is\s+ineligible)\b",
    re.IGNORECASE,
)
_SINGULAR_OK_BEFORE = {
    "a", "an", "my", "any", "your", "their", "each", "every", "one", "per", "local", "lead", "host",
    "relevant", "eligible", "participating",
}  # fmt: skip

# Small words that may stand between a cue and the council it is about: "to help *their local* councils".
_DETERMINER_RUN = lazy_pattern(
    r"\b(?:(?:the|their|its|a|an|all|more|other|local|uk|english|many|participating|partner|member|"
    r"individual|smaller|rural|our|your|at|least|one|or|relevant|host|several|constituent|"
    rf"neighbouring|adjacent|nearby|\d+|{SMALL_COUNT}|"
    # "each of the ten Greater Manchester councils": a place's name, capitalised, before its councils.
    r"(?-i:[A-Z][a-z'-]+))\s+)+",
    re.IGNORECASE,
)
# The council benefits ("to help local authorities", "supports councils to…").
_BENEFICIARY = lazy_pattern(
    r"\b(?:help|helps|helping|helped|support|supports|supporting|enable|enables|enabling|assist|"
    r"assists|assisting|benefit|benefits|benefiting|benefitting|serve|serves|serving|equip|equips|"
    r"empower|empowers|sell|sells|selling|supply|supplies|supplying|advise|advises|advising|train|"
    r"trains|training|for\s+use\s+by|used\s+by|needs\s+of|faced\s+by|challenges?\s+(?:for|of))"
    r"\s+(?:to\s+)?",
    re.IGNORECASE,
)
# The council pays ("match funding from local authorities").
_FUNDER = lazy_pattern(
    r"\b(?:funded|co-?funded|funding|contributions?|finance|financed|money|grants?|loans?)\s+"
    r"(?:from|by)\s+",
    re.IGNORECASE,
)
# …unless the fund itself is what helps: "This fund supports local authorities to deliver…", "The
# grant helps councils to…", "Funding will enable local authorities to…". Then the council is who
# receives the money, unlike "projects that help councils", where someone else applies.
FUND_HELPS = lazy_pattern(
    r"\b(?:fund|funding|grants?|programme|scheme|allocations?|investment|initiative|pot)\s+"
    r"(?:(?:will|would|can|also|directly|(?:is\s+)?(?:designed|intended|there)\s+to|aims\s+to|"
    r"exists\s+to|seeks\s+to|is\s+to)\s+)*"
    r"(?:supports?|helps?|enables?|assists?|empowers?|equips?|allows?)\s+"
    # "We are unable to support local authorities": a funder's support is its money (the lead-in
    # in cues.py reads the list).
    r"|\bwe\s+(?:are\s+)?(?:cannot|can't|can\s+not|do\s+not|don't|will\s+not|won't|unable\s+to|not\s+"
    r"able\s+to|able\s+to)\s+(?:currently\s+|normally\s+|usually\s+)?support\s+",
    re.IGNORECASE,
)

# A place said to have no council: "Parish meetings (in parishes without a parish council)" (but
# "Bids without a local authority partner will be rejected" asks for one).
_ABSENT = lazy_pattern(
    r"\b(?:parish(?:es)?|areas?|places?|villages?|communit(?:y|ies)|settlements?|neighbourhoods?|"
    r"hamlets?|towns?|estates?|localit(?:y|ies))\s+(?:without|lacking|with\s+no)\s+",
    re.IGNORECASE,
)


_SPACES_AT = lazy_pattern(r"\s*")


class Preceded:
    """Whether a position of a sentence comes right after one of a cue's matches, allowing small
    words between ("in partnership with *the local* council"). One pass over the sentence, then a
    lookup per position: no search backwards from every mention."""

    def __init__(self, cue: re.Pattern[str], sentence: str) -> None:
        # A cue ends at its last word; the spaces after it are still "right after" it.
        self._ends = [_SPACES_AT.match(sentence, m.end()).end() for m in cue.finditer(sentence)]
        # The small words' runs only when the cue is there, and once per sentence for all its cues.
        self._run_starts, self._runs = _determiner_runs(sentence) if self._ends else ((), ())

    def __call__(self, position: int) -> bool:
        if not self._ends:
            return False
        earliest = position
        index = bisect_right(self._run_starts, position) - 1
        if index >= 0 and self._runs[index][1] >= position:
            earliest = self._runs[index][0]
        found = bisect_left(self._ends, earliest)
        return found < len(self._ends) and self._ends[found] <= position


# A sentence is asked about by seven cues in turn (partner wording, beneficiaries, funders, …).
@lru_cache(maxsize=16)
def _determiner_runs(sentence: str) -> tuple[tuple[int, ...], tuple[Span, ...]]:
    runs = tuple(m.span() for m in _DETERMINER_RUN.finditer(sentence))
    return tuple(start for start, _ in runs), runs


def council_mentions(sentence: str) -> list[Span]:
    """Where a sentence names local councils as someone who might apply (sorted, not overlapping)."""
    spans = [
        m.span()
        for m in _COUNCIL_TYPED.finditer(sentence)
        if not _NOT_APPLICANT_AFTER.match(sentence, m.end())
        # "the Local Authority Housing Fund": a pot's name, capitalised as names are.
        and not (sentence[m.start()].isupper() and POT_NAME_AFTER.match(sentence, m.end()))
    ]
    # A typed mention that contains a bare "council(s)" ends with it ("parish councils").
    typed_ends = {end for _, end in spans}
    spans += [
        m.span()
        for m in _COUNCIL_BARE.finditer(sentence)
        if m.end() not in typed_ends and _is_local_council(sentence, m)
    ]
    if not spans:
        return spans
    # A council that only benefits or pays is a bystander.
    helped, pays = Preceded(_BENEFICIARY, sentence), Preceded(_FUNDER, sentence)
    funded, absent = Preceded(FUND_HELPS, sentence), Preceded(_ABSENT, sentence)
    return [
        span
        for span in sorted(spans)
        if (not helped(span[0]) or funded(span[0])) and not pays(span[0]) and not absent(span[0])
    ]


def _is_local_council(sentence: str, match: re.Match[str]) -> bool:
    word = match.group(1)
    words = sentence[max(0, match.start() - 40) : match.start()].split()
    before = words[-1].strip("()[],;:\"'") if words else ""
    # "Note: Councils cannot apply": a word that ends a heading or a sentence is not part of a name.
    after_break = bool(words) and words[-1][-1] in ":;.!?"
    # "council-run services": the hyphen makes it the council's own, whatever comes before; so do
    # its parts ("Council departments are not eligible", "Council housing departments …": before
    # "housing" is read as council housing), unless it is the funder's ("the council's").
    part = (
        before.lower() not in _FUNDER_OWN and _PARTS_AFTER.match(sentence, match.end()) is not None
    )
    if (
        before.lower() in _NOT_LOCAL_BEFORE
        or not part
        and _NOT_LOCAL_AFTER.match(sentence, match.end())
    ):
        return False
    owned = sentence.startswith("-", match.end()) or part
    # "Council | No", "Council: eligible": a table's row names a kind of applicant.
    labelled = not words and _LABEL_AFTER.match(sentence, match.end()) is not None
    if (
        word[0].isupper()
        and before[:1].isupper()
        and before.lower() != "the"
        and not after_break
        and _NAMED_APPLIES.match(sentence, match.end())
    ):
        return True  # "North Yorkshire Council cannot apply": a council named by its place
    if (
        word.lower() == "council"
        and before.lower() not in _SINGULAR_OK_BEFORE
        and not owned
        and not labelled
    ):
        # …unless what follows gives it an applicant's role: "The council must be the accountable body".
        return before.lower() == "the" and (
            _APPLICANT_ROLE_AFTER.match(sentence, match.end()) is not None
            or _INVOLVED_BESIDE_LEAD.search(sentence, 0, match.start()) is not None
        )  # "the Council" is usually the funder speaking of itself
    if word[0].isupper():
        # After another capitalised word, or before "for"/"England", it is an organisation's name.
        if before[:1].isupper() and before.lower() not in _SINGULAR_OK_BEFORE and not after_break:
            return False
        if word.lower() == "council" and _NAME_AFTER.match(sentence, match.end()):
            return False
    return True
