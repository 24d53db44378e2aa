"""Pure: a funding page's dates and times as aware UTC datetimes (Europe/London unless told)."""

from __future__ import annotations

import re
from datetime import date, datetime
from functools import lru_cache
from zoneinfo import ZoneInfo

from config.lazy_pattern import lazy_pattern
from spiders.normalise.calendar_links import calendar_link_date
from spiders.normalise.date_changes import REPLACES
from spiders.normalise.date_common import api_instant, common_form, date_only
from spiders.normalise.date_dateutil import read_by_dateutil
from spiders.normalise.date_json import json_date
from spiders.normalise.date_lists import (
    next_deadline,
    recurring,
    round_list,
    with_shared_year,
    without_round_years,
)
from spiders.normalise.date_roles import later_stage, other_event
from spiders.normalise.date_sentences import dated_sentences, without_weeks
from spiders.normalise.date_steps import before_applying
from spiders.normalise.date_words import LEADING_WORDS, date_text
from spiders.normalise.open_ended import open_window_start
from spiders.normalise.yearless import place_yearless
from spiders.normalise.zone_names import named_zone

_ISO = lazy_pattern(
    r"^\d{4}-\d{2}-\d{2}(?:[T ]\d{2}:\d{2}(?::\d{2}(?:\.\d+)?)?)?(?:Z|[+-]\d{2}:?\d{2})?$"
)
_ISO_DATE_ONLY = lazy_pattern(r"^\d{4}-\d{2}-\d{2}$")
# "1 July 2026 - 12 January 2027", "1-5 March 2027", "Opens 1 July 2026, closes 12 January 2027": a
# window; its end is the closing date, its start the opening.
_RANGE_SPLIT = lazy_pattern(
    r"(?:\s+(?:-|–|—|to|until|till)|\s*[,;]?\s*(?:and\s+)?(?:clos(?:es|ing|e)(?:\s+date)?|"
    # "5th-7th March 2027" as "5-7 March 2027".
    r"deadline)\s*:?)\s+|(?:(?<=\d)|(?<=\d(?:st|nd|rd|th)))-(?=\d)",
    re.IGNORECASE,
)
# Where one deadline of several ends: "…; Stage 2: …", "…, full applications by …", "… and …", and
# a flattened table's cell bar ("Round 1: 10 Feb 2027 | Round 2: 12 May 2027"), and a full stop
# before a capital ("Registration: 1 March 2027. Submission: 15 March 2027"), and a spaced slash
# between a bilingual page's two languages ("29 Ionawr 2027 / 29 January 2027"; never "29/01/2027").
# "… or …" too: "31 March 2027 or 30 June 2027" gives two deadlines, and the first is the one a
# council must meet ("or until funds run out" is set aside before: date_words.py).
_LIST_SPLIT = lazy_pattern(
    r"\s*[;,|]\s*|\s+(?:and|or|&|/)\s+|(?<=\d)\.\s+(?=(?-i:[A-Z]))", re.IGNORECASE
)
_MOST_DEADLINES = 8  # a field of a few stages; a paragraph of dates is not one
_LEAD = lazy_pattern(r"^\D{0,60}")  # a field's words before its first figure
_MONTH_WORD = lazy_pattern(r"[A-Za-z]{3,}")
_YEAR = lazy_pattern(r"\b\d{4}\b")
_STATES_YEAR = lazy_pattern(r"\b\d{4}\b|\b\d{1,2}([/.])\d{1,2}\1\d{2}\b")  # or "14/01/27"
_DATE_TEXT_LIMIT = 200


def parse_date(
    value: str | datetime | date | None,
    tz: str = "Europe/London",
    *,
    end_of_day: bool = False,
    now: datetime | None = None,
) -> datetime | None:
    """A funding page's date or time as an aware UTC datetime, or None when there is no usable date.

    Naive values are read in `tz`; a date without a time is 00:00 local, or 23:59 local with
    `end_of_day=True` (closing dates: a call is still open on its closing day). `dd/mm/yyyy` is
    read day first. Text without a year is refused rather than guessed, unless the crawl's clock
    `now` is given: then the nearest such day to it (yearless.py says why that is safe).
    """
    if isinstance(value, str) and (link := calendar_link_date(value, closing=end_of_day)):
        value, tz = link[0], link[1] or tz  # an "Add to calendar" link's event (calendar_links.py)
    if isinstance(value, str) and len(value) <= _DATE_TEXT_LIMIT:
        value, tz = named_zone(value, tz)  # "17:00 Brussels time": that clock, not the source's
    zone = ZoneInfo(tz)
    if value is None:
        return None
    if isinstance(value, datetime):
        return api_instant(value, zone, end_of_day)  # an API's date-only column is its day
    if isinstance(value, date):
        return date_only(value, zone, end_of_day)
    if len(value := str(value)) > _DATE_TEXT_LIMIT:
        return None  # a paragraph, not a date field
    if value.startswith(("/Date(", "\\/Date(")):
        return json_date(value)
    if (start := open_window_start(value)) is not None:
        # "1 Apr 2026 – ongoing": open since its start, with no deadline (open_ended.py).
        if end_of_day:
            return None
        value = start
    if end_of_day and (value := without_weeks(value)) is None:
        return None  # "w/c 3 May 2027" as a deadline: some day that week, not said which
    text = date_text(value)
    if not text:
        return None
    text = without_round_years(text)  # "2026: 29 May 2026 | 2027: …" (date_lists.py)
    # The field's own label, which date_text sets aside, says what its first date is for:
    # "Registration deadline: 5 March 2027; Application deadline: 12 March 2027".
    lead = _LEAD.match(value)[0]
    first_step = before_applying(lead)
    found = _parse_text(text, tz, end_of_day, first_step, other_event(lead))
    if found is not None and now is not None and (recurring(lead, text) or round_list(value)):
        # "Deadlines: 1 March, 1 June, 1 September 2027": a rolling fund's next (date_lists.py).
        several = _several(with_shared_year(text), tz, end_of_day, first_step)
        found = next_deadline(several, now) or found
    if found is None and (dated := dated_sentences(value)):
        # A callout or paragraph: its dated sentence, the prose beside it set aside.
        return parse_date(dated, tz, end_of_day=end_of_day, now=now)
    if found is None and now is not None and not _YEAR.search(text):
        found = place_yearless(
            text,
            now,
            lambda when: when.astimezone(zone),
            lambda dated: _parse_text(dated, tz, end_of_day, first_step),
        )
    return found


@lru_cache(maxsize=8192)
def _parse_text(
    text: str, tz: str, end_of_day: bool, first_step: bool = False, first_other: bool = False
) -> datetime | None:
    """Cached: a source lists many calls closing on the same few days, written the same way."""
    return _parse_one(text, tz, end_of_day, first_step) or _parse_several(
        with_shared_year(text), tz, end_of_day, first_step, first_other
    )


@lru_cache(maxsize=8192)
def _parse_one(text: str, tz: str, end_of_day: bool, first_step: bool = False) -> datetime | None:
    """One date, time or window: never a list of dates (so a window's end is never a list's).
    `first_step`: the field's label, set aside, made its first date a step before applying."""
    zone = ZoneInfo(tz)
    if _ISO.match(text):
        try:
            parsed = datetime.fromisoformat(text)
        except ValueError:
            return None
        if _ISO_DATE_ONLY.match(text):
            return date_only(parsed.date(), zone, end_of_day)
        return api_instant(parsed, zone, end_of_day)  # "2027-03-30T23:00:00Z": 31 March's column
    common = common_form(text, zone, end_of_day)
    if common is not None:
        return common
    found = read_by_dateutil(text, zone, end_of_day)
    if found is not None:
        return found
    # Only when both ends are whole dates: "4 March 2027 - 5pm" is one date and a time. Each joiner
    # is tried, as a window may hold another ("5 March 2027 - extended to 19 March 2027").
    for join in _RANGE_SPLIT.finditer(text):
        head, tail = (LEADING_WORDS.sub("", e) for e in (text[: join.start()], text[join.end() :]))
        # "EOI deadline 8 January 2027 - full bids 5 March 2027": two stages, not a window; the
        # first closes the call, as in _parse_several (unless it is a step before applying).
        if later_stage(text[join.end() : len(text) - len(tail)]):
            first, second = _parse_one(head, tz, end_of_day), _parse_one(tail, tz, end_of_day)
            if first is None or second is None:
                continue
            step = first_step or before_applying(text[: join.start()])
            return second if step else min(first, second)
        start, end = _parse_one(head, tz, end_of_day), _parse_one(tail, tz, end_of_day)
        if start is None and end is not None and head and not _YEAR.search(head):
            # "1 Dec – 3 Feb 2027": the start takes the end's year, or the year before; "1-5 March
            # 2027" its month too.
            local = end.astimezone(ZoneInfo(tz))
            month = "" if _MONTH_WORD.search(head) else f" {local:%B}"
            for year in (local.year, local.year - 1):
                start = _parse_one(f"{head}{month} {year}", tz, end_of_day)
                if start is not None and start <= end:
                    break
        elif end is None and start is not None and tail and not _YEAR.search(tail):
            # "4 January 2027, closes 26 February" (a yearless field placed by its first day): the
            # end takes the start's year, or the year after.
            local = start.astimezone(ZoneInfo(tz))
            for year in (local.year, local.year + 1):
                end = _parse_one(f"{tail} {year}", tz, end_of_day)
                if end is not None and start <= end:
                    break
        if start is not None and end is not None and start <= end:
            return end if end_of_day else start
    return None


def _parse_several(
    text: str, tz: str, end_of_day: bool, first_step: bool, first_other: bool = False
) -> datetime | None:
    """Two or more deadlines in one field: the earliest, unless a later one replaces it."""
    return min(_several(text, tz, end_of_day, first_step, first_other), default=None)


def _several(
    text: str, tz: str, end_of_day: bool, first_step: bool, first_other: bool = False
) -> list[datetime]:
    """The deadlines of a field of two or more, for the earliest to close the call (or, on a rolling
    fund's calendar, the next: date_lists.py); [] when the field is no such list.

    "Stage 1: 12 January 2027; Stage 2: 30 March 2027", "Expressions of interest by 5 Feb 2027, full
    applications by 19 March 2027", "5 March 2027 and 5 June 2027". The date a council must act on
    is the first deadline: a later stage takes only those who met the earlier one, so missing it
    is missing the call. This reading has no clock (it is pure and cached), so "first upcoming"
    is the earliest stated; once that passes the call reads closed, which for a newcomer it is.
    A date that says it replaces another ("5 March 2027, extended to 19 March 2027", "…, now 19
    March 2027") is a change, not a second deadline: it wins over those before it. A step before
    applying ("Registration deadline: 5 March 2027; Application deadline: 12 March 2027", an
    optional EOI) is no stage: the earliest of the others closes the call (date_steps). A date
    of another event ("Opens: …", "Decisions by …") is set aside, and then one deadline is enough.
    """
    cuts = [m.span() for m in _LIST_SPLIT.finditer(text)]
    if not cuts or len(cuts) >= _MOST_DEADLINES:
        return []
    starts = [0] + [end for _, end in cuts]
    ends = [start for start, _ in cuts] + [len(text)]
    whole = (0, len(ends) - 1)  # already read as one date, and it was none
    commas = [text[a:b].strip() == "," for a, b in cuts]

    def run(first: int, last: int) -> tuple[datetime, bool, bool] | None:
        # A date may hold a comma ("March 3, 2027", "5 March 2027, 5pm"), never "and" or ";".
        if (first, last) == whole or any(not commas[i] for i in range(first, last)):
            return None
        return _piece(text[starts[first] : ends[last]], tz, end_of_day)

    found: list[
        tuple[datetime, bool]
    ] = []  # each deadline, and whether it is a step before applying
    replaced = set_aside = False
    first = 0
    while first < len(starts):
        # The shortest run of pieces from `first` that reads as one date ("March 3" alone does not,
        # "March 3, 2027" does), then as far as it still reads as one ("5 March 2027, 5pm").
        last = next((i for i in range(first, len(ends)) if run(first, i)), None)
        if last is None:
            # "…, decisions July 2027": another event's date, unread, is set aside all the same.
            set_aside = set_aside or _other(text[starts[first] : ends[first]], False)
            first += 1
            continue
        while last + 1 < len(ends) and run(first, last + 1):
            last += 1
        when, replaces, step = run(first, last)
        step = step or (first_step and starts[first] == 0)
        if _other(text[starts[first] : ends[last]], first_other and starts[first] == 0):
            set_aside, first = True, last + 1
            continue
        found = [(when, step)] if replaces else [*found, (when, step)]
        replaced = replaced or replaces
        first = last + 1
    if len(found) >= 2 or (found and (replaced or set_aside)):
        # A registration's or an optional EOI's date is no stage: the application's closes the call.
        return [when for when, step in found if not step] or [when for when, _ in found]
    return []


def _other(text: str, first_other: bool) -> bool:
    """A piece that is another event's date: by its own words, or the field's label for the first;
    never a window ("Opens 1 March 2027, closes 30 April 2027" ends on its closing date)."""
    if _RANGE_SPLIT.search(text):
        return False
    # Its words before its first figure ("Interviews: w/c 8 February 2027", "decisions July 2027").
    return first_other or other_event(_LEAD.match(text)[0])


def _piece(text: str, tz: str, end_of_day: bool) -> tuple[datetime, bool, bool] | None:
    """One deadline of several, without its own words ("Stage 2:", "full applications"), whether
    those words say it replaces the ones before, and whether they make it a step before applying
    ("Registration deadline:")."""
    if not _STATES_YEAR.search(text):
        return None  # each of several deadlines states its year: "1, 2, 3" is no date
    lead = LEADING_WORDS.match(text)
    words = lead.group() if lead else ""
    when = _parse_one(text[len(words) :].strip(" ,-"), tz, end_of_day)
    if when is None:
        return None
    return when, bool(REPLACES.search(words)), before_applying(words)
