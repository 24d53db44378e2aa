"""A funding listing whose calls the test edits between crawls, and `fundwatch` run against it as a
user runs it (crawl, notify, digest), with "now" moved between runs: the life of a call over many
crawls, as the events, the alerts and the repository show it (tests/test_life_*.py)."""

from __future__ import annotations

import sqlite3
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any

from spiders.sources.site import LoopbackSite
from tests.crawl_helpers import fundwatch, write_config
from tests.slack_standin import DEFAULT_TOKEN, SlackStandIn


@dataclass(frozen=True)
class Call:
    """One call as its card on the listing shows it; `replace(call, closes=…)` is the call edited."""

    slug: str
    title: str
    closes: str
    amount: str = "Up to £500,000"
    summary: str = "Councils can bid for retrofit work."
    opens: str | None = None
    status: str | None = None
    href: str | None = None  # the link the card gives; /funding/<slug>/ unless said
    ref: str | None = None  # the site's own reference for the call, if it shows one

    def card(self) -> str:
        rows = (
            f"<dt>Closing date:</dt><dd>{self.closes}</dd><dt>Funding:</dt><dd>{self.amount}</dd>"
        )
        if self.opens:
            rows += f"<dt>Opening date:</dt><dd>{self.opens}</dd>"
        if self.status:
            rows += f"<dt>Status:</dt><dd>{self.status}</dd>"
        if self.ref:
            rows += f"<dt>Reference:</dt><dd>{self.ref}</dd>"
        return (
            f'<article class="call"><h2><a href="{self.href or f"/funding/{self.slug}/"}">'
            f'{self.title}</a></h2><p class="lede">{self.summary}</p><dl>{rows}</dl></article>'
        )


def listing(calls: list[Call]) -> str:
    return "<html><body><main>" + "".join(c.card() for c in calls) + "</main></body></html>"


def source(site: LoopbackSite, source_id: str = "example_listing", path: str = "/funding/"):
    return {
        "id": source_id,
        "name": source_id.replace("_", " ").title(),
        "kind": "listing",
        "urls": [f"{site.url}{path}"],
        "funder": "Example Funder",
        "item": "article.call",
        "fields": {
            "title": "h2 a::text",
            "url": "h2 a::attr(href)",
            "summary": "p.lede",
            "closes": {"label": "Closing date"},
            "opens": {"label": "Opening date"},
            "amount": {"label": "Funding"},
            "status": {"label": "Status"},
            "ref": {"label": "Reference"},
        },
    }


def team(team_id: str, channel: str, **fields: Any) -> dict[str, Any]:
    """A subscription hearing of retrofit calls on an instant Slack channel."""
    return {
        "id": team_id,
        "match": {"keywords": ["retrofit"]},
        "slack": {"channel": channel, "cadence": "instant"},
        **fields,
    }


@dataclass
class Life:
    """The site, the config folder, the repository and the Slack stand-in of one test."""

    site: LoopbackSite
    slack: SlackStandIn
    folder: Path
    sources: list[dict[str, Any]]
    subscriptions: list[dict[str, Any]]
    now: str = "2026-11-25T09:00:00+00:00"
    runs: list[Any] = field(default_factory=list)

    def __post_init__(self) -> None:
        self.write()

    @property
    def db(self) -> Path:
        return self.folder / "fundwatch.db"

    def write(self) -> None:
        write_config(self.folder / "config", self.sources, self.subscriptions)

    def show(self, calls: list[Call], path: str = "/funding/") -> None:
        self.site.add(path, listing(calls))

    def env(self) -> dict[str, str]:
        return {
            "FUNDWATCH_NOW": self.now,
            "SLACK_BOT_TOKEN": DEFAULT_TOKEN,
            "SLACK_API_URL": self.slack.api_url,
        }

    def run(self, *args: str, ok: bool = True):
        done = fundwatch(*args, config=self.folder / "config", db=self.db, env=self.env())
        if ok:
            assert done.returncode == 0, done.stdout + done.stderr
        self.runs.append(done)
        return done

    def crawl_and_notify(self) -> list[dict[str, Any]]:
        """`fundwatch crawl` then `fundwatch notify`; the Slack posts the notify made."""
        self.run("crawl")
        return self.notify()

    def notify(self) -> list[dict[str, Any]]:
        before = len(self.slack.posts)
        self.run("notify")
        return self.slack.posts[before:]

    def rows(self, sql: str, *args: Any) -> list[dict[str, Any]]:
        conn = sqlite3.connect(self.db)
        conn.row_factory = sqlite3.Row
        try:
            return [dict(r) for r in conn.execute(sql, args)]
        finally:
            conn.close()

    def events(self, kind: str | None = None) -> list[dict[str, Any]]:
        if kind is None:
            return self.rows("SELECT * FROM events ORDER BY id")
        return self.rows("SELECT * FROM events WHERE kind = ? ORDER BY id", kind)


def said(posts: list[dict[str, Any]]) -> list[tuple[str, str]]:
    """(channel, "Title · What happened") of each post, in order: the head of its text."""
    return [(p["channel"], " · ".join(p["text"].split(" · ")[:2])) for p in posts]


__all__ = ["Call", "Life", "listing", "replace", "said", "source", "team"]
