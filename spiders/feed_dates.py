"""An item's own opening and closing dates in a feed, where its publisher gives them as elements.

RSS has no deadline element, so publishers borrow the RSS event module (`<ev:startdate>`,
`<ev:enddate>`) or coin one in a namespace of their own (`<fund:deadline>`). feedparser keeps an
element of a namespace it does not know under the document's own prefix (`ev_enddate`,
`fund_deadline`), and the prefix is the publisher's choice, so the element is known by its local
name alone. A date the text states under a label is still read from the text when none is given.
"""

from __future__ import annotations

from collections.abc import Mapping

from config.lazy_pattern import lazy_pattern

# Local names, lower case with separators dropped: what publishers call a call's start and end.
CLOSING_NAMES = frozenset({"enddate", "deadline", "closingdate", "closedate", "closes", "closing"})
OPENING_NAMES = frozenset({"startdate", "openingdate", "opendate", "opens", "opening"})

# "ev_enddate" -> prefix "ev", local "enddate"; a key with no prefix (title, summary) is
# feedparser's own reading of a standard element and never one of these.
PREFIXED = lazy_pattern(r"^[a-z][a-z0-9]*_(?P<local>[a-z0-9_]+)$")


def item_dates(entry: Mapping[str, object]) -> dict[str, str]:
    """{'opens': text, 'closes': text} for the date elements an entry carries (pure)."""
    found: dict[str, str] = {}
    for key, value in entry.items():
        match = PREFIXED.match(str(key))
        if not match or not isinstance(value, str) or not value.strip():
            continue
        local = match["local"].replace("_", "")
        if local in CLOSING_NAMES:
            found.setdefault("closes", value.strip())
        elif local in OPENING_NAMES:
            found.setdefault("opens", value.strip())
    return found
