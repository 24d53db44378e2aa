"""A tag named by its label where its id belongs: said so, with the id to write.

Council officers meet tags by their labels ("Net zero & climate" in every alert and digest, on
the website's filters), so `tags: [Net zero & climate]` in subscriptions.yaml or `export --tag
"Net zero & climate"` is what they write; it was "unknown tag" with no nearer id, as a label is
spelt nothing like its id (`net_zero`).
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from config.suggest import nearest


def label_hint(word: object, rules: Mapping[str, Any]) -> str:
    """ " (did you mean 'net_zero'? 'Net zero & climate' is its label: write the id)", or '' when
    `word` is no tag's label nor near one. `rules` maps each tag id to its TagRule."""
    labels = {rule.label: tag for tag, rule in rules.items() if getattr(rule, "label", None)}
    found = nearest(word, labels)
    if found is None:
        return ""
    return f" (did you mean {labels[found]!r}? {found!r} is its label: write the id)"
