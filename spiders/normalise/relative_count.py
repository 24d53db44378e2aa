"""Pure: a count of days or weeks to a date, said before the date itself.

"Applications close in three weeks, on 16 December 2026", "Closes tomorrow, 26 November 2026": the
count is as old as the page's render (README: relative words are never the date), but the date
after it is the deadline. The count stood between the label and its date, so neither a date field
nor running text read any date, and the call was stored with no deadline.
"""

from __future__ import annotations

_COUNT = r"(?:\d{1,3}|an?|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|a\s+few)"
# The count, then what marks the date after it (a comma or a dash, and "on" or "by"), and the date
# itself right after: a digit or a weekday ("Closes in 9 days" alone is no date and stays).
RELATIVE_COUNT = (
    rf"(?:\bin\s+(?:just\s+)?{_COUNT}\s+(?:days?|weeks?|months?)|\btoday|\btomorrow|\btonight)"
    r"\s*(?:[,–—-]\s*)?(?:(?:on|by)\s+)?(?=\d|(?:mon|tue|wed|thu|fri|sat|sun)[a-z]*\b)"
)
