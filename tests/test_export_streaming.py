"""JSON and CSV exports are written as they are read, a batch of calls at a time, never whole in
memory: the pieces are byte for byte the whole document dumped at once, whatever the batch size,
and they come from one snapshot even when a crawl commits between two batches."""

from __future__ import annotations

import csv
import io
import json
from datetime import UTC, datetime

import pytest

from notifier.alerts import OpportunityView
from notifier.export import data, records
from notifier.export.data import data_chunks, data_text
from notifier.export.scope import ALL
from storage import exports
from storage.db import open_db
from tests.web_helpers import make_site

NOW = datetime(2026, 12, 4, 9, tzinfo=UTC)


@pytest.fixture
def repository(tmp_path):
    config, db_path, _ = make_site(tmp_path, moved=False)
    return config, db_path


def whole_document(fmt: str, db, labels) -> str:
    """The export as it was built before streaming: every record in memory, dumped at once."""
    rows = [
        row
        for row in exports.live_opportunities(db)
        if ALL.keeps(OpportunityView.from_row(row, labels), NOW)
    ]
    listings = exports.listings_of(db, [row["id"] for row in rows])
    items = [records.record(row, labels, listings.get(row["id"], [])) for row in rows]
    if fmt == "json":
        return records.json_document(items, scope_label=ALL.label, now=NOW)
    out = io.StringIO()
    writer = csv.DictWriter(out, fieldnames=records.CSV_COLUMNS, lineterminator="\r\n")
    writer.writeheader()
    writer.writerows(records.csv_row(item, row) for item, row in zip(items, rows, strict=True))
    return out.getvalue()


@pytest.mark.parametrize("fmt", ["json", "csv"])
@pytest.mark.parametrize("batch", [1, 2, 500])
def test_the_pieces_are_the_whole_document(repository, monkeypatch, fmt, batch):
    config, db_path = repository
    monkeypatch.setattr(data, "BATCH", batch)
    db = open_db(db_path, readonly=True)
    labels = config.labels()
    pieces = list(data_chunks(fmt, db, ALL, labels, NOW))
    expected = whole_document(fmt, db, labels)
    assert json.loads(whole_document("json", db, labels))["count"] >= 3  # several batches of 1 or 2
    assert "".join(pieces) == expected
    assert data_text(fmt, db, ALL, labels, NOW)[0] == expected


def test_an_empty_repository_exports_the_empty_document(tmp_path, repository):
    config, _ = repository
    db = open_db(tmp_path / "empty.db")
    text = "".join(data_chunks("json", db, ALL, config.labels(), NOW))
    assert text == records.json_document([], scope_label=ALL.label, now=NOW)
    assert json.loads(text)["items"] == []


def test_a_crawl_committing_between_batches_changes_nothing_the_export_sees(
    repository, monkeypatch
):
    config, db_path = repository
    monkeypatch.setattr(data, "BATCH", 1)
    reader = open_db(db_path, readonly=True)
    pieces = data_chunks("json", reader, ALL, config.labels(), NOW)
    head = next(pieces)  # the count is written: every call has been looked at once
    writer = open_db(db_path)
    with writer.conn:
        gone = writer.execute(
            "SELECT id FROM opportunities WHERE removed_at IS NULL ORDER BY first_seen DESC"
        ).fetchone()[0]
        writer.execute(
            "UPDATE opportunities SET removed_at = ? WHERE id = ?", [NOW.isoformat(), gone]
        )
        writer.execute("UPDATE listings SET url = 'https://moved.example.org/'")
    document = json.loads(head + "".join(pieces))
    assert document["count"] == len(document["items"])
    assert gone in {item["customFields"]["fundwatchId"]["value"] for item in document["items"]}
    urls = {
        s["url"] for item in document["items"] for s in item["customFields"]["sources"]["value"]
    }
    assert "https://moved.example.org/" not in urls
