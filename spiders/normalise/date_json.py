"""Dates as JSON services write them that no page would: WCF and ASP.NET's "\\/Date(1805025600000)\\/"
(SharePoint 2010's listdata.svc, ASMX web services), milliseconds since 1970 in UTC. An offset after
them ("+0100") names the server's zone for display; the milliseconds are UTC already. And a JSON
number for a date (a Java or JavaScript back end's epoch milliseconds, 1801224000000; a Unix
timestamp in seconds, 1801224000), UTC.
"""

from __future__ import annotations

import re
from datetime import UTC, datetime

_WCF_DATE = re.compile(r"^\\?/Date\((-?\d{1,15})(?:[+-]\d{4})?\)\\?/$")
# Seconds of 1900-01-01 and 2200-01-01: .NET's empty DateTime.MinValue (year 1) is no date.
_EARLIEST, _LATEST = -2208988800, 7258118400


def json_date(text: str) -> datetime | None:
    """'/Date(1805025600000)/' → 2027-03-14T12:00Z; None for anything else."""
    match = _WCF_DATE.match(text.strip())
    if match is None:
        return None
    seconds = int(match[1]) / 1000
    return datetime.fromtimestamp(seconds, UTC) if _EARLIEST <= seconds < _LATEST else None


# Epoch milliseconds and seconds of 2000-01-01 and 2100-01-01: a figure outside both is no timestamp
# (an ACF date as a number, 20270226, is a day written out, not seconds of 1970).
_MS_SPAN = (946684800000, 4102444800000)
_SECONDS_SPAN = (946684800, 4102444800)


def epoch_date(value: int | float) -> str | None:
    """A JSON number for a date as ISO 8601 UTC: milliseconds (1801224000000) or seconds
    (1801224000) since 1970, told apart by size; None for a number that is neither."""
    if isinstance(value, bool):
        return None
    if _MS_SPAN[0] <= value < _MS_SPAN[1]:
        seconds = value / 1000
    elif _SECONDS_SPAN[0] <= value < _SECONDS_SPAN[1]:
        seconds = value
    else:
        return None
    return datetime.fromtimestamp(seconds, UTC).isoformat()
