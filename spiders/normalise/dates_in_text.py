"""Pure: a closing or opening date that a call's own text states under a label, for a source whose
pages give no date field (a funder's RSS feed: "… Parish councils can apply. Closing date: 12 March
2027."). Only a label that says which date it is counts ("Closing date:", "Deadline:", "Applications
close on", "Opens:"); a date merely mentioned ("the fund closed in 2024") never does.
"""

from __future__ import annotations

import re
from datetime import datetime

from spiders.normalise.dates import parse_date
from spiders.normalise.text import as_text

# A deadline for something other than applying ("Reporting deadline:", "the deadline for the final
# report is …", "claims deadline"): a grant holder's date, never the call's.
_NOT_APPLYING = (
    r"(?:reports?|reporting|claims?|monitoring|spend(?:ing)?|completion|payments?|evaluation)"
)
_DEADLINE = (
    "".join(
        rf"(?<!{word}\s)"
        for word in (
            "report",
            "reports",
            "reporting",
            "claim",
            "claims",
            "monitoring",
            "spend",
            "spending",
            "completion",
            "payment",
            "evaluation",
        )
    )  # fmt: skip
    + r"deadline(?!\s+(?:for|of)\s+(?:the\s+|your\s+|all\s+)?(?:(?:final|interim|annual|quarterly|"
    + r"progress|monitoring|project|works|grant|end[\s-]of[\s-](?:grant|project))\s+)*"
    + _NOT_APPLYING
    + r"\b)"
)
_CLOSES = re.compile(
    rf"\b(?:closing\s+date|{_DEADLINE}(?:\s+for\s+(?:applications|bids|submissions))?|"
    r"submission\s+deadline|(?:applications?|bids?|proposals?|submissions?|expressions?\s+of\s+interest|eois?|entries|"
    r"nominations?)\s+(?:will\s+)?close[s]?(?:\s+on|\s+at)?|"
    # "Applications will be accepted from 1 December 2026 until 31 January 2027" (or "between …
    # and …"): the end of the window (a bare "accepted from 1 December" opens, under _OPENS).
    r"(?:accepted|received|submitted|considered|open)\s+(?:from\s+[^.;]{1,40}?\s(?:until|till|to)|"
    r"between\s+[^.;]{1,40}?\sand)\b|"
    # "Bids must be received by", "Expressions of interest should be submitted no later than"
    # "Applications for the 2027 round must be submitted via the online portal by": a few words may
    # stand between the subject and its verb, and between the verb and "by".
    r"(?:applications?|bids?|proposals?|submissions?|expressions?\s+of\s+interest|eois?|forms?)\s+"
    r"(?:[\w-]+\s+){0,4}?(?:must|should|need\s+to|will\s+need\s+to|have\s+to)\s+be\s+(?:submitted|"
    r"received|returned|sent|uploaded|made|lodged)\s+(?:[\w-]+\s+){0,4}?(?:by|no\s+later\s+than|before)|"
    # "We must receive your application by", "Applications received after 5pm on … will not be
    # considered": the funder's side of the same deadline.
    r"(?:we|you)\s+must\s+receive\s+(?:[\w-]+\s+){0,2}?(?:applications?|bids?|forms?|proposals?|eois?|"
    r"expressions?\s+of\s+interest)\s+(?:by|no\s+later\s+than|before)|"
    r"(?:applications?|bids?|proposals?|submissions?|entries)\s+(?:received|submitted)\s+after|"
    r"(?:the\s+)?(?:fund|call|competition|scheme|programme)\s+closes"
    r"(?:\s+on|\s+at)?|apply\s+(?:by|before)|submit\s+(?:your\s+)?(?:application|bid)s?\s+by|"
    # "Bids are due by", "Proposals are due 12 March"
    r"(?:applications?|bids?|proposals?|submissions?|eois?|expressions?\s+of\s+interest)\s+(?:are|is)\s+"
    r"due(?:\s+(?:by|on|in\s+by))?|"
    # "Please submit your completed form no later than", "send your bid by", "must reach us by"
    # (not "claims submitted by", "submit your final claim by": a claim or a report is no application)
    r"(?:submit|send|return|upload|lodge)\s+(?!(?:[\w-]+\s+){0,3}?(?:claims?|reports?|invoices?|monitoring)\b)"
    r"(?:[\w-]+\s+){0,4}?(?:by|no\s+later\s+than|before)|"
    r"(?:must|should)\s+reach\s+us\s+(?:by|no\s+later\s+than)|"
    r"(?:last|final)\s+date\s+for\s+(?:applications|bids|submissions|entries)|"
    r"(?:you|applicants)\s+have\s+until|(?:submitted|received|accepted)\s+until|close\s+on|"
    # "Round 3 will close on", "The portal is due to close at"
    r"(?:will|is\s+due\s+to|is\s+set\s+to)\s+close(?:\s+on|\s+at)?|"
    # "Applications are open until", "The fund is open for applications until"
    r"(?:open|accepted|considered)(?:\s+for\s+(?:applications|bids|submissions))?\s+until|"
    r"and\s+close\s+on|"
    # "Closes: 12 noon on …", "Round 2 closes at 23:59 on …": "closes" says which date follows
    # ("closed", as in "the fund closed in 2024", is a past event and never counts).
    r"closes(?:\s+on|\s+at)?|closing(?=\s*:)|"
    # "open 5 January 2027, close 5pm 2 February 2027": a bare "close" right before a date or time
    r"close(?=\s*:|\s+(?:\d|midday|noon|midnight)))\b",
    re.IGNORECASE,
)
_OPENS = re.compile(
    r"\b(?:opening\s+date|applications?\s+open(?:s)?(?:\s+on|\s+from)?|"
    r"(?:the\s+)?(?:fund|call|competition|scheme|programme)\s+opens(?:\s+on|\s+at)?|"
    r"opens(?:\s+on|\s+at|\s+from)?|opening(?=\s*:)|"
    # "The fund will open for applications on 5 January 2027"
    r"(?:will|is\s+due\s+to|is\s+set\s+to)\s+open(?:\s+for\s+(?:applications|bids|submissions))?"
    r"(?:\s+on|\s+at|\s+from)?|"
    # "Applications will be accepted from 1 December 2026 …", "EOIs: open 5 January 2027, …"
    r"(?:accepted|received|submitted|considered)\s+(?:from|between)|open(?=\s*:|\s+\d))\b",
    re.IGNORECASE,
)
# What the label is for may stand before its date: "The deadline for stage 1 applications is 5pm on
# 15 January 2027", "closing date for this round:" (never a grant holder's report, claim or project).
_AFTER_LABEL = re.compile(
    r"(?:\s+for(?:\s+(?!(?:"
    + _NOT_APPLYING
    + r"|projects?|works?)\b)[\w-]+){1,5}?(?=\s*(?::|is\b|will\s+be\b)))?"
    r"\s*(?:is|will\s+be)?\s*[:\-–]?\s*"
)
_WORD = re.compile(r"\S+")
_MOST_WORDS = 8  # "5pm on Thursday 12 March 2027 (UK time)": a date is a few words
_LABELS = {"closes": _CLOSES, "opens": _OPENS}
# The other label's word ends the run: in "Applications open now and close on 5 March 2027" the
# date is the closing one, not the opening.
_OTHER_LABEL = {
    "closes": re.compile(r"^(?:open|opens|opening|reopens?)$", re.IGNORECASE),
    "opens": re.compile(r"^(?:close|closes|closing|deadline)$", re.IGNORECASE),
}


def labelled_date(text: str | None, which: str, tz: str = "Europe/London") -> datetime | None:
    """The date that `text` states under a closing ("closes") or opening ("opens") label, or None."""
    if not (text := as_text(text)):
        return None
    for label in _LABELS[which].finditer(text):
        start = _AFTER_LABEL.match(text, label.end()).end()
        words = [m.group() for m in _WORD.finditer(text, start, start + 120)][:_MOST_WORDS]
        other = next((i for i, w in enumerate(words) if _OTHER_LABEL[which].match(w)), len(words))
        words = words[:other]
        # The longest run of words from the label that reads as a date: "12 March 2027. Decisions…"
        for count in range(len(words), 0, -1):
            candidate = " ".join(words[:count]).rstrip(".,;")
            if not any(c.isdigit() for c in candidate):
                break  # no figure, no date: and a shorter run has fewer words still
            when = parse_date(candidate, tz, end_of_day=which == "closes")
            if when is not None:
                return when
    return None
