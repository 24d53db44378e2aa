"""Crawl speed and memory at national size: a real `fundwatch crawl` of a generated listing site on
loopback with politeness off, beside `scrapy bench` run on the same machine in the same run (the
anchor). Not a test.

The site (benchmarks/crawl_site.py) is a generated `listing` source of PAGES pages × 10 calls. Every
crawl starts from an empty repository and HTTP cache: all items are new and stored.

Politeness off means what an operator can set: `crawl.delay: 0` in settings.yaml (the delay floor),
and AutoThrottle, which fundwatch never enables. One request at a time per host stays: a listing's
pages are found one after another through its "next" links, so more per-host concurrency would not
run anything in parallel.

Figures: pages/min inside the crawl (listing pages over the time from the first one asked for to
the last one answered, as the site saw it; the crawl runs at its default log level), pages/min of the
whole command (process start-up included), the ratio to `scrapy bench` (responses over its spider's
elapsed time, from the stats it dumps), and the crawl's peak RSS (ru_maxrss of a wrapper process's
children, so nothing else this script runs counts). Medians and bests of alternated runs: the
machine's load moves, and each crawl is paired with the bench run after it.

    .venv/bin/python benchmarks/crawl_scale.py [--pages 200] [--repeat 3] [--rss-pages 1000]
    .venv/bin/python benchmarks/crawl_scale.py --pages 200 --repeat 1 --rss-pages 0 --no-bench \
        --profile /tmp/crawl.prof      # the crawl process under cProfile instead

Targets ([8/9]): ≥ 0.5 × `scrapy bench` pages/min; peak RSS < 300 MB at 10k items.
"""

from __future__ import annotations

import argparse
import json
import os
import re
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from crawl_site import ITEMS_PER_PAGE, SOURCE_ID, TimedSite, build_site, write_config  # noqa: E402

from storage.db import open_db  # noqa: E402
from storage.runs import latest_runs  # noqa: E402

# Runs the command and prints the largest RSS among its descendants: this wrapper's own children
# only, so the figure is the crawl's, whatever else this benchmark has run.
WRAPPER = (
    "import resource, subprocess, sys; rc = subprocess.run(sys.argv[1:]).returncode; "
    "print(resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss, file=sys.stderr); sys.exit(rc)"
)


# The crawl process under cProfile, as the launcher would start it (profile on a quiet machine:
# the clock is the wall clock).
PROFILED = (
    "import cProfile, sys; from spiders.crawl_process import main; "
    "out = sys.argv.pop(1); profiler = cProfile.Profile(); "
    "profiler.runcall(main, sys.argv[1:]); profiler.dump_stats(out)"
)


def crawl(site: TimedSite, pages: int, profile: str | None = None) -> dict:
    """One `fundwatch crawl` of a fresh PAGES-page site into a fresh repository."""
    starts = build_site(site, pages)
    with tempfile.TemporaryDirectory(prefix="fundwatch-crawl-bench-") as tmp:
        config, db = Path(tmp) / "config", Path(tmp) / "fundwatch.db"
        write_config(config, site.base_url, starts, pages)
        # The crawl's default log level (WARNING), as operators run it: at INFO Scrapy would make
        # and drop a DEBUG record for every item, a cost fundwatch never pays.
        env = {**os.environ, "FUNDWATCH_ALLOW_LOOPBACK": "1", "FUNDWATCH_CRAWL_PROGRESS": "never"}
        env.pop("FUNDWATCH_CRAWL_LOG_LEVEL", None)
        if profile:  # the crawl process itself, as the launcher starts it, under cProfile
            open_db(db).close()
            command = [sys.executable, "-c", PROFILED, profile, "--config", str(config),
                       "--db", str(db), "--batch", "profile", SOURCE_ID]  # fmt: skip
        else:
            command = [sys.executable, "-m", "notifier.cli", "--config", str(config),
                       "--db", str(db), "crawl", SOURCE_ID]  # fmt: skip
        site.served.clear()
        start = time.perf_counter()
        done = subprocess.run(
            [sys.executable, "-c", WRAPPER, *command],
            cwd=ROOT, env=env, capture_output=True, text=True, check=False,
        )  # fmt: skip
        wall = time.perf_counter() - start
        if done.returncode:
            sys.exit(f"fundwatch crawl failed ({done.returncode}):\n{done.stdout}\n{done.stderr}")
        rss_kb = int(done.stderr.strip().splitlines()[-1])
        database = open_db(db)
        run = latest_runs(database)[SOURCE_ID]
        database.close()
    if run["outcome"] != "ok" or run["items"] != pages * ITEMS_PER_PAGE:
        sys.exit(f"the crawl did not store every item: {json.dumps(run, default=str)}")
    inside = site.served[-1][1] - site.served[0][0]
    return {"pages": len(site.served), "inside": inside, "wall": wall, "rss_mb": rss_kb / 1024}


def scrapy_stats(log: str) -> tuple[int, float]:
    """(responses, the spider's elapsed seconds) from the stats Scrapy dumps when it closes."""
    responses = re.search(r"'response_received_count': (\d+)", log)
    elapsed = re.search(r"'elapsed_time_seconds': ([\d.]+)", log)
    if not responses or not elapsed:
        sys.exit(f"could not read Scrapy's stats:\n{log[-2000:]}")
    return int(responses.group(1)), float(elapsed.group(1))


def scrapy_bench() -> float:
    """`scrapy bench` pages/min: responses over the spider's elapsed time, from its final stats.
    Run outside the repository, so fundwatch's scrapy.cfg (polite, loopback refused) is not read."""
    scrapy = Path(sys.executable).with_name("scrapy")
    with tempfile.TemporaryDirectory(prefix="scrapy-bench-") as tmp:
        env = {k: v for k, v in os.environ.items() if k != "SCRAPY_SETTINGS_MODULE"}
        log = subprocess.run(
            [str(scrapy), "bench", "-s", "LOG_LEVEL=INFO", "-s", "CLOSESPIDER_TIMEOUT=10"],
            cwd=tmp, env=env, capture_output=True, text=True, check=False,
        ).stderr  # fmt: skip
    responses, elapsed = scrapy_stats(log)
    return responses / elapsed * 60


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--pages", type=int, default=200, help="pages of the timed crawls")
    parser.add_argument("--repeat", type=int, default=3, help="timed crawls and scrapy bench runs")
    parser.add_argument(
        "--rss-pages", type=int, default=1000, help="pages of the memory run (0: none)"
    )
    parser.add_argument("--no-bench", action="store_true", help="skip the scrapy bench anchor")
    parser.add_argument("--profile", help="write a cProfile of one crawl process here and stop")
    args = parser.parse_args()
    with TimedSite() as site:
        if args.profile:
            result = crawl(site, args.pages, profile=args.profile)
            print(f"profiled crawl: {result['pages'] / result['inside'] * 60:,.0f} pages/min "
                  f"inside (slowed by the profiler); profile in {args.profile}")  # fmt: skip
            return
        crawls, benches = [], []
        for _ in range(args.repeat):  # alternated, so both see the same machine load
            crawls.append(crawl(site, args.pages))
            if not args.no_bench:
                benches.append(scrapy_bench())
        big = crawl(site, args.rss_pages) if args.rss_pages else None
    rates = [c["pages"] / c["inside"] * 60 for c in crawls]
    walls = [c["pages"] / c["wall"] * 60 for c in crawls]
    print(f"fundwatch crawl, {args.pages} pages × {ITEMS_PER_PAGE} items, delay 0, "
          f"{args.repeat} runs (median, best):")  # fmt: skip
    print(f"  inside the crawl   {statistics.median(rates):8,.0f} {max(rates):8,.0f} pages/min  "
          f"({', '.join(f'{rate:,.0f}' for rate in rates)})")  # fmt: skip
    print(f"  whole command      {statistics.median(walls):8,.0f} {max(walls):8,.0f} pages/min  "
          "(process start-up included)")  # fmt: skip
    print(f"  peak RSS           {max(c['rss_mb'] for c in crawls):8,.0f} MB")
    if benches:
        print(f"scrapy bench         {statistics.median(benches):8,.0f} {max(benches):8,.0f} "
              f"pages/min  ({', '.join(f'{b:,.0f}' for b in benches)})")  # fmt: skip
        # Each crawl beside the bench run right after it: on a busy machine the load moves.
        paired = [rate / bench for rate, bench in zip(rates, benches, strict=True)]
        print(
            f"ratio, inside        {statistics.median(paired):8.2f} "
            f"{max(rates) / max(benches):8.2f} ×  (median of pairs, best ÷ best; target ≥ 0.5)"
        )
        print(f"ratio, whole command {statistics.median(walls) / statistics.median(benches):8.2f} "
              f"{max(walls) / max(benches):8.2f} ×")  # fmt: skip
    if big:
        items = big["pages"] * ITEMS_PER_PAGE
        print(f"memory run, {big['pages']} pages / {items:,} items: peak RSS {big['rss_mb']:,.0f} MB "
              f"(target < 300), {big['pages'] / big['inside'] * 60:,.0f} pages/min inside")  # fmt: skip


if __name__ == "__main__":
    main()
