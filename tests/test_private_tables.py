"""Every table a migration makes is either served or private, by a decision written down here: a new
table holding who is subscribed or what was sent where (an address, a channel) must not reach
`fundwatch serve` because nobody thought to hide it. m017's mail_receipts (recipients' addresses)
was served until this test existed."""

from __future__ import annotations

import sqlite3
from datetime import UTC, datetime

from sqlite_utils import Database

from storage.db import open_db
from storage.mail_receipts import received
from storage.migrations import migrations
from storage.web_queries import PRIVATE_TABLES, prepare

# What the browsable repository shows: calls, their history, the sources' runs and health.
SERVED = {
    "opportunities",
    "listings",
    "versions",
    "events",
    "runs",
    "source_health",
    "first_round",
}


def test_every_table_is_served_or_private_by_decision(tmp_path):
    db = open_db(tmp_path / "fundwatch.db")
    tables = {name for name in db.table_names() if not name.startswith("opportunities_fts")}
    db.close()
    undecided = tables - SERVED - set(PRIVATE_TABLES)
    assert not undecided, f"decide whether these are served or private: {sorted(undecided)}"
    assert "mail_receipts" in PRIVATE_TABLES and "outbox" in PRIVATE_TABLES


def test_mail_receipts_are_unreadable_to_the_operators_sql(tmp_path):
    db = open_db(tmp_path / "fundwatch.db")
    db.conn.execute(
        "INSERT INTO mail_receipts (outbox_id, recipient, answered_at) VALUES (1, 'a@b.example', 'x')"
    )
    db.conn.commit()
    db.close()
    conn = sqlite3.connect(f"file:{tmp_path / 'fundwatch.db'}?mode=ro", uri=True)
    prepare(conn, lambda: datetime(2026, 11, 25, tzinfo=UTC))  # as serve opens each connection
    assert conn.execute("SELECT recipient FROM mail_receipts").fetchall() == [(None,)]


def test_a_repository_from_before_the_rename_keeps_its_receipts_as_answered_at(tmp_path):
    # m020: `accepted_at` also dated refusals (m018), so it is `answered_at` now; nothing is lost.
    path = tmp_path / "old.db"
    migrations.apply(Database(path), stop_before="m020_mail_receipts_answered_at")
    old = Database(path)
    old["mail_receipts"].insert(
        {"outbox_id": 1, "recipient": "a@b.example", "accepted_at": "2026-11-25T09:00:00+00:00"}
    )
    old.close()
    db = open_db(path)
    rows = list(db.query("SELECT outbox_id, recipient, answered_at FROM mail_receipts"))
    assert received(db, [1], ["a@b.example"]) == {"a@b.example": {1: None}}
    db.close()
    assert rows == [
        {"outbox_id": 1, "recipient": "a@b.example", "answered_at": "2026-11-25T09:00:00+00:00"}
    ]
