"""An api source's CSV answer (a Google Sheet "published to the web" as .csv, a council's open-data
download) as the JSON an api reads: a list of one object a row, keyed by the header row, so `item:
"[*]"` and fields such as `'"Closing date"'` read it as they would JSON. A row with no cell filled
(a sheet's spacer) is no row.

Returns (data, problem), as spiders/page_json.py does.
"""

from __future__ import annotations

import csv
import io
from typing import Any
from urllib.parse import urlsplit

from scrapy.http import Response, TextResponse

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
    rows = [
        {key.strip(): (value or "").strip() for key, value in row.items() if key is not None}
        for row in csv.DictReader(io.StringIO(text))
    ]
    rows = [row for row in rows if any(row.values())]
    if not rows:
        kind = content_type(response, missing="")
        return None, f"no rows in the CSV on {response.url} ({kind}): the sheet may be empty"
    return rows, None
