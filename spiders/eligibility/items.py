"""What the items of a list of applicants name: a council, another kind of applicant, anyone, or
something else ("projects that help local authorities" is not a council).

An item counts by the words it starts with ("a UK registered business of any size" is a business),
reading past the words that only qualify it ("all 32 Scottish", "local authority-maintained"), and it
ends where it goes on to say something else ("a lead council, *which* will act as…").
"""

from __future__ import annotations

import re
from bisect import bisect_right

from config.lazy_pattern import lazy_pattern
from spiders.eligibility.applicants import ANY_APPLICANT, ITEM_PREFIX, OTHER_APPLICANT
from spiders.eligibility.counts import SMALL_COUNT, SMALL_COUNTS
from spiders.eligibility.cues import ITEM_BREAK, LIST_STOP
from spiders.eligibility.mentions import Span
from spiders.eligibility.work_named import work_named_group

COUNCIL, OTHER, ANY, NEUTRAL, UNKNOWN = "council", "other", "any", "neutral", "unknown"

_NAME_WORDS = 3
_WORD = lazy_pattern(r"[A-Za-z0-9][\w'-]*")
# A compound adjective before what an item names: "local authority-maintained schools",
# "community-led organisations", "UK-registered businesses".
_COMPOUND_ADJECTIVE = lazy_pattern(
    r"[\w'-]+-(?:maintained|based|led|run|owned|funded|registered|sized|controlled|holding|owning)$",
    re.IGNORECASE,
)
# "organisations in the voluntary … sector", "bodies from the public …": the sector after a broad word.
_FROM_SECTOR = lazy_pattern(r"\w*\s+(?:in|from|within|across)\s+(?:the\s+)?", re.I)
# "organisations outside the public sector", "bodies other than public authorities": named as not
# the public sector, so not councils.
_OUTSIDE = lazy_pattern(
    r"\s+(?:outside|beyond|independent\s+of)\s+(?:of\s+)?(?:the\s+)?(?:public|statutory|government|local\s+government)\b",
    re.I,
)
_NOT_PUBLIC = lazy_pattern(
    r"(?:voluntary|community|private|third|charitable|not-for-profit|social)\b", re.I
)
# A council's own team named as the applicant: "public health teams within local authorities".
_PART_OF_COUNCIL = lazy_pattern(
    r"\s*(?:[\w-]+\s+){0,3}?(?:teams?|departments?|services|officers|staff|directorates?|units?|"
    r"organi[sz]ations?|bodies|partnerships?|groups?|consorti(?:a|um)|coalitions?|clusters?|committees?|"
    # "the chief executives of eligible county councils": whom an invitation to bid is sent to.
    r"officer|(?:chief\s+)?executives?|leaders?|directors?)\s+(?:(?:that|which)\s+(?:are|is)\s+part\s+of|"
    # "groups of neighbouring councils", "clusters of adjacent authorities": where they lie.
    r"within|in|of|at)\s+(?:(?:the|their|your|a|an|each|all|eligible|relevant|participating|"
    r"neighbouring|neighboring|adjacent|adjoining|nearby)\s+){0,2}",
    re.IGNORECASE,
)


# "partnerships led by a not-for-profit organisation", "consortia led by a business": a broad word
# qualified by who leads it is of that kind.
_LED_BY = lazy_pattern(
    r"\s+(?:led|run|headed|fronted)\s+by\s+(?:an?\s+|the\s+|one\s+or\s+more\s+)?", re.I
)


# A word or two that say what kind of a known applicant an item names ("heritage charities", "chapel
# trustees", "young people", "disabled people's organisations"): the noun after them says who it is.
# Read as an unknown kind, they made a bare list naming councils beside them no list (unclear). Never
# words that make the item something else ("projects for charities", "support to schools"), nor a
# council's ("council charities" is read as a council first).
_MODIFIED = lazy_pattern(
    r"(?:(?!(?:projects?|grants?|funding|funds?|support|work|activit(?:y|ies)|costs?|services?|"
    r"schemes?|to|for|of|by|with|that|which|who|and|or|not|councils?|authorit(?:y|ies)|public|"
    r"statutory|government)\b)[A-Za-z][\w'\u2019-]*\s+){1,2}?(?:" + OTHER_APPLICANT.pattern + ")",
    re.IGNORECASE,
)


# The partnerships a council belongs to by law (a community safety partnership's responsible
# authorities, Scotland's community planning partnerships, a local strategic partnership): broad, so
# councils may be among them (README). Read as an unknown kind ("safety" after "community"), they
# let a list beside them rule councils out.
_STATUTORY_PARTNERSHIP = lazy_pattern(
    r"(?:(?:community\s+)?(?:safety|planning)|local\s+strategic|policing\s+and\s+community\s+safety)\s+"
    r"partnerships?\b",
    re.IGNORECASE,
)


# A count before what an item names: "No more than three councils may bid jointly", "Up to five
# district councils …": how many, not who (no_subject.py leaves such a "no" alone).
_COUNT = lazy_pattern(
    r"\s*(?:(?:no|not)\s+(?:more|fewer)\s+than|up\s+to|a\s+(?:maximum|minimum)\s+of|at\s+(?:most|least)|"
    rf"as\s+many\s+as)\s+(?:\d+|one|{SMALL_COUNT}|several|a\s+few)\s+",
    re.IGNORECASE,
)


_SHARED_LIST = lazy_pattern(r"\s*,\s*(?:or|and|and/or)\s+(?:[a-z]+\s+){0,3}?[a-z]+\s*,", re.I)


def list_items(
    sentence: str, start: int, end: int, mentions: list[Span], starts: list[int]
) -> list[tuple[str, int, int]]:
    """The items of a list, up to the one that goes on to say something else."""
    # "led by, or include, a local authority": a second verb set between commas shares the list
    # after it; read as an item of its own ("or include"), it made the list unknown.
    if shared := _SHARED_LIST.match(sentence, start, end):
        start = shared.end()
    cuts = [start]
    for cut in ITEM_BREAK.finditer(sentence, start, end):
        cuts += [cut.start(), cut.end()]
    cuts.append(end)
    items = []
    for left, right in zip(cuts[::2], cuts[1::2], strict=True):
        if left >= right:
            continue
        kind, head, right = _item(sentence, left, right, mentions, starts)
        stop = LIST_STOP.search(sentence, head, right)
        # Semicolons part items that say things of their own ("We do not fund: work that is a
        # statutory duty; local authorities; schools"): such an item ends at its semicolon, not the list.
        parted = sentence.startswith(";", right)
        if stop and stop.start() == head and not parted:
            break
        # "Grants go to community groups (the local council will be consulted …)": an aside in
        # brackets that says something of its own is no item of the list.
        if stop and sentence[left - 1 : left] == "(":
            break
        if not (stop and stop.start() == head):
            items.append((kind, head, right))
        if stop and not parted:
            break
    return _shared_heads(sentence, items)


def _shared_heads(sentence: str, items: list[tuple[str, int, int]]) -> list[tuple[str, int, int]]:
    """ "Scout and guide groups", "arts and heritage organisations": a lone word before "and" shares
    the next item's noun, so its kind. Cut at "and", "Scout" was an unknown kind alone, and a bare
    list holding it no list (unclear); councils' own ("town and parish councils") are read so already."""
    for index in range(len(items) - 1):
        kind, head, end = items[index]
        following = items[index + 1]
        if (
            kind == UNKNOWN
            and following[0] in (OTHER, ANY)
            and _WORD.fullmatch(sentence[head:end].strip())
            and _JOINED.fullmatch(sentence, end, following[1])
        ):
            items[index] = (following[0], head, end)
    return items


_JOINED = lazy_pattern(r"\s*(?:and|or|&)\s*", re.IGNORECASE)


def _item(
    sentence: str, start: int, end: int, mentions: list[Span], starts: list[int]
) -> tuple[str, int, int]:
    """(kind, where its head starts, item end): what the item names by the words it starts with."""
    if count := _COUNT.match(sentence, start, end):
        start = count.end()
    part_of = _PART_OF_COUNCIL.match(sentence, start, end)
    mention = part_of and mention_at(mentions, starts, part_of.end())
    # …but "community groups in the London boroughs" are in the places, not the councils.
    if mention and not sentence[mention[0] : mention[1]].lower().endswith("boroughs"):
        return COUNCIL, mention[0], end
    names, following = 0, False
    for word in _WORD.finditer(sentence, start, end):
        head = word.start()
        if mention_at(mentions, starts, head):
            return COUNCIL, head, end
        if OTHER_APPLICANT.match(sentence, head, end):
            return OTHER, head, end
        text = word.group()
        if _qualifier(text.lower()) or text.isdigit() or _COMPOUND_ADJECTIVE.match(text):
            following = following or text.lower() == "following"
            continue
        if ANY_APPLICANT.match(sentence, head, end) and _OUTSIDE.match(sentence, word.end(), end):
            return OTHER, head, end  # "organisations outside the public sector"
        if ANY_APPLICANT.match(sentence, head, end) and (
            sector := _FROM_SECTOR.match(sentence, word.end(), end)
        ):
            # "organisations from the public, private and voluntary sectors": the sector says who.
            if mention_at(mentions, starts, sector.end()):
                return COUNCIL, sector.end(), end
            if OTHER_APPLICANT.match(sentence, sector.end(), end) or _NOT_PUBLIC.match(
                sentence, sector.end(), end
            ):
                return OTHER, head, end
        led = ANY_APPLICANT.match(sentence, head, end) and _LED_BY.match(sentence, word.end())
        if led and mention_at(mentions, starts, led.end()):
            return COUNCIL, head, end
        if led and OTHER_APPLICANT.match(sentence, led.end()):
            return OTHER, head, end
        if ANY_APPLICANT.match(sentence, head, end):
            # "The following organisations can apply: …" points at its list; it names no one.
            return (NEUTRAL if following else ANY), head, end
        if work_named_group(sentence, head, end):
            return OTHER, head, end  # "river trusts", "flood action groups"
        if _MODIFIED.match(sentence, head, end):
            return OTHER, head, end  # "heritage charities", "chapel trustees", "young people"
        if _STATUTORY_PARTNERSHIP.match(sentence, head, end):
            return ANY, head, end  # "community safety partnerships": the council is a member
        if text[0].isupper() and names < _NAME_WORDS:
            names += 1  # a place before its council: "Greater Manchester Combined Authority"
            continue
        if _describes_council(sentence, word, mentions, starts):
            continue  # "a coastal local authority", "island councils": a council all the same
        return UNKNOWN, head, end
    return NEUTRAL, start, end


# Words that, put right before a council, say how the item stands to it rather than what kind of
# council it is: "partners of", "other than", "supporting local authorities".
_NOT_DESCRIBING = {
    "of", "with", "than", "for", "to", "by", "from", "not", "no", "without", "via", "and", "or", "nor",
    "but", "except", "including", "through", "on", "within", "into", "against", "versus", "like",
    "unless", "if", "where", "when", "whether", "because", "as", "per", "among", "between", "under",
    "over", "about", "after", "before", "beyond", "outside", "towards", "across", "besides", "neither",
}  # fmt: skip
_SPACE = lazy_pattern(r"\s+")


def _describes_council(
    sentence: str, word: re.Match, mentions: list[Span], starts: list[int]
) -> bool:
    """Whether an unknown lowercase word stands right before a council, describing it: the
    adjectives before a council are open-ended ("coastal", "island", "upland", "border" local
    authorities), so one not in ITEM_PREFIX made the item unknown and the verdict unclear."""
    text = word.group()
    if not text.isalpha() or not text.islower() or text in _NOT_DESCRIBING or text.endswith("ing"):
        return False
    after = _SPACE.match(sentence, word.end())
    return after is not None and mention_at(mentions, starts, after.end()) is not None


# "the ten Greater Manchester local authorities": a count in words qualifies as one in digits does.
_NUMBER_WORDS = {
    *SMALL_COUNTS,
    "thirteen", "fourteen", "fifteen", "sixteen", "seventeen", "eighteen", "nineteen", "twenty",
    "thirty", "forty", "fifty", "hundred", "several", "many", "few",
}  # fmt: skip


def _qualifier(word: str) -> bool:
    """A word that only qualifies what an item names, or its negation: "constituent" and
    "non-constituent councils", "non-metropolitan districts" are councils all the same."""
    return (
        word in ITEM_PREFIX
        or word in _NUMBER_WORDS
        or (word.startswith("non-") and word[4:] in ITEM_PREFIX)
    )


def mention_at(mentions: list[Span], starts: list[int], position: int) -> Span | None:
    """The mention that covers `position` ("principal councils" covers "councils")."""
    index = bisect_right(starts, position) - 1
    if index >= 0 and mentions[index][0] <= position < mentions[index][1]:
        return mentions[index]
    return None
