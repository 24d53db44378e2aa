"""Routing at national size: EVENTS new events (default 100,000) for SUBSCRIPTIONS subscriptions
(default 2,000), through route_events (index → full check → outbox rows a page at a time), beside an
anchor from the same run: reading the same events and writing the same number of outbox rows raw.

    .venv/bin/python benchmarks/route_scale.py [EVENTS] [SUBSCRIPTIONS]

Target ([8/9]): 100,000 events × 2,000 subscriptions in under 5 s. The CPU time of each is printed
too: on a machine other work keeps busy, the wall clock waits for the CPU and says little.
"""

from __future__ import annotations

import json
import random
import sys
import tempfile
import time
from datetime import UTC, datetime, timedelta
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from config.models import Subscription  # noqa: E402
from notifier.route import route_events  # noqa: E402
from storage.db import open_db  # noqa: E402

NOW = datetime(2026, 11, 25, 9, tzinfo=UTC)
# A national vocabulary: councils' teams follow narrow topics, so one call matches a few dozen teams.
TAGS = [f"topic_{n}" for n in range(60)]
VERDICTS = ["yes", "partner", "no", "unclear"]
SOURCES = [f"source_{n}" for n in range(12)]
KEYWORDS = ["retrofit", "heat pump*", "cyber", "bus", "homeless*", "flood", "museum", "youth"]


def subscriptions(count: int, rng: random.Random) -> list[Subscription]:
    made = []
    for n in range(count):
        match: dict = {"tags": rng.sample(TAGS, rng.randint(1, 2))}
        if rng.random() < 0.7:
            match["council_eligible"] = ["yes", "partner"]
        if rng.random() < 0.3:
            match["min_amount"] = rng.choice([10_000, 100_000, 1_000_000])
        if rng.random() < 0.4:
            match["keywords"] = rng.sample(KEYWORDS, 2)
        if rng.random() < 0.2:
            match["sources"] = rng.sample(SOURCES, 3)
        made.append(
            Subscription.model_validate(
                {
                    "id": f"team_{n}",
                    "match": match,
                    "events": ["new", "changed", "closing_soon"],
                    "email": {"to": [f"team{n}@council.example"], "cadence": "daily"},
                }
            )
        )
    return made


def fill(db, events: int, rng: random.Random) -> None:
    stamp = NOW.isoformat()
    opportunities, rows = [], []
    for n in range(events):
        words = rng.sample(KEYWORDS, 1)[0].rstrip("*")
        opportunities.append(
            (
                f"opp_{n}",
                f"Fund {n} for {words}",
                f"Grants for councils: {words} projects.",
                "A funder",
                f"https://funder.example/{n}",
                (NOW + timedelta(days=rng.randrange(1, 300))).isoformat(),
                rng.choice([None, 50_000.0, 500_000.0, 5_000_000.0]),
                "open",
                rng.choice(VERDICTS),
                json.dumps(sorted(rng.sample(TAGS, rng.randint(1, 2)))),
                json.dumps([rng.choice(SOURCES)]),
                stamp,
                stamp,
            )
        )
        rows.append((f"opp_{n}", "new", stamp))
    db.execute("BEGIN IMMEDIATE")
    db.conn.executemany(
        "INSERT INTO opportunities (id, title, summary, funder, url, closes_at, amount_max, status, "
        "council_eligible, tags, source_ids, first_seen, last_seen) "
        "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
        opportunities,
    )
    db.conn.executemany(
        "INSERT INTO events (opportunity_id, kind, created_at) VALUES (?, ?, ?)", rows
    )
    db.execute("COMMIT")


def anchor(db, outbox_rows: int) -> float:
    """Read every event with its opportunity, and write as many outbox-shaped rows, raw."""
    start = time.perf_counter()
    db.execute(
        "SELECT e.id, e.kind, o.* FROM events e JOIN opportunities o ON o.id = e.opportunity_id"
    ).fetchall()
    db.execute("CREATE TEMP TABLE anchor (a, b, c, d, e, f, g, h, i)")
    db.execute("BEGIN")
    db.conn.executemany(
        "INSERT INTO anchor VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
        [("t", "o", n, "new", "new", "email", "daily", "x", "y") for n in range(outbox_rows)],
    )
    db.execute("COMMIT")
    return time.perf_counter() - start


if __name__ == "__main__":
    events = int(sys.argv[1]) if len(sys.argv) > 1 else 100_000
    count = int(sys.argv[2]) if len(sys.argv) > 2 else 2_000
    rng = random.Random(42)
    subs = subscriptions(count, rng)
    with tempfile.TemporaryDirectory() as folder:
        db = open_db(Path(folder) / "route.db")
        fill(db, events, rng)
        start, cpu = time.perf_counter(), time.process_time()
        summary = route_events(db, subs, NOW)
        took, cpu = time.perf_counter() - start, time.process_time() - cpu
        raw_cpu = time.process_time()
        raw = anchor(db, summary.outbox_rows)
        raw_cpu = time.process_time() - raw_cpu
    pairs = events * count
    print(
        f"routed {summary.events:,} events × {count:,} subscriptions ({pairs / 1e6:,.0f}M pairs) "
        f"into {summary.outbox_rows:,} outbox rows in {took:.1f} s, {cpu:.1f} s of CPU "
        f"(anchor: reading the events and writing the rows raw {raw:.1f} s, {raw_cpu:.1f} s of CPU, "
        f"ratio {took / raw:.1f}); target < 5 s"
    )
