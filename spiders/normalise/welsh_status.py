"""Pure: a Welsh status's words in English, for the status reader.

Bilingual sites put the Welsh status on the Welsh twin of a card: "Yn cau cyn bo hir" (closing
soon; "Yn cau yn fuan" too), "Yn agor ym mis Ionawr 2027" (opening in January 2027), "Wedi cau – bydd y rownd nesaf yn agor
yn 2027" (closed – the next round will open in 2027). Only "Ar agor", "Ar gau", "Wedi cau" and "Yn
agor yn fuan" were read, so these were no status or, with a next round named, closed. Whole phrases
are put in English (a word alone, "yn" or "cau", means too many things), and only when "cau" or
"agor" (close, open) is there. The text is lower case (status.py lowers it first).
"""

from __future__ import annotations

from spiders.normalise.phrase_swaps import PhraseSwaps

_PHRASES = (
    (r"\byn\s+cau\s+(?:cyn\s+bo\s+hir|yn\s+fuan)\b", "closing soon"),
    (r"\bbydd\s+y\s+rownd\s+nesaf\s+yn\s+agor\b", "the next round will open"),
    # "Bydd y gronfa'n agor …" (the fund will open): "'n" is "yn" run into its noun.
    (r"\bbydd\s+(?:y\s+)?[\w-]+['’]n\s+ail-?agor\b", "it will reopen"),
    (r"\bbydd\s+(?:y\s+)?[\w-]+['’]n\s+agor\b", "it will open"),
    (r"\byn\s+cau\s+heddiw\b", "closes today"),
    (r"\byn\s+cau\s+yfory\b", "closes tomorrow"),
    (
        r"\bbydd\s+(?:y\s+gronfa|y\s+cynllun|y\s+rhaglen|hi|e|o)\s+yn\s+ail-?agor\b",
        "it will reopen",
    ),
    (r"\bbydd\s+(?:y\s+gronfa|y\s+cynllun|y\s+rhaglen|hi|e|o)\s+yn\s+agor\b", "it will open"),
    (r"\byn\s+ail-?agor\b", "reopens"),
    (r"\byn\s+agor\s+(?=ym\s+mis\b|yn\s+20\d\d\b|ar\s+\d|\d)", "opens "),
    (r"\bym\s+mis\s+", "in "),
    (r"\byn\s+(?=20\d\d\b)", "in "),
    (r"\byn\s+cau\s+(?=ar\s+\d|\d)", "closes "),
)
# Gated on "cau" or "agor" (close, open); the words come lower case, so no flags.
welsh_status_in_english = PhraseSwaps(_PHRASES, r"\b(?:cau|agor|ail-?agor)\b")
