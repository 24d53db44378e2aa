"""Run crawls in a child process and report per source: what `fundwatch crawl` and the scheduler call."""

from __future__ import annotations

import subprocess
import sys
import uuid
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from config.clock import now
from storage.db import open_db
from storage.runs import abandon_running, batch_runs, record_failed_run


@dataclass
class CrawlReport:
    batch: str
    runs: list[dict[str, Any]]
    returncode: int

    @property
    def failed(self) -> list[dict[str, Any]]:
        return [r for r in self.runs if r["outcome"] != "ok"]


def run_crawl(
    source_ids: list[str], *, config_dir: Path, db_path: Path, timeout: float | None = None
) -> CrawlReport:
    """Crawl these sources in a subprocess; every source gets a run row, even if the child dies."""
    batch = uuid.uuid4().hex[:12]
    command = [
        sys.executable,
        "-m",
        "spiders.crawl",
        "--config",
        str(config_dir),
        "--db",
        str(db_path),
        "--batch",
        batch,
        *source_ids,
    ]
    try:
        completed = subprocess.run(command, timeout=timeout, check=False)
        returncode = completed.returncode
    except subprocess.TimeoutExpired:
        returncode = -1
    db = open_db(db_path)
    reason = (
        "crawl timed out" if returncode == -1 else f"crawl process exited with code {returncode}"
    )
    if returncode != 0:
        abandon_running(db, batch, now(), reason)
    runs = batch_runs(db, batch)
    seen = {r["source_id"] for r in runs}
    for source_id in source_ids:
        if source_id not in seen:  # the child died before this source even started
            record_failed_run(
                db,
                source_id,
                batch,
                now(),
                f"crawl process exited with code {returncode} before this source started",
            )
    return CrawlReport(batch, batch_runs(db, batch), returncode)
