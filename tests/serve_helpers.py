"""The served repository in-process (Datasette's own test client), with a frozen "now"."""

from __future__ import annotations

import asyncio
from datetime import UTC, datetime
from pathlib import Path

from notifier.web.app import make_datasette
from tests.web_helpers import make_site

SERVED_NOW = datetime(2026, 12, 4, 9, tzinfo=UTC)


class Client:
    """Datasette's ASGI test client, driven from plain test functions on one event loop."""

    def __init__(self, datasette):
        self.datasette = datasette
        self.loop = asyncio.new_event_loop()

    def get(self, path: str, **headers: str):
        return self.loop.run_until_complete(
            self.datasette.client.get(path, headers=headers or None)
        )

    def close(self) -> None:
        for database in self.datasette.databases.values():
            database.close()
        self.loop.close()


def served(tmp_path: Path, *, allow_sql: bool = False) -> tuple[Client, dict[str, str]]:
    config, db_path, ids = make_site(tmp_path)
    datasette = make_datasette(db_path, config, allow_sql=allow_sql, now=lambda: SERVED_NOW)
    return Client(datasette), ids
