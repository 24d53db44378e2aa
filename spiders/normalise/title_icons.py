"""Pure: a title without the icons set before or after its name ("📄️ Digital Inclusion Pilots", a
docs site's card; "🌱 Green Spaces Fund", a Notion or Slack-style page; "Warm Homes Fund 🔥"). An
icon is a picture, not a word of the call's name, and kept it made the same call read as two
names across sources (and in every alert). A symbol inside the name stays ("Parks ★ Awards")."""

from __future__ import annotations

import unicodedata

# The marks an emoji is built with besides its symbol: variation selectors (U+FE0E/U+FE0F, the
# "️" after "📄"), the zero-width joiner of a sequence (👩‍💻), the keycap mark (1️⃣'s U+20E3) and
# the skin-tone modifiers, which Unicode files as a modifier symbol (Sk), not an "other" one.
_JOINERS = {"\ufe0e", "\ufe0f", "\u200d", "\u20e3"}


def _is_icon(char: str) -> bool:
    if char in _JOINERS or "\U0001f3fb" <= char <= "\U0001f3ff":
        return True
    # "So" holds the pictographs, dingbats and arrows; a currency sign (£, Sc) or ™/® used as a
    # mark of a name is not set apart by a space, so stays (see _strip_end's space rule).
    return unicodedata.category(char) == "So"


def _strip_end(text: str, from_start: bool) -> str:
    """The text without its icons at one end, when a space parts them from the words."""
    chars = text if from_start else text[::-1]
    count = 0
    while count < len(chars) and _is_icon(chars[count]):
        count += 1
    rest = chars[count:]
    if not count or not rest[:1].isspace():
        return text
    rest = rest.lstrip()
    return rest if from_start else rest[::-1]


def without_icons(title: str | None) -> str | None:
    """The title without leading or trailing icons; a title that is nothing but icons is kept."""
    if not title:
        return title
    if title[0].isascii() and title[-1].isascii():
        return title  # no ASCII character is an icon (category So): most titles end here
    rest = _strip_end(_strip_end(title, True), False)
    return rest if any(char.isalnum() for char in rest) else title
