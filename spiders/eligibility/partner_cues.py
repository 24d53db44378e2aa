"""Partner wording: the words that make a council a partner, before it ("in partnership with a local
authority"), just after it ("local authorities may participate as subcontractors") or as a word of
its own ("No, but they can be partners"). Moved out of cues.py, which reads who applies and who may
not, when it reached its size.
"""

from __future__ import annotations

import re

from config.lazy_pattern import lazy_pattern
from spiders.word_starts import at_word_starts

_I = re.IGNORECASE

# A partner word in a lead-in ("To collaborate with the lead, …"), not "lead partner" or "contracting authority".
PARTNER_WORD = lazy_pattern(
    r"(?<!lead\s)\b(?:partners?|partnerships?|collaborat\w*|(?:sub-?)?contract(?:ors?|ing(?!\s+(?:authorit|bod|entit)))|"
    r"co-?applicants?|co-?investigators?|co-?leads?|consortium\s+members?)\b",
    _I,
)

# Partner wording before a council or a list with councils in it: "in partnership with a local
# authority", "must involve at least one public sector body, such as a council".
PARTNER_LEAD_IN = at_word_starts(
    r"\b(?:partnerships?|partner(?:ing|ed|s)?|collaborat\w*|work|works|working|worked|engag\w*|"
    r"co-?design\w*|co-?produc\w*|co-?led|co-?lead(?:ing)?|jointly|together|liaise|liaising)\s+"
    r"(?:closely\s+|together\s+|jointly\s+|directly\s+|early\s+)?with\b"
    # "bids that have not been developed with the local authority": shaped with the council.
    r"|\b(?:co-?)?(?:developed|designed|planned)\s+(?:jointly\s+|together\s+|closely\s+)?with\b"
    # "applications that have not been discussed with the local authority", as "talk to" it.
    r"|\bdiscuss(?:ed|ing)?\s+(?:(?:early|first|fully|beforehand)\s+)?with\b"
    # "encourage applicants to talk to their local authority early" (not "speak to the council to apply")
    r"|\b(?:talk|talks|talking|speak|speaks|speaking)\s+(?:early\s+|first\s+)?(?:to|with)\b(?!\s+(?:their|your|the)"
    r"\s+(?:(?:lead|local|relevant|own)\s+)*(?:council|(?:local\s+)?authority)\s+to\s+(?:apply|bid)\b)"
    # "collaboration between community groups and their district council"
    r"|\b(?:collaborat\w*|partnerships?|(?:joint|partnership)\s+working)\s+between\b"
    r"|\b(?:involv(?:e|es|ing)|involvement\s+of|alongside|consult(?:s|ing|ed)?(?:\s+with)?|consultation\s+with|letters?\s+(?:of\s+support\s+)?from|"
    r"support\s+from|(?:(?:have|has|with|secure|obtain|gain)\s+)?(?:the\s+)?(?:(?:written|full|formal|active)\s+)?"
    r"support\s+of|"
    r"endorse\w*\s+(?:by|from)|(?:supported|backed)\s+by|backing\s+(?:from|of))\b"
    r"|\b(?:and|must|should|will|to|also|may)\s+(?:also\s+)?include\b"
    # "partners, such as local authorities", "partners from the public sector"
    r"|\bpartners?,?\s+\(?(?:such\s+as|including|like|e\.g\.|for\s+(?:example|instance)\s*,?|from(?:\s+the)?|"
    r"in(?:\s+the)?)(?!\w)",
    _I,
)
# …and just after one: "local authorities may participate as subcontractors", "as a partner".
PARTNER_AFTER = lazy_pattern(
    r"[\s,()]*(?:[\w'-]+,?\s+){0,14}?(?:as\s+(?:an?\s+|the\s+)?(?:[\w-]+\s+){0,2}?|(?:be|become|join|form)\s+"
    r"(?:[\w-]+\s+){0,3}?"
    # "Local government is a key partner", but not "… is seeking a partner" (it wants one).
    r"|(?:is|are)\s+(?:also\s+)?(?:an?\s+|the\s+)?(?:(?:key|delivery|project|named|funded|non-funded|"
    r"strategic|essential|important|core|main|formal)\s+)?)(?<!lead\s)(?P<word>partners?|collaborators?|(?:sub-?)?contractors?|"
    r"co-?applicants?|co-?investigators?|consortium\s+members?|(?:part|members?)\s+of\s+(?:an?|the)\s+(?:[\w-]+\s+){0,2}?(?:consortium|"
    r"consortia|partnership|bid)|involved\s+in\s+(?:the\s+)?deliver(?:y|ing)|(?<=join\s)(?:an?\s+|the\s+)?(?:[\w-]+\s+)?(?:consortium|consortia|partnership))\b"
    # "… but can support a bid led by a community group": backing someone else's application.
    r"|[\s,)]*(?:[\w'-]+,?\s+){0,10}?(?P<backing>(?:support|back|endorse)(?:ing)?\s+"
    r"(?:an?\s+|the\s+|their\s+)?(?:[\w-]+\s+)?(?:[\w-]+'s?\s+)?(?:bids?|applications?|proposals?))\b"
    # "… cannot lead but can collaborate", "… can't apply but can partner with a charity".
    # "… are encouraged to partner with local community groups".
    r"|[\s,)]*(?:[\w'-]+,?\s+){0,10}?(?:can|may|could|should|(?:are|is)\s+(?:also\s+|strongly\s+)?"
    r"(?:encouraged|expected|invited|welcome)\s+to)\s+(?:still\s+|also\s+|only\s+)?"
    r"(?P<joins>collaborate|partner(?=\s+with\b))\b",
    _I,
)
# A council's partners named as such: "with a local authority partner".
PARTNER_COMPOUND = lazy_pattern(r"\s+(?:delivery\s+|project\s+|funding\s+)?partners?\b", _I)
