"""Start a crawl process and report per source: what `fundwatch crawl` and the scheduler call.

Every source named gets a run row whatever happens to the crawl process: one it never started is
recorded as failed, and one it left `running` (killed, cut off, or its last write failed) is closed
as failed with the reason.
"""

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
    """Crawl these sources in a child process; every source gets a run row, even if the child dies."""
    open_db(db_path).close()  # an unusable repository fails here, in one line, before any crawling
    batch = uuid.uuid4().hex[:12]
    command = [
        sys.executable,
        "-m",
        "spiders.crawl_process",
        "--config",
        str(config_dir),
        "--db",
        str(db_path),
        "--batch",
        batch,
        *source_ids,
    ]
    returncode: int | None
    try:
        returncode = subprocess.run(command, timeout=timeout, check=False).returncode
    except subprocess.TimeoutExpired:
        returncode = None  # subprocess.run has killed it
    if returncode is None:
        reason = f"crawl timed out after {timeout:g}s"
    elif returncode:
        reason = f"crawl process exited with code {returncode}"
    else:
        reason = "the crawl process ended without finishing this run"
    db = open_db(db_path)
    abandon_running(db, batch, now(), reason)
    seen = {r["source_id"] for r in batch_runs(db, batch)}
    for source_id in source_ids:
        if source_id not in seen:  # the child died before this source even started
            record_failed_run(
                db,
                source_id,
                batch,
                now(),
                f"{reason} before this source started",
            )
    report = CrawlReport(batch, batch_runs(db, batch), -1 if returncode is None else returncode)
    db.close()
    return report
