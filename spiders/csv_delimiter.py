"""Which character parts a CSV answer's cells.

"CSV" is comma-separated in the UK, but many exports part cells with semicolons: OpenDataSoft's
Explore API (`exports/csv`, its default `delimiter=;`), Excel saving "CSV" where the decimal point
is a comma, a French or German partner's register. Read with commas, such a file was one cell a
row, keyed by the whole header line, and every call was lost as "missing title, url". Tabs and
bars are asked after too (a "CSV" that is really TSV).
"""

from __future__ import annotations

import csv
import io
from collections import Counter

CANDIDATES = (",", ";", "\t", "|")
SAMPLE_LINES = 50


def _shape(lines: list[str], delimiter: str) -> tuple[int, int]:
    """(rows of the commonest width, that width) read with `delimiter`: a file's true delimiter
    gives most rows one width above one."""
    widths = Counter(
        len(row) for row in csv.reader(io.StringIO("\n".join(lines)), delimiter=delimiter) if row
    )
    if not widths:
        return 0, 0
    width, rows = max(widths.items(), key=lambda pair: (pair[1], pair[0]))
    return (rows if width > 1 else 0), width


def csv_delimiter(text: str) -> str:
    """The delimiter `text`'s first lines are most consistently parted by (pure); a comma where
    none parts them (a one-column file)."""
    lines = text.splitlines()[:SAMPLE_LINES]
    best, best_shape = ",", _shape(lines, ",")
    for delimiter in CANDIDATES[1:]:
        shape = _shape(lines, delimiter)
        if shape > best_shape:
            best, best_shape = delimiter, shape
    return best
