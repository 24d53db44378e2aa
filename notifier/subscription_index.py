"""Which subscriptions could want an event, found by lookup rather than by asking each of them.

Every subscription is filed under the keys it insists on: the event kinds it asks for, its tags (or
any tag), its council verdicts (or any), its sources (or any). An event looks up the keys it has:
its kind, each of its tags or none, its verdict or none, each of its sources or none; what it finds
already agrees on those four, and only the rest (funder, amount, dates, keywords) is checked one
subscription at a time. Routing 100,000 events for 2,000 subscriptions then costs what matches,
not every pair (benchmarks/route_scale.py).
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Sequence
from itertools import product

from config.models import Subscription
from notifier.alerts import OpportunityView

ANY = ""  # the key part of a subscription that does not mind (no tags, all verdicts, all sources)
# What a subscription must ask for to hear of each event kind that is not itself subscribable.
ASKED_AS = {"baseline": "new"}


class SubscriptionIndex:
    def __init__(self, subscriptions: Sequence[Subscription]):
        self._by_key: dict[tuple[str, str, str, str], list[Subscription]] = defaultdict(list)
        self.keyword_readers = {
            s.id for s in subscriptions if s.match.keywords or s.match.exclude_keywords
        }
        for subscription in subscriptions:
            rule = subscription.match
            verdicts = sorted(rule.eligibility_values) if rule.eligibility_values else [ANY]
            for key in product(
                subscription.events, rule.tags or [ANY], verdicts, rule.sources or [ANY]
            ):
                self._by_key[key].append(subscription)

    def candidates(self, kind: str, view: OpportunityView) -> list[Subscription]:
        """The subscriptions that agree with this event on kind, tags, verdict and source; each
        once, in a stable order."""
        asked = ASKED_AS.get(kind, kind)
        verdict = view.council_eligible or "unclear"
        found: dict[str, Subscription] = {}
        for key in product([asked], [*view.tags, ANY], [verdict, ANY], [*view.source_ids, ANY]):
            for subscription in self._by_key.get(key, ()):
                found.setdefault(subscription.id, subscription)
        return list(found.values())
