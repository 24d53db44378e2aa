"""What the web repository knows besides the database: the config (labels, subscriptions), "now",
and the operator's choices. One per Datasette instance, hung on it; hooks find it with `site_of`."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

from markupsafe import escape

from config.opportunity_kinds import KIND_LABELS
from notifier.alerts import Labels
from notifier.configuration import Config
from notifier.present import safe_url
from notifier.web.config_watch import ConfigWatch

DATABASE = "fundwatch"  # the database's name and route, whatever the file is called
TABLE = "opportunities"
DEFAULT_SORT_DESC = "first_seen"  # the list, newest first (metadata; notifier/web/first_page.py)
ATTRIBUTE = "_fundwatch_site"

FACET_TITLES = {
    "council_eligible": "Can councils apply?",
    "tags": "Topic",
    "closes_at": "Closing month",
    "status": "Status",
    "kind": "Kind",
    "funder": "Funder",
    "source_ids": "Seen on",
}
STATUS_LABELS = {"open": "Open", "upcoming": "Opening soon", "closed": "Closed"}


@dataclass(frozen=True)
class Site:
    initial: Config
    now: Callable[[], datetime]
    allow_sql: bool = False
    # Reads the config again when its YAML changes (`fundwatch serve`); None: `initial` for good.
    watch: ConfigWatch | None = None
    # (config, its labels) for the latest config read: facets ask for a label per value shown.
    _labels: list[tuple[Config, Labels]] = field(default_factory=list, compare=False, repr=False)

    @property
    def config(self) -> Config:
        return self.watch.current() if self.watch is not None else self.initial

    @property
    def config_written_at(self) -> datetime | None:
        """When the config served was last edited (None when it is not watched): a feed that
        depends on it (a subscription's, a tag's labels) is no older than that."""
        return self.watch.read_at if self.watch is not None else None

    @property
    def labels(self) -> Labels:
        config = self.config
        if not self._labels or self._labels[0][0] is not config:
            self._labels[:] = [(config, config.labels())]
        return self._labels[0][1]

    def attributions(self) -> list[dict[str, Any]]:
        """Every source, named and linked (only http(s) links), for the footer and metadata."""
        return [
            {"name": source.label, "url": safe_url(source.urls[0]) if source.urls else None}
            for source in self.config.sources
            if source.enabled
        ]

    def attributions_html(self) -> str:
        """The sources named and linked, for the database page: built per request (plugin's
        get_metadata), so a source added or renamed while serving is credited at once."""
        items = []
        for source in self.attributions():
            name = escape(source["name"])
            items.append(f'<a href="{escape(source["url"])}">{name}</a>' if source["url"] else name)
        return "<p>Gathered from: " + ", ".join(items) + ".</p>" if items else ""

    def value_label(self, column: str, value: Any) -> str:
        """What people read for a stored value in a facet or filter."""
        if value is None or value == "":
            return "Not stated"
        text = str(value)
        if column == "tags":
            return self.labels.tags.get(text, text)
        if column == "source_ids":
            return self.labels.sources.get(text, text)
        if column == "council_eligible":
            return {"yes": "Yes", "partner": "As a partner", "no": "No"}.get(text, "Unclear")
        if column == "status":
            return STATUS_LABELS.get(text, text.capitalize())
        if column == "kind":
            return KIND_LABELS.get(text, text)
        return text


def site_of(datasette: Any) -> Site | None:
    """The fundwatch site this Datasette serves, or None for any other Datasette in the process."""
    return getattr(datasette, ATTRIBUTE, None)


def attach(datasette: Any, site: Site) -> None:
    setattr(datasette, ATTRIBUTE, site)
