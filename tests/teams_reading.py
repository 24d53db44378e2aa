"""What a reader of a Teams card sees of its text, for tests that check a card's words: the
product only writes cards (notifier/channels/teams/text.py's markdown), it never reads one back."""

from __future__ import annotations

import re

from notifier.channels.teams.text import WORD_JOINER


def plain(text: str) -> str:
    """What a reader sees of `markdown(text)`: escapes and word joiners removed."""
    return re.sub(r"\\(.)", r"\1", text).replace(WORD_JOINER, "")
