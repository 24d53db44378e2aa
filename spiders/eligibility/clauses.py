"""Roles a council takes from the clause around it, beyond the lists and verbs of cues.py: a role
it is denied ("cannot act as the accountable body"), terms set for it as an applicant ("local
authorities must show…", "where the applicant is a local authority", "…, who will submit a bid"),
a table's answer ("Local authority | No"), a part it may still play after a denial ("…, but they can
be involved in delivery"), and the money it only puts in ("match funding may come from the council")
or the contract it only buys ("Buyer: Leeds City Council").

Every search starts at the council and is bounded by a window, so a sentence costs linear time.
"""

from __future__ import annotations

import re

from config.lazy_pattern import lazy_pattern
from spiders.eligibility.conditional import CONSIDERED_ON_TERMS
from spiders.eligibility.cues import EXCEPTION, LIST_STOP, VERB
from spiders.eligibility.elsewhere import OTHERS_BEFORE, OTHERS_SENT, PAID_ELSEWHERE, SENT_ELSEWHERE
from spiders.eligibility.led_by_another import led_by_another
from spiders.eligibility.match_funding import OWN_SHARE_AFTER, PAYS_IN_BEFORE
from spiders.eligibility.mentions import Span
from spiders.eligibility.partner_cues import PARTNER_WORD
from spiders.eligibility.pot_names import OTHER_POT_OPEN_TO, sent_to_named_pot
from spiders.eligibility.roles import ROLE_VERB
from spiders.eligibility.tenders import BUYER_LABEL_BEFORE, BUYER_REACH
from spiders.word_starts import at_word_starts

_I = re.IGNORECASE
_REACH = 160
DROP = "drop"  # the council named is no applicant at all (a match funder)

# "Local businesses should contact their lead local authority to apply": the council runs the
# scheme and others apply to it, so the subject is a list of applicants (cues.py is full).
VERBS = at_word_starts(
    VERB.pattern
    + r"|\b(?:should|must|can|may|will\s+need\s+to|need\s+to)\s+(?:first\s+)?(?:contact|approach|"
    r"speak\s+to|get\s+in\s+touch\s+with)\s+(?:their|your|the)\s+(?:(?:lead|local|relevant|own)\s+)*"
    r"(?:council|(?:local\s+)?authority)\s+to\s+(?:apply|bid)\b|"
    + ROLE_VERB
    + "|"
    + CONSIDERED_ON_TERMS
    # "Councils with retained housing stock should contact us before applying": a future applicant.
    + r"|\b(?:should|must|will\s+need\s+to|need\s+to)\s+(?:first\s+)?(?:contact|speak\s+to|talk\s+to|"
    r"email|call)\s+us\s+(?:first\s+)?before\s+(?:applying|bidding|submitting|making\s+an\s+application)\b"
    # "Local authorities count as not-for-profit organisations": classed with an eligible kind.
     + r"|\b(?:count|counts|(?:are|is)\s+(?:counted|treated|classed|regarded))\s+as\s+(?:an?\s+)?"
    r"(?:eligible|not-?for-?profit|non-?profit|voluntary|charitable)\b"
    # "Local authorities are not the only organisations that can apply": they can, and others too.
    r"|\b(?:is|are)\s+not\s+the\s+only\s+(?:[\w-]+\s+)?(?:organi[sz]ations?|ones?|applicants?|bod(?:y|ies)|"
    r"bidders?)\s+(?:that|who|which)\s+(?:can|may|are\s+(?:able|eligible)\s+to)\s+(?:apply|bid)\b"
    # "Two local authorities may join together in a bid": applying together is applying.
    r"|\b(?:can|may|could|should|must)\s+(?:also\s+)?(?:join|come|group|work)\s+together\s+(?:in|on|for|"
    r"to\s+(?:submit|make))\s+(?:an?\s+|one\s+|a\s+single\s+)?(?:joint\s+)?(?:bids?|applications?|proposals?)\b",
    _I,
)
# "Applications from businesses will be assessed by the lead local authority": a council that judges
# others' applications for the funder is its agent, no applicant ("the lead" alone made it one).
_ASSESSOR_BEFORE = lazy_pattern(
    r"\b(?:assessed|appraised|scored|reviewed|processed|checked|considered)\s+by\s+(?:the\s+|their\s+|"
    r"your\s+|each\s+)?(?:(?:lead|relevant|local|host|accountable)\s+)*$",
    _I,
)
# "A local authority cannot act as the accountable body", "the council cannot be the applicant".
_DENIED_ROLE = lazy_pattern(
    r"\s+(?:cannot|can\s+not|can't|may\s+not|must\s+not|(?:is|are)\s+not\s+(?:able|allowed|permitted)"
    r"\s+to)\s+(?:act\s+as|be)\s+(?:the\s+|an?\s+)?(?:lead\s+)?(?:accountable\s+bod(?:y|ies)|"
    r"applicants?|grant\s+recipients?|recipients?)\b",
    _I,
)
# Terms for a council's application: "local authorities must show how…", "Councils will need to
# demonstrate…": only an applicant is told what its bid must show.
_TERMS_AFTER = lazy_pattern(
    r"\s+(?:applicants?\s+)?(?:must|should|will\s+(?:also\s+)?need\s+to|need\s+to|(?:are|is|will\s+be)"
    r"\s+required\s+to)\s+(?:also\s+|clearly\s+)?(?:show|demonstrate|evidence|explain|justify|set\s+out|"
    r"confirm|provide\s+(?:evidence|details|a\s+statement)|include)\b",
    _I,
)
# Terms set for everyone but the councils named: "Applicants other than parish councils must provide
# two years of accounts" (read with OTHERS_BEFORE: the councils are applicants let off them).
_OTHERS_TERMS = lazy_pattern(
    r"\s+(?:must|should|will\s+(?:also\s+)?need\s+to|need\s+to|(?:are|is)\s+required\s+to)\s+(?:also\s+)?"
    r"(?:provide|submit|supply|include|show|demonstrate|evidence|have|hold|send)\b",
    _I,
)
# …or waived for it: "Local authorities are exempt from this requirement", "Parish councils do not
# need to submit audited accounts": only an applicant is let off what an application must have.
_WAIVED_AFTER = lazy_pattern(
    r"\s+(?:(?:are|is|will\s+be)\s+(?:also\s+)?exempt(?:ed)?\s+from\s+(?:this|the|that|these|those|any)\b|"
    r"(?:(?:do|does)\s+not|don't|doesn't|need\s+not|needn't)\s+(?:need\s+to\s+)?(?:provide|submit|supply|include|"
    r"show|demonstrate|secure)\s+(?:a|an|the|any|audited|match|their|its)\b)",
    _I,
)
# "Where the applicant is a local authority, …", "If the lead applicant is a council, …".
_APPLICANT_IS = lazy_pattern(
    r"\b(?:where|if|when)\s+(?:the\s+|an?\s+)?(?:lead\s+)?(?:applicant|bidder)\s+is\s+(?:an?|the)\s+$",
    _I,
)
# "…contact their local authority, who will submit a bid on their behalf".
_WHO_SUBMITS = lazy_pattern(
    r"\s*,?\s*(?:who|which)\s+(?:will|would|can|may|must|should|then)\s+(?:then\s+)?(?:submit|apply|bid|"
    r"make\s+(?:the|an)\s+application|act\s+as\s+(?:the\s+)?(?:lead|accountable\s+body)|be\s+the\s+"
    r"(?:lead|accountable\s+body))\b",
    _I,
)
# "Landlords cannot apply directly; the local authority applies on their behalf".
_ON_BEHALF = lazy_pattern(
    r"\s+(?:applies|bids|will\s+apply|will\s+bid)\s+on\s+(?:their|its|your|his|her)\s+behalf\b", _I
)
# A table's row: "Local authority | No", "Local authorities | Partner only".
_TABLE_ANSWER = lazy_pattern(
    # …or a label's: "Local authorities: partner only." (not "…: no, but …", which questions.py reads).
    r"\s*[|:]\s*(?:(?P<no>no|not\s+eligible|ineligible)|(?P<partner>(?:as\s+)?(?:an?\s+)?(?:delivery\s+|"
    r"project\s+)?partners?(?:\s+only)?)|(?P<yes>yes|eligible))(?=\s*(?:$|\||[.;]))",
    _I,
)
# "council-run services may be part of a project led by a charity".
_TAKES_PART = lazy_pattern(
    r"(?:-(?:run|led|managed|operated))?(?:\s+(?:services?|teams?|departments?|staff|officers?))?"
    # "…, including local authorities, should be involved in developing proposals".
    r",?\s+(?:may|can|could|will|should|must|are\s+able\s+to)\s+(?:also\s+|still\s+)?(?:be\s+involved\b|(?:be|form)\s+"
    r"(?:a\s+)?part\s+of\b|take\s+part\b|participate\b|contribute\s+to\s+(?:the\s+)?(?:delivery|projects?)\b)",
    _I,
)
# After a denial: "…, but they can be involved in delivery", "…; however, projects can be delivered
# in partnership with them", "…, although council services may form part of a partnership bid".
# "…; community groups may wish to seek their support": a semicolon parts the same contrast.
_CONTRAST = lazy_pattern(
    r"(?:[,;]\s*|\s+)(?:but|however|although|though|yet)\b[^.;]{0,120}|;[^.;]{0,120}", _I
)
_INVOLVEMENT = lazy_pattern(
    r"\b(?:be\s+involved|involvement|(?:form|be)\s+(?:a\s+)?part\s+of|take\s+part|participate|"
    r"in\s+partnership\s+with|partners?|contribute\s+to|(?:seek|get|obtain|secure|gain|have|with)\s+"
    r"(?:their|its)\s+(?:support|backing|endorsement)|(?:support|back|endorse)\s+(?:an?\s+|the\s+)?"
    r"(?:applications?|bids?|proposals?))\b",
    _I,
)
# Sent to another fund: "… local authorities should apply to the Local Authority Housing Fund
# instead", "Local authorities should apply to the separate Treescapes Fund": not to this one; nor
# when a place or a few words stand between ("Local authorities in Wales should apply to …").
_REDIRECTED = lazy_pattern(
    # "Other organisations, including councils, should look at our Partnerships Fund": commas too.
    r"(?:,?\s+(?!(?:should|must|can|may|will|need)\b)[\w-]+){0,4}?,?\s+"
    + f"(?:{SENT_ELSEWHERE.pattern})",
    _I,
)
# A denial on terms: "… statutory bodies, including local authorities, unless they are applying on
# behalf of a community partnership": some councils may apply.
# "… not eligible, except where they apply on behalf of a Business Improvement District": the same.
_UNLESS = lazy_pattern(
    r"[\s,]*(?:[\w'-]+,?\s+){0,5}?(?:unless|(?:except|save)\s+(?:where|when|if))\s+(?:(?:they|it|(?:the|your|their|"
    r"its)\s+\w+)\s+(?:are|is|have|has|can|will|apply|bid|act|work)\b"
    # "… except when applying for library projects": the council's own applying, on terms.
    r"|(?:applying|bidding|acting|working)\b)[^.;]{0,120}",
    _I,
)
# "… unless the project is led by a community partner": let in behind another's lead, a partner.
# "… unless they are applying jointly with a voluntary organisation as lead partner": the same.
_LED_BY_OTHER = lazy_pattern(
    # Not "led by your library service": the council's own part leads (a possessive names it).
    r"\b(?:led|run|managed)\s+by\s+(?!(?:the|a|an)\s+(?:council|local\s+authority)|(?:your|their|its)\s)"
    r"|\bwith\s+(?:an?|the)\s+"
    r"(?!council|local\s+authority)(?:[\w-]+\s+){1,3}?as\s+(?:the\s+)?lead\b",
    _I,
)
_AS_PARTNER = lazy_pattern(r"\bas\s+(?:an?\s+|the\s+)?(?:[\w-]+\s+)?" + PARTNER_WORD.pattern, _I)
_REFERENT = lazy_pattern(r"\b(?:they|them|their|councils?|local\s+authorit(?:y|ies))\b", _I)


# "Public bodies (excluding local authorities) may apply": public bodies other than councils.
_PUBLIC = lazy_pattern(r"(?:public|statutory)\b", _I)
_BUT_COUNCILS = lazy_pattern(
    r"[\s,(]*(?:"
    + EXCEPTION.pattern
    + r")\s+(?:the\s+|an?\s+|all\s+)?(?:local\s+authorit|councils?\b)",
    _I,
)


def _labelled(sentence: str, start: int) -> bool:
    """A label's colon or bar shortly before: tried first, as a buyer label is rare and every
    council named would otherwise be searched back from (10,000 mentions: 40 ms)."""
    window = max(0, start - BUYER_REACH)
    return sentence.find(":", window, start) >= 0 or sentence.find("|", window, start) >= 0


def shared_subject(sentence: str, breaks: list[tuple[int, int]], index: int) -> tuple[int, int]:
    """The subject of the clause ending at break `index`: its words up to its first verb."""
    start = breaks[index - 1][1] if index else 0
    end = breaks[index][0]
    stop = LIST_STOP.search(sentence, start, end)
    return start, stop.start() if stop else end


def clause_role(sentence: str, mention: Span, current: str | None) -> str | None:
    """The role this council's clause gives it, or None; `current` is the role read so far."""
    start, end = mention
    if answer := _TABLE_ANSWER.match(sentence, end):
        return "no" if answer["no"] else "partner" if answer["partner"] else "yes"
    if current != "partner" and _DENIED_ROLE.match(sentence, end):
        return (
            "no"  # (a partner read already stands: "can't be lead applicants, but can be partners")
        )
    if _PUBLIC.match(sentence, start, end) and _BUT_COUNCILS.match(sentence, end):
        return "no"  # the public bodies left are not councils
    if PAYS_IN_BEFORE.search(sentence, max(0, start - 70), start):
        return DROP
    if _ASSESSOR_BEFORE.search(sentence, max(0, start - 40), start):
        return DROP  # "… will be assessed by the lead local authority": it judges, others apply
    if OTHER_POT_OPEN_TO.search(sentence, max(0, start - 200), start):
        return DROP  # "… should apply to the X scheme, which is open to councils": that pot's
    if _labelled(sentence, start) and BUYER_LABEL_BEFORE.search(
        sentence, max(0, start - BUYER_REACH), start
    ):
        return DROP  # "Buyer: Leeds City Council": the council buys, it does not apply
    # …and "Applicants other than parish councils must provide two years of accounts": terms for the
    # others only, so the councils carved out are applicants too.
    sent_on = OTHERS_SENT.match(sentence, end) or _OTHERS_TERMS.match(sentence, end)
    if sent_on and OTHERS_BEFORE.search(sentence, max(0, start - 60), start):
        return "yes"  # "Organisations other than local authorities should apply through …": not councils
    if current == "partner" and _WHO_SUBMITS.match(sentence, end):
        return (
            "yes"  # "One of the partners must be a council, which will act as the accountable body"
        )
    if current != "partner" and (
        _REDIRECTED.match(sentence, end) or sent_to_named_pot(sentence, end)
    ):
        return "no"
    if current == "yes" and PAID_ELSEWHERE.match(sentence, end):
        return DROP  # "funding for councils is provided separately": paid, but not by this call
    if current == "yes" and led_by_another(sentence, end):
        return "partner"  # "… only where a community group is leading the project"
    if _TAKES_PART.match(sentence, end):
        return "partner"
    if current == "no" and (terms := _UNLESS.match(sentence, end)):
        behind = _AS_PARTNER.search(terms.group()) or _LED_BY_OTHER.search(terms.group())
        return "partner" if behind else "yes"
    if current == "no":
        contrast = _CONTRAST.search(sentence, end, end + _REACH)
        if contrast:
            clause = contrast.group()
            if _INVOLVEMENT.search(clause) and _REFERENT.search(clause):
                return "partner"
        return None
    if current is None and (
        _TERMS_AFTER.match(sentence, end)
        or _WAIVED_AFTER.match(sentence, end)
        or OWN_SHARE_AFTER.match(sentence, end)
        or _APPLICANT_IS.search(sentence, max(0, start - 60), start)
        or _WHO_SUBMITS.match(sentence, end)
        or _ON_BEHALF.match(sentence, end)
    ):
        return "yes"
    return None
