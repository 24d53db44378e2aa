"""Pure: the labels a call's text states its closing or opening date under ("Closing date:",
"Deadline:", "Applications close on", "Opens:", "The application window runs from"), and the words
that may stand between a label and its date (dates_in_text.py reads the date after them). A
deadline for anything but applying (a report's, a claim's) is no closing label.
"""

from __future__ import annotations

import re

from config.lazy_pattern import lazy_pattern
from spiders.normalise.date_changes import CHANGE
from spiders.normalise.note_deadline import NOTE_DEADLINE
from spiders.normalise.relative_count import RELATIVE_COUNT
from spiders.word_starts import at_word_starts

# A deadline for something other than applying ("Reporting deadline:", "the deadline for the final
# report is …", "claims deadline"): a grant holder's date, never the call's. Listed word by word, as
# a lookbehind needs each form's fixed width.
_NOT_APPLYING_WORDS = (
    "report", "reports", "reporting", "claim", "claims", "monitoring", "spend", "spending",
    "completion", "payment", "payments", "evaluation",
)  # fmt: skip
_NOT_APPLYING = "(?:" + "|".join(_NOT_APPLYING_WORDS) + ")"
_DEADLINE = (
    "".join(rf"(?<!{word}\s)" for word in _NOT_APPLYING_WORDS)
    + r"deadline(?!\s+(?:for|of)\s+(?:the\s+|your\s+|all\s+)?(?:(?:final|interim|annual|quarterly|"
    + r"progress|monitoring|project|works|grant|end[\s-]of[\s-](?:grant|project))\s+)*"
    + _NOT_APPLYING
    + r"\b)"
)
# "The application window runs from …", "The submission period is open between …": the time to apply.
_WINDOW = (
    r"(?:application|submission|bidding|bid|eoi|expressions?\s+of\s+interest)s?\s+(?:window|period)"
    r"(?:\s+(?:runs|will\s+run|is(?:\s+open)?|will\s+be\s+open|opens)|(?=\s*:))"
)
CLOSES = at_word_starts(
    rf"\b(?:closing\s+date|{_DEADLINE}(?:\s+for\s+(?:applications|bids|submissions))?|"
    r"submission\s+deadline|(?:applications?|bids?|proposals?|submissions?|expressions?\s+of\s+interest|eois?|entries|"
    r"nominations?)\s+(?:will\s+)?close[s]?(?:\s+on|\s+at)?|"
    # "Applications will be accepted from 1 December 2026 until 31 January 2027" (or "between …
    # and …"): the end of the window (a bare "accepted from 1 December" opens, under OPENS).
    # "Expressions of interest can be made from …", "open for applications between … and …",
    # "Apply from 1 December 2026 to 31 January 2027".
    r"(?:accepted|received|submitted|considered|made|apply|welcome\s+(?:applications|bids|proposals)|"
    r"open(?:\s+for\s+(?:applications|bids|submissions))?)\s+(?:from\s+[^.;]{1,40}?\s(?:until|till|to)|"
    r"between\s+[^.;]{1,40}?\sand)\b|"
    # "Bids must be received by", "Expressions of interest should be submitted no later than"
    # "Applications for the 2027 round must be submitted via the online portal by": a few words may
    # stand between the subject and its verb, and between the verb and "by".
    # "Entries must be received by", "Applications must be in by", "All paperwork must be with us by".
    # "Tenders must be returned by", "Quotations must be received by": a procurement's bids.
    r"(?:applications?|bids?|proposals?|submissions?|expressions?\s+of\s+interest|eois?|forms?|entries|"
    # (A bracketed aside may stand there too: "Full applications (stage 2) must be in by …".)
    r"nominations?|paperwork|documents?|tenders?|quotes?|quotations?|responses?)\s+"
    r"(?:[\w-]+\s+|\([^()]{1,30}\)\s+){0,4}?"
    r"(?:must|should|need\s+to|will\s+need\s+to|"
    # "must be completed and submitted online before": a first verb may stand before the one that counts
    r"have\s+to)\s+be\s+(?:[\w-]+\s+and\s+)?(?:submitted|received|returned|sent|uploaded|made|lodged|in|with\s+us)\s+"
    r"(?:[\w-]+\s+){0,4}?(?:by|no\s+later\s+than|before)|"
    # "Expressions of interest open on 2 December 2026 and must be received by noon on …"
    r"and\s+(?:must|should)\s+be\s+(?:submitted|received|returned|sent|uploaded|lodged)\s+"
    r"(?:by|no\s+later\s+than|before)|" + NOTE_DEADLINE + r"|"
    # A note's terse deadline, no verb: "Expressions of interest by 5pm 15/01/2027".
    # "Submissions are welcome until", "Applications are invited by", "Bids will be accepted up to":
    # the subject says an application is what the date ends.
    r"(?:applications?|bids?|proposals?|submissions?|expressions?\s+of\s+interest|eois?|entries|"
    r"nominations?)\s+(?:are|is|will\s+be)\s+(?:(?:very\s+)?welcomed?|invited|accepted|considered|"
    r"open)\s+(?:until|till|by|before|up\s+to|no\s+later\s+than)|"
    # "The application window runs from 4 January 2027 to 12 March 2027": the window's end.
    rf"{_WINDOW}\s*:?\s+(?:from\s+)?[^.;]{{1,40}}?\s(?:until|till|to)|"
    # "We must receive your application by", "Applications received after 5pm on … will not be
    # considered": the funder's side of the same deadline.
    r"(?:we|you)\s+must\s+receive\s+(?:[\w-]+\s+){0,2}?(?:applications?|bids?|forms?|proposals?|eois?|"
    r"expressions?\s+of\s+interest)\s+(?:by|no\s+later\s+than|before)|"
    r"(?:applications?|bids?|proposals?|submissions?|entries)\s+(?:received|submitted)\s+after|"
    r"(?:the\s+)?(?:fund|call|competition|scheme|programme)\s+closes"
    # "You can apply until 11:59pm on Sunday 31 January 2027" (a GOV.UK start page's words)
    r"(?:\s+on|\s+at)?|apply\s+(?:by|before|until|till)|submit\s+(?:your\s+)?(?:application|bid)s?\s+by|"
    # "Bids are due by", "Proposals are due 12 March"
    r"(?:applications?|bids?|proposals?|submissions?|eois?|expressions?\s+of\s+interest)\s+(?:are|is)\s+"
    r"due(?:\s+(?:by|on|in\s+by))?|"
    # "Please submit your completed form no later than", "send your bid by", "must reach us by"
    # (not "claims submitted by", "submit your final claim by": a claim or a report is no application)
    r"(?:submit|send|return|upload|lodge)\s+(?!(?:[\w-]+\s+){0,4}?(?:claims?|reports?|invoices?|monitoring)\b)"
    r"(?:[\w-]+\s+){0,5}?(?:by|no\s+later\s+than|before)|"
    r"(?:must|should)\s+reach\s+us\s+(?:by|no\s+later\s+than)|"
    # "Last date for receipt of applications:"
    r"(?:last|final)\s+date\s+for\s+(?:(?:the\s+)?receipt\s+of\s+)?(?:applications|bids|submissions|"
    r"entries)|"
    # Find a Tender's "Time limit for receipt of tenders (or requests to participate):"
    r"time\s+limit\s+for\s+(?:the\s+)?receipt\s+of\s+(?:tenders|applications|bids|requests\s+to\s+"
    r"participate|expressions\s+of\s+interest)(?:\s+or\s+requests\s+to\s+participate)?|"
    # "Applications can be made until 12 noon on …", "Bids may be submitted up to …"
    r"(?:applications?|bids?|proposals?|submissions?|entries)\s+(?:[\w'’-]+\s+){0,5}?(?:can|may)\s+be\s+"
    r"(?:made|submitted|"
    r"sent|accepted|lodged)\s+(?:at\s+any\s+time\s+)?(?:until|till|up\s+to|by|before|no\s+later\s+than)|"
    # "Applications will be considered on a first-come, first-served basis until …"
    r"(?:considered|accepted|assessed)\s+on\s+an?\s+[^.;]{1,40}?\s+basis\s+(?:until|till|up\s+to)|"
    # "The Warm Spaces Grant has been extended until 31 March 2027": the call runs on to then.
    r"(?:fund|grant|scheme|programme|call|competition|round)\s+has\s+(?:now\s+)?been\s+extended\s+"
    r"(?:until|till|to)|"
    # "There are two deadlines this year: 15 December 2026 and 15 March 2027" (the next one)
    r"deadlines(?:\s+(?:this|each|per)\s+(?:year|round))?(?=\s*:)|"
    r"(?:you|applicants)\s+(?:now\s+)?have\s+until|(?:submitted|received|accepted)\s+until|close\s+on|"
    # "We will accept applications until …", "The Trust accepts bids up to …": the funder's side.
    r"accept(?:s|ing)?\s+(?:applications|bids|proposals|submissions|entries|nominations|expressions\s+of\s+"
    r"interest)\s+(?:until|till|up\s+to|no\s+later\s+than)|"
    # "Round 3 will close on", "The portal is due to close at"
    r"(?:will|is\s+due\s+to|is\s+set\s+to)\s+close(?:\s+on|\s+at)?|"
    # "Applications are open until", "The fund is open for applications until"
    r"(?:open|accepted|considered)(?:\s+for\s+(?:applications|bids|submissions))?\s+until|"
    # "The fund is open 1–14 February 2027": a window after "open" closes at its end (a date, opens).
    r"open(?=\s+\d{1,2}(?:st|nd|rd|th)?(?:\s+[A-Za-z]+)?(?:\s+20\d\d)?\s*(?:[-–—]|to\s|until\s|till\s)\s*\d)|"
    r"and\s+close\s+on|"
    # "Closes: 12 noon on …", "Round 2 closes at 23:59 on …": "closes" says which date follows
    # ("closed", as in "the fund closed in 2024", is a past event and never counts).
    r"closes(?:\s+on|\s+at)?|closing(?=\s*:)|"
    # "open 5 January 2027, close 5pm 2 February 2027": a bare "close" right before a date or time
    # ("… and close at midnight on 12 March 2027")
    r"close(?:\s+(?:at|on))?(?=\s*:|\s+(?:\d|midday|noon|midnight))|"
    # Welsh: "Dyddiad cau: …", "Mae'r gronfa'n cau am hanner dydd ar 15 Ionawr 2027" (the date's
    # Welsh words are read by welsh_dates.py).
    r"(?:dyddiad\s+)?cau(?:\s+(?:am|ar))?|"
    # "Rhaid cyflwyno ceisiadau erbyn 12 Chwefror 2027", "Rhaid i geisiadau gyrraedd erbyn …":
    # applications (must be submitted, must arrive) by; a few words between.
    r"(?:[cg]eisiadau|cais)(?:\s+[\w']+){0,2}?\s+erbyn)\b",
    re.IGNORECASE,
)
OPENS = at_word_starts(
    # ("Applications open until 12 noon, 16 December 2026" names when they close, not open.)
    r"\b(?:opening\s+date|applications?\s+open(?:s)?(?:\s+on|\s+from)?(?!\s+(?:until|till|up\s+to|by|before)\b)|"
    # "Applications to this new competition open on …", "Expressions of interest open on …",
    # "Applications for the Climate Action Fund's Our Shared Future round open on …": a few words
    # may stand between the subject and its verb.
    r"(?:applications?|bids?|expressions?\s+of\s+interest|eois?|submissions?|entries|nominations?)\s+"
    r"(?:[\w'’-]+\s+){0,10}?open(?:s)?\s+(?:on|from)|"
    # "The fund is open to applications from …", "open to new applicants from …"
    r"(?:is|are)\s+open\s+to\s+(?:new\s+)?(?:applications|applicants|bids|submissions)\s+from|"
    r"apply\s+from|"
    r"(?:the\s+)?(?:fund|call|competition|scheme|programme)\s+opens(?:\s+on|\s+at)?|"
    # "The fund reopens on …", "The competition opened on 4 January 2027" (an opening date all the
    # same once passed; "opened" needs its "on", as "we opened 30 projects" is no date).
    r"(?:re)?opens(?:\s+on|\s+at|\s+from)?|(?:re)?opened\s+(?:on|at|from)|opening(?=\s*:)|"
    # Welsh: "Bydd y gronfa yn agor ar 4 Ionawr 2027" (will open on), "Dyddiad agor: …"
    r"yn\s+(?:ail)?agor(?:\s+(?:ar|am))?(?=\s+\d)|dyddiad\s+agor|"
    # "The fund will open for applications on 5 January 2027", "The fund will reopen on …"
    r"(?:will|is\s+due\s+to|is\s+set\s+to)\s+(?:re)?open(?:\s+for\s+(?:applications|bids|submissions))?"
    r"(?:\s+on|\s+at|\s+from)?|"
    # "Applications will be open from 5 January to 16 February 2027", "The call is open between …"
    r"(?:will\s+be|is|are)\s+open(?:\s+for\s+(?:applications|bids|submissions))?\s+(?:from|(?=between\s))|"
    # "Applications will be accepted from 1 December 2026 …", "EOIs: open 5 January 2027, …"
    # "We will be accepting applications from 11 January 2027"
    r"(?:accepted|received|submitted|considered|made|(?:welcome|accepting)\s+(?:applications|bids|"
    # "EOIs open w/c 11 January 2027": a week named by its first day opens on that day.
    # "… submitted between 1 and 14 February 2027": "between" is left to the date, so its window is
    # read whole (alone, "1 and 14 February 2027" was two days, the first with no year).
    r"proposals))\s+(?:from|(?=between\s))|open(?=\s*:|\s+(?:w/[cb]\s+|week\s+commencing\s+)?\d)|"
    rf"{_WINDOW}(?:\s+from)?)\b",
    re.IGNORECASE,
)
# What the label is for may stand before its date: "The deadline for stage 1 applications is 5pm on
# 15 January 2027", "closing date for this round:" (never a grant holder's report, claim or project).
AFTER_LABEL = lazy_pattern(
    r"(?:\s+for(?:\s+(?!(?:"
    + _NOT_APPLYING
    + r"|projects?|works?)\b)[\w-]+){1,5}?(?=\s*(?::|is\b|will\s+be\b)))?"
    r"\s*(?:is|will\s+be)?\s*[:\-–]?\s*"
    # "The deadline has been extended to 12pm on 26 March 2027": the new date follows the change.
    r"(?:(?:has\s+(?:now\s+)?been\s+|is\s+now\s+|was\s+)?" + CHANGE + r"\s*)?"
    # "Applications will close once we have received 200 eligible applications, or at 5pm on 28
    # January 2027, whichever is sooner": an end by count or funds first, then the date.
    r"(?:(?:once|when|as\s+soon\s+as)\s+[^.;]{1,80}?,?\s+or\s+(?:at\s+|on\s+|by\s+)?(?=\d|midday|noon))?"
    # "Applications close in three weeks, on 16 December 2026": the count set aside, the date read.
    rf"(?:{RELATIVE_COUNT})?"
)
