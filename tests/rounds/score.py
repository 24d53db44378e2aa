"""Score a round's wordings (tests/rounds/<round>.yaml) against the code as it stands: per batch, how
many are read as expected, and each miss with what was read. Not a test: a round is scored before
its fixes (to measure) and after; its rows then join tests/cases/*.yaml.

    .venv/bin/python tests/rounds/score.py tests/rounds/money5.yaml
"""

from __future__ import annotations

import sys
from pathlib import Path

import yaml

sys.path.insert(0, str(Path(__file__).resolve().parent.parent.parent))

from spiders.normalise.dates import parse_date  # noqa: E402
from spiders.normalise.dates_in_text import labelled_date  # noqa: E402
from spiders.normalise.money import parse_amounts  # noqa: E402

READERS = {
    "money_field": lambda row: list(parse_amounts(row["input"])),
    "money_text": lambda row: list(parse_amounts(row["input"], cued_only=True)),
    "date_field": lambda row: _iso(parse_date(row["input"], end_of_day=True)),
    "date_text": lambda row: _iso(labelled_date(row["input"], row.get("which", "closes"))),
}


def _iso(when) -> str | None:
    return when.isoformat() if when else None


def main(path: str) -> None:
    rounds = yaml.safe_load(Path(path).read_text(encoding="utf-8"))
    for batch, rows in rounds.items():
        misses = []
        for row in rows:
            got = READERS[row.get("batch", batch)](row)
            if got != row["expected"]:
                misses.append((row, got))
        print(f"{batch}: {len(rows) - len(misses)}/{len(rows)}")
        for row, got in misses:
            print(f"   MISS {row['input']!r}: expected {row['expected']}, read {got}")


if __name__ == "__main__":
    main(sys.argv[1])
