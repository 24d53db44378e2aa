"""Counts written in words, as eligibility text counts its applicants: "the ten Greater Manchester
boroughs", "No more than three councils may bid jointly". One list, so every reader of a count reads
the same words (mentions.py, items.py).
"""

from __future__ import annotations

# Two to twelve: the counts a list of councils or partners is given in ("one" is a determiner too,
# and each reader says whether it takes it).
SMALL_COUNTS = (
    "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten", "eleven", "twelve",
)  # fmt: skip
SMALL_COUNT = "|".join(SMALL_COUNTS)
