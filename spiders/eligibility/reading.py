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
from bisect import bisect_left
from dataclasses import dataclass, field
from functools import cache

from spiders.eligibility.any_lead import included_member, last_any_lead, member_may_lead
from spiders.eligibility.bare_items import bare_end, bare_words, item_words, without_asides
from spiders.eligibility.clauses import DROP, VERBS, clause_role
from spiders.eligibility.cues import (
    EXCEPTION,
    NEGATIVE,
)
from spiders.eligibility.denied_parts import NOT_ITEM, denied_parts
from spiders.eligibility.elsewhere import SENT_ELSEWHERE
from spiders.eligibility.frequency import HOW_OFTEN
from spiders.eligibility.heading_modes import lead_in_mode
from spiders.eligibility.including_heads import unknown_only_as_heads
from spiders.eligibility.items import ANY, COUNCIL, OTHER, UNKNOWN, list_items, mention_at
from spiders.eligibility.joint import joint_applicant, named_lead
from spiders.eligibility.mentions import Preceded, Span, council_mentions
from spiders.eligibility.open_lists import ALL_OTHERS, open_list, open_sentence
from spiders.eligibility.partner_cues import PARTNER_WORD
from spiders.eligibility.partner_lead_ins import NOT_NEEDED, PARTNER_LEAD_INS, REFUSED_WITH
from spiders.eligibility.partners import partner_after
from spiders.eligibility.questions import ANSWER, answered, sent_on
from spiders.eligibility.recipients import one_kind, recipients
from spiders.eligibility.regions import (
    AGAIN,
    NO,
    PARTNER,
    REACH,
    SOME_OUT,
    YES,
    denies,
    find_lists,
)
from spiders.eligibility.section_heads import SELF_ITEM

__all__ = ["NO", "PARTNER", "YES", "Reading", "lead_in_mode", "read"]

_BARE_WORDS, _BARE_ITEM_WORDS = 12, 5  # "Local authority, Public Sector": a list with no verb
# "Q: We are a district council.": who is asking, not who may apply.
_ASKER = re.compile(r"(?:q\s*[:.]\s*)?(?:we|i)\s+(?:are|am)\b", re.IGNORECASE)
# "Each bid must have a lead local authority": the council named as the lead is an applicant.
# "Lead local authorities will be responsible for…": so is one opening the sentence.
_LEAD_BEFORE = re.compile(r"(?:^|\b(?:a|the|one|each|single|as)\s+)lead\s+$", re.IGNORECASE)
_LEAD_REACH = 20
_ONLY_AS = re.compile(
    r"[\s,]*(?:but\s+)?(?:only\s+)?(?:as|in)\s+(?:an?\s+|the\s+)?(?:[\w-]+\s+)?"
    + PARTNER_WORD.pattern,
    re.IGNORECASE,
)
# "One application per local authority", "Applications from local authorities must include…": the
# council is who applies (a denial read from a verb or lead-in stands).
_APPLICANT_BEFORE = re.compile(
    r"\b(?:applications?|bids?|submissions?|proposals?|expressions?\s+of\s+interest)\s+(?:per|"
    # "Joint bids between neighbouring district councils": up to the council (or the small words before
    # it); "one application from each of the 11 councils".
    r"(?:from|for|by)\s+each(?:\s+of)?|from|between)\s+"
    # "All applicants, including town councils, must be based in Shropshire": councils among them.
    r"|\bapplicants\s*,?\s*\(?(?:including|such\s+as|for\s+example|e\.g\.)\s+",
    re.IGNORECASE,
)
# "Local authority applicants will need to…", "Local authority (as lead applicant)", "Local
# authority-led projects" (who leads a project applies for it).
_APPLICANT_AFTER = re.compile(
    r"-led\b|\s+(?:applicants?|bidders?|accountable\s+bod(?:y|ies)|applying)\b"
    # "Local authorities leading bids will need to …", "Councils submitting proposals must …"
    r"|\s+(?:leading|submitting|making)\s+(?:the\s+|a\s+|their\s+)?(?:bids?|applications?|proposals?)\b"
    r"|[\s(,]*(?:acting\s+)?as\s+(?:the\s+|an?\s+)?(?:lead|accountable\s+body)\b"
    # "… with a local authority or Local Health Board as the lead body": the role is each item's.
    r"|\s+(?:or|and)\s+(?:an?\s+|the\s+)?(?:[\w-]+\s+){1,4}?(?:acting\s+)?as\s+(?:the\s+|an?\s+)?"
    r"(?:lead|accountable\s+body)\b",
    re.IGNORECASE,
)
_DONE_BY = re.compile(r"\b(?:led|run|delivered|managed|operated)\s+by\s*$", re.IGNORECASE)
# "Suitable for SMEs: Yes": a form's flag for one kind, not the whole list of who may apply.
_FLAGGED = re.compile(r":\s*(?:yes|no)\s*$", re.IGNORECASE)
_NO_LIST = re.compile(r"\s*no\b", re.IGNORECASE)
# A short first clause that is no list of applicants: a question ("Are councils eligible? No – …",
# whose answer questions.py reads) or a sentence about the fund ("This is a council-run fund.").
_NOT_A_LIST = re.compile(r"\?|^\s*(?:this|it|that)\s+(?:is|was|will\s+be)\b", re.IGNORECASE)
_CLAUSE_BREAK = re.compile(r"\s[–—-]\s|;")
# A denial of only some councils: "Parish councils that…", "… without a neighbourhood plan cannot apply".
# "… not available to councils for work they have a statutory duty to do": some work, not all.
_PARTIAL = re.compile(
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


def _how_often(sentence: str) -> bool:
    """ "We rarely receive applications from councils": how often, not who may; unless a verb after
    it lets them in ("…, but they are eligible")."""
    often = HOW_OFTEN.search(sentence)
    later = often and VERBS.search(sentence, often.end())
    return bool(often) and not (later and not denies(later.group()))


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
        own = (own := SELF_ITEM.match(sentence)) and own.end() or 0
        regions = [(denied.end(), len(sentence), NO) if denied else (own, len(sentence), lead_in)]
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
        listed = without_asides(sentence, mentions) if mode == "bare" else sentence
        items = list_items(listed, start, end, mentions, starts)
        kinds = {kind for kind, _, _ in items}
        if mode == "bare":
            unknown = UNKNOWN in kinds and not unknown_only_as_heads(sentence, items)
            if not kinds & {COUNCIL, OTHER} or ANY in kinds or unknown:
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
    partner_before = Preceded(PARTNER_LEAD_INS, sentence) if mentions else None
    unneeded = Preceded(NOT_NEEDED, sentence) if mentions else None
    refused = Preceded(REFUSED_WITH, sentence) if mentions else None
    applying = Preceded(_APPLICANT_BEFORE, sentence) if mentions else None
    receiving = recipients(sentence, mentions)
    asked = answered(sentence) if mentions else None
    # Once a sentence, not once a council: it searches the whole sentence (10,000 mentions: 30 s).
    how_often = cache(lambda: _how_often(sentence))
    for mention in mentions:
        if (
            partner_before
            and partner_before(mention[0])
            and (joint_applicant(sentence, mention[0]) or named_lead(sentence, mention[1]))
        ):
            roles[mention] = (
                YES,
                False,
            )  # "submit the bid jointly with the council": co-applicants
        elif partner_before and partner_before(mention[0]) and unneeded(mention[0]):
            pass  # "Applicants do not need the support of their local council": no partner asked for
        elif partner_before and partner_before(mention[0]) and refused(mention[0]):
            roles[mention] = (NO, False)  # "We do not fund work in partnership with councils"
        elif partner_before and partner_before(mention[0]) or partner_after(sentence, mention):
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
            and not how_often()  # asked only here: most sentences name no applications
            or _APPLICANT_AFTER.match(sentence, mention[1])
            or mention in receiving
        ):
            roles.setdefault(mention, (YES, False))
        elif _LEAD_BEFORE.search(sentence, max(0, mention[0] - _LEAD_REACH), mention[0]):
            # …unless the clause denies it: "Councils cannot be the lead council".
            if not NEGATIVE.search(sentence, max(0, mention[0] - REACH), mention[0]):
                roles.setdefault(mention, (YES, False))
        elif asked and mention[1] <= asked[0]:
            roles.setdefault(mention, (asked[1], False))  # "Can I apply if I am a council? No, …"
        elif sent_on(sentence, asked, mention):
            roles[mention] = (NO, False)  # "… eligible? No – town councils should apply to …"
    for mention in mentions:
        led = roles.get(mention, ("", False))[1]
        role = clause_role(sentence, mention, roles[mention][0] if mention in roles else None)
        if role == DROP:
            roles.pop(mention, None)
        elif role is not None:
            roles[mention] = (role, led)
    any_lead = last_any_lead(sentence) if mentions else -1
    for mention in mentions:
        if member_may_lead(sentence, mention, any_lead):
            roles[mention] = (YES, roles.get(mention, ("", False))[1])
        elif mention not in roles and included_member(sentence, mention):
            roles[mention] = (PARTNER, False)  # "a partnership that includes the council"
    for mention, (verdict, led) in roles.items():
        if (
            verdict == NO
            and one_kind(sentence, mention)
            and ALL_OTHERS.search(sentence, mention[1])
        ):
            roles[mention] = (YES, led)
    reading.roles = [(verdict, span, led) for span, (verdict, led) in sorted(roles.items())]
    return reading
