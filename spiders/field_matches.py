"""Pure: the fields a source configures that matched none of its calls, on any crawl.

Health compares a field's fill rate with the source's earlier good crawls (notifier/health/
judge.py), so a source whose selectors never matched (a first crawl of a SmartSimple grid whose
labels head its columns, `<td class="GridHeader">`, not label cells) stored five calls with every
detail field empty and said nothing. A field found on none of at least ENOUGH calls is a selector
or a label that does not fit the page: a problem naming the field and what it asks for, when the
source requires the field (`required`), or when no other field of the same place (the listing's
item, or the detail page) matched either. A field honestly absent from some calls (a call with no
amount) is found on the others, so is never one; nor is an optional label no call shows this
time (an "Opening date" only upcoming calls carry) beside others of its card that matched.
A call whose detail page was not read is not counted for the fields only that page gives. An api
path naming a key every call holds as null (an API's `"opensDate": null` on calls open now) fits:
the API says there is none (the spider marks it `present`), so it is never one either.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from typing import Any

from config.lazy_pattern import lazy_pattern

ENOUGH = 3  # calls a field must be missing from, all of them, before it is said not to match


def found(raw: Any, name: str) -> bool:
    """Whether the spider extracted `name` for this item (numbers count for amount)."""
    values = [getattr(raw, name, None)]
    if name == "amount":
        values += [raw.amount_min, raw.amount_max, raw.fund_total]
    return any(value is not None and str(value).strip() != "" for value in values)


# A JMESPath that is a plain chain of keys ("opensDate", "attributes.closing_date"): the only
# kind whose key can be told present though its value is null.
_KEYS = lazy_pattern(r"[A-Za-z_]\w*(?:\.[A-Za-z_]\w*)*")


def names_a_null(expression: str, element: Any) -> bool:
    """Whether a path of keys leads to a key `element` holds, as null: a field the API gives as
    none, not a path that names nothing."""
    if not _KEYS.fullmatch(expression.strip()):
        return False
    *parents, last = expression.strip().split(".")
    for key in parents:
        element = element.get(key) if isinstance(element, dict) else None
    return isinstance(element, dict) and last in element and element[last] is None


def _asks(selector: Any) -> str:
    """What a field's selector asks for, in words: "label 'Closing date'" or "'td.date::text'"."""
    labels = getattr(selector, "labels", None)
    if labels:
        return ("label " if len(labels) == 1 else "labels ") + ", ".join(map(repr, labels))
    return repr(selector)


def configured(source: Any) -> dict[str, list[str]]:
    """Each field the entry configures → what it asks for, the listing's (or api's) then the
    detail page's."""
    asks: dict[str, list[str]] = {}
    for name, selector in (source.fields or {}).items():
        asks.setdefault(name, []).append(_asks(selector))
    for name, selector in (source.detail.fields if source.detail else {}).items():
        asks.setdefault(name, []).append(f"{_asks(selector)} on its detail pages")
    return asks


@dataclass
class FieldMatches:
    """Per configured field: the calls that could have given it until one did, and whether one
    did (1 at most: a field once matched is not looked at again)."""

    asked: Counter[str] = field(default_factory=Counter)
    matched: Counter[str] = field(default_factory=Counter)
    _places: tuple[set[str], set[str]] | None = None  # (listing fields, detail-only fields)

    def add(self, source: Any, raw: Any, unread: frozenset[str] = frozenset()) -> None:
        """One call as the spider yielded it; `unread`: fields its unread detail page would give."""
        if self._places is None:  # one source per crawl: its fields are read once
            self._places = (_listed(source), _detail_only(source))
        listed, detail_only = self._places
        skipped = unread | set(raw.unread or ())
        if detail_only and not found(raw, "url"):
            # No link, so no detail page asked for: its fields say nothing of their labels.
            skipped |= detail_only
        present = raw.present or ()
        for names in (listed, detail_only):
            for name in names - skipped if skipped else names:
                # A field matched once is never judged (problems): its later calls need no look,
                # which spared the crawl a found() per field per call (benchmarks/crawl_scale.py).
                if self.matched[name]:
                    continue
                self.asked[name] += 1
                self.matched[name] += name in present or found(raw, name)

    def problems(self, source: Any) -> list[str]:
        """'closes (label 'Closing date' on its detail pages) matched none of the 5 calls: …'."""
        asks = configured(source)
        unmatched = {n for n in asks if self.asked[n] >= ENOUGH and not self.matched[n]}
        judged = unmatched & set(source.required)
        # The other fields of one place (the listing's item, or the detail page) are judged
        # together: a card's optional "Opening date" or "Reference", shown only by some calls,
        # is honestly absent from three calls where the card's other labels matched; a place
        # none of whose fields matched any call is a layout the entry does not fit.
        for place in (_listed(source), _detail_only(source)):
            optional = place - set(source.required)
            if optional and optional <= unmatched:
                judged |= optional
        return [
            f"{name} ({' or '.join(asks[name])}) matched none of the {self.asked[name]} calls: "
            "the page layout may have changed, or the selector never fitted it"
            for name in asks
            if name in judged
        ]


def _listed(source: Any) -> set[str]:
    return set(source.fields or {})


def _detail_only(source: Any) -> set[str]:
    return set(source.detail.fields if source.detail else {}) - _listed(source)
