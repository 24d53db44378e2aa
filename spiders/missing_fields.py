"""Pure: what a curator needs to hear when a call is dropped for a missing field: the selector
the entry reads that field with, which read nothing in it. A site's theme renaming a class the
entry names (`h3.opportunity-card__title` becoming `__heading`) drops each card it touches; the
run fails with "'an item' on <page> is missing title, url", and this says which selector to fix."""

from __future__ import annotations

from config.models import Source
from config.source_parts import LabelSelector


def unread_selectors(source: Source, missing: list[str]) -> str:
    """ " (read with title 'h3 a::text', url 'h3 a::attr(href)': nothing there; has the page's
    layout changed?)", or "" when the entry names no selector for them (a custom spider's)."""
    named = [f"{name} {_shown(source.fields[name])}" for name in missing if name in source.fields]
    if not named:
        return ""
    return f" (read with {', '.join(named)}: nothing there; has the page's layout changed?)"


def _shown(selector: str | LabelSelector) -> str:
    if isinstance(selector, LabelSelector):
        return f"label {' or '.join(repr(label) for label in selector.labels)}"
    return repr(selector)
