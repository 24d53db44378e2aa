"""Score a round of same-call pairs (tests/rounds/same_call<n>.yaml) against the code as it stands:
through the whole candidate path a stored call takes (storage/record.py), without a database. One
listing is stored, the other arrives from another source: it is merged if it has the stored one's
URL, or the same title key, or the same first initials and a deadline within the window (or
none), and the fuzzy prefilter keeps it, and same_call says so. Both orders are asked; a pair is right only if
both give the answer. False merges (two pots stored as one) are counted apart from missed merges.

    .venv/bin/python tests/rounds/score_same_call.py tests/rounds/same_call12.yaml
"""

from __future__ import annotations

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent.parent))

from config.yaml_file import parse_yaml  # noqa: E402
from tests.merge_path import listing, merged  # noqa: E402


def main(path: str) -> int:
    pairs = parse_yaml(Path(path).read_text(encoding="utf-8"))
    false_merges, missed = [], []
    for row in pairs:
        a, b = listing(row["a"]), listing(row["b"])
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
