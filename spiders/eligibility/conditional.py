"""A permission on terms: "Applications from parish and town councils will be considered only in
exceptional circumstances", "… will be accepted only where the project is additional". The verb is
a permission all the same (some councils may apply); cues.py reads "will be considered" only at the
end of its clause or before "from", "if", "where" and the like, so the "only" between misses it.
"""

from __future__ import annotations

CONSIDERED_ON_TERMS = (
    r"\b(?:are|is|will\s+be|may\s+be|can\s+be)\s+(?:only\s+)?(?:considered|accepted|funded|supported|"
    r"eligible)\s+(?:only\s+)?(?:in\s+(?:exceptional|limited|certain|some|special)\s+(?:circumstances|"
    r"cases)|(?<=only\s)(?:if|where|when|in|for)\b|on\s+an?\s+exceptional\s+basis|exceptionally)"
)
