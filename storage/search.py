"""Reading the repository as people ask: full-text search (FTS5, ranked), and what a crawl stored."""

from __future__ import annotations

import json
import re
from collections import Counter
from typing import Any

from sqlite_utils import Database

from config.lazy_pattern import lazy_pattern
from storage.transactions import rows

_TOKEN = lazy_pattern(r"([\w£]+)(\*?)", re.UNICODE)


def fts_query(text: str) -> str:
    """Each word quoted, so user text can never be FTS syntax; all words must appear. A trailing
    `*` stands for the rest of the word, as in keywords (`park*` finds "parks"): an officer
    searching "park" for "Green Parks Grant" found nothing, with no way to ask for more."""
    return " ".join(f'"{word}"{star}' for word, star in _TOKEN.findall(text))


def search_opportunities(db: Database, text: str, *, limit: int = 20) -> list[dict[str, Any]]:
    query = fts_query(text)
    if not query:
        return []
    return rows(
        db.conn.execute(
            """SELECT o.* FROM opportunities o
               JOIN opportunities_fts f ON f.rowid = o.rowid
               WHERE opportunities_fts MATCH :q AND o.removed_at IS NULL
               ORDER BY bm25(opportunities_fts), o.closes_at
               LIMIT :limit""",
            {"q": query, "limit": limit},
        )
    )


def live_summary(db: Database) -> tuple[int, int, Counter]:
    """Live opportunities: how many, how many merged across sources, and how many per tag."""
    live = rows(
        db.conn.execute("SELECT tags, source_ids FROM opportunities WHERE removed_at IS NULL")
    )
    merged = sum(len(json.loads(r["source_ids"] or "[]")) > 1 for r in live)
    tags = Counter(tag for r in live for tag in json.loads(r["tags"] or "[]"))
    return len(live), merged, tags
