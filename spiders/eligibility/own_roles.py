"""The role each council a sentence names has by its own words, after (and over) what the sentence's
lists of applicants gave it (reading.py): partner wording beside it, a question's answer after it,
"applications from …" or "… applicants" around it, "a lead …" before it; then its clause's own verb
(clauses.py), "any member may lead" and "all other councils".
"""

from __future__ import annotations

import re
from functools import cache

from config.lazy_pattern import lazy_pattern
from spiders.eligibility.any_lead import included_member, last_any_lead, member_may_lead
from spiders.eligibility.clauses import DROP, VERBS, clause_role
from spiders.eligibility.cues import NEGATIVE
from spiders.eligibility.frequency import HOW_OFTEN
from spiders.eligibility.joint import joint_applicant, named_lead
from spiders.eligibility.mentions import Preceded, Span
from spiders.eligibility.open_lists import ALL_OTHERS
from spiders.eligibility.partner_cues import PARTNER_WORD
from spiders.eligibility.partner_lead_ins import NOT_NEEDED, PARTNER_LEAD_INS, REFUSED_WITH
from spiders.eligibility.partners import partner_after
from spiders.eligibility.questions import ANSWER, answered, sent_on
from spiders.eligibility.recipients import one_kind, recipients
from spiders.eligibility.regions import NO, PARTNER, REACH, YES, denies

# "Each bid must have a lead local authority": the council named as the lead is an applicant.
# "Lead local authorities will be responsible for…": so is one opening the sentence.
_LEAD_BEFORE = lazy_pattern(r"(?:^|\b(?:a|the|one|each|single|as)\s+)lead\s+$", re.IGNORECASE)
_LEAD_REACH = 20
_ONLY_AS = lazy_pattern(
    r"[\s,]*(?:but\s+)?(?:only\s+)?(?:as|in)\s+(?:an?\s+|the\s+)?(?:[\w-]+\s+)?"
    + PARTNER_WORD.pattern,
    re.IGNORECASE,
)
# "One application per local authority", "Applications from local authorities must include…": the
# council is who applies (a denial read from a verb or lead-in stands).
_APPLICANT_BEFORE = lazy_pattern(
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
_APPLICANT_AFTER = lazy_pattern(
    r"-led\b|\s+(?:applicants?|bidders?|accountable\s+bod(?:y|ies)|applying)\b"
    # "Local authorities leading bids will need to …", "Councils submitting proposals must …"
    r"|\s+(?:leading|submitting|making)\s+(?:the\s+|a\s+|their\s+)?(?:bids?|applications?|proposals?)\b"
    r"|[\s(,]*(?:acting\s+)?as\s+(?:the\s+|an?\s+)?(?:lead|accountable\s+body)\b"
    # "… with a local authority or Local Health Board as the lead body": the role is each item's.
    r"|\s+(?:or|and)\s+(?:an?\s+|the\s+)?(?:[\w-]+\s+){1,4}?(?:acting\s+)?as\s+(?:the\s+|an?\s+)?"
    r"(?:lead|accountable\s+body)\b",
    re.IGNORECASE,
)

# "Projects must be led by, or involve, a local authority": two verbs share the council, and one of
# them lets it lead, so it may apply (the partner verb alone, "involve", made it only a partner).
_LED_OR = lazy_pattern(
    r"\b(?:led|run|headed|delivered|submitted)\s+by\s*,?\s+(?:or|and/or)\s+(?!on\s+behalf\b)(?:[\w-]+\s+){0,3}?[\w-]+"
    r"\s*,?\s+(?:(?:an?|the|one\s+or\s+more|at\s+least\s+one)\s+)?$",
    re.IGNORECASE,
)
_LED_OR_REACH = 60


def _how_often(sentence: str) -> bool:
    """ "We rarely receive applications from councils": how often, not who may; unless a verb after
    it lets them in ("…, but they are eligible")."""
    often = HOW_OFTEN.search(sentence)
    later = often and VERBS.search(sentence, often.end())
    return bool(often) and not (later and not denies(later.group()))


def own_roles(sentence: str, mentions: list[Span], roles: dict[Span, tuple[str, bool]]) -> None:
    """Each mention's role (verdict, whether a lead-in decided it) in `roles`, set or changed by
    the words around it."""
    partner_before = Preceded(PARTNER_LEAD_INS, sentence) if mentions else None
    unneeded = Preceded(NOT_NEEDED, sentence) if mentions else None
    refused = Preceded(REFUSED_WITH, sentence) if mentions else None
    applying = Preceded(_APPLICANT_BEFORE, sentence) if mentions else None
    receiving = recipients(sentence, mentions)
    asked = answered(sentence) if mentions else None
    # Once a sentence, not once a council: it searches the whole sentence (10,000 mentions: 30 s).
    how_often = cache(lambda: _how_often(sentence))
    for mention in mentions:
        partnered = partner_before is not None and partner_before(mention[0])
        if _LED_OR.search(
            sentence, max(0, mention[0] - _LED_OR_REACH), mention[0]
        ) and not NEGATIVE.search(sentence, max(0, mention[0] - REACH), mention[0]):
            roles[mention] = (YES, False)  # "led by, or involve, a local authority": it may lead
        elif partnered and (
            joint_applicant(sentence, mention[0]) or named_lead(sentence, mention[1])
        ):
            roles[mention] = (
                YES,
                False,
            )  # "submit the bid jointly with the council": co-applicants
        elif partnered and unneeded(mention[0]):
            pass  # "Applicants do not need the support of their local council": no partner asked for
        elif partnered and refused(mention[0]):
            roles[mention] = (NO, False)  # "We do not fund work in partnership with councils"
        elif partnered or partner_after(sentence, mention):
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
