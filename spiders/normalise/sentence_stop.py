"""Pure: where a label's value ends at its sentence's end.

A label's date is read from a run of words after it, and the longest run that reads as a date wins.
When the label's own sentence holds no date, the run went on into the next sentence and took its date
for the label's: "The deadline for this round has passed. Results were announced on 12 November
2026." read 12 November as the deadline, and "… extended to 26 February 2027. The original deadline
of 12 February 2027 no longer applies." read the two dates as a list whose earliest won.
"""

from __future__ import annotations

import re

from config.lazy_pattern import lazy_pattern
from spiders.normalise.calendar_words import MONTH, WEEKDAY

# A word that ends a sentence: a full stop (or ! ?) after a word of two or more letters or figures
# with no dot inside ("a.m.", "p.m.", "St." and a one-letter initial do not end one).
_ENDS = lazy_pattern(r"^[^.]{2,}[.!?]$")
# The next sentence starts with a capital; a month or a weekday after a stop ("5 p.m. Friday",
# "12 Jan. February") is still the date's.
_STARTS = lazy_pattern(r"^[\"'‘“(]?[A-Z]")
_DATE_WORD = lazy_pattern(
    rf"^(?:{WEEKDAY}|{MONTH})",
    re.IGNORECASE,
)


def to_sentence_end(words: list[re.Match]) -> list[re.Match]:
    """The words up to and including the one that ends their first sentence."""
    for index, word in enumerate(words[:-1]):
        following = words[index + 1][0]
        if (
            _ENDS.match(word[0])
            and _STARTS.match(following)
            and not _DATE_WORD.match(following.lstrip("\"'‘“("))
        ):
            return words[: index + 1]
    return words
