"""Which sources may crawl side by side: those that reach no host in common.

Scrapy keeps "one request at a time per host" within one crawler only, and every source is its own
crawler, so two sources on one site (GOV.UK's finders, a funder's listing and its feed) would ask it
two things at once. Sources are grouped by the hosts they may reach (their URLs' and their
follow_hosts); a group's sources crawl one after another, the groups concurrently.
"""

from __future__ import annotations

from collections.abc import Sequence

from config.addresses import source_host_keys
from config.models import Source


def host_groups(sources: Sequence[Source]) -> list[list[Source]]:
    """The sources in groups that share no host with each other group, each group in the order
    the sources were named, the groups in the order of their first source."""
    groups: list[tuple[set[str], list[Source]]] = []
    for source in sources:
        hosts = set(source_host_keys(source.urls, source.follow_hosts))
        members = [source]
        for group in [g for g in groups if g[0] & hosts]:  # a source may join groups together
            hosts |= group[0]
            members += group[1]
            groups.remove(group)
        groups.append((hosts, members))
    order = {source.id: index for index, source in enumerate(sources)}
    result = [sorted(members, key=lambda s: order[s.id]) for _, members in groups]
    return sorted(result, key=lambda members: order[members[0].id])


def hosts_reached(sources: Sequence[Source]) -> list[str]:
    """Every host these sources may reach, sorted: the order their host locks are taken in."""
    return sorted({h for s in sources for h in source_host_keys(s.urls, s.follow_hosts)})
