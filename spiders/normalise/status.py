"""Pure: upcoming | open | closed, from the page's wording and the dates."""

from __future__ import annotations

import re
from datetime import datetime

from config.lazy_pattern import lazy_pattern
from spiders.normalise.calendar_words import MONTH
from spiders.normalise.class_words import class_words
from spiders.normalise.later_round import without_later_rounds
from spiders.normalise.reopen_notice import without_reopen_notice
from spiders.normalise.status_dates import wording_dates
from spiders.normalise.status_gates import EXTRA_WORDS, Gated
from spiders.normalise.text import SPACES, as_text
from spiders.normalise.welsh_status import welsh_status_in_english

_MONTH = MONTH + r"[a-z]*\b"
# What a one-word status may name: "Past calls", "Current opportunities".
_LISTED = (
    r"(?:\s+(?:calls?|opportunit\w*|funds?|grants?|funding|competitions?|rounds?|schemes?|"
    r"programmes?))?"
)
# Order matters: "not yet open" mentions "open", "closing soon" is still open, "not currently
# accepting applications" mentions accepting applications.
_STATUS_WORDS = (
    (
        "upcoming",
        lazy_pattern(
            r"\b(?:upcoming|open(?:s|ing)?\s+soon|not\s+yet\s+open(?:ed)?|not\s+open\s+yet|"
            r"forthcoming|coming\s+soon|launch(?:es|ing)?\s+(?:soon|in|on|next|tomorrow|\d)\b|"
            # "Launching autumn 2026", "Coming in 2027": a season, month or year still to come.
            r"(?:launch(?:es|ing)?|coming(?:\s+in)?)\s+(?:(?:early|late|mid|spring|summer|autumn|"
            r"winter|q[1-4])\b|20\d\d\b|" + _MONTH + r")|"
            r"awaiting\s+launch|to\s+be\s+launched|not\s+(?:yet\s+)?started|"
            r"opens\s+(?:tomorrow|next|later)\b|"
            # "Applications open tomorrow", "Goes live from next week": today it is not open yet.
            r"(?:open(?:ing)?|go(?:es)?\s+live|live)\s+(?:from\s+)?(?:tomorrow|next\s+(?:week|month))\b|"
            r"has\s+not\s+(?:yet\s+)?opened|forecast(?:ed)?|pre-?announce(?:d|ment)|planned|"
            r"re-?opening|re-?opens|opens\s+(?:again\s+)?(?:on\b|in\b|from\b|\d|(?:early|late|mid|(?:the\s+)?(?:end|start|beginning|middle)\s+of|spring|summer|autumn|"
            r"winter|q[1-4])\b|" + _MONTH + r")|"
            # "Opening autumn 2026", "Opening January": a season, month or year to come ("Closed
            # (opens again spring 2027)": "again" says the same).
            r"opening\s+(?:again\s+)?(?:on|in|\d|(?:early|late|mid|(?:the\s+)?(?:end|start|beginning|middle)\s+of|spring|summer|autumn|winter|q[1-4])\b|"
            + _MONTH
            + r")|(?:will|(?:expected|due|set|scheduled|about)\s+to)\s+"
            r"(?:re-?)?open\b|"
            # A procurement before its tender: OCDS "planning", Contracts Finder's pipeline, early
            # engagement and future opportunity notices, a prior information notice.
            r"^planning\b|pipeline|prior\s+information|(?:pre-?|early\s+)?market\s+engagement|"
            r"early\s+engagement|future\s+opportunit|in\s+development|being\s+developed|"
            # A funder's tab or heading over rounds not open yet: "Future rounds", "Future
            # funding calls" (round 21: no dates given, so nothing else said upcoming). Only
            # leading the words: "Open – future rounds will follow" is about later rounds.
            r"^(?:our\s+|the\s+)?future\s+(?:funding\s+|grant\s+|application\s+|bidding\s+)?(?:rounds?|calls?|"
            r"windows?|competitions?)\b|"
            # "Not yet launched" (before "launched" says open), "Yet to open", "Expected spring
            # 2027", "Register your interest to be told when the fund opens"; a date not fixed
            # yet and when it is expected, "TBC – expected spring 2027", is the same.
            # "Opening date TBC", "Opening: TBC", "Launch date to be announced": not open until set.
            r"(?:open(?:ing)?|launch)(?:\s+date)?(?:\s*:\s*|\s+(?:is\s+)?)(?:tb[acd]|to\s+be\s+(?:confirmed|announced))\b|"
            r"not\s+yet\s+(?:launched|live|available|accepting)|yet\s+to\s+(?:open|launch|be\s+launched)|"
            r"(?:^(?:(?:date\s+)?tb[ac]|to\s+be\s+(?:confirmed|announced))\W+|^|(?:launch|opening|round)\s+)expected\s+(?:in\s+|from\s+)?(?:spring|summer|autumn|winter|early|late|mid|q[1-4]|20\d\d|"
            + _MONTH
            + r")|when\s+(?:it|(?:the\s+)?(?:\w+\s+){0,2}?(?:fund|call|scheme|programme|round|"
            r"competition|applications))\s+(?:re-?)?opens?|"
            # "Closed – next round summer 2026": the call comes round again, and that is to come.
            r"next\s+(?:funding\s+|application\s+)?(?:round|call|window)\s+(?:(?:is\s+)?(?:expected|due)"
            r"\s+)?(?:in\s+)?(?:spring|summer|autumn|winter|early|late|mid|20\d\d|" + _MONTH + r")|"
            # Welsh: "Yn agor yn fuan" (opening soon)
            r"yn\s+agor\s+yn\s+fuan)"
        ),
    ),
    (
        "closed",
        lazy_pattern(
            r"\b(?:closed|no\s+longer\b|not\s+(?:currently\s+|presently\s+)?(?:open|accepting|active|"
            r"live|available)|inactive|unavailable|on\s+hold|"
            r"awarded|archived|cancell?ed|withdrawn|paused|suspended|expired|ended|complete(?:d)?|"
            r"unsuccessful|fully\s+(?:allocated|committed|subscribed|spent)|"
            # "Oversubscribed": nothing more is taken ("may close early if oversubscribed" is a
            # condition, not the state).
            r"(?<!if\s)(?<!when\s)(?<!once\s)over-?subscribed|"
            # "All funding has now been allocated", "The budget has been fully spent": nothing left
            # ("half the budget has been allocated" leaves some, so "all" or "fully" is needed).
            r"all\s+(?:the\s+|of\s+the\s+)?(?:funding|funds|money|grants?)\s+(?:has|have)\s+(?:now\s+)?"
            r"been\s+(?:allocated|committed|spent|awarded|distributed)|budget\s+has\s+(?:now\s+)?been\s+"
            r"fully\s+(?:allocated|committed|spent)|(?:contract\s+)?award\s+notice|"
            # "Funding exhausted", "Budget spent", "The budget has been used up" (what a call
            # stays open until, "until funds are exhausted", is cut before: _UNTIL).
            r"(?:funding|funds|budget|money)\s+(?:(?:has|have|is|are)\s+)?(?:now\s+)?(?:been\s+)?"
            r"(?:fully\s+)?(?:exhausted|depleted|used\s+up|run\s+out|spent\b(?!\s+(?:on|in|by|for)\b))|"
            r"(?:deadline|closing\s+date)\s+(?:has\s+)?passed|being\s+(?:assessed|reviewed)|under\s+(?:assessment|review)|"
            r"under\s+(?:evaluation|consideration)|(?:assessment|evaluation|shortlisting)\s+"
            r"(?:in\s+progress|underway|stage)|shortlisted|"
            r"awaiting\s+(?:funding\s+|final\s+)?(?:decisions?|outcomes?|results?|award|approval)|"
            r"(?:decisions?|results?|outcomes?|successful\s+(?:applicants|applications|bids|bidders|"
            r"projects))\s+(?:have\s+been\s+)?(?:announced|made|published|notified)|"
            # "No current funding rounds", "There are no open calls at the moment" (before "open").
            r"no\s+(?:(?:current(?:ly)?|open|live|active)\s+)+(?:funding\s+|grant\s+)?(?:rounds?|"
            r"calls?|opportunit\w*|programmes?|schemes?|competitions?)|"
            r"no\s+(?:applications|bids|proposals)\s+(?:are\s+)?(?:being\s+)?(?:accepted|invited)|"
            # "No funding available at present": said of the call as a whole, so only standing alone
            # ("Open – no funding available for revenue costs" is about one kind of cost).
            r"no\s+(?:funding|grants?|money)\s+(?:is\s+)?(?:currently\s+)?available(?:\s+(?:at\s+"
            r"(?:present|the\s+moment|this\s+time)|currently|now|right\s+now))?(?=\s*(?:[.;,(]|$))|"
            # Welsh: "Ar gau" (closed), "Wedi cau" (has closed)
            r"ar\s+gau|wedi\s+cau|"
            # A status column or tab that is one word of time: "Past", "Previous rounds".
            rf"^(?:past|previous|former|historic(?:al)?){_LISTED}$)\b"
        ),
    ),
    (
        "open",
        lazy_pattern(
            r"\b(?:open|open\s+now|now\s+open|re-?opened|closing\s+soon|clos(?:es|ing)\s+(?:in|today)|"
            r"accepting\s+(?:new\s+)?(?:applications|bids|proposals|submissions|entries|eois?|"
            r"expressions\s+of\s+interest|nominations)|apply\s+now|"
            r"(?:applications|bids|proposals)\s+(?:are\s+)?(?:welcome|invited)|(?:newly\s+|just\s+)?opened|"
            r"launched|live|active|rolling|ongoing|all\s+year|last\s+chance|final\s+call|"
            r"last\s+few\s+days|days?\s+left|clos(?:es|ing)\s+(?:soon|shortly)|ending\s+soon|"
            # "Deadline: midnight tonight", "Closes tomorrow": the deadline is still to come.
            r"today|tonight|tomorrow|"
            r"deadline\s+approaching|closing\s+early|"
            r"(?:applications|bids|proposals|submissions|entries|expressions\s+of\s+interest|eois?)\s+"
            r"(?:are\s+)?(?:now\s+)?(?:being\s+)?accepted|no\s+(?:fixed\s+|set\s+|closing\s+)?(?:deadline|closing\s+date|end\s+date)|"
            r"(?:deadline|closing\s+date)\s+(?:has\s+been\s+)?extended|extended\s+(?:deadline|closing\s+date)|"
            r"^extended\b|"
            # A tender notice invites bids now (its closing date, when past, still says closed).
            r"tender|"
            rf"^current{_LISTED}$|"  # a status column or tab: "Current", "Current calls"
            r"ar\s+agor)\b"  # Welsh "open"
        ),
    ),
)

# Invitation-only and allocations words, asked only when their word is there (status_gates.py).
_STATUS_WORDS = tuple((s, Gated(p, *EXTRA_WORDS.get(s, ()))) for s, p in _STATUS_WORDS)


# What a call stays open until is no status: "Open until fully subscribed", "Ongoing while funds
# last", "Open (rolling, until the budget is fully committed)". Cut before the words are read, so
# "fully subscribed" there does not say closed; "Closed until further notice" keeps "closed".
_UNTIL = lazy_pattern(r"\b(?:until|till|while|whilst|as\s+long\s+as)\b[^.;:()]*")


# …but a hope is no plan: "Paused – we hope to reopen in 2027" is paused, so closed.
_OPENS_IN_YEAR = lazy_pattern(
    r"(\b(?:hope|hoping|aim|aiming|may|might|could)\s+(?:to\s+)?)?\b(?:re-?)?open(?:s|ing)?\s+in\s+(?:(?:early|late|mid|spring|summer|autumn|winter)\s+)?(20\d\d)\b"
)


def _past_year(words: str, now: datetime) -> bool:
    """Whether the upcoming words (and the few after them, to the clause's end) name a year gone."""
    clause = re.split(r"[.;,()]", words, maxsplit=1)[0]
    return any(int(year) < now.year for year in re.findall(r"\b20\d\d\b", clause))


def normalise_status(
    text: str | None,
    opens_at: datetime | None,
    closes_at: datetime | None,
    now: datetime,
) -> str | None:
    """upcoming | open | closed: the page's own wording when clear, else the dates; a past closing
    date always means closed. A date the wording names ("Opens 3 March 2026", "Closes 15 July
    2026") counts like a date field, though a field given wins. None when neither says anything.
    All datetimes must be aware."""
    wording = None
    if text := as_text(text):
        wording = class_words(SPACES.sub(" ", text).strip().lower())
        wording = without_reopen_notice(welsh_status_in_english(wording))
        said_opens, said_closes = wording_dates(wording, now=now)
        opens_at, closes_at = opens_at or said_opens, closes_at or said_closes
    if closes_at is not None and closes_at <= now:
        return "closed"
    if (
        wording
        and (own := without_later_rounds(wording))
        and _first(_UNTIL.sub(" ", own)) == "open"
    ):
        return "open"  # "Open – next round spring 2027": open now, the round after it to come
    year = _OPENS_IN_YEAR.search(wording) if wording else None
    if year and int(year[2]) > now.year and not year[1]:
        return "upcoming"  # "Applications open in 2027" read in 2026: a year still to come
    if wording:
        words = _UNTIL.sub(" ", wording)
        for status, pattern in _STATUS_WORDS:
            if found := pattern.search(words):
                # "Closed – reopens in 2025" read in 2026: a reopening in a year gone by is
                # no time to come, so the other words ("Closed") say the status.
                if status == "upcoming" and _past_year(
                    words[found.start() : found.end() + 24], now
                ):
                    continue
                # "Not open", "Not currently accepting applications" (an api's isOpen: false) with
                # its opening date still to come: not open *yet*, so upcoming, not closed.
                if status == "closed" and found[0].startswith("not "):
                    if opens_at is not None and opens_at > now:
                        return "upcoming"
                # The opening date the wording names outranks its tense: "Opens 3 March 2026" read
                # in June has opened; "Applications open 1 October 2026" read in June has not.
                if status in ("upcoming", "open") and said_opens is not None:
                    return "upcoming" if said_opens > now else "open"
                return status
    if opens_at is not None and opens_at > now:
        return "upcoming"
    if opens_at is not None or closes_at is not None:
        return "open"
    return None


def _first(words: str) -> str | None:
    """The first status whose words the wording holds, in _STATUS_WORDS's order."""
    return next((status for status, pattern in _STATUS_WORDS if pattern.search(words)), None)


# A title that opens with its status: "Closed: Library Improvement Fund", "Now open – Arts Fund",
# "OPEN CALL: …". Only a few words, all of them a status, before a colon or a dash: "Closed Loop
# Recycling Fund: round 2" is a name. STATUS_PHRASE is also a feed category that is a status
# (spiders/feed_categories.py).
STATUS_PHRASE = (
    r"(?:now\s+)?(?:closed|open(?:\s+call|\s+now)?|opening\s+soon|coming\s+soon|upcoming|re-?opened|"
    r"closing\s+soon|forthcoming|(?:(?:deadline|closing\s+date)\s+)?extended|deadline\s+approaching|"
    r"last\s+chance(?:\s+to\s+apply)?|(?:just|newly)\s+launched)"
)
_TITLE_STATUS = lazy_pattern(
    rf"^\s*(?:[\[(]\s*(?P<bracketed>{STATUS_PHRASE})\s*[\])]|(?P<words>{STATUS_PHRASE})\s*"
    r"(?::|\s[-–—]\s))",
    re.IGNORECASE,
)


# "NEW: Arts Fund", "[New] …", "NEW! …", "UPDATED: …", "Reminder - …", "Final reminder – …",
# "Funding alert: …", "Deadline – …": a note of the post (when it was posted, that it is posted
# again, that a deadline is near, that the site features it), not what the call is called, nor a
# status. "Deadline: 31 March 2027" is a date, not a name after a note. NOTE_PHRASE is also the
# words of a badge in a title that is a note, not a status (spiders/title_badges.py): one list.
NOTE_PHRASE = (
    r"(?:new|updated?|featured|(?:final\s+|deadline\s+)?reminder|(?:funding|grant)\s+alert|"
    r"deadline(?!\s+(?:extended|approaching)))"
)
_TITLE_NEW = lazy_pattern(
    rf"^\s*(?:[\[(]\s*{NOTE_PHRASE}\s*[\])]|{NOTE_PHRASE}\s*(?::|!|\s[-–—]\s))(?!\s*\d)\s*",
    re.IGNORECASE,
)


def title_status(title: str | None) -> str | None:
    """The status words a title opens with ("Closed", "Now open", "Opening soon"), or None."""
    text = as_text(title) or ""
    while new := _TITLE_NEW.match(text):
        text = text[new.end() :]  # "NEW: Closed – …", "Reminder: Closing soon – …"
    found = _TITLE_STATUS.match(text)
    return (found["bracketed"] or found["words"]) if found else None


def without_status(title: str | None) -> str | None:
    """The title without the status (or "New") it opens with: "CLOSED - Community Fund" is the
    Community Fund, whose status the prefix gave (title_status). Kept with it, the call's name
    changed as its status did ("Open now: …", then "Closed: …") and matched no other source's."""
    text = as_text(title)
    if not text:
        return title
    rest = text
    while found := (_TITLE_STATUS.match(rest) or _TITLE_NEW.match(rest)):
        rest = rest[found.end() :].lstrip()
    return rest or text


# A summary's own sentence that the call is closed: "This fund is now closed.", "… – now closed".
# Only the call itself ("this"/"the" and the call's noun, nothing between): "The previous round is
# now closed" or "closed to new members" says nothing of this call's status.
_SUMMARY_CLOSED = lazy_pattern(
    r"(?:^|[.!?;]\s+|\s[-–—]\s+)(?:(?:this|the)\s+(?:fund|scheme|programme|grant|grants|round|"
    r"call|competition|funding|opportunity)\s+(?:is|has)\s+(?:now\s+)?closed|now\s+closed)"
    r"(?:\s+for\s+(?:applications|new\s+applications|20\d\d(?:/\d\d(?:\d\d)?)?))?\s*(?:[.!;]|$)",
    re.IGNORECASE,
)


# A list item's own "Fund name – closed 30 October 2026." (or a sentence "Closed on 12 May 2026."):
# the call closed on that day. Only a bare "closed" (or "applications closed") opening the sentence
# or right after the name's dash, and a day and month after it: "Round 1 closed on 3 March 2026"
# names another round, and "closed 30 projects" has no month. The date itself is not the closing
# date (dates_in_text.py reads no "closed" as a label); the past tense is the status.
_CLOSED_ON_DAY = lazy_pattern(
    r"(?:^|[.!?;]\s+|\s[-–—]\s+)(?:applications\s+)?closed\s+(?:on\s+)?"
    r"(?:(?:at\s+)?\d{1,2}(?:[.:]\d\d)?\s*(?:am|pm)\s+(?:on\s+)?)?(?:[a-z]+day\s+)?"
    rf"\d{{1,2}}(?:st|nd|rd|th)?\s+{MONTH}[a-z]*\b",
    re.IGNORECASE,
)


def summary_status(summary: str | None) -> str | None:
    """ "closed" when the summary says in a sentence of its own that the call is, or that it
    closed on a day; else None (a call's text is read for its status only when neither a status
    field nor its title has one)."""
    text = as_text(summary) or ""
    return "closed" if _SUMMARY_CLOSED.search(text) or _CLOSED_ON_DAY.search(text) else None
