"""Pure: is a deadline a step before applying, rather than the application's own deadline?

Innovate UK's "Registration closes 11am 3 March 2027, competition closes 11am 10 March 2027", a
research council's "intention to submit" form, an "optional expression of interest": each is a date
by which to tell the funder you mean to apply, not to apply. None of them is assessed, so none is a
stage of the call: the call closes at its application deadline, later. (A stage is assessed and
sifts: "Stage 1 (EOI): …; Stage 2: …", "Expressions of interest by …, full applications by …" close at
the first, which a council must meet; see dates._parse_several.) Where a page gives only such a
step's date, that date is still the one known, and is used.
"""

from __future__ import annotations

import re

from config.lazy_pattern import lazy_pattern

_STEP = lazy_pattern(
    r"\b(?:regist(?:er|ration)|(?:intention|intent)\s+to\s+(?:submit|apply|bid)|notif(?:y|ication)\s+"
    r"of\s+intent|letters?\s+of\s+intent|optional|non-?mandatory|not\s+mandatory)\b",
    re.IGNORECASE,
)


def before_applying(words: str) -> bool:
    """Whether a deadline's own words ("Registration deadline:", "Optional EOI by") make it a step
    before applying."""
    return _STEP.search(words) is not None
