"""The long-running service and the offline demo: `fundwatch run` and `fundwatch demo`."""

from __future__ import annotations

import sys
from pathlib import Path

import click

from config.clock import refuse_frozen_clock
from notifier.commands.context import (
    Context,
    check_crawl_settings,
    check_delivery_settings,
    pass_context,
    warn_progress_setting,
)
from notifier.demo.run import NotADemoFolder, describe, run_demo
from notifier.service_run import (
    AlreadyRunning,
    log_warning,
    run_service,
    service_for,
    service_logging,
)
from notifier.service_starting import stop_while_starting


@click.command()
@click.option("-v", "--verbose", is_flag=True, help="Log scheduler internals too.")
@pass_context
def run(context: Context, verbose: bool) -> None:
    """The scheduler service, in the foreground: crawls, alerts, digests and reminders on their cadences.

    One per repository. Stops cleanly on SIGTERM or Ctrl-C (the job in flight finishes; exit 0).

    Each job reads the YAML afresh: an edit that does not read leaves it on the last good config,
    said once in the log; within a minute the crawls follow sources added, removed or re-timed in
    sources.yaml, and the digests, scan and alerts follow the schedule in settings.yaml.
    """
    # Installed before this module was imported too (notifier/cli.py); a stop before the service
    # logs anything is said by notifier/cli.py's main().
    stop_while_starting()
    service_logging(verbose)  # its warnings as it starts are lines of its log too
    service = service_for(context.config_dir, context.db_path)
    try:
        settings = service.start_config().settings  # read once: the checks, then the jobs
        # A service that could send nothing must not start.
        check_delivery_settings(context, log_warning, settings)
        check_crawl_settings(context, log_warning, settings)
        warn_progress_setting(log_warning)
        refuse_frozen_clock("run")  # before the repository is opened or made
        run_service(context.config_dir, context.db_path, verbose=verbose, service=service)
    except AlreadyRunning as error:
        click.echo(f"fundwatch run: {error}", err=True)
        sys.exit(1)


@click.command()
@click.option(
    "--dir",
    "folder",
    type=click.Path(file_okay=False, path_type=Path),
    default=Path("data/demo"),
    show_default=True,
    help="Where the demo repository, config and .eml digests go (a new or empty folder, or one an "
    "earlier demo made: that is wiped first).",
)
def demo(folder: Path) -> None:
    """The whole cycle offline: bundled snapshots of real sources served on loopback, crawled into a
    fresh demo repository, routed to the example subscriptions, alerts on the console and digests
    as .eml files. Needs no network and no settings; ignores any Slack, Teams or SMTP settings."""
    try:
        summary = run_demo(folder, echo=click.echo)
    except NotADemoFolder as error:
        click.echo(f"fundwatch demo: {error}", err=True)
        sys.exit(2)
    click.echo(describe(summary))
    if summary.sources_failed:
        sys.exit(1)
