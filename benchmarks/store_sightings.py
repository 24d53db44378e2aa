"""Print how fast sightings are stored: a first crawl (all new) and an unchanged re-crawl."""

from __future__ import annotations

import sys
import tempfile
import time
from datetime import UTC, datetime, timedelta
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from storage.db import open_db  # noqa: E402
from storage.record import record_sighting  # noqa: E402
from storage.sighting import Sighting  # noqa: E402

COUNT = int(sys.argv[1]) if len(sys.argv) > 1 else 1000
NOW = datetime(2026, 11, 25, 9, tzinfo=UTC)


def record(n: int) -> Sighting:
    return Sighting(
        **{
            "source_id": "bench",
            "ref": f"https://funder.example.org/calls/{n}",
            "url": f"https://funder.example.org/calls/{n}",
            "title": f"Community energy call {n} round {n % 7}",
            "summary": "Councils can bid for net zero retrofit funding. " * 4,
            "funder": f"Funder {n % 40}",
            "opens_at": NOW,
            "closes_at": NOW + timedelta(days=30 + n % 90),
            "amount_min": 10_000.0,
            "amount_max": 50_000.0 + n,
            "amount_text": "£10,000 to £50,000",
            "status": "open",
            "eligibility": "Local authorities can apply.",
            "tags": ("net_zero",),
            "council_eligible": "yes",
            "eligibility_phrase": "Local authorities can apply",
        }
    )


with tempfile.TemporaryDirectory() as folder:
    db = open_db(Path(folder) / "bench.db")
    for label in ("first crawl (all new)", "re-crawl (unchanged)"):
        start = time.perf_counter()
        for n in range(COUNT):
            record_sighting(db, record(n), run_id=1, now=NOW)
        took = time.perf_counter() - start
        print(f"{label}: {COUNT} sightings in {took:.2f} s, {COUNT / took:.0f} per second")
