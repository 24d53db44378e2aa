"""Dates as JSON services write them that no page would: WCF and ASP.NET's "\\/Date(1805025600000)\\/"
(SharePoint 2010's listdata.svc, ASMX web services), milliseconds since 1970 in UTC. An offset after
them ("+0100") names the server's zone for display; the milliseconds are UTC already. And a JSON
number for a date (a Java or JavaScript back end's epoch milliseconds, 1801224000000; a Unix
timestamp in seconds, 1801224000), UTC.
"""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from config.lazy_pattern import lazy_pattern

_WCF_DATE = lazy_pattern(r"^\\?/Date\((-?\d{1,15})(?:[+-]\d{4})?\)\\?/$")
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


# A spreadsheet's serial day (Excel, Google Sheets, LibreOffice: days since 30 December 1899, a
# fraction the time of day), as a sheet-backed API gives a date cell not formatted as a date:
# "46418" or 46418 is 31 January 2027, "46444.5" noon on 26 February 2027. Only serials of
# 1954–2119: a five-digit figure in a date field is nothing else (epoch seconds are ten digits,
# an ACF "20270131" eight), and a small number may be a count of days.
_SERIAL = lazy_pattern(r"^\s*(\d{5})(?:\.(\d+))?\s*$")
_SERIAL_SPAN = (20000, 80000)
_SERIAL_ZERO = datetime(1899, 12, 30)


def sheet_serial_date(value: object) -> str | None:
    """A spreadsheet serial day as a local date ("2027-01-31") or date and time
    ("2027-02-26T12:00"), with no zone: the sheet's own, the source's `timezone`. None for
    anything else."""
    if isinstance(value, bool) or not isinstance(value, str | int | float):
        return None
    match = _SERIAL.match(str(value))
    if match is None or not _SERIAL_SPAN[0] <= int(match[1]) < _SERIAL_SPAN[1]:
        return None
    when = _SERIAL_ZERO + timedelta(days=float(str(value).strip()))
    minutes = round((when - when.replace(hour=0, minute=0, second=0, microsecond=0)).seconds / 60)
    if minutes == 0:
        return when.date().isoformat()
    day = when.replace(hour=0, minute=0, second=0, microsecond=0) + timedelta(minutes=minutes)
    return day.strftime("%Y-%m-%dT%H:%M")
