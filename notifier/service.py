"""What the service does, job by job: crawl a source, route and deliver, send digests, scan deadlines.

Each job loads config afresh (curators edit YAML while the service runs), opens the repository,
does one thing, and returns a one-line outcome for the log.
"""

from __future__ import annotations

import os
import time
from collections.abc import Callable, Iterator, Mapping
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from sqlite_utils import Database

from config.clock import now
from config.suggest import SUBSCRIPTIONS_MANY, unknown_id
from notifier.configuration import Config, load_config
from notifier.crawl_launcher import run_crawl
from notifier.crawl_relay import log_crawl_line
from notifier.crawl_said import crawl_said
from notifier.delivery import default_outbox_dir, deliver_instant, send_digests
from notifier.delivery.sending import never
from notifier.health.tell import curator_channels, tell_curators
from notifier.health.watch import coverage, watch_sources
from notifier.kept_config import SETTLE, KeptConfig, KeptView
from notifier.present import date_text
from notifier.route import route_events, scan_closed, scan_closing_soon, scan_opening_soon
from storage.db import open_db, require_existing
from storage.errors import repository_errors
from storage.locks import crawl_running
from storage.outbox_queries import held_back
from storage.outbox_recovery import requeue_failed

# An unknown --subscription: its id among the few known, or the nearest among many.
SUBSCRIPTIONS = {"listed": "known subscriptions", "many": SUBSCRIPTIONS_MANY}


@dataclass(frozen=True)
class Delivered:
    """What a delivery job did: the lines it prints or logs (`str()`), how many alerts failed for
    good in it (which makes `notify` and `digest` exit 1), and how many a stop left for the next
    run. (It was a str subclass carrying the counts, which any string operation on it dropped.)"""

    text: str
    failed: int = 0
    left: int = 0
    drop_job: bool = False  # a crawl job whose source is gone: the scheduler removes the job

    def __str__(self) -> str:
        return self.text

    def then(self, more: str) -> Delivered:
        """The same outcome, with more said after it."""
        return Delivered(self.text + more, self.failed, self.left)

    def after(self, said: str) -> Delivered:
        """The same outcome, with `said` before it (a job that did more than deliver)."""
        return Delivered(said + self.text, self.failed, self.left)


@dataclass
class Service:
    config_dir: Path
    db_path: Path
    env: Mapping[str, str] = field(default_factory=lambda: os.environ)
    crawl_timeout: float = 3600.0
    # What the crawl timeout is counted by, from the crawl's turn (notifier/crawl_deadline.py):
    # injected by tests, which play the hour without waiting it.
    crawl_clock: Callable[[], float] = time.monotonic
    # The service's stop (`fundwatch run`: spiders/early_stop.py's stop_signalled), heard by every
    # delivery job between messages, as the `notify` and `digest` commands hear theirs: without
    # it a stopped service sent every alert a job had claimed, paced a second apart, and outlived
    # systemd's stop timeout, whose SIGKILL could land mid-post.
    stopping: Callable[[], bool] = never
    # `fundwatch run`: an edit that does not read leaves the jobs on the last good config (and
    # crawls on a copy of its files), said once in the log; a command reads once and stops on it.
    keep_last_good: bool = False
    # Whether a job may make the repository where none is: the service may (it crawls), the
    # `notify` and `digest` commands may not (a mistyped --db made an empty one, and exit 0).
    creates: bool = True
    # The wall clock an edit's files are timed by, and the wait for a new edit to stand still
    # (notifier/kept_config.py SETTLE): injected by tests, which play the editor in the wait.
    config_clock: Callable[[], float] = time.time
    config_sleep: Callable[[float], None] = time.sleep

    def __post_init__(self) -> None:
        self._kept = KeptConfig(
            self.config_dir,
            lambda folder: load_config(folder, fetching=False),
            keep_copies=self.keep_last_good,
            settle=SETTLE if self.keep_last_good else 0.0,
            clock=self.config_clock,
            sleep=self.config_sleep,
        )

    def start_config(self) -> Config:
        """The config as the service starts: read once (kept as the first good one) with every
        check a crawl makes, the sources' addresses too, so a service that could crawl nothing
        does not start; read again only once a file changes."""
        return self._kept.view(load_config).config

    def config(self) -> Config:
        """Sources, subscriptions and settings, read afresh: curators edit YAML while it runs. Its
        jobs fetch no source (a crawl runs in its own process, which judges the addresses)."""
        return self._kept.current()

    @contextmanager
    def _opened(self, config: Config | None = None) -> Iterator[tuple[Config, Database]]:
        """A job's config (read once, or the one given) and the repository, closed after it."""
        config = config or self.config()
        if not self.creates:
            require_existing(self.db_path)
        db = open_db(self.db_path)
        try:
            # A full disk, a read-only or damaged file mid-job: said in one line naming the file,
            # as open_db says it (the service logged two tracebacks a job for it).
            with repository_errors(self.db_path):
                yield config, db
        finally:
            db.close()

    def crawl(self, source_id: str) -> Delivered:
        view = self._kept.view()
        if source_id not in {s.id for s in view.config.sources if s.enabled}:
            # Removed or disabled since its job was planned: its job goes too (notifier/scheduler.py).
            return Delivered(
                f"crawl {source_id}: not crawled: no longer an enabled source in sources.yaml; "
                "its crawl job removed",
                drop_job=True,
            )
        return self.crawl_round([source_id], view)

    def crawl_round(self, source_ids: list[str], view: KeptView | None = None) -> Delivered:
        """Crawl these sources in one crawl process (one batch: in the first round, every one of
        them announces its calls, as one `fundwatch crawl` does), then judge and send. The crawl
        process reads the files the job read (`view`): a source removed in between was a KeyError
        in it, and the source recorded failed."""
        view = view or self._kept.view()
        started = time.monotonic()
        with repository_errors(self.db_path):  # recording the runs after the crawl: see _opened
            report = run_crawl(
                source_ids,
                enabled=[s.id for s in view.config.sources if s.enabled],
                config_dir=view.folder,
                db_path=self.db_path,
                timeout=self.crawl_timeout,
                clock=self.crawl_clock,
                said=log_crawl_line,  # its lines in the service's log, stamped as its own
                config_shown=self.config_dir,
            )
        took = f"({time.monotonic() - started:.1f}s)"
        said = crawl_said(source_ids, {run["source_id"]: run for run in report.runs}, took)
        # Read again, once, for the judging and the sending: a crawl may take an hour of edits.
        with self._opened() as (config, db):
            notified = self._notify(config, db)
            return notified.after(said + "; " + self._health(config, db) + "; ")

    def health(self) -> str:
        """Judge every source, queue what curators must hear, and tell them."""
        with self._opened() as (config, db):
            return self._health(config, db)

    def _health(self, config: Config, db: Database) -> str:
        summary = watch_sources(
            db,
            config.sources,
            now(),
            curator_channels(config.settings),
            lambda source_id: crawl_running(self.db_path, source_id),
        )
        if self.stopping():  # the notices wait for the next run, as the alerts do
            return summary.text()
        told = tell_curators(
            db, config.settings, self.env, now(), default_outbox_dir(db), self.stopping
        )
        return summary.text() + (f"; {told} notice(s) sent to curators" if told else "")

    def notify(
        self,
        *,
        retry_failed: bool = False,
        subscription_id: str | None = None,
        judge_sources: bool = False,
        scan_dates: bool = False,
        stopping: Callable[[], bool] | None = None,
        progress: Callable[[Any], None] | None = None,
    ) -> Delivered:
        """Route new events, then deliver every due instant alert; with `retry_failed`, first put
        the alerts given up on back in the queue (those of one subscription, if named); with
        `scan_dates`, first queue the deadline reminders and early warnings now due (the daily
        scan's, each once ever); with `judge_sources`, then judge the sources and tell the
        curators, on the same config read.
        Once `stopping` (the service's own stop if not given), the messages in flight are the last;
        the curators wait for the next run."""
        stopping = stopping or self.stopping
        config = self.config()
        if subscription_id is not None and subscription_id not in {
            s.id for s in config.subscriptions
        }:
            known = sorted(s.id for s in config.subscriptions)
            raise LookupError(unknown_id("subscription", subscription_id, known, **SUBSCRIPTIONS))
        with self._opened(config) as (config, db):
            requeued = ""
            if retry_failed:
                count = requeue_failed(db, now(), subscription_id)
                requeued = f"{count} failed alert(s) queued again; "
            if scan_dates:
                requeued += _reminders_text(
                    scan_closing_soon(db, config.subscriptions, now()),
                    scan_opening_soon(db, config.subscriptions, now()),
                    scan_closed(db, config.subscriptions, now()),
                )
            said = self._notify(config, db, said=requeued, stopping=stopping, progress=progress)
            if not judge_sources or stopping():
                return said
            return said.then("\n" + self._health(config, db))

    def _notify(
        self,
        config: Config,
        db: Database,
        said: str = "",
        stopping: Callable[[], bool] | None = None,
        progress: Callable[[Any], None] | None = None,
    ) -> Delivered:
        stopping = stopping or self.stopping
        routed = route_events(db, config.subscriptions, now())
        delivered = deliver_instant(
            db,
            config.subscriptions,
            config.settings,
            now=now(),
            env=self.env,
            labels=config.labels(),
            stopping=stopping,
            progress=progress,
        )
        text = f"notify: {said}{routed.text()}; {delivered.text()}{_held_back_text(db)}"
        return Delivered(text, delivered.gave_up, delivered.left)

    def closing_soon(self) -> Delivered:
        """The daily date scan: deadlines coming up, and calls about to open."""
        with self._opened() as (config, db):
            closing = scan_closing_soon(db, config.subscriptions, now())
            opening = scan_opening_soon(db, config.subscriptions, now())
            closed = scan_closed(db, config.subscriptions, now())
            return self._notify(config, db).after(
                f"closing-soon scan: {closing} reminder(s) queued; "
                f"opening-soon scan: {opening} early warning(s) queued; "
                + (f"closed scan: {closed} closing(s) queued; " if closed else "")
            )

    def digest(
        self, cadence: str, *, force: bool = False, stopping: Callable[[], bool] | None = None
    ) -> Delivered:
        """Send the digests of `cadence` that are due; once `stopping` (the service's own stop if
        not given), the digest in flight is the last."""
        stopping = stopping or self.stopping
        with self._opened() as (config, db):
            route_events(db, config.subscriptions, now())
            summary = send_digests(
                db,
                config.subscriptions,
                config.settings,
                cadence=cadence,
                now=now(),
                force=force,
                env=self.env,
                labels=config.labels(),
                coverage=coverage(db, config.sources, now()),
                stopping=stopping,
            )
        return Delivered(f"{cadence} digests: {summary.text()}", summary.gave_up, summary.left)


def _held_back_text(db: Database) -> str:
    """'; 5 alert(s) waiting to be retried, the next at 25 Nov 2026, 9:10am': a run that sent
    nothing because Slack asked for a long wait must not read as if the outbox were empty."""
    count, earliest = held_back(db, "instant", now())
    if not count:
        return ""
    return f"\n  {count} alert(s) waiting to be retried, the next at {date_text(earliest)}"


def _reminders_text(closing: int, opening: int, closed: int = 0) -> str:
    """What `notify`'s date scan queued, said only when it queued something."""
    parts = [f"{closing} deadline reminder(s)"] if closing else []
    parts += [f"{opening} early warning(s)"] if opening else []
    parts += [f"{closed} closing(s)"] if closed else []
    return f"{' and '.join(parts)} queued; " if parts else ""
