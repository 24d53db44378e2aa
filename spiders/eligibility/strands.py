"""A strand of a fund named with whom it is for: "Strand B (revenue) is for local authorities",
"Stream 2 is not for councils". cues.py reads "This fund is for"; a strand is named by a letter or
number after its word, which is what tells it from "pots are for…" in running text.
"""

from __future__ import annotations

STRAND_LEAD_IN = (
    r"\b(?:strand|stream|pot|category|tier|element|lot|round|window)\s+(?:[a-z]|\d{1,2}|one|two|three|"
    r"four|five)\b(?:\s*\([^()]{0,40}\))?\s+(?:is|are|will\s+be)\s+(?:not\s+)?(?:(?:only|exclusively|"
    r"solely|primarily|mainly)\s+)?for\b"
)
