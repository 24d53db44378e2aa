"""Which opportunities an export or a feed covers: all of them, one tag, or one subscription."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from config.models import Subscription
from config.suggest import SUBSCRIPTIONS_MANY, TAGS_MANY, unknown_id
from config.tag_words import label_hint
from notifier.alerts import OpportunityView
from notifier.configuration import Config
from notifier.subscription_match import matches


class UnknownScope(LookupError):
    """A tag or subscription the config does not have; the message names the known ones."""


@dataclass(frozen=True)
class Scope:
    kind: str  # all | tag | subscription
    key: str | None = None
    label: str = "All funding"
    subscription: Subscription | None = None

    @property
    def tag(self) -> str | None:
        """The tag SQL can narrow by (a subscription's rules are applied in Python)."""
        return self.key if self.kind == "tag" else None

    @property
    def slug(self) -> str:
        """A stable name for ids and file names: all, tag-net_zero, subscription-climate_team."""
        return "all" if self.kind == "all" else f"{self.kind}-{self.key}"

    def keeps(self, opportunity: OpportunityView, now: datetime) -> bool:
        if self.subscription is None:
            return True
        return matches(self.subscription, opportunity, now)


ALL = Scope("all")


def choose_scope(
    config: Config, *, tag: str | None = None, subscription: str | None = None
) -> Scope:
    """The scope named by --tag or --subscription (at most one), or everything."""
    if tag and subscription:
        raise UnknownScope("give --tag or --subscription, not both")
    if tag:
        if tag not in config.tags:
            # The nearest tag, as an unknown source or subscription id gets (walk15: a misspelt
            # --tag listed every tag, with no hint which was meant).
            said = unknown_id("tag", tag, sorted(config.tags), listed="known tags", many=TAGS_MANY)
            # a label ("Net zero & climate", as alerts show it) names the id to write instead
            if hint := label_hint(tag, config.tags):
                said = f"unknown tag {tag!r}{hint}"
            raise UnknownScope(said)
        return Scope("tag", tag, config.labels().tags.get(tag, tag))
    if subscription:
        found = {s.id: s for s in config.subscriptions}
        if subscription not in found:
            said = unknown_id(
                "subscription", subscription, sorted(found), listed="known", many=SUBSCRIPTIONS_MANY
            )
            raise UnknownScope(said)
        chosen = found[subscription]
        return Scope("subscription", subscription, chosen.name or subscription, chosen)
    return ALL
