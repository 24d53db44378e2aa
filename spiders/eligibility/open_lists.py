"""Lists that say they are open: "Eligible organisations include, but are not limited to: charities,
CICs and faith groups" gives examples, not the whole of who may apply, so a council left out of it is
not ruled out (one named in it is let in all the same). So does a requirement denied: "It is not
necessary for the applicant to be a local authority" lets councils in without requiring them, and
"Applicants need not be registered charities" rules no one out.
"""

from __future__ import annotations

import re

from config.lazy_pattern import lazy_pattern

NOT_REQUIRED = lazy_pattern(
    r"\b(?:not\s+(?:necessary|required|essential)\s+for\s+(?:the\s+|an?\s+)?(?:lead\s+)?applicants?\s+"
    r"to\s+be|(?:do|does)\s+not\s+(?:need|have)\s+to\s+be|(?:don't|doesn't)\s+(?:need|have)\s+to\s+be|"
    r"need\s+not\s+be|needn't\s+be)\b(?!\s+(?:led|run|delivered|managed|submitted|made)\b)",
    re.IGNORECASE,
)
# "Scottish local authorities are excluded but any other organisation may apply": one kind ruled
# out, everyone else (the other councils among them) let in.
ALL_OTHERS = lazy_pattern(
    r"\b(?:(?:any|all|every)\s+other\s+(?:types?\s+of\s+)?(?:organi[sz]ations?|applicants?|bod(?:y|ies))|"
    r"anyone\s+else|everyone\s+else)\s+(?:can|may|is|are)\s+(?:also\s+)?(?:apply|bid|eligible|welcome)\b",
    re.IGNORECASE,
)
OPEN_LIST = lazy_pattern(
    r"\bnot\s+limited\s+to\b|\bamong\s+others\b|" + NOT_REQUIRED.pattern, re.IGNORECASE
)


def open_list(text: str, start: int, end: int) -> bool:
    """Whether text[start:end], a list's lead-in, says the list is only examples."""
    return OPEN_LIST.search(text, start, end) is not None


# "Charities are not the only organisations that can apply: social enterprises can too": every list
# of the sentence gives examples.
_NOT_THE_ONLY = lazy_pattern(r"\b(?:is|are)\s+not\s+the\s+only\b", re.IGNORECASE)


def open_sentence(text: str) -> bool:
    """Whether the sentence says the applicants it names are not the only ones."""
    return _NOT_THE_ONLY.search(text) is not None
