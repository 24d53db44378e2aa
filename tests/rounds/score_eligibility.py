"""Score an eligibility round's rows against the code as it stands: how many read as expected (verdict
and phrase), and each miss with what was read. Not a test: a round is scored before its fixes (to
measure, and to note the rows read wrong) and after.

    .venv/bin/python tests/rounds/score_eligibility.py "the elig6 round"
    .venv/bin/python tests/rounds/score_eligibility.py "the elig6 round" tests/cases/eligibility_wordings.yaml

The round is the rows after the comment line that names it, up to its "spot checks" comment (or the
end of the table).
"""

from __future__ import annotations

import sys
from pathlib import Path

from config.yaml_file import parse_yaml

ROOT = Path(__file__).resolve().parent.parent.parent
sys.path.insert(0, str(ROOT))

from spiders.eligibility import council_eligibility  # noqa: E402

TABLE = ROOT / "tests" / "cases" / "eligibility_wordings.yaml"


def round_rows(path: Path, marker: str) -> list[dict]:
    """The rows between the comment naming the round and its spot checks, in order."""
    lines = path.read_text(encoding="utf-8").splitlines()
    rows = parse_yaml("\n".join(lines))
    index, inside, wanted = -1, False, []
    for line in lines:
        if line.startswith("#") and marker in line:
            inside = True
        elif line.startswith("#") and inside and "spot checks" in line:
            inside = False
        if line.startswith("- "):
            index += 1
            if inside:
                wanted.append(index)
    return [rows[i] for i in wanted]


def main(marker: str, path: str | None = None) -> None:
    rows = round_rows(Path(path) if path else TABLE, marker)
    misses = []
    for row in rows:
        got = list(council_eligibility(row["input"], row.get("summary")))
        if got != row["expected"]:
            misses.append((row, got))
    print(f"{marker}: {len(rows) - len(misses)}/{len(rows)} right")
    for row, got in misses:
        print(f"   MISS {row['input']!r}\n      want {row['expected']}\n      got  {got}")


if __name__ == "__main__":
    main(*sys.argv[1:])
