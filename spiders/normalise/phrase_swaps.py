"""Pure: whole phrases of another wording put in English, only where a cheap gate finds one.

The Welsh money and status readers each did this the same way (a table of patterns compiled once,
a gate pattern asked first so English text costs one search, then every pattern applied in turn).
"""

from __future__ import annotations

from collections.abc import Iterable

from config.lazy_pattern import lazy_pattern


class PhraseSwaps:
    """`swaps(text)`: `text` with each pattern of `phrases` replaced in order by its English, when
    `gate` finds something in it; else `text` unchanged (the hot path: most text is English)."""

    def __init__(self, phrases: Iterable[tuple[str, str]], gate: str, flags: int = 0):
        self._phrases = tuple((lazy_pattern(p, flags), english) for p, english in phrases)
        self._gate = lazy_pattern(gate, flags)

    def __call__(self, text: str) -> str:
        if not self._gate.search(text):
            return text
        for pattern, english in self._phrases:
            text = pattern.sub(english, text)
        return text
