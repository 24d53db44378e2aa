"""Print how fast `fundwatch serve` answers on a national-size repository (not a test).

Builds a temporary repository of 50,000 opportunities through the real storage code (listings from
twelve sources, a quarter seen on two of them, a tenth changed once so they have versions), serves
it with Datasette + uvicorn on loopback, and times real HTTP requests: the home page, searches,
and facet clicks (a topic, a verdict, a closing month, a source), each varied over its values.
Prints p50 / p95 / max per kind beside an anchor measured in the same run (Datasette's own
/-/versions.json, which touches no data), so figures from different machines can be compared.

    .venv/bin/python benchmarks/serve_at_scale.py [COUNT] [REQUESTS_PER_KIND]
"""

from __future__ import annotations

import http.client
import random
import socket
import statistics
import sys
import tempfile
import threading
import time
from datetime import UTC, datetime, timedelta
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

import uvicorn  # noqa: E402

from notifier.configuration import load_config  # noqa: E402
from notifier.web.app import make_datasette  # noqa: E402
from storage.db import open_db  # noqa: E402
from storage.record import record_sightings  # noqa: E402
from storage.sighting import Sighting  # noqa: E402

COUNT = int(sys.argv[1]) if len(sys.argv) > 1 else 50_000
REQUESTS = int(sys.argv[2]) if len(sys.argv) > 2 else 40
NOW = datetime(2026, 11, 25, 9, tzinfo=UTC)
ROOT = Path(__file__).resolve().parent.parent
WORDS = (
    "community energy retrofit digital housing transport bus cycling heat network innovation "
    "research data care homes regeneration high street fund programme round pilot local "
    "authority council net zero flood resilience library youth skills employment culture "
    "heritage broadband electric vehicle charging active travel social prescribing"
).split()
# Ordinary words: 3,000 made-up ones, so a search term is as selective as in real text.
FILLER = [f"{a}{b}{c}" for a in ("ba", "de", "fo", "ki", "lu", "me", "no", "pa", "ri", "su")
          for b in ("la", "ne", "ro", "ti", "vu", "za", "co", "mi", "pe", "sa")
          for c in ("n", "r", "s", "t", "l", "m", "k", "d", "p", "g", "b", "f", "h", "v", "w",
                    "x", "y", "z", "j", "q", "ch", "sh", "th", "ng", "st", "nd", "rt", "ld",
                    "mp", "nt")]  # fmt: skip
SEARCHES = ["heat network", "retrofit", "active travel", "youth", "flood", "broadband",
            "social care", "library", "electric vehicle", "heritage"]  # fmt: skip


def text(rnd: random.Random, topical: int, filler: int) -> str:
    """Words as funding text has them: a few topic words among many ordinary ones."""
    words = [rnd.choice(WORDS) for _ in range(topical)] + [
        rnd.choice(FILLER) for _ in range(filler)
    ]
    if rnd.random() < 0.4:
        words.append("council")  # the one word in almost half of all calls
    rnd.shuffle(words)
    return " ".join(words)


def sighting(rnd: random.Random, n: int, sources: list[str], tags: list[str], source: str):
    closes = NOW + timedelta(days=rnd.randint(-200, 300), hours=rnd.choice([0, 12, 16]))
    words = text(rnd, 2, 4)
    return Sighting(
        source_id=source,
        ref=f"call-{n}",
        url=f"https://funder{n % 300}.example.org/calls/{n}",
        title=f"{words.capitalize()} {n}",
        summary=text(rnd, 3, 80),
        funder=f"Funder {n % 300}",
        opens_at=NOW - timedelta(days=rnd.randint(0, 400)),
        closes_at=closes,
        amount_min=float(rnd.choice([5_000, 10_000, 50_000])),
        amount_max=float(rnd.randint(2, 500) * 1_000),
        amount_text="Up to £500,000",
        status=rnd.choice(["open", "open", "open", "closed", "upcoming"]),
        eligibility=text(rnd, 1, 40),
        tags=tuple(sorted(rnd.sample(tags, rnd.randint(0, 3)))),
        council_eligible=rnd.choice(["yes", "partner", "no", "unclear"]),
        eligibility_phrase="Local authorities can apply",
    )


def build(path: Path, sources: list[str], tags: list[str], count: int = COUNT) -> None:
    rnd = random.Random(2026)
    db = open_db(path)
    page: list[Sighting] = []
    start = time.perf_counter()
    for n in range(count):
        first = sources[n % len(sources)]
        page.append(sighting(rnd, n, sources, tags, first))
        if n % 4 == 0:  # the same call on a second source: same URL, so merged
            twin = page[-1].model_copy(update={"source_id": sources[(n + 5) % len(sources)]})
            page.append(twin)
        if len(page) >= 500:
            record_sightings(db, page, run_id=None, now=NOW - timedelta(days=rnd.randint(1, 30)))
            page = []
    if page:
        record_sightings(db, page, run_id=None, now=NOW - timedelta(days=3))
    # A tenth of the calls change their closing date: a version and a `changed` event each.
    changed = []
    for n in range(0, count, 10):
        again = sighting(random.Random(n), n, sources, tags, sources[n % len(sources)])
        changed.append(again.model_copy(update={"closes_at": NOW + timedelta(days=40 + n % 60)}))
    for i in range(0, len(changed), 500):
        record_sightings(db, changed[i : i + 500], run_id=None, now=NOW - timedelta(days=1))
    db.close()
    print(f"built {count:,} opportunities in {time.perf_counter() - start:.0f} s ({path})")


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def serve(path: Path, config, port: int) -> uvicorn.Server:
    clock_now = lambda: NOW  # noqa: E731 (the repository's "now")
    app = make_datasette(path, config, now=clock_now).app()
    server = uvicorn.Server(uvicorn.Config(app, host="127.0.0.1", port=port, log_level="error"))
    threading.Thread(target=server.run, daemon=True).start()
    while not server.started:
        time.sleep(0.05)
    return server


def timed(conn: http.client.HTTPConnection, path: str) -> float:
    start = time.perf_counter()
    conn.request("GET", path)
    response = conn.getresponse()
    body = response.read()
    took = (time.perf_counter() - start) * 1000
    if response.status != 200 or not body:
        raise SystemExit(f"{path}: HTTP {response.status}")
    return took


def run(conn, label: str, paths: list[str]) -> tuple[str, list[float]]:
    for path in paths[:3]:
        timed(conn, path)  # warm-up: first connections, templates compiled
    return label, [timed(conn, paths[i % len(paths)]) for i in range(REQUESTS)]


def main() -> None:
    config = load_config(ROOT / "config")
    sources = [s.id for s in config.sources]
    tags = sorted(config.tags)
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "national.db"
        build(path, sources, tags)
        port = free_port()
        server = serve(path, config, port)
        conn = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
        cold = timed(conn, "/")
        table = "/fundwatch/opportunities"
        facets = [f"{table}?_open=1&_tag={t}" for t in tags]
        facets += [f"{table}?council_eligible={v}" for v in ("yes", "partner", "no")]
        facets += [f"{table}?_closes_month=2027-0{m}" for m in range(1, 6)]
        facets += [f"{table}?_open=1&_source={s}" for s in sources[:4]]
        results = [
            run(conn, "anchor /-/versions.json", ["/-/versions.json"]),
            run(conn, "home page /", ["/"]),
            run(
                conn, "search", [f"{table}?_search={q.replace(' ', '+')}&_open=1" for q in SEARCHES]
            ),
            run(conn, "facet click", facets),
            run(conn, "search + facet", [f"{table}?_search=retrofit&_tag={t}" for t in tags]),
            run(conn, "broad search (40% match)", [f"{table}?_search=council"]),
            run(conn, "browse all (no filter)", [table]),
        ]
        server.should_exit = True
    print(f"\n{COUNT:,} opportunities, {REQUESTS} requests per kind, real HTTP on loopback")
    print(f"first request after start (cold caches): home page {cold:.0f} ms\n")
    print(f"{'request':<26} {'p50 ms':>8} {'p95 ms':>8} {'max ms':>8}")
    for label, times in results:
        p95 = statistics.quantiles(times, n=20)[18]
        print(f"{label:<26} {statistics.median(times):>8.1f} {p95:>8.1f} {max(times):>8.1f}")
    print("\ntarget: home page, search and facet click p95 under 200 ms")


if __name__ == "__main__":
    main()
