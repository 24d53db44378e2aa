"""An unchanged re-crawl at scale: a real `fundwatch crawl` of the generated listing site
(benchmarks/crawl_site.py, PAGES pages × 10 calls, politeness off), then the same crawl again with
nothing changed on the site. Not a test.

Figures: the share of the second crawl's requests the site answered 304 Not Modified, the rows the
second crawl wrote outside the run log (every table compared, the full-text index included), and the
second crawl's time beside the first's (the anchor: the same crawl storing every call).

    .venv/bin/python benchmarks/recrawl_unchanged.py [PAGES]

Targets ([8/9]): ≥ 90 % of requests answered 304; zero rows written outside the run log.
"""

from __future__ import annotations

import hashlib
import os
import sqlite3
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from crawl_site import SOURCE_ID, TimedSite, build_site, write_config  # noqa: E402

from storage.db import open_db  # noqa: E402
from storage.runs import latest_runs  # noqa: E402


def fingerprint(db_path: Path) -> dict[str, tuple[int, str]]:
    """(rows, a hash of every row) per table, the run log left out."""
    conn = sqlite3.connect(db_path)
    try:
        tables = [
            name
            for (name,) in conn.execute("SELECT name FROM sqlite_master WHERE type = 'table'")
            if name != "runs"
        ]
        out = {}
        for table in tables:
            digest, count = hashlib.sha256(), 0
            for row in conn.execute(f'SELECT * FROM "{table}" ORDER BY 1'):
                digest.update(repr(row).encode())
                count += 1
            out[table] = (count, digest.hexdigest())
        return out
    finally:
        conn.close()


def crawl(config: Path, db: Path) -> float:
    env = {**os.environ, "FUNDWATCH_ALLOW_LOOPBACK": "1", "FUNDWATCH_CRAWL_PROGRESS": "never"}
    command = [sys.executable, "-m", "notifier.cli", "--config", str(config), "--db", str(db)]
    start = time.perf_counter()
    done = subprocess.run(
        [*command, "crawl", SOURCE_ID], cwd=ROOT, env=env, capture_output=True, text=True
    )
    took = time.perf_counter() - start
    if done.returncode:
        sys.exit(f"fundwatch crawl failed ({done.returncode}):\n{done.stdout}\n{done.stderr}")
    return took


def main() -> None:
    pages = int(sys.argv[1]) if len(sys.argv) > 1 else 200
    with TimedSite() as site, tempfile.TemporaryDirectory(prefix="fundwatch-recrawl-") as tmp:
        starts = build_site(site, pages)
        config, db = Path(tmp) / "config", Path(tmp) / "fundwatch.db"
        write_config(config, site.base_url, starts, pages)
        first = crawl(config, db)
        before = fingerprint(db)
        site.clear_log()
        second = crawl(config, db)
        hits = site.hits
        after = fingerprint(db)
        database = open_db(db)
        run = latest_runs(database)[SOURCE_ID]
        database.close()
    answered = [h for h in hits if h.path != "/robots.txt"]
    not_modified = sum(1 for h in answered if h.status == 304)
    touched = sorted(t for t in after if after[t] != before.get(t))
    print(
        f"unchanged re-crawl of {pages} pages × 10 calls: {not_modified}/{len(answered)} requests "
        f"answered 304 ({not_modified / max(len(answered), 1):.0%}; target ≥ 90 %); "
        f"tables written outside the run log: {', '.join(touched) or 'none'} (target none); "
        f"run outcome {run['outcome']}, {run['new']} new, {run['changed']} changed"
    )
    print(
        f"time: re-crawl {second:.1f} s beside the first crawl storing every call {first:.1f} s "
        f"(ratio {second / first:.2f}; both include the command's start-up)"
    )


if __name__ == "__main__":
    main()
