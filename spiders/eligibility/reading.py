"""One sentence read for what it says about councils: the role of each council it names, and whether
it lists applicants that leave councils out.

A list hangs off a lead-in ("Open to …", "Who can apply: …") or a verb ("… can apply", "… are not
eligible"); its items are cut at commas, "and", "or" and "including", and an item counts by the
words it starts with ("a UK registered business of any size" is a business; "projects that help
local authorities" is not a council). Then each council's own words (own_roles.py): partner wording
right next to a council beats the rest.
Every search is bounded by a window or by the next cue, so a sentence is read in linear time.
"""

from __future__ import annotations

import re
from bisect import bisect_left
from dataclasses import dataclass, field

from config.lazy_pattern import lazy_pattern
from spiders.eligibility.bare_items import (
    bare_end,
    bare_words,
    item_words,
    premises_item,
    without_asides,
    without_place_tail,
)
from spiders.eligibility.cues import EXCEPTION
from spiders.eligibility.denied_parts import NOT_ITEM, denied_parts
from spiders.eligibility.elsewhere import SENT_ELSEWHERE
from spiders.eligibility.heading_modes import lead_in_mode
from spiders.eligibility.including_heads import unknown_only_as_heads
from spiders.eligibility.items import ANY, COUNCIL, OTHER, UNKNOWN, list_items, mention_at
from spiders.eligibility.mentions import Span, council_mentions
from spiders.eligibility.open_lists import open_list, open_sentence
from spiders.eligibility.own_roles import own_roles
from spiders.eligibility.recipients import one_kind
from spiders.eligibility.regions import AGAIN, NO, PARTNER, SOME_OUT, YES, find_lists
from spiders.eligibility.section_heads import SELF_ITEM

__all__ = ["NO", "PARTNER", "YES", "Reading", "lead_in_mode", "read"]

_BARE_WORDS, _BARE_ITEM_WORDS = 12, 5  # "Local authority, Public Sector": a list with no verb
# "Q: We are a district council.": who is asking, not who may apply.
_ASKER = lazy_pattern(r"(?:q\s*[:.]\s*)?(?:we|i)\s+(?:are|am)\b", re.IGNORECASE)
_DONE_BY = lazy_pattern(r"\b(?:led|run|delivered|managed|operated)\s+by\s*$", re.IGNORECASE)
# "Suitable for SMEs: Yes": a form's flag for one kind, not the whole list of who may apply.
_FLAGGED = lazy_pattern(r":\s*(?:yes|no)\s*$", re.IGNORECASE)
_NO_LIST = lazy_pattern(r"\s*no\b", re.IGNORECASE)
# A short first clause that is no list of applicants: a question ("Are councils eligible? No – …",
# whose answer questions.py reads) or a sentence about the fund ("This is a council-run fund.").
_NOT_A_LIST = lazy_pattern(r"\?|^\s*(?:this|it|that)\s+(?:is|was|will\s+be)\b", re.IGNORECASE)
_CLAUSE_BREAK = lazy_pattern(r"\s[–—-]\s|;")
# A denial of only some councils: "Parish councils that…", "… without a neighbourhood plan cannot apply".
# "… not available to councils for work they have a statutory duty to do": some work, not all.
_PARTIAL = lazy_pattern(
    r"\s*(?:which|that|who|whose|where|already|previously|with|without|having|lacking|(?:applying\s+)?"
    r"for\s+statutory\b|for\s+(?:any\s+)?"
    r"(?:work|projects?|activit(?:y|ies)|costs?|services?|schemes?|facilit(?:y|ies)|buildings?|provision)\s+"
    r"(?:which|that|they|it|already))\b",
    re.IGNORECASE,
)


def _carved_item(sentence: str, start: int) -> int | None:
    """Where an item's carve-out begins, when the item opens with what it is carved from."""
    cue = EXCEPTION.search(sentence, max(0, start - 40), start)
    return cue.start() if cue and cue.start() > 0 and cue.end() >= start - 2 else None


def _first_clause_end(sentence: str) -> int:
    clause = _CLAUSE_BREAK.search(sentence)
    return clause.start() if clause else len(sentence)


@dataclass
class Reading:
    # (verdict, the mention's span, whether the lead-in above the sentence decided it)
    roles: list[tuple[str, Span, bool]] = field(default_factory=list)
    others: Span | None = None  # a list of applicants that leaves councils out
    broad: bool = False  # a list of applicants that names councils or "organisations"
    bare: bool = (
        False  # read as a bare list ("Local authority, Public Sector"): no words of its own
    )


def read(sentence: str, *, lead_in: str | None = None, bare_lists: bool = True) -> Reading:
    """The roles of the councils in one sentence, and any list of applicants that leaves them out."""
    mentions = council_mentions(sentence)
    reading = Reading()
    roles: dict[Span, tuple[str, bool]] = {}
    regions = find_lists(sentence)
    # "We can't fund: • local authorities (other than town and parish councils)": the item is the
    # heading's, and what is carved out of it goes the other way.
    carved = regions and lead_in in (YES, NO) and _carved_item(sentence, regions[0][0])
    # "We can't fund: • local authorities, unless the project is led by …": the item's own list starts
    # after the council it names first, which is the heading's.
    ahead = regions and lead_in and mentions and mentions[0][1] <= regions[0][0] and not carved
    by_lead_in = (
        not regions or bool(carved or ahead)
    ) and lead_in is not None  # under "Who can apply:"
    if ahead:
        regions = [(0, regions[0][0], lead_in), *regions]
    elif carved:
        flip = YES if lead_in == NO else NO
        regions = [(0, carved, lead_in), (*regions[0][:2], flip), *regions[1:]]
    elif by_lead_in and not regions:
        # "Your organisation must: … - not be a public body such as a council": the item denies.
        denied = lead_in == YES and NOT_ITEM.match(sentence)
        # "You can apply if: • you are a parish council": the kind follows "you are".
        own = SELF_ITEM.match(sentence)
        after_self = own.end() if own else 0
        regions = [
            (denied.end(), len(sentence), NO) if denied else (after_self, len(sentence), lead_in)
        ]
    elif (
        bare_lists
        and bare_words(sentence) <= _BARE_WORDS
        and not sentence.rstrip().endswith("?")  # "Are councils eligible?" asks; it lists no one
        and not _ASKER.match(sentence)
        and not _NOT_A_LIST.search(sentence, 0, _first_clause_end(sentence))
        and (listed_to := bare_end(sentence, _first_clause_end(sentence), regions)) is not None
    ):
        # "Registered charities only – we can't fund individuals": the first clause is a list of
        # its own, whatever the clause after it says (up to what it carves out of itself).
        regions = [(0, listed_to, "bare"), *regions]
    starts = [start for start, _ in mentions]
    for start, end, mode in regions:
        # "We won't fund: • Projects led by a local authority": the heading denies what its item
        # names, though the item's own "led by" lets the council in.
        flipped = (
            lead_in == NO and mode == YES and _DONE_BY.search(sentence, max(0, start - 30), start)
        )
        mode = NO if flipped else mode
        # A bare list's bracketed asides say how or which ("Local authorities (on behalf of …)"),
        # never another applicant: its items are read with them blanked, offsets kept.
        listed = sentence
        if mode == "bare":  # and where they are, after a comma, is no applicant either
            listed = without_place_tail(without_asides(sentence, mentions), mentions)
        items = list_items(listed, start, end, mentions, starts)
        if mode == "bare":  # "Village halls and parish councils": the hall's committee applies
            items = [(OTHER if premises_item(listed, a, b) else k, a, b) for k, a, b in items]
        kinds = {kind for kind, _, _ in items}
        if mode == "bare":
            unknown = UNKNOWN in kinds and not unknown_only_as_heads(sentence, items)
            # A broad kind ("partnerships", "organisations") may hold councils, so a list of
            # such is no answer; beside a council named as its own item it is one more applicant
            # ("Local authorities and National Trail partnerships", yes as its label reads it).
            broad = ANY in kinds and COUNCIL not in kinds
            if not kinds & {COUNCIL, OTHER} or broad or unknown:
                continue
            if any(item_words(sentence[a:b]) > _BARE_ITEM_WORDS for _, a, b in items):
                continue
            mode = NO if _NO_LIST.match(sentence) else YES  # "No local authorities"
            reading.bare = True
        again, mode = mode == AGAIN, YES if mode == AGAIN else mode
        if mode == SOME_OUT and any(
            kind == COUNCIL and (m := mention_at(mentions, starts, a)) and not one_kind(sentence, m)
            for kind, a, _ in items
        ):
            mode = NO  # "… except local authorities and town councils": councils at large are out
        parts_denied = denied_parts(sentence, start, end) if mode == YES else ()
        for kind, a, b in items:
            if kind == COUNCIL and (mention := mention_at(mentions, starts, a)):
                verdict = mode
                if mode == SOME_OUT:  # one kind ruled out leaves the other councils in
                    verdict = YES if one_kind(sentence, mention) else NO
                partial = verdict == NO and _PARTIAL.match(sentence, mention[1], b)
                if verdict == YES and not again and roles.get(mention, ("",))[0] == NO:
                    continue  # "Projects led by local authorities are not eligible": the verb denies
                roles[mention] = (YES if partial else verdict, by_lead_in or bool(flipped))
        for left, right in parts_denied:  # each council its part names, item or not, is denied
            for index in range(bisect_left(starts, left), bisect_left(starts, right)):
                roles[mentions[index]] = (NO, by_lead_in or bool(flipped))
        if mode == YES:
            if kinds & {COUNCIL, ANY}:
                reading.broad = True
            elif (
                OTHER in kinds
                and reading.others is None
                and not _FLAGGED.search(sentence[start:end])
                and not open_list(sentence, 0, end)  # "include, but are not limited to, …"
                and not open_sentence(sentence)  # "… are not the only organisations that can apply"
                # "Voluntary organisations should apply to the Community Fund instead": not to this call.
                and not SENT_ELSEWHERE.match(sentence, end)
            ):
                reading.others = (start, end)
    own_roles(sentence, mentions, roles)
    reading.roles = [(verdict, span, led) for span, (verdict, led) in sorted(roles.items())]
    return reading
