"""JSON and CSV of every live call, written as they are read.

A national repository keeps closed calls for their history, so "every live call" grows without end:
built whole in memory, a 20,000-call JSON export took 878 MB. Here the calls are read in batches
inside one read snapshot (a crawl committing meanwhile changes nothing the export sees), each
batch's listings looked up by id, and the document yielded piece by piece. The bytes are those of
the whole document dumped at once (`records.json_document`), so an unchanged repository still
exports the same file.
"""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Iterator
from datetime import datetime
from itertools import islice

from config.clock import parse_iso
from notifier.alerts import Labels, OpportunityView
from notifier.export import records
from notifier.export.scope import Scope
from storage import exports
from storage.transactions import CHUNK, Reader, read_snapshot

# Calls built and written at a time: as many as one lookup of their listings takes.
BATCH = CHUNK


def kept_rows(conn: Reader, scope: Scope, labels: Labels, now: datetime) -> Iterator[dict]:
    """The live calls this scope keeps, in the export's stable order."""
    for row in exports.live_opportunities(conn, tag=scope.tag):
        if scope.keeps(OpportunityView.from_row(row, labels), now):
            yield row


def survey(
    conn: Reader, scope: Scope, labels: Labels, now: datetime
) -> tuple[int, datetime | None]:
    """How many calls the export holds, and the latest change among them (its Last-Modified)."""
    count, last = 0, None
    for row in kept_rows(conn, scope, labels, now):
        count += 1
        changed = parse_iso(row.get("last_changed") or row.get("first_seen"))
        if changed is not None and (last is None or changed > last):
            last = changed
    return count, last


def _batches(conn: Reader, scope: Scope, labels: Labels, now: datetime) -> Iterator[list[tuple]]:
    """(record, row) pairs, a batch at a time, each call with its listings."""
    rows = kept_rows(conn, scope, labels, now)
    while batch := list(islice(rows, BATCH)):
        listings = exports.listings_of(conn, [row["id"] for row in batch])
        yield [(records.record(row, labels, listings.get(row["id"], [])), row) for row in batch]


def json_chunks(
    conn: Reader, scope: Scope, labels: Labels, now: datetime, count: int
) -> Iterator[str]:
    """The JSON document in pieces: its head (with `count`), each record, its end."""
    head = records.json_document([], scope_label=scope.label, now=now, count=count)
    opening, closing = head.rsplit("[]", 1)  # '…"items": ' and '\n}\n'
    yield opening + "["
    first = True
    for batch in _batches(conn, scope, labels, now):
        pieces = []
        for item, _row in batch:
            # As json.dumps indents a list item two levels down; a string never holds a raw newline.
            text = json.dumps(item, ensure_ascii=False, indent=2).replace("\n", "\n    ")
            pieces.append(("\n    " if first else ",\n    ") + text)
            first = False
        yield "".join(pieces)
    yield ("]" if first else "\n  ]") + closing


def csv_chunks(conn: Reader, scope: Scope, labels: Labels, now: datetime) -> Iterator[str]:
    out = io.StringIO()
    writer = csv.DictWriter(out, fieldnames=records.CSV_COLUMNS, lineterminator="\r\n")
    writer.writeheader()
    for batch in _batches(conn, scope, labels, now):
        writer.writerows(records.csv_row(item, row) for item, row in batch)
        yield out.getvalue()
        out.seek(0)
        out.truncate()
    yield out.getvalue()


def _pieces(
    fmt: str, conn: Reader, scope: Scope, labels: Labels, now: datetime, count: int
) -> Iterator[str]:
    if fmt == "json":
        return json_chunks(conn, scope, labels, now, count)
    return csv_chunks(conn, scope, labels, now)


def data_chunks(
    fmt: str, conn: Reader, scope: Scope, labels: Labels, now: datetime
) -> Iterator[str]:
    """The JSON or CSV export in pieces, read in one snapshot: for writing as it is built."""
    with read_snapshot(conn):
        # JSON states its count before the items; CSV needs no first pass.
        count = survey(conn, scope, labels, now)[0] if fmt == "json" else 0
        yield from _pieces(fmt, conn, scope, labels, now, count)


def data_text(
    fmt: str, conn: Reader, scope: Scope, labels: Labels, now: datetime
) -> tuple[str, datetime | None]:
    """The whole JSON or CSV export and its Last-Modified."""
    with read_snapshot(conn):
        count, last = survey(conn, scope, labels, now)
        return "".join(_pieces(fmt, conn, scope, labels, now, count)), last
