"""Pure: the month and weekday words every date reader matches, written once.

Each reader had its own copy ("jan|feb|…|dec" in five patterns, the weekdays in five more), and
month_end.py and zone_names.py could not take date_words.py's, which imports them both. Nothing
here imports another reader, so any of them may use it.
"""

from __future__ import annotations

# A month's name by its first three letters ("Feb", "february"): followed by letters where a date is
# already expected.
MONTHS = ("jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec")
MONTH = "(?:" + "|".join(MONTHS) + ")"
# A month's name or its usual short form, whole ("Jan", "January", "Sept"; not "Market", "decision"
# or a misspelling, which MONTH followed by letters lets in where a date is already expected).
MONTH_NAME = (
    r"\b(?:jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?|"
    r"sept?(?:ember)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)\b\.?"
)
# A weekday by its first three letters, Monday first (as datetime.weekday() counts).
WEEKDAYS = ("mon", "tue", "wed", "thu", "fri", "sat", "sun")
WEEKDAY = "(?:" + "|".join(WEEKDAYS) + ")"
