"""Dates as JSON services write them that no page would: WCF and ASP.NET's "\\/Date(1805025600000)\\/"
(SharePoint 2010's listdata.svc, ASMX web services), milliseconds since 1970 in UTC. An offset after
them ("+0100") names the server's zone for display; the milliseconds are UTC already.
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
