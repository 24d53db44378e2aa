"""What every command shares: where the config and the repository are, and how they are opened."""

from __future__ import annotations

import os
from collections.abc import Callable

import click

from config.errors import ConfigError
from config.loader import config_dir, load_settings
from config.models import Settings
from config.suggest import unknown_id
from notifier.configuration import Config, load_checked_sources, load_config
from storage.db import open_db
from storage.paths import db_path, outbox_beside


class Context:
    def __init__(self, config: str | None, db: str | None):
        self.config_dir = config_dir(config)
        self.db_path = db_path(db)

    def config(self) -> Config:
        """For commands that read the repository: sources' addresses are judged by crawls."""
        return load_config(self.config_dir, fetching=False)

    def sources(self, *, fetching: bool = True, secrets_for: tuple[str, ...] | None = None):
        """`secrets_for`: the sources whose header variables must be set (None: every source)."""
        return load_checked_sources(self.config_dir, fetching=fetching, secrets_for=secrets_for)

    def db(self, *, readonly: bool = False):
        """Commands that only read pass readonly=True: no repository is created or migrated."""
        return open_db(self.db_path, readonly=readonly)


pass_context = click.make_pass_decorator(Context)


def warn_on_stderr(warning: str) -> None:
    """How a command warns: a line on stderr (the service logs its warnings instead)."""
    click.echo(warning, err=True)


def check_delivery_settings(
    context: Context, warn: Callable[[str], None] = warn_on_stderr, settings: Settings | None = None
) -> None:
    """Stop before routing or sending when the environment's delivery settings are wrong
    (SMTP_PORT=abc, SMTP_SECURITY=tls1, MAIL_FROM=not-an-address, SLACK_API_URL=ftp://…): said
    once, as config errors are (exit 2), rather than as a failure of every alert.
    `settings`: settings.yaml as already read (else read here)."""
    from notifier.channels.env_check import delivery_settings_problems, delivery_warnings

    settings = settings or load_settings(context.config_dir)
    problems = delivery_settings_problems(os.environ, settings)
    if problems:
        raise ConfigError([f"environment: {problem}" for problem in problems])
    for warning in delivery_warnings(os.environ, settings, outbox_beside(context.db_path)):
        warn(warning)


def check_crawl_settings(
    context: Context, warn: Callable[[str], None] = warn_on_stderr, settings: Settings | None = None
) -> None:
    """The crawl's development overrides (FUNDWATCH_CRAWL_DELAY, FUNDWATCH_CRAWL_TIMEOUT) are read
    in each crawl process, where a bad one ended it before any source's turn: judged here first,
    so one is a config error (exit 2) before anything starts."""
    from config.settings import PLACEHOLDER_CONTACT, crawl_delay, crawl_timeout
    from config.settings_model import reachable

    settings = settings or load_settings(context.config_dir)
    crawl_delay(settings)
    crawl_timeout(settings)
    if settings.crawl.contact == PLACEHOLDER_CONTACT:
        # Every request names the curators to the site's owner (DESIGN: an identifying
        # User-Agent); without settings.yaml it named a placeholder nobody reads, in silence.
        warn(
            f"warning: crawl.contact is not set in {context.config_dir / 'settings.yaml'}: sites "
            f"are told to write to {PLACEHOLDER_CONTACT}; set a mailbox you read"
        )
    elif not reachable(settings.crawl.contact):
        warn(
            f"warning: crawl.contact in {context.config_dir / 'settings.yaml'} "
            f"({settings.crawl.contact!r}) is no email address or web page: a site's owner "
            "cannot reach you"
        )


def warn_progress_setting(warn: Callable[[str], None] = warn_on_stderr) -> None:
    """Said once by the commands that crawl, not by each crawl (the setting is read per source)."""
    from spiders.progress_mode import ENV, mode_warning

    warning = mode_warning(os.environ.get(ENV))
    if warning:
        warn(warning)


def selected_sources(context: Context, source_ids: tuple[str, ...], *, fetching: bool = True):
    """The sources named (each must exist), or every enabled source."""
    return chosen(context.sources(fetching=fetching, secrets_for=source_ids), source_ids)


SOURCES_LISTED = "`fundwatch sources list` lists the {count} known"


def chosen(sources: list, source_ids: tuple[str, ...]) -> list:
    """Of `sources`, those named (each must exist), or every enabled one."""
    known = {s.id: s for s in sources}
    unknown = [s for s in source_ids if s not in known]
    if unknown:
        said = [
            unknown_id("source", s, list(known), listed="known", many=SOURCES_LISTED)
            for s in unknown
        ]
        raise click.BadParameter("; ".join(said), param_hint="SOURCE_ID")
    if source_ids:
        # Once each: `crawl a a` said "crawling 2 source(s)" and crawled one.
        return [known[s] for s in dict.fromkeys(source_ids)]
    return [s for s in sources if s.enabled]


def print_runs(runs: list[dict]) -> None:
    from notifier.channels.escape import terminal_line
    from notifier.present import id_width  # see notifier/cli.py: start-up cost

    width = id_width(run["source_id"] for run in runs)
    click.echo(
        f"{'source':<{width}} {'outcome':<8} {'items':>5} {'new':>5} {'changed':>7} {'removed':>7} "
        f"{'errors':>6}"
    )
    for run in runs:
        click.echo(
            f"{run['source_id']:<{width}} {run['outcome']:<8} {run['items'] or 0:>5} "
            f"{run['new'] or 0:>5} {run['changed'] or 0:>7} {run['removed'] or 0:>7} "
            f"{run['errors'] or 0:>6}"
        )
    failed = [r for r in runs if r["outcome"] != "ok"]
    click.echo(f"{len(runs)} source(s): {len(runs) - len(failed)} ok, {len(failed)} failed")
    # A reason may quote what a site answered: its escape sequences only as letters.
    for run in failed:
        said = run["reason"] or "unknown reason"
        click.echo(terminal_line(f"  {run['source_id']} failed: {said}"))
    for run in runs:  # an ok run's notes (storage/runs.py finish_run): said, not failed
        if run["outcome"] == "ok" and run.get("reason"):
            click.echo(terminal_line(f"  {run['source_id']} note: {run['reason']}"))
    for run in runs:
        if said := baseline_said(run):
            click.echo(
                f"  {run['source_id']} baseline: its first crawl into a repository other sources "
                f"fill; {said}"
            )


def baseline_said(run: dict) -> str | None:
    """Where a baseline run's new calls go: under "new" alone, a curator who added a source waited
    for alerts that a baseline never sends (README, "No floods, no night mail")."""
    new = run.get("new") or 0
    if not run.get("baseline") or not new:
        return None
    return (
        f"its {new} new call(s) are not announced one by one: each subscription's next digest "
        'lists those that match it ("Now tracking N calls from …")'
    )
