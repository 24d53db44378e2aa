"""Pure: a closing or opening date that a call's own text states under a label, for a source whose
pages give no date field (a funder's RSS feed: "… Parish councils can apply. Closing date: 12 March
2027."). Only a label that says which date it is counts ("Closing date:", "Deadline:", "Applications
close on", "Opens:": date_labels.py); a date merely mentioned ("the fund closed in 2024") never does.
"""

from __future__ import annotations

import re
from datetime import datetime

from config.lazy_pattern import lazy_pattern
from spiders.normalise.date_changes import announces_change, changed_to, former
from spiders.normalise.date_labels import AFTER_LABEL, CLOSES, OPENS
from spiders.normalise.date_steps import before_applying
from spiders.normalise.dates import parse_date
from spiders.normalise.open_ended import open_ended
from spiders.normalise.sentence_stop import to_sentence_end
from spiders.normalise.text import as_text

# A label whose sentence is about an event or a survey, not applying: "Registration for the briefing
# event closes on 1 February 2027", "Booking for the webinar closes …". Only the words since the
# sentence began count ("Applications close on 12 March; the webinar is on 1 March" is the call's).
_NOT_THE_CALL = lazy_pattern(
    r"\b(?:event|webinar|workshop|briefing|information\s+session|drop-in|consultation|survey|"
    r"booking|tickets?|conference)\b",
    re.IGNORECASE,
)
_WORD = lazy_pattern(r"\S+")
_DIGIT = lazy_pattern(r"\d")
# A page names a step or two before its application deadline; hostile text with thousands of
# "Registration closes …" stops costing here (and the first step's date is the answer).
_MOST_STEPS = 4
# "5pm on Thursday 12 March 2027 (UK time)": a date is a few words; a time's zone note before the
# day ("by 12:00 midday (UK time) on Thursday 14 January 2027") makes ten, and at eight the year was
# cut off, so no date was read.
_MOST_WORDS = 10
_LABELS = {"closes": CLOSES, "opens": OPENS}
# The other label's word ends the run: in "Applications open now and close on 5 March 2027" the
# date is the closing one, not the opening.
_OTHER_LABEL = {
    "closes": lazy_pattern(r"^(?:open|opens|opening|reopens?)$", re.IGNORECASE),
    "opens": lazy_pattern(r"^(?:close|closes|closing|deadline)$", re.IGNORECASE),
}


def labelled_date(
    text: str | None, which: str, tz: str = "Europe/London", *, now: datetime | None = None
) -> datetime | None:
    """The date that `text` states under a closing ("closes") or opening ("opens") label, or None.
    Given the crawl's clock `now`, a day with no year is placed as parse_date places it."""
    if not (text := as_text(text)):
        return None
    step = None  # a registration's date, used only when no application deadline follows
    steps = 0
    for label in _LABELS[which].finditer(text):
        starts = AFTER_LABEL.match(text, label.end()).end()
        found = _date_from(text, starts, which, tz, now)
        if found is not None and not _about_something_else(text, label.start()):
            when, end = found
            changed = changed_to(text, end)
            later = _date_from(text, changed, which, tz, now) if changed else None
            if later is None and former(text, label.start()):
                continue
            when = later[0] if later else when
            if which == "closes" and before_applying(_lead_in(text, label.start(), starts)):
                step = step or when
                steps += 1
                if steps >= _MOST_STEPS:
                    return step
                continue
            if not later and not announces_change(text, label.end(), starts):
                when = _changed_later(text, starts, which, tz, now) or when
            return when
    return step


def _changed_later(
    text: str, start: int, which: str, tz: str, now: datetime | None
) -> datetime | None:
    """The date a later label of the same kind changes the first to: "… with a closing date of 27
    November 2026. The closing date has now been extended to 4pm on 11 December 2026." (a few labels
    at most are looked at)."""
    for count, label in enumerate(_LABELS[which].finditer(text, start)):
        starts = AFTER_LABEL.match(text, label.end()).end()
        if count >= _MOST_STEPS:
            break
        if announces_change(text, label.end(), starts) and (
            found := _date_from(text, starts, which, tz, now)
        ):
            return found[0]
    return None


def _since_mark(text: str, label: int, reach: int, marks: str) -> int:
    """Where the words before the label begin: after the last of `marks` within `reach` characters
    (a bounded rfind: a regex for "the last full stop" backtracks at every label of a long text)."""
    back = max(0, label - reach)
    return max(back, *(text.rfind(mark, back, label) + 1 for mark in marks))


def _lead_in(text: str, label: int, starts: int) -> str:
    """The words that say what a deadline is for: its clause's subject (back to the last mark or
    "and", so "Registration closes …, and applications close …" keeps the two apart) and the label's
    own words up to its date ("The deadline for intention to submit forms is")."""
    start = _since_mark(text, label, 80, ".!?;,")
    start = max(start, text.rfind(" and ", start, label) + 1)
    return text[start:starts]


def _about_something_else(text: str, label: int) -> bool:
    """The sentence before the label is about an event, a survey or a booking."""
    start = _since_mark(text, label, 120, ".!?;")
    return _NOT_THE_CALL.search(text, start, label) is not None


def _date_from(
    text: str, start: int, which: str, tz: str, now: datetime | None = None
) -> tuple[datetime, int] | None:
    """The date that the words from `start` begin with, and where its words end."""
    words = list(_WORD.finditer(text, start, start + 120))[:_MOST_WORDS]
    other = next((i for i, w in enumerate(words) if _OTHER_LABEL[which].match(w[0])), len(words))
    words = to_sentence_end(words[:other])  # the label's sentence only
    # The longest run of words from the label that reads as a date: "12 March 2027. Decisions…"
    for count in range(len(words), 0, -1):
        candidate = text[words[0].start() : words[count - 1].end()].rstrip(".,;")
        if not _DIGIT.search(candidate):
            break  # no figure, no date: and a shorter run has fewer words still
        when = parse_date(candidate, tz, end_of_day=which == "closes", now=now)
        if when is not None:
            return when, words[count - 1].end()
    return None


def labelled_no_deadline(text: str | None) -> bool:
    """Whether `text` states under a closing label that there is none ("Deadline | Rolling – no
    deadline", "Closing date: ongoing"): the text's own closing-date field, open-ended."""
    if not (text := as_text(text)):
        return False
    for label in CLOSES.finditer(text):
        starts = AFTER_LABEL.match(text, label.end()).end()
        # The label's value: to the sentence's end, and a few words at most (a table's next row
        # follows with no stop: "Rolling – no deadline Award Up to £2k").
        value = re.split(r"[.;!?]", text[starts : starts + 80], maxsplit=1)[0]
        if open_ended(" ".join(value.split()[: _MOST_WORDS // 2])):
            return True
    return False
