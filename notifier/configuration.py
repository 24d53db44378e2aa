"""Every config file read and checked together, as the commands and the service need it.

config/ reads and validates each YAML file on its own; checks that need other parts of the system
(a custom source has its spider file) are added here, so every problem is reported at once.
"""

from __future__ import annotations

from collections.abc import Collection
from contextlib import nullcontext
from dataclasses import dataclass
from pathlib import Path

from config.addresses import not_fetching
from config.header_env import missing_variables
from config.loader import load_settings, load_sources, load_subscriptions, load_tags
from config.models import Settings, Source, Subscription, TagRule
from notifier.alerts import Labels
from spiders.custom import spider_file_check

SOURCE_CHECKS = (spider_file_check,)


@dataclass(frozen=True)
class Config:
    directory: Path
    tags: dict[str, TagRule]
    sources: list[Source]
    subscriptions: list[Subscription]
    settings: Settings

    def labels(self) -> Labels:
        """Source names and tag labels, for everything people read."""
        return Labels(
            sources={s.id: s.label for s in self.sources},
            tags={tag_id: rule.label or tag_id for tag_id, rule in self.tags.items()},
        )


def load_checked_sources(
    directory: Path,
    tags: dict[str, TagRule] | None = None,
    *,
    fetching: bool = True,
    check_tags: bool = True,
    secrets_for: Collection[str] | None = None,
) -> list[Source]:
    """The sources; where they point is judged only when they are to be `fetching` (a crawl, a
    try), so a command that only reads the repository is not stopped by a loopback address.
    `secrets_for`: the sources whose header variables must be set (None: all of them)."""
    # A header's secret is read only by what asks the source (config/header_env.py): a command
    # that only reads the repository, the service's own start, or a crawl of other sources is not
    # stopped by its absence (a crawl of every source fails that source's run, as the service does).
    checks: tuple = SOURCE_CHECKS
    if fetching and (secrets_for is None or secrets_for):
        wanted = None if secrets_for is None else set(secrets_for)
        checks = (*SOURCE_CHECKS, lambda source: header_env_check(source, wanted))
    with nullcontext() if fetching else not_fetching():
        return load_sources(directory, tags=tags, checks=checks, check_tags=check_tags)


def header_env_check(source: Source, wanted: set[str] | None = None) -> str | None:
    """Each header variable the source names that the environment does not set (of the sources
    `wanted`, or any)."""
    if wanted is not None and source.id not in wanted:
        return None
    return "; ".join(missing_variables(source)) or None


def load_config(directory: Path, *, fetching: bool = True) -> Config:
    """All of it, read afresh (curators edit YAML while the service runs); ConfigError lists every
    problem in the first file that has any."""
    tags = load_tags(directory)
    sources = load_checked_sources(directory, tags, fetching=fetching)
    return Config(
        directory=directory,
        tags=tags,
        sources=sources,
        subscriptions=load_subscriptions(directory, tags=tags, sources=sources),
        settings=load_settings(directory),
    )
