"""Curator tools: `fundwatch sources list|check|status|try`."""

from __future__ import annotations

import sys
import tempfile

import click

from config.clock import now
from notifier.commands.context import (
    Context,
    pass_context,
    print_runs,
    scratch_path,
    selected_sources,
)
from notifier.crawl_launcher import run_crawl
from storage.db import open_db
from storage.runs import latest_runs, overdue
from storage.search import all_opportunities


@click.group()
def sources() -> None:
    """Curator tools: list, check, try and see the health of sources."""


@sources.command("list")
@pass_context
def sources_list(context: Context) -> None:
    """List the configured sources."""
    for source in sorted(context.sources(), key=lambda s: not s.enabled):
        state = "" if source.enabled else " (disabled)"
        click.echo(
            f"{source.id:<28} {source.kind:<8} every {source.every:<5} {source.label}{state}"
        )


@sources.command("check")
@pass_context
def sources_check(context: Context) -> None:
    """Validate sources.yaml, tags.yaml, subscriptions.yaml and settings.yaml; exit 2 on any error."""
    config = context.config()
    click.echo(
        f"config ok: {len(config.sources)} source(s), {len(config.tags)} tag(s), "
        f"{len(config.subscriptions)} subscription(s) in {context.config_dir}"
    )


@sources.command("status")
@pass_context
def sources_status(context: Context) -> None:
    """The last crawl of each source: when, outcome, counts, the reason for any failure, and
    whether it has gone quiet for longer than twice its cadence. Only reads the repository."""
    configured = context.sources()
    db = context.db(readonly=True)
    latest = latest_runs(db)
    db.close()
    for source in configured:
        run = latest.get(source.id)
        if not run:
            click.echo(f"{source.id:<28} never crawled")
            continue
        line = f"{source.id:<28} {run['outcome']:<8} {run['started_at']}  items {run['items'] or 0}"
        if run["outcome"] != "ok":
            line += f"  reason: {run['reason']}"
        silent = overdue(run, source.interval, now())
        if silent:
            line += (
                f"  OVERDUE: no crawl for {silent.days}d {silent.seconds // 3600}h "
                f"(every {source.every})"
            )
        click.echo(line)


@sources.command("try")
@click.argument("source_id")
@pass_context
def sources_try(context: Context, source_id: str) -> None:
    """Crawl one source into a scratch repository and print what it found (the real one is untouched)."""
    selected_sources(context, (source_id,))
    with tempfile.TemporaryDirectory(prefix="fundwatch-try-") as scratch:
        scratch_db = scratch_path(scratch)
        report = run_crawl([source_id], config_dir=context.config_dir, db_path=scratch_db)
        db = open_db(scratch_db, readonly=True)
        for row in all_opportunities(db):
            click.echo(
                f"- {row['title']}\n  url: {row['url']}\n  closes: {row['closes_at']}  amount: "
                f"{row['amount_min']}–{row['amount_max']}  status: {row['status']}  "
                f"tags: {row['tags']}"
            )
        db.close()
        print_runs(report.runs)
    if report.failed:
        sys.exit(1)
