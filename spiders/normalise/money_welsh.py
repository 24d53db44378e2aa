"""Pure: a Welsh page's money words in English, for the money reader.

Welsh twins of a call's key facts say "Uchafswm y grant: £50,000" (the grant's maximum), "Cyfanswm y
gronfa: £2 miliwn" (the fund's total: £2 million) and "hyd at £20,000 y prosiect" (per project). Only
"hyd at", "uchafswm" and "isafswm" standing right before a figure were read, so "the" between made
a cap a bare award, "miliwn" was no multiplier (£2) and a fund's total an award. Whole phrases are put
in English, and only when a Welsh money word is there: the English text is never touched.
"""

from __future__ import annotations

import re

from spiders.normalise.phrase_swaps import PhraseSwaps

_AWARD = r"(?:y\s+|yr\s+)?(?:grant|dyfarniad|cais|cyllid)"
_PHRASES = (
    (rf"\buchafswm\s+{_AWARD}\b", "maximum grant"),
    (rf"\bisafswm\s+{_AWARD}\b", "minimum grant"),
    (
        r"\bcyfanswm\s+(?:y\s+|yr\s+)?(?:gronfa|cyllid|arian|cyllideb)(?:\s+sydd\s+ar\s+gael)?\b",
        "total fund",
    ),
    # "Mae cyfanswm o £2 miliwn ar gael": a total of £2 million is available.
    (r"\bcyfanswm\s+o\b", "a total of"),
    (r"\bar\s+gael\b", "available"),
    (r"(?<=\d)(\s*)miliwn\b", r"\1million"),
    (r"(?<=\d)(\s*)biliwn\b", r"\1billion"),
    (r"\by\s+(prosiect|sefydliad|cais|flwyddyn)\b", r"per \1"),
)
# Gated on a Welsh money word: the English text is never touched.
welsh_money_in_english = PhraseSwaps(
    _PHRASES, r"uchafswm|isafswm|cyfanswm|[mb]iliwn|\by\s+(?:prosiect|sefydliad|flwyddyn)", re.I
)
