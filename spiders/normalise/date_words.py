"""Pure: the words of a date field tidied to what a date parser reads.

Pages word a deadline many ways ("Closes: 12 noon on Thursday 5 March 2027", "23.59 on 3 February
2027", "Round 2 closes at 23:59 on …", "Midnight 31 January 2027"); this turns them into one date and
one time, or says there is no date ("Ongoing", "TBC"). `dates` does the reading.
"""

from __future__ import annotations

import re
from difflib import SequenceMatcher
from functools import lru_cache

from config.lazy_pattern import lazy_pattern
from spiders.normalise.calendar_words import MONTH, MONTHS
from spiders.normalise.month_end import month_end
from spiders.normalise.relative_count import RELATIVE_COUNT
from spiders.normalise.text import SPACE_ENTITY, SPACES, plain_marks
from spiders.normalise.weekday_of_month import weekday_of_month
from spiders.normalise.welsh_dates import welsh_in_english
from spiders.normalise.zone_names import ZONE_ABBREVIATIONS

_NO_DATE = lazy_pattern(
    r"\b(?:no\s+(?:closing|submission|fixed|set)?\s*(?:date|deadline)|ongoing|rolling|open[- ]ended|"
    r"unknown|tbc|tba|to\s+be\s+(?:confirmed|announced)|not\s+(?:stated|known|applicable)|n/a|none)\b",
    re.IGNORECASE,
)
# "Rolling programme; next deadline for applications 3 March 2027": a rolling call batched by
# deadlines names the one to act on (a "next panel" or "next review" is the funder's, no deadline).
_FIGURE = lazy_pattern(r"\d")
_SPACE_BEFORE_MARK = lazy_pattern(r" ([.,;])(?= |$)")
_NEXT_DEADLINE = lazy_pattern(
    r"\bnext\s+(?:deadline|closing\s+date|cut-?\s?off(?:\s+date)?)\b", re.IGNORECASE
)
# "3 February 2027 (TBC)", "3 February 2027 - provisional", "5pm, 3 February 2027, to be confirmed":
# a note that the date stated may move. It is the date given all the same, and a call's closing
# date until the page says otherwise; only when no date comes before it ("TBC", "Closes: to be
# confirmed", "Was 5 March 2027, now TBC") is there no date.
_TENTATIVE = (
    r"(?:tbc|tba|to\s+be\s+(?:confirmed|announced)|provisional(?:ly)?|subject\s+to\s+(?:change|"
    r"confirmation)|indicative|estimated|approx(?:imate|imately)?)\b\.?"
)
# "12 January 2027; Stage 2: TBC": a later stage whose date is yet to come follows a dated one, so
# the first deadline is known (a stage TBC before any date, "Stage 1: TBC; Stage 2: …", is not).
# A table's cell bar or a spaced slash parts them too, after a note on the first stage's kind:
# "14 Jan 2027 (EOI) / Stage 2: TBC".
_LATER_STAGE = (
    r"(?:(?:\s*\([^()\d]{1,40}\))?(?:\s*[;,|]|\s+/)\s*(?:(?:stage|round|phase|wave|window|tranche|part)\s+\d{1,2}[a-z]?|full\s+"
    r"applications?|second\s+stage)(?:\s+(?:deadline|closing\s+date|closes))?\s*:?\s*"
    rf"{_TENTATIVE})+(?=\s*(?:[;,.]|$))"
)
_TENTATIVE_NOTE = lazy_pattern(
    rf"(?:(?<=\d)|(?<=[ap]m)|(?<=[ap]\.m\.))(?:\s*\((?:date\s+)?{_TENTATIVE}[^()]*\)|"
    rf"\s*[,;:]?\s*[-\u2013\u2014]?\s*\(?(?:date\s+)?{_TENTATIVE}\)?(?=\s*(?:[;,]|$))|"
    rf"{_LATER_STAGE})",
    re.IGNORECASE,
)
# "31 March 2027, or until funds run out", "30 June 2027 or when the budget is spent", "…, or earlier
# if oversubscribed": a reason the call may close sooner, after its date. The date is the deadline
# (as "(or until funds are spent)" in brackets is); the words, read on, made the field no date.
_ALTERNATIVE_END = lazy_pattern(
    r"(?:(?<=\d)|(?<=[ap]m)|(?<=[ap]\.m\.))\s*,?\s*(?:[-\u2013\u2014]\s*)?\bor\s+(?:until|till|when|"
    r"while|whilst|once|earlier|sooner|before|if|as\s+soon\s+as)\b\D*$",
    re.IGNORECASE,
)
# "Closing date: 4 March 2024", "Competition closes: Thursday 30 September 2021 11:00am".
_LABEL = lazy_pattern(
    r"^[A-Za-z][A-Za-z '()/-]*:\s*"
    # "Deadline – 12 noon, 3 March 2027", "Closing date - …": a date's label before a spaced dash;
    # and a status so ("Closed – 2 November 2026"), read as "Closed 2 November 2026" is.
    r"|^(?:[A-Za-z]+\s+){0,2}?(?:deadline|closing\s+date|closes|closed|opening\s+date|opens|"
    r"opened)\s+[-\u2013\u2014]\s+",
    re.IGNORECASE,
)
_PARENTHETICAL = lazy_pattern(r"\(([^)]*)\)")  # "(Midnight)", "(Midday)", "(extended)"
# …and a change in brackets is the date: "5 March 2027 (deadline extended to 19 March 2027)" reads
# as "5 March 2027 - deadline extended to 19 March 2027", whose later date wins.
_CHANGE_INSIDE = lazy_pattern(
    r"\b(?:(?:extended|moved|changed|postponed|revised|amended)\s+(?:to|until|till)|now)\b.*\d{4}",
    re.IGNORECASE,
)
# …but a time in brackets is the time: "12 January 2027 (5pm UK time)".
_TIME_INSIDE = lazy_pattern(
    r"\b\d{1,2}(?:[:.]\d{2})?\s*[ap]\.?m\b|\b\d{1,2}:\d{2}\b|\bnoon\b|\bmidday\b", re.IGNORECASE
)
_YEAR_INSIDE = lazy_pattern(r"\b(?:19|20)\d{2}\b")
# "Date: 12 March 2027 Time: 5pm": a form's second label, between the date and its time; Find a
# Tender's "15/01/2027 Local time: 12:00" too.
_TIME_LABEL = lazy_pattern(r"\s(?:(?:local|uk|london)\s+)?(?:time|at)\s*:\s*", re.IGNORECASE)
_LOCAL_TIME_WORDS = lazy_pattern(r"\b(?:UK|London|British|local)\s+time\b", re.IGNORECASE)
_NOON = lazy_pattern(r"\b12(?::00)?\s*(?:noon|midday)\b|\b(?:noon|midday)\b", re.IGNORECASE)
# "Midnight on 31 January 2027", "31 January 2027 at midnight": the end of that day when it closes,
# its start when it opens, which is what a date without a time already means here.
_MIDNIGHT = lazy_pattern(r"(?:\b12(?:[:.]00)?\s*)?\bmidnight\b", re.IGNORECASE)
# "Close of business, 19 February 2027", "by close of play on …": the end of the working day names
# no clock time, so the day alone is read (23:59 when it closes), as "midnight" is.
# "COB" (close of business) is the same, in capitals only: "cob" is a word.
_CLOSE_OF_DAY = lazy_pattern(
    r"\bclose\s+of\s+(?:play|business)\b|\b(?-i:COB|C\.O\.B)\b\.?", re.IGNORECASE
)
# "23.59 on 3 February 2027" is a time (dateutil read it as the year 2023); not "03.02.2027".
_DOTTED_TIME = lazy_pattern(r"(?<![\d.])([01]?\d|2[0-3])\.([0-5]\d)(?![\d.])")
# "11:00 hrs", "1100hrs": a 24-hour time (dateutil read "1100" as a year).
_HOURS = lazy_pattern(r"\b([01]\d|2[0-3]):?([0-5]\d)\s*(?:hrs|hours|h)\b", re.IGNORECASE)
# "3 February 2027 by 11am": the deadline's own words between the date and its time.
_BY = lazy_pattern(r"\s(?:by|before|no\s+later\s+than)\s", re.IGNORECASE)
# "w/c 11 January 2027", "w/b 11 Jan": a week named by its first day (week commencing or
# beginning), the abbreviation UK pages use; its slash kept LEADING_WORDS from taking it, so the
# date went unread. As an opening date the week's first day is the date (the earliest it opens);
# a closing date given as a week is none (parse_date): which day of it is not said. Written out
# ("Week commencing 8 March 2027", "week beginning") it is the same week.
WEEK_OF = lazy_pattern(
    r"(?<![\w/])(?:w/\s?[cb]\b\.?|week\s+(?:commencing|beginning|starting)(?:\s+on)?\b)",
    re.IGNORECASE,
)
_DASHES = str.maketrans({"\u2013": "-", "\u2014": "-", "\u2012": "-", "\u2212": "-"})
# "Between 1 December 2026 and 5 March 2027" is a window; "5 March and 5 June" alone is two dates.
_BETWEEN = lazy_pattern(r"\bbetween\s+(.+?)\s+and\s+", re.IGNORECASE)
# "5 March 2027 at 5pm - extended": a note after the date, as "(extended)" is.
_TRAILING_NOTE = lazy_pattern(
    r"\s+-\s+[A-Za-z][A-Za-z ]*$"
    # "… by 5pm on 18 March 2027 will be accepted": the rest of the sentence after its date.
    r"|(?<=\d|m)\s+(?:will|shall|may|must|cannot|can|are|is)\s+(?:not\s+)?[a-z][a-z ]*\.?$"
)
# "5pm on the 3rd of March 2027": an ordinal "of" its month is the day and the month.
_DAY_OF_MONTH = lazy_pattern(
    rf"\b(?:the\s+)?(\d{{1,2}})(?:st|nd|rd|th)\s+of\s+(?={MONTH})",
    re.IGNORECASE,
)
# "Twenty-fifth of February 2027", "First of March 2027": a day written as an ordinal word, which a
# formal letter or a council's committee page may use, is its number.
_ORDINALS = (
    "first second third fourth fifth sixth seventh eighth ninth tenth eleventh twelfth thirteenth "
    "fourteenth fifteenth sixteenth seventeenth eighteenth nineteenth twentieth"
).split()
_ORDINAL_DAY = lazy_pattern(
    r"\b(?:the\s+)?(?:(twenty|thirty)[\s-]?)?(" + "|".join(_ORDINALS) + r"|thirtieth)(?:\s+of)?\s+"
    rf"(?={MONTH})",
    re.IGNORECASE,
)
_TENS = {"twenty": 20, "thirty": 30}


def _ordinal_day(match: re.Match) -> str:
    word = match[2].lower()
    day = _TENS.get((match[1] or "").lower(), 0)
    day += 30 if word == "thirtieth" else _ORDINALS.index(word) + 1
    # "Twenty-twentieth" or "thirty-second" is no day: left alone, so no date is read from it.
    return (
        f"{day} "
        if day <= 31 and not (match[1] and word in ("twentieth", "thirtieth"))
        else match[0]
    )


# "3rd Feb '27", "Tues 12th Jan ’27": a year typed as two figures after an apostrophe, only after a
# month's name (where it cannot be a day or a quantity); this century's, as any deadline is.
_SHORT_YEAR = lazy_pattern(
    rf"\b({MONTH}[a-z]*\.?)\s*['‘’](\d{{2}})\b",
    re.IGNORECASE,
)
# "15 Febuary 2027", "29 Januray 2027": a misspelt month after a day, that begins with its month's
# first three letters and is spelt nearly as it is, is that month ("5 Decision 2027" is no December;
# May is left alone: its three letters begin other words).
_FULL_MONTHS = (
    "january february march april may june july august september october november december"
).split()
# "Tues", "Weds", "Thur", "Thurs": weekdays the parser knows only as three letters or whole, so a
# time before one ("12 noon on Thurs 4th Feb 2027") left the date unread.
_WEEKDAY_SHORT = lazy_pattern(r"\b(tue(?=s\b)|wed(?=s\b)|thu(?=rs?\b))[a-z]+", re.IGNORECASE)
_NEARLY = 0.8  # "febuary" 0.93, "januray" 0.86, "sepember" 0.94; "decision" 0.38, "novel" 0.62
_BUT_MAY = "(?:" + "|".join(month for month in MONTHS if month != "may") + ")"
_MISSPELT_MONTH = lazy_pattern(
    rf"(?<=\d)((?:st|nd|rd|th)?\s+)({_BUT_MAY}[a-z]{{1,7}})\b",
    re.IGNORECASE,
)


def _month_spelt(match: re.Match) -> str:
    word = match[2].lower()
    month = _FULL_MONTHS[MONTHS.index(word[:3])]
    if word in DATE_WORDS or SequenceMatcher(None, word, month).ratio() < _NEARLY:
        return match[0]
    return match[1] + month


DATE_WORDS = (
    "monday tuesday wednesday thursday friday saturday sunday mon tue tues wed thu thur thurs fri "
    "sat sun january february march april may june july august september october november december "
    "jan feb mar apr jun jul aug sep sept oct nov dec"
).split()
_DATE_WORD = "(?:" + "|".join(DATE_WORDS) + r")\b"
_RELATIVE_COUNT = lazy_pattern(RELATIVE_COUNT, re.IGNORECASE)  # "close in three weeks, on …"
# Words before the date that are not part of it: "Closes 4 March 2024", "Deadline Thursday 19 August
# 2021", "Round 2 closes at 23:59 on …" (a round's or stage's number is a name, not the date's); a
# question as the label: "When is the deadline? 12 noon on 20 January 2027".
LEADING_WORDS = lazy_pattern(
    rf"^(?:(?:(?:round|stage|phase|wave|window|tranche|lot|part)\s+\d{{1,2}}[a-z]?\b|"
    rf"(?!{_DATE_WORD})[A-Za-z]+)[\s:?]+)+?(?=\d|{_DATE_WORD})",
    re.IGNORECASE,
)

# A date and its time parted by a site's separator rather than a comma: "Wed 20 Jan 2027 · 12:00"
# (a card's middle dot), "20 Jan 2027 | 5pm", "12:00 • 20 Jan 2027". Only beside a time: a bar
# between two dates ("Round 1: … | Round 2: …") still parts a list of deadlines.
_TIME_MARK = lazy_pattern(
    r"\s*[\u00b7\u2022|]\s*(?=(?:\d{1,2}:\d{2}|\d{1,2}\s*[ap]\.?m\b)(?![.:/]?\d))"
    r"|(?:(?<=\d:\d\d)|(?<=[ap]m))\s*[\u00b7\u2022|]\s*(?=\w)",
    re.IGNORECASE,
)


# A source writes its closing dates the same few ways, over and over: tidied once each.
@lru_cache(maxsize=8192)
def date_text(raw: str) -> str | None:
    """The words of a date field a parser can read: no label, no brackets around nothing, times
    written one way, and the words before the date gone; None when it says there is no date."""
    text = SPACES.sub(" ", SPACE_ENTITY.sub(" ", plain_marks(raw))).strip()
    # "Rolling; next deadline …": that date, not "rolling" (none when a date comes first: "5 March
    # 2027 (next deadline 5 June 2027)" is this round's, then the next's).
    next_deadline = _NEXT_DEADLINE.search(text)
    if next_deadline and not _FIGURE.search(text, 0, next_deadline.start()):
        text = text[next_deadline.start() :]
    # Welsh first ("Dyddiad cau: 5 Mawrth 2027"; its label goes as any label does).
    text = _TENTATIVE_NOTE.sub("", _LABEL.sub("", welsh_in_english(text)))
    text = _ALTERNATIVE_END.sub("", text)
    if not text or _NO_DATE.search(text):
        return None
    text = weekday_of_month(text)  # "the last Friday of January 2027" (weekday_of_month.py)
    text = month_end(text)  # before the words before a date go: "until the end of March 2027"
    text = _PARENTHETICAL.sub(_bracketed, text)
    text = _LOCAL_TIME_WORDS.sub(" ", _TIME_LABEL.sub(" ", text))
    text = _NOON.sub(" 12:00pm ", text)
    text = _CLOSE_OF_DAY.sub(" ", _MIDNIGHT.sub(" ", text)).replace("@", " at ").translate(_DASHES)
    text = _HOURS.sub(r"\1:\2", _DOTTED_TIME.sub(r"\1:\2", text))
    text = _TIME_MARK.sub(", ", text)
    text = _DAY_OF_MONTH.sub(r"\1 ", _BY.sub(" ", WEEK_OF.sub(" ", text)))
    text = _ORDINAL_DAY.sub(_ordinal_day, _SHORT_YEAR.sub(r"\1 20\2", text))
    text = _WEEKDAY_SHORT.sub(r"\1", _MISSPELT_MONTH.sub(_month_spelt, text))
    text = _TRAILING_NOTE.sub("", _BETWEEN.sub(r"\1 to ", text))
    text = LEADING_WORDS.sub("", _RELATIVE_COUNT.sub(" ", text))
    # A bracket set aside before a mark ("18 January 2027 (UK time). Interviews: …") leaves a space
    # that hid the sentence's end from the list reader.
    return _SPACE_BEFORE_MARK.sub(r"\1", SPACES.sub(" ", text)).strip(" ,-") or None


def _bracketed(match: re.Match) -> str:
    """What a bracket's words leave in a date field: a change to another date, a time, or nothing."""
    inside = match[1]
    # "17:00 (GMT)": the bracket only sets the clock's name apart. Blanked, a summer deadline was read
    # in UK time (an hour early in UTC) while "17:00 GMT" was read as GMT: one clock, one reading.
    # (With no time to set, "Midnight (GMT), 30 June 2027", zone_names.py has read it already.)
    if inside.strip().upper() in ZONE_ABBREVIATIONS and _TIME_INSIDE.search(match.string):
        return f" {inside.strip()} "
    if _CHANGE_INSIDE.search(inside):
        return f" - {inside} "
    if not _TIME_INSIDE.search(inside):
        return " "
    # "(then 3pm, Friday 7 May 2027)": a whole date with its time is another deadline beside the
    # first, parted as a list's is; run into the first date's words, neither was read.
    return f", {inside} " if _YEAR_INSIDE.search(inside) else f" {inside} "
