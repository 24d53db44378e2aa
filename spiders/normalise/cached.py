"""The pure readers normalise() asks of every call, cached on their words: a source's calls repeat
their money wording ("Up to £10,000", "Award range: £500,000 - £2,000,000; Total fund:
£12,000,000") and their dates ("Closing date: 31 March 2027 at 5pm"), and reading them again was
~40 µs and ~8 µs of a call's ~140 µs. Answers are numbers and datetimes, shared safely between
calls."""

from __future__ import annotations

from datetime import date, datetime
from functools import lru_cache

from spiders.normalise import dates, money

# cued_only is a keyword argument and part of the key: a field's reading and prose's differ.
parse_amounts = lru_cache(maxsize=4096)(money.parse_amounts)

_DATE_TEXT_LIMIT = 200  # longer is a paragraph, never read as a date (dates.py): not kept


def parse_date(
    value: str | datetime | date | None,
    tz: str = "Europe/London",
    *,
    end_of_day: bool = False,
    now: datetime | None = None,
) -> datetime | None:
    """dates.parse_date, cached for a date field's text. The crawl's clock is part of the key (it
    places a day written with no year), with its zone and fold: equal instants in two zones may
    fall in two years, and a clock's fold is left out of its equality and hash."""
    if isinstance(value, str) and len(value) <= _DATE_TEXT_LIMIT:
        clock = None if now is None else (now, now.tzinfo, now.fold)
        return _date_text(value, tz, end_of_day, clock)
    return dates.parse_date(value, tz, end_of_day=end_of_day, now=now)


@lru_cache(maxsize=8192)
def _date_text(
    text: str, tz: str, end_of_day: bool, clock: tuple[datetime, object, int] | None
) -> datetime | None:
    return dates.parse_date(
        text, tz, end_of_day=end_of_day, now=None if clock is None else clock[0]
    )


parse_date.cache_clear = _date_text.cache_clear  # type: ignore[attr-defined]
