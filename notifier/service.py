"""What the service does, job by job: crawl a source, route and deliver, send digests, scan deadlines.

Each job loads config afresh (curators edit YAML while the service runs), opens the repository,
does one thing, and returns a one-line outcome for the log.
"""

from __future__ import annotations

import os
import time
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path

from config.clock import now
from config.loader import load_settings, load_sources, load_subscriptions, load_tags
from storage.db import open_db


def routed_text(summary) -> str:
    return f"{summary.events} event(s) routed into {summary.outbox_rows} alert(s)"


def delivered_text(summary) -> str:
    text = f"{summary.sent} sent, {summary.retrying} to retry, {summary.failed} failed"
    if summary.recovered:
        text += f", {summary.recovered} recovered from an interrupted run"
    for problem in summary.problems:
        text += f"\n  problem: {problem}"
    return text


def digest_text(summary) -> str:
    return (
        f"{summary.digests} digest(s) sent covering {summary.sent} alert(s); {summary.retrying} to retry, "
        f"{summary.failed} failed; next slot {summary.next_slot}"
        + "".join(f"\n  problem: {p}" for p in summary.problems)
    )


@dataclass
class Service:
    config_dir: Path
    db_path: Path
    env: Mapping[str, str] = field(default_factory=lambda: os.environ)
    crawl_timeout: float = 3600.0

    def config(self):
        """Sources, subscriptions and settings, read afresh: curators edit YAML while the service runs."""
        tags = load_tags(self.config_dir)
        sources = load_sources(self.config_dir, tags=tags)
        subscriptions = load_subscriptions(self.config_dir, tags=tags, sources=sources)
        return sources, subscriptions, load_settings(self.config_dir)

    def source_labels(self, sources) -> dict[str, str]:
        return {s.id: s.label for s in sources}

    def crawl(self, source_id: str) -> str:
        from notifier.crawling import run_crawl

        started = time.monotonic()
        report = run_crawl(
            [source_id],
            config_dir=self.config_dir,
            db_path=self.db_path,
            timeout=self.crawl_timeout,
        )
        run = report.runs[0] if report.runs else {"outcome": "failed", "reason": "no run recorded"}
        line = (
            f"crawl {source_id}: {run['outcome']}, {run.get('items') or 0} items, {run.get('new') or 0} new, "
            f"{run.get('changed') or 0} changed ({time.monotonic() - started:.1f}s)"
        )
        if run["outcome"] != "ok":
            line += f"; reason: {run.get('reason')}"
        return line + "; " + self.notify()

    def notify(self) -> str:
        """Route new events, then deliver every due instant alert."""
        from notifier.deliver import deliver_instant
        from notifier.route import route_events

        sources, subscriptions, settings = self.config()
        db = open_db(self.db_path)
        routed = route_events(db, subscriptions, now())
        delivered = deliver_instant(
            db,
            subscriptions,
            settings,
            now=now(),
            env=self.env,
            source_labels=self.source_labels(sources),
        )
        return f"notify: {routed_text(routed)}; {delivered_text(delivered)}"

    def closing_soon(self) -> str:
        from notifier.route import scan_closing_soon

        _, subscriptions, _ = self.config()
        count = scan_closing_soon(open_db(self.db_path), subscriptions, now())
        return f"closing-soon scan: {count} reminder(s) queued; " + self.notify()

    def digest(self, cadence: str, *, force: bool = False) -> str:
        from notifier.digest import send_digests
        from notifier.route import route_events

        sources, subscriptions, settings = self.config()
        db = open_db(self.db_path)
        route_events(db, subscriptions, now())
        summary = send_digests(
            db,
            subscriptions,
            settings,
            cadence=cadence,
            now=now(),
            force=force,
            env=self.env,
            source_labels=self.source_labels(sources),
        )
        return f"{cadence} digests: {digest_text(summary)}"
