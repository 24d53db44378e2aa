"""Score a round of same-call pairs (tests/rounds/same_call<n>.yaml) against the code as it stands:
through the whole candidate path a stored call takes (storage/record.py), without a database. One
listing is stored, the other arrives from another source: it is merged if it has the stored one's
URL, or the same title key, or the same first word and a deadline within the window (or none), and
the fuzzy prefilter keeps it, and same_call says so. Both orders are asked; a pair is right only if
both give the answer. False merges (two pots stored as one) are counted apart from missed merges.

    .venv/bin/python tests/rounds/score_same_call.py tests/rounds/same_call12.yaml
"""

from __future__ import annotations

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent.parent))

from config.clock import parse_iso  # noqa: E402
from config.yaml_file import parse_yaml  # noqa: E402
from storage.record import WINDOW  # noqa: E402
from storage.same_call import near_titles, same_call, title_key, title_lead  # noqa: E402
from tests.test_same_call_wording import listing  # noqa: E402


def merged(arriving: dict, stored: dict) -> bool:
    """Whether storing `arriving` after `stored` (another source's) makes one opportunity."""
    if arriving.get("url") and arriving.get("url") == stored.get("url"):
        return True
    if title_key(arriving["title"]) == title_key(stored["title"]):
        return same_call(arriving, stored)
    if title_lead(arriving["title"]) != title_lead(stored["title"]):
        return False
    closes, other = parse_iso(arriving["closes_at"]), parse_iso(stored["closes_at"])
    if closes and other and abs(closes - other) > WINDOW:
        return False
    if not near_titles(arriving["title"], {"stored": stored["title"]}):
        return False
    return same_call(arriving, stored)


def _side(row: dict) -> dict:
    return {**listing(row), "url": row.get("url")}


def main(path: str) -> int:
    pairs = parse_yaml(Path(path).read_text(encoding="utf-8"))
    false_merges, missed = [], []
    for row in pairs:
        a, b = _side(row["a"]), _side(row["b"])
        got = (merged(a, b), merged(b, a))
        if got != (row["expected"], row["expected"]):
            (missed if row["expected"] else false_merges).append((row, got))
    wrong = len(false_merges) + len(missed)
    print(f"{len(pairs) - wrong}/{len(pairs)} right")
    print(f"false merges: {len(false_merges)}; missed merges: {len(missed)}")
    for label, misses in (("FALSE MERGE", false_merges), ("MISSED", missed)):
        for row, got in misses:
            a, b = row["a"], row["b"]
            print(f"   {label} {row.get('note')}: {a['title']!r} ({a.get('funder')}) / ", end="")
            print(f"{b['title']!r} ({b.get('funder')}), orders {got}")
    return wrong


if __name__ == "__main__":
    sys.exit(1 if main(sys.argv[1]) else 0)
