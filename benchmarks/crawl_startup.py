"""A crawl process's start-up: the seconds a one-page `fundwatch crawl` costs before and beside its
one page, beside the imports it cannot avoid, measured in the same run. Not a test.

Each `fundwatch crawl` is two fresh processes (the command, then `python -m spiders.crawl_process`),
the service starts one per source run, and the test suite starts hundreds: what they import and
build before fetching anything is paid every time.

Timed, alternately, best of REPEAT (the machine's load moves; the best is the least disturbed):
  python -c pass                  the interpreter alone
  import scrapy.crawler           the anchor: Scrapy and Twisted, which a crawl cannot avoid
  import spiders.crawl_process    what the crawl process imports before it reads its arguments
  fundwatch --help                must stay fast (~0.2 s)
  fundwatch sources check         the curators' check of a config folder
  fundwatch crawl SOURCE          one page of 10 calls on loopback, into a fresh repository

With --tree DIR (repeatable), each figure is measured for every tree in turn (its own .venv and
code), so a change is compared with its base in the same minutes:

    .venv/bin/python benchmarks/crawl_startup.py --repeat 5 --tree . --tree ../wt-base
"""

from __future__ import annotations

import argparse
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from crawl_site import SOURCE_ID, TimedSite, build_site, write_config  # noqa: E402

STEPS = {
    "python -c pass": ["-c", "pass"],
    "import scrapy.crawler (anchor)": ["-c", "import scrapy.crawler"],
    "import spiders.crawl_process": ["-c", "import spiders.crawl_process"],
    "fundwatch --help": ["-m", "notifier.cli", "--help"],
    "fundwatch sources check": ["-m", "notifier.cli", "--config", "{config}", "sources", "check"],
    "fundwatch crawl (1 page)": [
        "-m",
        "notifier.cli",
        "--config",
        "{config}",
        "--db",
        "{db}",
        "crawl",
        SOURCE_ID,
    ],  # fmt: skip
}


def timed(tree: Path, args: list[str], config: Path, db: Path) -> float:
    python = tree / ".venv" / "bin" / "python"
    command = [str(python), *(a.format(config=config, db=db) for a in args)]
    db.unlink(missing_ok=True)  # every crawl into a fresh repository, as a first crawl is
    env = {**os.environ, "FUNDWATCH_ALLOW_LOOPBACK": "1", "FUNDWATCH_CRAWL_PROGRESS": "never"}
    start = time.perf_counter()
    done = subprocess.run(command, cwd=tree, env=env, capture_output=True, text=True, check=False)
    took = time.perf_counter() - start
    if done.returncode:
        sys.exit(f"{' '.join(command)} failed ({done.returncode}):\n{done.stdout}\n{done.stderr}")
    return took


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--repeat", type=int, default=5, help="runs of each step per tree")
    parser.add_argument("--tree", action="append", type=Path, help="a tree to time (default: .)")
    args = parser.parse_args()
    trees = [t.resolve() for t in args.tree or [ROOT]]
    with TimedSite() as site, tempfile.TemporaryDirectory(prefix="fundwatch-startup-") as tmp:
        config, db = Path(tmp) / "config", Path(tmp) / "fundwatch.db"
        write_config(config, site.base_url, build_site(site, 1), 1)
        best = {(step, tree): float("inf") for step in STEPS for tree in trees}
        for _ in range(args.repeat):
            for step, step_args in STEPS.items():
                for tree in trees:
                    took = timed(tree, step_args, config, db)
                    best[step, tree] = min(best[step, tree], took)
    print(f"best of {args.repeat}, seconds; load {os.getloadavg()[0]:.2f}")
    print(f"{'':34}" + "".join(f"{tree.name:>20}" for tree in trees))
    for step in STEPS:
        print(f"{step:34}" + "".join(f"{best[step, tree]:20.3f}" for tree in trees))
    for tree in trees:
        anchor = best["import scrapy.crawler (anchor)", tree]
        crawl = best["fundwatch crawl (1 page)", tree]
        print(f"{tree.name}: one-page crawl = {crawl / anchor:.2f} × the anchor")


if __name__ == "__main__":
    main()
