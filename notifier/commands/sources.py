"""Curator tools: `fundwatch sources list|check|try|record|status|ack`. Each subcommand is imported
when it runs: `sources status`, which cron runs, loads neither Scrapy nor the selector checks."""

from __future__ import annotations

import click

from notifier.commands.context import Context, pass_context
from notifier.commands.lazy import LazyGroup

# name → (module in notifier/commands, attribute, the one line `fundwatch sources --help` shows)
SOURCE_COMMANDS = {
    "list": ("sources", "sources_list", "List the configured sources."),
    "check": (
        "source_curation",
        "sources_check",
        "Validate sources, tags, subscriptions, settings.",
    ),
    "try": ("source_curation", "sources_try", "Print one source's items as people read them."),
    "record": ("source_curation", "sources_record", "Save a source's live pages as a snapshot."),
    "status": ("source_health", "sources_status", "The health of each source."),
    "ack": ("source_health", "sources_ack", "Acknowledge a failing source: no reminders."),
}


@click.group(cls=LazyGroup, lazy=SOURCE_COMMANDS)
def sources() -> None:
    """Curator tools: list, check, try, record and see the health of sources."""


@click.command("list")
@pass_context
def sources_list(context: Context) -> None:
    """List the configured sources."""
    from notifier.present import id_width  # see notifier/cli.py: start-up cost

    configured = sorted(context.sources(fetching=False), key=lambda s: not s.enabled)
    width = id_width(source.id for source in configured)
    for source in configured:
        state = "" if source.enabled else " (disabled)"
        click.echo(
            f"{source.id:<{width}} {source.kind:<8} every {source.every:<5} {source.label}{state}"
        )
