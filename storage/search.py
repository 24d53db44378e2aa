"""Full-text search over title, summary and funder (FTS5, ranked)."""

from __future__ import annotations

import re
from typing import Any

from sqlite_utils import Database

_TOKEN = re.compile(r"[\w£]+", re.UNICODE)


def fts_query(text: str) -> str:
    """Each word quoted, so user text can never be FTS syntax; all words must appear."""
    return " ".join(f'"{word}"' for word in _TOKEN.findall(text))


def search_opportunities(db: Database, text: str, *, limit: int = 20) -> list[dict[str, Any]]:
    query = fts_query(text)
    if not query:
        return []
    return list(
        db.query(
            """select o.* from opportunities o
               join opportunities_fts f on f.rowid = o.rowid
               where opportunities_fts match :q and o.removed_at is null
               order by bm25(opportunities_fts), o.closes_at
               limit :limit""",
            {"q": query, "limit": limit},
        )
    )
