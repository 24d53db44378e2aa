"""Which subscriptions want an event, worked out for all of them at once rather than one by one.

Each subscription is one bit. For every value a criterion can take (an event kind, a tag, a
verdict, a source, an opportunity kind) the index keeps the bits of the subscriptions that accept
it, and the bits of those that do not mind; an event's subscribers are then a handful of
big-integer ANDs and ORs. Criteria with a parameter (an amount range, funders, a closing window)
are asked once per distinct parameter, not once per subscription, and each keyword once per event
however many subscriptions list it. Routing 100,000 events for 2,000 subscriptions then costs what
matches, not every pair (benchmarks/route_scale.py); tests/test_subscription_index.py holds it to
exactly what asking each subscription with matches() finds.
"""

from __future__ import annotations

from collections.abc import Callable, Hashable, Iterable, Sequence
from datetime import datetime

from config.keywords import prepare
from config.models import Subscription
from notifier.alerts import OpportunityView
from notifier.keyword_bits import KeywordBits
from notifier.subscription_match import (
    amount_in_range,
    closes_within,
    funder_matches,
    searchable_text,
)

# What a subscription must ask for to hear of each event kind that is not itself subscribable.
ASKED_AS = {"baseline": "new"}

Check = Callable[[OpportunityView, datetime], bool]


class _Facet:
    """One criterion with listed values: who accepts each value, and who accepts any."""

    def __init__(self) -> None:
        self.any = 0
        self.by_value: dict[Hashable, int] = {}

    def add(self, bit: int, values: Iterable[Hashable] | None) -> None:
        """`values` the subscription accepts; None: any. (An empty list accepts none: `events: []`
        hears nothing, `council_eligible: []` no verdict, as matches() reads them.)"""
        if values is None:
            self.any |= bit
            return
        for value in values:
            self.by_value[value] = self.by_value.get(value, 0) | bit

    def accepting(self, values: Iterable[Hashable]) -> int:
        found = self.any
        for value in values:
            found |= self.by_value.get(value, 0)
        return found


class SubscriptionIndex:
    def __init__(self, subscriptions: Sequence[Subscription]):
        self._subscriptions = list(subscriptions)
        self._asking = _Facet()  # event kinds; every subscription lists at least one
        self._tags, self._verdicts, self._sources, self._kinds = (_Facet() for _ in range(4))
        checks: dict[tuple, tuple[int, Check]] = {}  # a distinct parameter → (its bits, its test)
        self._wanted: dict[str, int] = {}  # keyword → bits of those that want it
        self._unwanted: dict[str, int] = {}  # keyword → bits of those that exclude it
        self._keyword_readers = 0  # bits of those that need one of their keywords
        for position, subscription in enumerate(self._subscriptions):
            bit = 1 << position
            rule = subscription.match
            # An empty list of tags, sources or kinds minds none of them, as in matches().
            self._asking.add(bit, subscription.events)
            self._tags.add(bit, rule.tags or None)
            self._verdicts.add(bit, rule.eligibility_values)
            self._sources.add(bit, rule.sources or None)
            self._kinds.add(bit, subscription.kinds or None)
            for key, check in _parameter_checks(subscription):
                bits, _ = checks.get(key, (0, check))
                checks[key] = (bits | bit, check)
            if rule.keywords:
                self._keyword_readers |= bit
            for keyword in rule.keywords:
                self._wanted[keyword] = self._wanted.get(keyword, 0) | bit
            for keyword in rule.exclude_keywords:
                self._unwanted[keyword] = self._unwanted.get(keyword, 0) | bit
        self._checks = list(checks.values())
        self._reading = self._keyword_readers | _any_of(self._unwanted.values())
        self._wanted_found = KeywordBits(self._wanted)
        self._unwanted_found = KeywordBits(self._unwanted)

    @property
    def subscriptions(self) -> list[Subscription]:
        """The subscriptions indexed, in config order: positions() counts in this list."""
        return self._subscriptions

    def matching(self, kind: str, view: OpportunityView, now: datetime) -> list[Subscription]:
        """Every subscription that wants this event about this opportunity, in config order."""
        return [self._subscriptions[position] for position in self.positions(kind, view, now)]

    def positions(self, kind: str, view: OpportunityView, now: datetime) -> list[int]:
        """matching(), as places in `subscriptions`: routing looks each one's routes up by it."""
        found = (
            self._asking.accepting([ASKED_AS.get(kind, kind)])
            & self._tags.accepting(view.tags)
            & self._verdicts.accepting([view.council_eligible or "unclear"])
            & self._sources.accepting(view.source_ids)
            & self._kinds.accepting([view.kind])
        )
        for bits, check in self._checks:
            if found & bits and not check(view, now):
                found &= ~bits
        if found & self._reading:
            found = self._keywords_agree(found, view)
        return _positions(found)

    def _keywords_agree(self, found: int, view: OpportunityView) -> int:
        text = prepare(searchable_text(view))  # once per event, however many subscriptions ask
        found &= ~self._keyword_readers | self._wanted_found.found(text, found)
        return found & ~self._unwanted_found.found(text, found)


def _parameter_checks(subscription: Subscription) -> list[tuple[tuple, Check]]:
    """The subscription's criteria that take a parameter, each keyed by what it asks, so that
    subscriptions asking the same thing share one answer per event."""
    rule = subscription.match
    found: list[tuple[tuple, Check]] = []
    if rule.funders:
        funders = tuple(rule.funders)
        found.append((("funders", funders), lambda view, now: funder_matches(view, funders)))
    if rule.min_amount is not None or rule.max_amount is not None:
        low, high = rule.min_amount, rule.max_amount
        found.append((("amount", low, high), lambda view, now: amount_in_range(view, low, high)))
    if rule.closing_within_days is not None:
        days = rule.closing_within_days
        found.append((("closing", days), lambda view, now: closes_within(view, days, now)))
    return found


def _any_of(masks: Iterable[int]) -> int:
    out = 0
    for mask in masks:
        out |= mask
    return out


def _positions(mask: int) -> list[int]:
    """The set bits of `mask`, lowest first."""
    out = []
    while mask:
        lowest = mask & -mask
        out.append(lowest.bit_length() - 1)
        mask ^= lowest
    return out
