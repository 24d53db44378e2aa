"""Pure: a field of several deadlines that writes its year once, and one that lists a fund's
recurring deadlines.

"Deadlines: 1 March, 1 June, 1 September 2027" names three days of 2027, the year written once at
the end as a sentence would; each day was refused for want of a year ("1, 2, 3" is no date), so the
field read as none. A day and month followed by another day and month in the list (its stage's
few words between: "Stage 1: 14 January; Stage 2: 1 April 2027") takes the year
the list ends with (the year before, where its month comes after the last date's: "1 November,
1 February 2027" runs from 2026).

Such a list under a label that names recurring deadlines ("Deadlines:", "Batching dates:",
"Quarterly deadlines:") is a rolling fund's calendar, not a call's stages: an applicant may aim at
any of them, so the one to act on is the next still to come against the crawl's clock (the call is
open for it; an earlier one gone is no reason to read the call closed), and the last once all are
gone. Stages ("Stage 1 …; Stage 2 …", "EOI …; full application …") keep dates.py's rule, the first:
their dates carry words of their own, where a recurring list is bare dates.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from datetime import datetime

from config.lazy_pattern import lazy_pattern
from spiders.normalise.calendar_words import MONTH, MONTH_NAME, MONTHS, WEEKDAY

_YEAR = lazy_pattern(r"\b(?:19|20|21)\d\d\b")
_DAY_MONTH = rf"\b\d{{1,2}}(?:st|nd|rd|th)?\s+{MONTH_NAME}"
# A day and month with no year, the list going on to another day and month.
_YEARLESS = lazy_pattern(
    rf"(?P<date>{_DAY_MONTH})"
    # The next piece may name its stage first ("EOI 8 January, full application 5 March 2027").
    rf"(?=\s*(?:,|;|\||&|\band\b)\s*(?:[\w()]+:?\s+){{0,4}}?{_DAY_MONTH})",
    re.IGNORECASE,
)
_DATED = lazy_pattern(rf"{_DAY_MONTH}\s*,?\s*(?P<year>(?:19|20|21)\d\d)\b", re.IGNORECASE)
_MONTH_OF = lazy_pattern(rf"(?<=\s){MONTH}", re.IGNORECASE)
_RECURRING = lazy_pattern(
    r"\b(?:deadlines|(?:batch(?:ing)?|cut-?off|closing|submission|application|assessment)\s+dates|"
    r"quarterly|monthly|termly)\b",
    re.IGNORECASE,
)
# What a bare date is written with: months, weekdays, times of day, "and"; any other word is a
# date's own words (a stage's, an event's), so the list is no calendar.
_DATE_WORDS = lazy_pattern(
    rf"\b(?:{MONTH}[a-z]*|{WEEKDAY}[a-z]*|and|at|by|am|pm|noon|midday|"
    r"midnight|st|nd|rd|th)\b"
    r"|(?<=\d)(?:am|pm|st|nd|rd|th)\b",  # "5pm", "5th": a time's or a day's own letters
    re.IGNORECASE,
)
_LETTER = lazy_pattern(r"[a-z]", re.IGNORECASE)


def with_shared_year(text: str) -> str:
    """The list with its one year written after each day and month that lacks it; the text as it
    was when it has no such list, or more than one year."""
    if "," not in text and ";" not in text and "|" not in text and "and" not in text:
        return text  # no list: the common case, one date, costs nothing more
    years = set(_YEAR.findall(text))
    if len(years) != 1:
        return text
    yearless = list(_YEARLESS.finditer(text))
    dated = _DATED.search(text, yearless[-1].end()) if yearless else None
    if dated is None:
        return text
    year, last_month = int(dated["year"]), _month(dated[0])
    parts, start = [], 0
    for found in yearless:
        own = year - 1 if _month(found["date"]) > last_month else year
        parts += [text[start : found.end()], f" {own}"]
        start = found.end()
    return "".join(parts) + text[start:]


def recurring(label: str, dates: str) -> bool:
    """Whether a field's label names recurring deadlines and its dates are bare dates."""
    return _RECURRING.search(label) is not None and not _LETTER.search(_DATE_WORDS.sub("", dates))


# A fund's rounds, each a window of its own: "Round 1: 5 November 2026; Round 2: 4 March 2027",
# "Round 1 closes …, round 2 closes …" (a round marked "(closed)" too). Unlike stages, a later
# round takes newcomers: once round 1 has passed the call is open for round 2, so rounds are read
# as recurring deadlines are, the next still to come (the earliest while none has passed).
_ROUND_NAME = lazy_pattern(
    r"\b(?:round|window|batch|cohort)\s+(?:\d{1,2}|one|two|three|four|five|six|[a-d])\b"
    r"(?:\s+(?:deadline|closes|closing\s+date))?\s*(?:[:\u2013\u2014-]\s*)?"
    r"|\(\s*(?:now\s+)?closed\s*\)",
    re.IGNORECASE,
)


# …or named by their year, as a table of rounds names its rows, each row's cell after it
# ("2026: 29 May 2026 | 2027: 5pm, 28 May 2027": a page's column, spiders/table_columns.py).
_YEAR_ROUND = lazy_pattern(r"(?:^|(?<=\|))\s*(?:19|20|21)\d\d(?:\s*[/\u2013-]\s*\d{2,4})?\s*:\s*")


def without_round_years(text: str) -> str:
    """The rounds' dates without the years naming them: "2025: 30 May 2025" read "2025" as a day."""
    return _YEAR_ROUND.sub(" ", text) if ":" in text else text


def round_list(value: str) -> bool:
    """Whether a field lists two or more rounds, each with a bare date (see above)."""
    rounds = [name for name in _ROUND_NAME.findall(value) if not name.startswith("(")]
    rounds += _YEAR_ROUND.findall(value)
    if len(rounds) < 2:
        return False
    bare = _YEAR_ROUND.sub(" ", _ROUND_NAME.sub(" ", value))
    return not _LETTER.search(_DATE_WORDS.sub("", bare))


def next_deadline(deadlines: Sequence[datetime], now: datetime) -> datetime | None:
    """The first deadline still to come at `now`; the last when all are gone."""
    if not deadlines:
        return None
    ahead = [when for when in deadlines if when >= now]
    return min(ahead) if ahead else max(deadlines)


def _month(text: str) -> int:
    return MONTHS.index(_MONTH_OF.search(text)[0].lower()) + 1
