"""The time zone a date's own words name: "17:00 Brussels time", "4pm UTC+1", "(Europe/Brussels)".

A source's `timezone` says how it writes its times; some of its deadlines say otherwise, and an
international funder's (Horizon Europe's "17:00:00 Brussels time") are an hour or more from London.
Read here, before dateutil sees the text: dateutil reads "UTC+1" the POSIX way (an hour *behind*
UTC), calls "Brussels" an unknown word, and warns on stderr about every zone it does not know.
"""

from __future__ import annotations

import re
from datetime import tzinfo
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from dateutil.tz import tzoffset

from config.lazy_pattern import lazy_pattern
from spiders.normalise.calendar_words import MONTH

_HOUR = 3600
# Abbreviations a funding page may print after a time. Fixed offsets where the abbreviation names
# one; a place's zone where it names the place's clock ("ET" is EST in winter, EDT in summer).
_LONDON = ZoneInfo("Europe/London")
ZONE_ABBREVIATIONS: dict[str, int | tzinfo] = {
    "UTC": 0,
    "GMT": 0,
    "Z": 0,
    "BST": _HOUR,
    "UK": _LONDON,
    "CET": _HOUR,
    "CEST": 2 * _HOUR,
    "EST": -5 * _HOUR,
    "EDT": -4 * _HOUR,
    "ET": ZoneInfo("America/New_York"),
    "CST": -6 * _HOUR,
    "CDT": -5 * _HOUR,
    "MST": -7 * _HOUR,
    "MDT": -6 * _HOUR,
    "PST": -8 * _HOUR,
    "PDT": -7 * _HOUR,
    "PT": ZoneInfo("America/Los_Angeles"),
    "AEST": 10 * _HOUR,
    "AEDT": 11 * _HOUR,
}


def zone_for(name: str | None, offset: int | None) -> tzinfo | None:
    """dateutil's `tzinfos`: a known abbreviation's zone, a numeric offset ("+01:00") as itself, and
    nothing for a word it took for a zone but no one knows ("HKT"): the source's own zone then
    applies, as it did before, without a warning on the curator's terminal."""
    known = ZONE_ABBREVIATIONS.get(name or "")
    if isinstance(known, int):
        return tzoffset(name, known)
    if known is not None:
        return known
    return tzoffset(name, offset) if offset is not None else None


# Places whose clock a deadline is given in, as a page words it: "Brussels (local) time", "Central
# European Summer Time", "US Eastern Time". UK time needs nothing: the source's zone already is it.
_PLACES = {
    "brussels": "Europe/Brussels",
    "paris": "Europe/Paris",
    "berlin": "Europe/Berlin",
    "amsterdam": "Europe/Amsterdam",
    "luxembourg": "Europe/Luxembourg",
    "central european": "Europe/Brussels",
    "central european summer": "Europe/Brussels",
    "dublin": "Europe/Dublin",
    "irish": "Europe/Dublin",
    "eastern": "America/New_York",
    "us eastern": "America/New_York",
    "new york": "America/New_York",
    "pacific": "America/Los_Angeles",
    "us pacific": "America/Los_Angeles",
    "sydney": "Australia/Sydney",
}
_PLACE = lazy_pattern(
    r"\b(" + "|".join(sorted(_PLACES, key=len, reverse=True)) + r")(?:\s+(?:standard|daylight))?"
    r"\s+(?:local\s+)?time\b(?!-)(?:\s*\((?:CET|CEST|ET|EST|EDT|PT|AEST|AEDT)\))?",
    re.IGNORECASE,
)
# "(Europe/Brussels)": a zone's own name, as portals print it.
_ZONE_NAME = lazy_pattern(r"\b((?:Europe|America|Australia|Asia|Africa)/[A-Z][A-Za-z_]+)\b")
# Windows' zone ids and display names, as .NET grants portals print them after a time: "17:00 GMT
# Standard Time" is the UK's clock, its summer hour included ("GMT Daylight Time" is BST), not GMT
# all year; unread, the whole date was none. "Greenwich Standard Time" (Reykjavik) has no summer.
_WINDOWS_IDS = {
    "gmt": "Europe/London",
    "greenwich": "UTC",
    "w. europe": "Europe/Berlin",
    "romance": "Europe/Paris",
    "central europe": "Europe/Budapest",
    "central european": "Europe/Warsaw",
}
_WINDOWS_ID = lazy_pattern(
    r"\b(GMT|Greenwich|W\.\s?Europe|Romance|Central\s+Europe(?:an)?)\s+(?:Standard|Daylight)\s+"
    r"Time\b",
    re.IGNORECASE,
)
_WINDOWS_PLACES = {
    "dublin": "Europe/London",  # "(UTC+00:00) Dublin, Edinburgh, Lisbon, London"
    "brussels": "Europe/Paris",  # "(UTC+01:00) Brussels, Copenhagen, Madrid, Paris"
    "amsterdam": "Europe/Berlin",  # "(UTC+01:00) Amsterdam, Berlin, Bern, Rome, Stockholm, Vienna"
}
_WINDOWS_DISPLAY = lazy_pattern(
    r"\(UTC(?:[+\-\u2212]\d{2}:\d{2})?\)\s*(Dublin|Brussels|Amsterdam),[A-Za-z ,]+",
    re.IGNORECASE,
)
# "4pm UTC+1", "16:00 GMT+01:00", "UTC -5": an offset from UTC, meant the way people mean it. The
# sign sits against its figure, and no month follows ("5pm GMT - 5 March" is a window's dash).
_OFFSET = lazy_pattern(
    r"\b(?:UTC|GMT)\s?([+\-\u2212])(\d{1,2})(?::?([0-5]\d))?\b(?![/.:]?\d)"
    rf"(?!\s*{MONTH})",
    re.IGNORECASE,
)
_SOON = lazy_pattern(r"time|/|[+\-\u2212]\d", re.IGNORECASE)  # none of these words without one


# "30 June 2027 GMT", "Midnight (GMT), 30 June 2027": a zone beside a day with no clock time. dateutil
# reads an abbreviation only beside a time, so the field was no date at all (or, bracketed, read in
# UK time): its day's end (or midnight) is in that clock. Capitals only, as pages print them.
_DAY_ZONES = {"GMT": "UTC", "UTC": "UTC", "BST": "Etc/GMT-1"}
_DAY_ZONE = lazy_pattern(rf"(?-i:\b({'|'.join(_DAY_ZONES)})\b)(?![+\-\u2212]\d)")
_CLOCK = lazy_pattern(r"\d[:.]\d\d|\d\s*[ap]\.?m\b|\bnoon\b|\bmidday\b|\bhrs\b", re.IGNORECASE)


def named_zone(text: str, tz: str) -> tuple[str, str]:
    """The text without the zone its words name, and that zone (else the source's `tz`)."""
    if not _SOON.search(text):
        return _day_zone(text, tz)
    for pattern, names in ((_WINDOWS_ID, _WINDOWS_IDS), (_WINDOWS_DISPLAY, _WINDOWS_PLACES)):
        if found := pattern.search(text):
            key = re.sub(r"\s+", " ", found[1].lower()).replace("w.europe", "w. europe")
            return _cut(text, found), names[key]
    for pattern in (_PLACE, _ZONE_NAME):
        found = pattern.search(text)
        if found is None:
            continue
        name = _PLACES.get(found[1].lower(), found[1])
        try:
            ZoneInfo(name)
        except (ZoneInfoNotFoundError, ValueError):
            continue
        return _cut(text, found), name
    offset = _OFFSET.search(text)
    if offset is not None and offset[3] in (None, "00"):
        hours = int(offset[2]) if offset[1] == "+" else -int(offset[2])
        if -12 <= hours <= 14:
            # Etc/GMT-1 is an hour *ahead* of UTC: the tz database keeps the POSIX sign.
            return _cut(text, offset), "UTC" if hours == 0 else f"Etc/GMT{-hours:+d}"
    return _day_zone(text, tz)


def _day_zone(text: str, tz: str) -> tuple[str, str]:
    """The text without a zone named beside a day with no clock time, and that zone."""
    if (alone := _DAY_ZONE.search(text)) and not _CLOCK.search(text):
        return _cut(text, alone), _DAY_ZONES[alone[1]]
    return text, tz


def _cut(text: str, found: re.Match) -> str:
    return f"{text[: found.start()]} {text[found.end() :]}".strip()
