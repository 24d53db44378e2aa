"""Who may apply, written as ticks: a funder's comparison table with a column per kind of
applicant ("Local authorities", "Charities", "Businesses") and a ✓ or ✗ in each. An eligibility
field naming those columns read the first one's mark alone ("✓"), which says nothing, so the
council verdict was unclear for every fund. Read as the sentence the marks stand for: "Who can
apply: Local authorities. Who cannot apply: Charities, Businesses." (the words the verdict
already reads under those lead-ins, and what a person reading the row sees)."""

from __future__ import annotations

from config.lazy_pattern import lazy_pattern

_TICKS = frozenset({"✓", "✔", "☑", "✅", "🗸", "yes", "y", "eligible"})
_CROSSES = frozenset({"✗", "✘", "✕", "✖", "❌", "☒", "x", "no", "n", "not eligible"})
_PART = lazy_pattern(r"[\s,;:]+")


def mark(value: str | None) -> bool | None:
    """True for a tick, False for a cross (a glyph, its hidden "Yes"/"No", or both), None for
    any other words."""
    if not value:
        return None
    text = value.strip().casefold()
    if text in _TICKS or text in _CROSSES:
        return text in _TICKS
    words = [word for word in _PART.split(text) if word]
    if words and all(word in _TICKS for word in words):
        return True
    if words and all(word in _CROSSES for word in words):
        return False
    return None


def ticked_applicants(marks: dict[str, str | None]) -> str | None:
    """{column heading: its cell} as "Who can apply: …. Who cannot apply: …."; None unless every
    cell present is a tick or a cross (a column of words is read as words)."""
    read = {label: mark(value) for label, value in marks.items() if value}
    if not read or any(value is None for value in read.values()):
        return None
    can = [label for label, ticked in read.items() if ticked]
    cannot = [label for label, ticked in read.items() if not ticked]
    parts = [f"Who can apply: {', '.join(can)}." if can else "", ""]
    if cannot:
        parts[1] = f"Who cannot apply: {', '.join(cannot)}."
    return " ".join(part for part in parts if part)
