"""Print the peak memory of `fundwatch export` on a national-size repository (not a test).

Builds a temporary repository of COUNT opportunities (default 20,000) as benchmarks/serve_at_scale.py
does, then runs `fundwatch export --format json|csv|ics|atom --output FILE` in child processes and
prints each one's peak RSS beside the anchor measured in the same run: the Atom export's, which
reads the repository but holds only the newest 100 entries whatever COUNT is. JSON and CSV are
written as they are read, so their peak should stay near the anchor whatever COUNT is (built whole
in memory they took 878 MB at 20,000); ICS holds the text of the calendar's open calls (237 MB at
40,000; 391 MB as one tree of events).

    .venv/bin/python benchmarks/export_scale.py [COUNT]
"""

from __future__ import annotations

import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "benchmarks"))
COUNT = int(sys.argv[1]) if len(sys.argv) > 1 else 20_000

import serve_at_scale as scale  # noqa: E402

from notifier.configuration import load_config  # noqa: E402

FUNDWATCH = str(Path(sys.executable).parent / "fundwatch")


# Each child is run under its own small Python parent, so its peak is its own, not the running
# maximum over every child this script has waited for.
MEASURE = (
    "import resource, subprocess, sys; subprocess.run(sys.argv[1:], check=True, "
    "capture_output=True); print(resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss)"
)


def peak_mb(args: list[str]) -> tuple[float, float]:
    """Run `fundwatch ARGS` to its end; its peak RSS (MB) and how long it took (s)."""
    start = time.perf_counter()
    done = subprocess.run(
        [sys.executable, "-c", MEASURE, FUNDWATCH, *args],
        check=True,
        capture_output=True,
        text=True,
    )
    return int(done.stdout.strip()) / 1024, time.perf_counter() - start


def main() -> None:
    config = load_config(ROOT / "config")
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "fundwatch.db"
        scale.build(path, [s.id for s in config.sources], sorted(config.tags), count=COUNT)
        anchor = 0.0
        for fmt in ("atom", "ics", "csv", "json"):
            out = Path(folder) / f"export.{fmt}"
            peak, took = peak_mb(
                ["--db", str(path), "export", "--format", fmt, "--output", str(out)]
            )
            size = out.stat().st_size / 1e6
            anchor = anchor or peak  # the Atom export, measured first
            print(
                f"export {fmt:>4}: {size:6.1f} MB written in {took:4.1f} s, peak {peak:.0f} MB "
                f"({peak / anchor:.1f}x the Atom anchor)"
            )


if __name__ == "__main__":
    main()
