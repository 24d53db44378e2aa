"""Pure: how long an item of a bare list is (a list with no verb: "Local authority, Public
Sector"), which reading.py caps so that a phrase is not taken for a list. What the item says of
the applicants after naming them ("UK research organisations eligible for research council
funding", "charities based in the county") is not counted: the name before it is what is listed,
and counting it read an unseen API's field as no list at all (unclear)."""

from __future__ import annotations

import re

from config.lazy_pattern import lazy_pattern

# "… eligible for …", "… based in …", "… living in …", their age, and a relative clause of what they run, own or manage
# ("parish councils that run a festival", "groups who own their hall", "… running a warm space"):
# what the applicants hold, said after their name. Any other clause may be the point ("Businesses that can solve a public
# sector challenge" is read cautiously, as it was).
_QUALIFIER = lazy_pattern(
    r"\s+(?:(?:eligible|based|registered|located|operating|living|resident)\s+(?:for|in|to|within)\b|"
    # Their age: "Individuals aged 16 to 25 living in Severnside", "young people aged under 18".
    r"aged\s+(?:between\s+|under\s+|over\s+)?\d|"
    r"(?:that|which|who)\s+(?:already\s+)?(?:run|runs|own|owns|manage|manages|operate|operates|"
    r"lease|leases|hold|holds)\b|"
    # The same said with a participle: "parish councils running a warm space".
    r"(?:running|owning|managing|operating|leasing)\s+(?:a|an|the|their|its|our)\b|"
    # Their legal form: "Community interest companies limited by guarantee", "community groups
    # with a written constitution" (as "constituted community groups" says it before the name).
    r"(?:limited|ltd)\s+by\s+(?:guarantee|shares)\b|"
    r"with\s+an?\s+(?:(?:written|formal|adopted|signed)\s+)?(?:constitution|governing\s+document)\b)",
    re.IGNORECASE,
)
# Where they are, ending the item: "schools in the Liverpool City Region", "community groups on the
# Solent coast" (a place's name, a word for one, or both), a community benefit fund's "in the
# benefit area", "in the area of benefit", "within 15km of the turbines". Counted, it made a plain
# list of applicants too long to be read as one (unclear). Only at the item's end: "District
# councils in Northern Ireland will administer the grants" says more than where they are.
# A place word in the plural too ("in the estuary parishes", "across our districts"): only the
# singular was one, so a list ending "… in the estuary parishes" read too long (unclear).
_PLACE_WORD = (
    r"(?:count(?:y|ies)|districts?|boroughs?|cit(?:y|ies)|regions?|areas?|coasts?|valleys?|"
    r"parish(?:es)?|towns?|villages?|"
    # A line on the map the applicants live along: "along the coast path", "beside the canal".
    r"paths?|rivers?|canals?|estuar(?:y|ies)|shores?|coastline)\b"
)
_NAME = r"(?-i:[A-Z][\w'-]*)"
_NAMES = rf"{_NAME}(?:\s+{_NAME})*"
_DESCRIBED_PLACE = rf"(?:[a-z][\w'-]*\s+){{0,2}}{_PLACE_WORD}(?:\s+of\s+(?:the\s+)?[a-z][\w'-]*)?"
# The distance in figures or words: "within 15km of the turbines", "within ten miles of the coast".
_DISTANCE = (
    r"within\s+(?:\d+(?:\.\d+)?|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|"
    r"fifteen|twenty|twenty-five|thirty|forty|fifty|a\s+hundred)\s*(?:km|kilometres?|miles?)\s+of\s+"
    r"[^,;]{1,60}?"
)
_PLACE_AT_END = lazy_pattern(
    # After a comma too: "…, and community groups, in the estuary parishes" (where all of them are).
    r"(?:\s*,)?\s+(?:(?:in|on|across|within|throughout|along|beside)\s+(?:(?:the|our|your|their|this)\s+)?"
    # Words parted by spaces, each capitalised: one way to match, so no backtracking blow-up.
    # Two places joined: "in England and France" (a cross-border programme's area).
    rf"(?:{_NAMES}(?:\s+(?:and|or|&)\s+{_NAMES})?(?:\s+{_PLACE_WORD})?|{_DESCRIBED_PLACE})|"
    rf"{_DISTANCE})[\s.]*$",
    re.IGNORECASE,
)


# A hall or centre named in a bare list of applicants ("Village halls and parish councils", "Village
# halls, community centres and parish councils"): its committee applies. Elsewhere the hall is what
# a grant is for ("Capital grants for village halls." says nothing of who applies), so only a bare
# list's item is read so; left unknown, it made the list no list (unclear).
_PREMISES = lazy_pattern(
    r"\b(?:village|community|church|memorial|parish|scout)\s+(?:halls?|centres?|huts?)\s*$",
    re.IGNORECASE,
)


def premises_item(sentence: str, head: int, end: int) -> bool:
    """Whether a bare list's item (its head, read past "village" or "community", up to `end`) names
    a hall or centre, whose committee is the applicant."""
    return _PREMISES.search(_ASIDE.sub("", sentence[max(0, head - 12) : end]).strip()) is not None


# A bracketed aside after a name ("Local authorities (on behalf of town centre partnerships)",
# "Charities (registered or exempt)") says how or which, as a qualifier does; counted, it made a
# one-line field of applicants no list at all (unclear), where its "Who can apply:" label read yes.
_ASIDE = lazy_pattern(r"\s*\([^()]*\)")


def without_asides(sentence: str, named: list[tuple[int, int]]) -> str:
    """The sentence with each bracketed aside that names no council (`named`: where councils are
    named) blanked, so every offset into it still holds. One that names councils ("(excluding
    parish councils)") is kept: it says who is in or out."""

    def blank(aside: re.Match[str]) -> str:
        if any(aside.start() <= start < aside.end() for start, _ in named):
            return aside[0]
        return " " * len(aside[0])

    return _ASIDE.sub(blank, sentence)


def without_place_tail(sentence: str, named: list[tuple[int, int]]) -> str:
    """The sentence with where its applicants are, at its end after a comma ("…, and community
    groups, in the estuary parishes"), blanked as an aside is, offsets kept: read as one more item
    of the list it was no applicant, and the list no list (unclear). One naming councils is kept."""
    tail = _PLACE_AT_END.search(sentence)
    if not tail or not tail[0].lstrip().startswith(","):
        return sentence
    if any(tail.start() <= start < tail.end() for start, _ in named):
        return sentence
    return sentence[: tail.start()] + " " * (tail.end() - tail.start()) + sentence[tail.end() :]


def item_words(item: str) -> int:
    """An item's length in words, up to what it says of the applicants it names."""
    item = _ASIDE.sub("", item)
    qualified = _QUALIFIER.search(item) or _PLACE_AT_END.search(item)
    return len((item[: qualified.start()] if qualified else item).split())


def bare_words(sentence: str) -> int:
    """A verbless sentence's length in words, its asides and what its last item says of the
    applicants (where they are, what they own) left out: "Local authorities, leisure trusts and
    community sports clubs that own or lease their facility" is a list of three, not a phrase."""
    sentence = _ASIDE.sub("", sentence)
    tail = _QUALIFIER.search(sentence) or _PLACE_AT_END.search(sentence)
    return len((sentence[: tail.start()] if tail else sentence).split())


# "Local authorities (excluding parish councils)", "Local authorities, except parish councils": a
# verbless list carving some of its own applicants out. The carve-out was taken for a list in the
# first clause, so the clause was no bare list at all and only the exception was read (no).
_CARVED_OUT = lazy_pattern(
    r"[\s,(]*\b(?:excluding|except(?:\s+for)?|other\s+than|apart\s+from|but\s+not)\s*$",
    re.IGNORECASE,
)


# "Local authorities, working with community partners", "Town councils, in partnership with the
# county highway authority": after the applicants, whom they work with. Read as one more item it
# was no applicant (the list unclear), or the list was no list and only the partner was read
# (partner, though the town councils apply); the partner named is still read as one
# (partners.py), as the bare list's applicants are read before it. With no comma too: "Local
# authorities in partnership with broadband providers" (a field's terse line) was no list (unclear).
_WORKS_WITH = lazy_pattern(
    r"\s*(?:,\s*)?(?:(?:working|acting)\s+(?:in\s+partnership\s+|jointly\s+|together\s+)?with|"
    # "Local authorities together with their NHS partners", "…, alongside community partners".
    r"in\s+(?:partnership|collaboration)\s+with|(?:together|jointly)\s+with|alongside|"
    # "Upper-tier local authorities, with district councils as delivery partners".
    r"with(?=\s[^.;]{1,80}?\bas\s+(?:an?\s+|the\s+|their\s+)?(?:[\w-]+\s+)?partners?\b))\b",
    re.IGNORECASE,
)


# "Local authorities, port authorities and environmental agencies, as lead partner or partner":
# after the applicants, the part they may take (a cooperation programme's usual line). Read as
# one more item it was no applicant, and the list unclear.
_AS_ROLE = lazy_pattern(
    r"\s*,\s*as\s+(?:an?\s+|the\s+)?(?:lead\s+)?(?:(?:project\s+)?partners?|applicants?|"
    r"beneficiar(?:y|ies)|accountable\s+bod(?:y|ies))\b",
    re.IGNORECASE,
)


def bare_end(sentence: str, clause_end: int, regions: list[tuple[int, int, str]]) -> int | None:
    """Where a verbless list of applicants ends: at its first clause's end, where it carves
    applicants out of itself, where it says whom they work with or the part they take; None when another list
    begins in that clause (it is no bare list)."""
    end = clause_end
    if works_with := _WORKS_WITH.search(sentence, 0, clause_end):
        end = works_with.start()
    if as_role := _AS_ROLE.search(sentence, 0, end):
        end = as_role.start()
    for start, _, _ in regions:
        if start >= end:  # (a partner list after whom they work with is theirs)
            continue
        carved = _CARVED_OUT.search(sentence, 0, start)
        if carved is None:
            return None
        end = min(end, carved.start())
    return end
