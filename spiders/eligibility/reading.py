"""One sentence read for what it says about councils: the role of each council it names, and whether
it lists applicants that leave councils out.

A list hangs off a lead-in ("Open to …", "Who can apply: …") or a verb ("… can apply", "… are not
eligible"); its items are cut at commas, "and", "or" and "including", and an item counts by the
words it starts with ("a UK registered business of any size" is a business; "projects that help
local authorities" is not a council). Partner wording right next to a council beats the rest.
Every search is bounded by a window or by the next cue, so a sentence is read in linear time.
"""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from dataclasses import dataclass, field

from spiders.eligibility.cues import (
    ANSWER,
    CLAUSE_BREAK,
    EXCEPTION,
    LEAD_IN,
    NEGATIVE,
    PARTNER_LEAD_IN,
    PARTNER_WORD,
    VERB,
)
from spiders.eligibility.items import ANY, COUNCIL, OTHER, UNKNOWN, list_items, mention_at
from spiders.eligibility.mentions import Preceded, Span, council_mentions
from spiders.eligibility.partners import partner_after
from spiders.eligibility.recipients import UNIVERSAL, one_kind, recipients

YES, NO, PARTNER = "yes", "no", "partner"
_LEAD, _VERB = "lead-in", "verb"
_AGAIN = "yes again"  # a permission for the subject of the verb before: overrides its denial
_SOME_OUT = (
    "some out"  # carved out of a permission for everyone: "Open to all except parish councils"
)

_REACH = 300  # the most characters a list runs from its lead-in or verb
_NEGATIVE_REACH = 30  # "not" this close before a lead-in turns it round ("is not open to")
_BARE_WORDS, _BARE_ITEM_WORDS = 12, 5  # "Local authority, Public Sector": a list with no verb
# "The following are not eligible: councils; schools" goes on after its colon.
_INCLUDING = re.compile(
    r"\s*,?\s*(?:including|such\s+as|for\s+example|e\.g\.|like)\s+|(?:\s+to\s+(?:apply|bid))?\s*:\s*",
    re.IGNORECASE,
)
# "The consortium must include a local authority": a council required among the members.
_MEMBERS = re.compile(r"(?:consorti(?:a|um)|partnerships?)\b", re.IGNORECASE)
# "Each bid must have a lead local authority": the council named as the lead is an applicant.
_LEAD_BEFORE = re.compile(r"\b(?:a|the|one|each|single|as)\s+lead\s+$", re.IGNORECASE)
_LEAD_REACH = 20
# A verb's subject left out: "… but can apply for revenue funding", "… and they can lead".
_ELIDED = re.compile(
    r"[\s,]*(?:(?:but|and|yet)\s+)?(?:(?:they|it|these|such\s+\w+)\s+)?", re.IGNORECASE
)
_ONLY_AS = re.compile(
    r"[\s,]*(?:but\s+)?(?:only\s+)?(?:as|in)\s+(?:an?\s+|the\s+)?(?:[\w-]+\s+)?"
    + PARTNER_WORD.pattern,
    re.IGNORECASE,
)
# "One application per local authority", "Applications from local authorities must include…": the
# council is who applies (a denial read from a verb or lead-in stands).
_APPLICANT_BEFORE = re.compile(
    r"\b(?:applications?|bids?|submissions?|proposals?|expressions?\s+of\s+interest)\s+(?:per|from\s+each|"
    r"for\s+each|by\s+each|from)\s+",  # up to the council (or the small words before it)
    re.IGNORECASE,
)
_RESTRICTION = re.compile(r"(?:restricted|limited|exclusively|solely)\b", re.IGNORECASE)
_NOT_JUST = re.compile(r"\bnot\s+(?:only\s+|just\s+)?$", re.IGNORECASE)
# "Local authority applicants will need to…", "Local authority (as lead applicant)".
_APPLICANT_AFTER = re.compile(
    r"\s+(?:applicants?|bidders?)\b|[\s(,]*as\s+(?:the\s+|an?\s+)?(?:lead|accountable\s+body)\b",
    re.IGNORECASE,
)
_INCLUDE = re.compile(r"\bincludes?\b", re.IGNORECASE)
_COLON = re.compile(r"\s*:")
_NO_LIST = re.compile(r"\s*no\b", re.IGNORECASE)
# A denial of only some councils: "Parish councils that…", "… without a neighbourhood plan cannot apply".
_PARTIAL = re.compile(
    r"\s*(?:which|that|who|whose|where|already|previously|with|without|having|lacking)\b",
    re.IGNORECASE,
)


@dataclass
class Reading:
    # (verdict, the mention's span, whether the lead-in above the sentence decided it)
    roles: list[tuple[str, Span, bool]] = field(default_factory=list)
    others: Span | None = None  # a list of applicants that leaves councils out
    broad: bool = False  # a list of applicants that names councils or "organisations"


def lead_in_mode(sentence: str) -> str | None:
    """What a lead-in ending in ":" makes of the items below it: YES, NO, PARTNER or None."""
    cues = list(LEAD_IN.finditer(sentence))
    if cues and not sentence[cues[-1].end() :].strip(" :-"):
        return _lead_in_mode(sentence, cues[-1], 0)
    verbs = list(VERB.finditer(sentence))
    if verbs and not sentence[verbs[-1].end() :].strip(" :-"):
        return NO if NEGATIVE.search(verbs[-1].group()) else YES
    return None


def read(sentence: str, *, lead_in: str | None = None, bare_lists: bool = True) -> Reading:
    """The roles of the councils in one sentence, and any list of applicants that leaves them out."""
    mentions = council_mentions(sentence)
    reading = Reading()
    roles: dict[Span, tuple[str, bool]] = {}
    regions = _regions(sentence)
    by_lead_in = not regions and lead_in is not None  # an item under "Who can apply:"
    if by_lead_in:
        regions = [(0, len(sentence), lead_in)]
    elif (
        not regions
        and bare_lists
        and len(sentence.split()) <= _BARE_WORDS
        and not sentence.rstrip().endswith("?")  # "Are councils eligible?" asks; it lists no one
    ):
        regions = [(0, len(sentence), "bare")]
    starts = [start for start, _ in mentions]
    for start, end, mode in regions:
        items = list_items(sentence, start, end, mentions, starts)
        kinds = {kind for kind, _, _ in items}
        if mode == "bare":
            if not kinds & {COUNCIL, OTHER} or kinds & {ANY, UNKNOWN}:
                continue
            if any(len(sentence[a:b].split()) > _BARE_ITEM_WORDS for _, a, b in items):
                continue
            mode = NO if _NO_LIST.match(sentence) else YES  # "No local authorities"
        again, mode = mode == _AGAIN, YES if mode == _AGAIN else mode
        for kind, a, b in items:
            if kind == COUNCIL and (mention := mention_at(mentions, starts, a)):
                verdict = mode
                if mode == _SOME_OUT:  # one kind ruled out leaves the other councils in
                    verdict = YES if one_kind(sentence, mention) else NO
                partial = verdict == NO and _PARTIAL.match(sentence, mention[1], b)
                if verdict == YES and not again and roles.get(mention, ("",))[0] == NO:
                    continue  # "Projects led by local authorities are not eligible": the verb denies
                roles[mention] = (YES if partial else verdict, by_lead_in)
        if mode == YES:
            if kinds & {COUNCIL, ANY}:
                reading.broad = True
            elif OTHER in kinds and reading.others is None:
                reading.others = (start, end)
    partner_before = Preceded(PARTNER_LEAD_IN, sentence) if mentions else None
    applying = Preceded(_APPLICANT_BEFORE, sentence) if mentions else None
    receiving = recipients(sentence, mentions)
    for mention in mentions:
        if partner_before and partner_before(mention[0]) or partner_after(sentence, mention):
            roles[mention] = (PARTNER, False)
        elif answer := ANSWER.match(sentence, mention[1]):
            if answer["yes"] and not _ONLY_AS.match(sentence, answer.end()):
                roles[mention] = (YES, False)
            elif answer["yes"]:
                roles[mention] = (PARTNER, False)  # "Yes, but only as co-applicants with a charity"
            elif PARTNER_WORD.search(sentence, answer.end()):
                roles[mention] = (PARTNER, False)  # "No, but they can be partners"
            else:
                roles[mention] = (NO, False)
        elif (
            applying
            and applying(mention[0])
            or _APPLICANT_AFTER.match(sentence, mention[1])
            or mention in receiving
        ):
            roles.setdefault(mention, (YES, False))
        elif _LEAD_BEFORE.search(sentence, max(0, mention[0] - _LEAD_REACH), mention[0]):
            # …unless the clause denies it: "Councils cannot be the lead council".
            if not NEGATIVE.search(sentence, max(0, mention[0] - _REACH), mention[0]):
                roles.setdefault(mention, (YES, False))
    reading.roles = [(verdict, span, led) for span, (verdict, led) in sorted(roles.items())]
    return reading


def _regions(sentence: str) -> list[tuple[int, int, str]]:
    """(start, end, mode) of each list: after a lead-in, or before a verb, up to a clause break."""
    cues: list[tuple[re.Match[str], str]] = sorted(
        [(m, _LEAD) for m in LEAD_IN.finditer(sentence)]
        + [(m, PARTNER) for m in PARTNER_LEAD_IN.finditer(sentence)]
        + [(m, _VERB) for m in VERB.finditer(sentence)],
        key=lambda pair: pair[0].start(),
    )
    kept: list[tuple[re.Match[str], str]] = []
    for cue, kind in cues:
        if not kept or cue.start() >= kept[-1][0].end():
            kept.append((cue, kind))
    breaks = [m.span() for m in CLAUSE_BREAK.finditer(sentence)]
    break_starts = [start for start, _ in breaks]
    # A colon opens a lead-in's list ("must be one of the following: …") rather than ending it.
    list_ends = [start for start, _ in breaks if sentence[start] != ":"]
    # After a colon, semicolons part the items: "Open to: charities; local authorities; businesses".
    colon_ends = [start for start in list_ends if sentence[start] != ";"]
    verbs, lead_ins = [], []
    for index, (cue, kind) in enumerate(kept):
        if kind == _VERB:
            before = bisect_right(break_starts, cue.start() - 1)
            # "All local authorities except parish councils can apply": the verb's list begins
            # before the exception carved out of it (which, a lead-in, then has the last word).
            previous = index - 1
            # So does partner wording in its subject: "Local authorities working in partnership
            # with the NHS can apply" (the partner is the NHS, the council still applies).
            if previous >= 0 and (_is_exception(kept[previous]) or kept[previous][1] == PARTNER):
                previous -= 1
            start = max(
                kept[previous][0].end() if previous >= 0 else 0,
                breaks[before - 1][1] if before else 0,
                cue.start() - _REACH,
            )
            mode = NO if NEGATIVE.search(cue.group()) else YES
            if verbs and _ELIDED.fullmatch(sentence, start, cue.start()):
                # "Local authorities cannot apply for capital funding but can apply for revenue":
                # the verb with no subject of its own shares the one before, and has the last word.
                verbs.append((verbs[-1][0], verbs[-1][1], _AGAIN if mode == YES else mode))
                continue
            verbs.append((start, cue.start(), mode))
            # "Any organisation can apply, including councils": the verb's list goes on after it.
            if more := _INCLUDING.match(sentence, cue.end()):
                ends = colon_ends if more.group().rstrip().endswith(":") else list_ends
                after = bisect_left(ends, more.end())
                end = min(
                    ends[after] if after < len(ends) else len(sentence),
                    kept[index + 1][0].start() if index + 1 < len(kept) else len(sentence),
                    more.end() + _REACH,
                )
                verbs.append((more.end(), end, mode))
            continue
        following = kept[index + 1] if index + 1 < len(kept) else None
        if following is not None and following[1] == _VERB and cue.group().rstrip()[-1:] in ":?":
            # A heading ("Eligibility:", "Who can apply?") whose list is the subject of a verb:
            # the verb says what it is ("Eligibility: local authorities cannot apply").
            continue
        if (
            following is not None
            and following[1] == _VERB
            and NEGATIVE.search(following[0].group())
            and bisect_left(break_starts, cue.end())
            == bisect_left(break_starts, following[0].start())
        ):
            # "Grants to individuals are not available": the denial after the list has the last word,
            # but an exception carved out of it is let in: "Councils, other than parish councils,
            # cannot apply".
            if _is_exception((cue, kind)):
                end = following[0].start()
                lead_ins.append((cue.end(), min(end, cue.end() + _REACH), YES))
            continue
        after = bisect_left(break_starts, cue.end())
        colon = cue.group().rstrip().endswith(":") or _COLON.match(sentence, cue.end())
        ends = colon_ends if colon else list_ends
        list_end = bisect_left(ends, cue.end())
        end = min(
            kept[index + 1][0].start() if index + 1 < len(kept) else len(sentence),
            ends[list_end] if list_end < len(ends) else len(sentence),
            cue.end() + _REACH,
        )
        clause = breaks[after - 1][1] if after and breaks[after - 1][1] <= cue.start() else 0
        mode = _lead_in_mode(sentence, cue, clause)
        if _is_exception((cue, kind)) and index and _denies(sentence, kept[index - 1], clause):
            mode = YES  # "Local authorities are not eligible, except parish councils"
        elif (
            _is_exception((cue, kind))
            and mode == NO
            and UNIVERSAL.search(sentence, clause, cue.start())
        ):
            mode = _SOME_OUT  # "Open to all except parish councils": which councils decides
        lead_ins.append((cue.end(), end, PARTNER if kind == PARTNER and mode == YES else mode))
    # A lead-in inside a verb's list has the last word: "Any organisation (excluding councils) can apply".
    return verbs + lead_ins


def _is_exception(cue: tuple[re.Match[str], str]) -> bool:
    return cue[1] == _LEAD and EXCEPTION.fullmatch(cue[0].group().strip()) is not None


def _denies(sentence: str, cue: tuple[re.Match[str], str], clause_start: int) -> bool:
    """Whether a cue, in the same clause, rules its list out ("are not eligible", "not open to")."""
    match, kind = cue
    if match.start() < clause_start or _is_exception(cue):
        return False
    if kind == _VERB:
        return NEGATIVE.search(match.group()) is not None
    return kind == _LEAD and _lead_in_mode(sentence, match, clause_start) == NO


def _lead_in_mode(sentence: str, cue: re.Match[str], clause_start: int) -> str:
    near = max(clause_start, cue.start() - _NEGATIVE_REACH)
    if _RESTRICTION.match(cue.group()) and _NOT_JUST.search(sentence, near, cue.start()):
        return (
            YES  # "This fund is not restricted to local authorities": they are among those let in
        )
    if NEGATIVE.search(sentence, max(clause_start, cue.start() - _NEGATIVE_REACH), cue.end()):
        return NO
    if PARTNER_WORD.search(sentence, max(clause_start, cue.start() - _REACH), cue.end()):
        return PARTNER
    if _MEMBERS.match(cue.group()) and _INCLUDE.search(cue.group()):
        return PARTNER
    return YES
