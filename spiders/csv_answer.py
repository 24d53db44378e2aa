"""An api source's CSV answer (a Google Sheet "published to the web" as .csv, a council's open-data
download) as the JSON an api reads: a list of one object a row, keyed by the header row, so `item:
"[*]"` and fields such as `'"Closing date"'` read it as they would JSON. A row with no cell filled
(a sheet's spacer) is no row, and title rows above the header row (an Excel export's "Grants
register" and "Exported 24/11/2026" lines) are not headings.

Returns (data, problem), as spiders/page_json.py does.
"""

from __future__ import annotations

import csv
import io
from typing import Any
from urllib.parse import urlsplit

from scrapy.http import Response, TextResponse

from spiders.csv_delimiter import csv_delimiter
from spiders.failures import content_type

_CSV_TYPES = ("text/csv", "application/csv", "text/comma-separated-values")


# Types a server gives any file it has no better name for: then the file's own name decides.
_UNNAMED_TYPES = ("", "text/plain", "application/octet-stream", "binary/octet-stream")


def is_csv(response: Response) -> bool:
    """Sent as CSV, or sent as anything-at-all from a name that says CSV ("grants.csv"): council
    open-data portals often send a .csv as text/plain or application/octet-stream."""
    kind = content_type(response, missing="").lower().split(";")[0].strip()
    if kind in _CSV_TYPES:
        return True
    return kind in _UNNAMED_TYPES and urlsplit(response.url).path.lower().endswith(".csv")


def answer_rows(response: Response) -> tuple[Any, str | None]:
    # A sheet exported from Excel may start with a byte-order mark, which is not the first heading's.
    if isinstance(response, TextResponse):
        text = response.text.lstrip("\ufeff")
    else:
        text = response.body.decode("utf-8-sig", errors="replace")
    # An export parted by semicolons (OpenDataSoft's default) or tabs is read by them.
    reader = csv.reader(io.StringIO(text), delimiter=csv_delimiter(text))
    lines = [[cell.strip() for cell in line] for line in reader]
    start = header_index(lines)
    headings = lines[start] if start < len(lines) else []
    rows = [
        {key: value for key, value in zip(headings, line, strict=False)}
        for line in lines[start + 1 :]
    ]
    rows = [row for row in rows if any(row.values())]
    if not rows:
        kind = content_type(response, missing="")
        return None, f"no rows in the CSV on {response.url} ({kind}): the sheet may be empty"
    return rows, None


def header_index(lines: list[list[str]]) -> int:
    """Which line holds the headings: the first that fills more than half the cells the
    fullest line (and more than one). A file exported with a title and an "Exported …" line
    above its header (each one cell of text) was keyed by the title, and every call was lost
    as "missing title, url"; a header on the first line is still the first line."""
    counts = [sum(1 for cell in line if cell) for line in lines]
    fullest = max(counts, default=0)
    for index, count in enumerate(counts):
        if count > 1 and count * 2 > fullest:
            return index
    return 0
