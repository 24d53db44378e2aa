"""The served repository in-process (Datasette's own test client), with a frozen "now"; and a real
`fundwatch serve` on loopback, for the tests that need one."""

from __future__ import annotations

import asyncio
import subprocess
import time
import urllib.request
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import UTC, datetime
from pathlib import Path

import pytest

from notifier.web.app import make_datasette
from tests.crawl_helpers import ROOT, fundwatch_command
from tests.smtp_server import free_port
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


@contextmanager
def serving(config: Path, db_path: Path, env: dict[str, str]) -> Iterator[str]:
    """A real `fundwatch serve` on a free loopback port, its base URL once it answers (up to 30 s;
    the test fails with its output if it never does), stopped afterwards."""
    port = free_port()
    process = subprocess.Popen(
        [*fundwatch_command(config=config, db=db_path), "serve", "--port", str(port)],
        cwd=ROOT,
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
    )
    url = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + 30
        while True:
            try:
                urllib.request.urlopen(f"{url}/-/versions.json", timeout=2).read()
                break
            except OSError:
                if process.poll() is not None or time.monotonic() > deadline:
                    process.kill()
                    pytest.fail(f"fundwatch serve did not start: {process.stdout.read().decode()}")
                time.sleep(0.2)
        yield url
    finally:
        process.terminate()
        process.wait(timeout=10)
