"""Datasette's own CSV (the `.csv` link on every list) with the export's rule for formula cells.

`fundwatch export --format csv` starts a text cell a spreadsheet would run as a formula with `'`
(notifier/export/SCHEMA.md); Datasette writes the tables' cells as they are stored, so a funder
named `=HYPERLINK(…)` ran in the spreadsheet of whoever opened the served CSV. This middleware
rewrites those answers record by record, as Datasette streams them: a record's cells are only
rewritten once the record is whole (a quoted cell may hold line breaks, a chunk may end inside a
UTF-8 character), and a record with no such cell comes out as the same bytes.
"""

from __future__ import annotations

import codecs
import csv
import io
from collections.abc import Callable

from notifier.export.records import spreadsheet_cell

_CSV_TYPES = (b"text/csv", b"text/plain")


def record_end(text: str) -> int:
    """Where the last whole record of `text` ends: just after its last line break outside quotes
    (0 when there is none). A quote mark toggles quoting, `""` twice, so parity is enough."""
    quotes_after = 0  # quote marks from the break being looked at to the end
    end = len(text)
    total = text.count('"')
    while (brk := text.rfind("\n", 0, end)) != -1:
        quotes_after += text.count('"', brk, end)
        if (total - quotes_after) % 2 == 0:
            return brk + 1
        end = brk
    return 0


def safe_records(text: str) -> str:
    """Whole CSV records with each formula cell made text, written as Datasette writes them."""
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\r\n")
    for row in csv.reader(io.StringIO(text, newline="")):
        writer.writerow([spreadsheet_cell(cell) for cell in row])
    return out.getvalue()


class CsvCells:
    """One CSV answer's body, fed chunk by chunk; each call gives the bytes ready to send."""

    def __init__(self) -> None:
        self._decoder = codecs.getincrementaldecoder("utf-8")(errors="replace")
        self._pending = ""

    def feed(self, data: bytes, *, final: bool) -> bytes:
        text = self._pending + self._decoder.decode(data, final=final)
        cut = len(text) if final else record_end(text)
        self._pending = text[cut:]
        return safe_records(text[:cut]).encode("utf-8")


def _is_csv(message: dict) -> bool:
    headers = {k.lower(): v for k, v in message.get("headers") or []}
    kind = headers.get(b"content-type", b"").split(b";")[0].strip().lower()
    return message.get("status") == 200 and kind in _CSV_TYPES


def safe_csv(app: Callable) -> Callable:
    """ASGI middleware: a `.csv` answer's formula cells made text (see the module docstring)."""

    async def answer(scope, receive, send):
        if scope.get("type") != "http" or not scope.get("path", "").endswith(".csv"):
            await app(scope, receive, send)
            return
        cells: CsvCells | None = None

        async def sending(message):
            nonlocal cells
            if message["type"] == "http.response.start" and _is_csv(message):
                cells = CsvCells()
                kept = [
                    (k, v)
                    for k, v in message.get("headers") or []
                    if k.lower() != b"content-length"
                ]
                message = {**message, "headers": kept}  # the body's length changes
            elif message["type"] == "http.response.body" and cells is not None:
                final = not message.get("more_body", False)
                message = {**message, "body": cells.feed(message.get("body", b""), final=final)}
            await send(message)

        await app(scope, receive, sending)

    return answer
