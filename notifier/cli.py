"""`fundwatch`: the command line. Each command is a thin shell over the modules that do the work
(notifier/commands/); this file wires them and turns every known failure into one clear line.

Commands are imported when they run, not when the group is built: importing all of them (pydantic,
sqlite-utils, APScheduler, slack-sdk, Jinja2) took `fundwatch --help` from 0.21 s to 0.43 s on the
2-core reference machine. Their short help is kept here, and tests/test_cli_docs.py checks it matches.
"""

from __future__ import annotations

import sys

# First, before click and the commands' modules: a stop from now on is the command's clean stop
# (notifier/stopping.py). Installed here, `run` was unguarded for the tens of milliseconds below.
from notifier.stopping import hear_stops_from_the_start

hear_stops_from_the_start(sys.argv)

import sqlite3  # noqa: E402

import click  # noqa: E402

from config.errors import ConfigError  # noqa: E402
from notifier.commands.lazy import LazyGroup, asks_for_help  # noqa: E402
from notifier.service_starting import StoppedBeforeStart, stop_while_starting  # noqa: E402
from storage.errors import RepositoryError, describe  # noqa: E402
from storage.paths import db_path  # noqa: E402

# name → (module in notifier/commands, attribute, the one line `fundwatch --help` shows)
COMMANDS = {
    "crawl": ("repository", "crawl", "Harvest the enabled sources (or those named)."),
    "search": ("repository", "search", "Full-text search of the repository."),
    "notify": ("delivery", "notify", "Route new events and deliver every due instant alert."),
    "digest": ("delivery", "digest", "Send the daily and weekly digests that are due."),
    "run": ("service", "run", "The scheduler service, in the foreground."),
    "demo": ("service", "demo", "The whole cycle offline, on bundled snapshots."),
    "sources": ("sources", "sources", "Curator tools: list, check, try, record, status, ack."),
    "export": ("open_data", "export", "Open data out: JSON, CSV, Atom or ICS."),
    "serve": ("web", "serve", "The browsable repository in Datasette."),
    "ingest": ("ingest", "ingest", "Load Scrapy feed exports written on Scrapyd nodes."),
}


# The repository the current command was given, for the error handler in main().
_given: dict[str, str | None] = {"db": None}


@click.group(
    cls=LazyGroup,
    lazy=COMMANDS,
    before_import={"run": stop_while_starting},
    context_settings={"help_option_names": ["-h", "--help"]},
)
@click.option(
    "--config",
    "config",
    metavar="DIR",
    help="Config folder (env FUNDWATCH_CONFIG; default ./config).",
)
@click.option(
    "--db",
    "db",
    metavar="PATH",
    help="SQLite repository (env FUNDWATCH_DB; default ./data/fundwatch.db).",
)
@click.version_option("0.1.0", prog_name="fundwatch")
@click.pass_context
def cli(ctx: click.Context, config: str | None, db: str | None) -> None:
    """fundwatch: find funding for UK local public services.

    Harvests funding calls from the sources in config/sources.yaml into one SQLite repository, and
    tells the council teams in config/subscriptions.yaml about the ones that matter to them.
    """
    from config.private_files import make_files_private
    from notifier.commands.context import Context  # see the module docstring: start-up cost

    if not asks_for_help(ctx):  # help reads no setting and makes nothing
        check_environment()
        # Before anything makes a file: the repository, digests and locks are the user's alone.
        ctx.call_on_close(make_files_private())
    _given["db"] = db
    ctx.obj = Context(config, db)


def check_environment() -> None:
    """fundwatch's own settings in the environment that every command reads, judged before the
    command does anything: each one it cannot use is a line of one config error (exit 2)."""
    from config.clock import check_frozen_now
    from config.private_files import check_umask_setting

    problems: list[str] = []
    for check in (check_frozen_now, check_umask_setting):
        try:
            check()
        except ConfigError as error:
            problems += error.problems
    if problems:
        raise ConfigError(problems)


def main() -> None:
    try:
        cli.main(prog_name="fundwatch")
    except StoppedBeforeStart as stop:  # `run`, stopped as it started: a clean stop (exit 0)
        click.echo(f"fundwatch run: received {stop} before the service started: stopped", err=True)
    except ConfigError as error:
        for problem in dict.fromkeys(error.problems):  # each file read says a missing folder
            click.echo(f"config error: {problem}", err=True)
        sys.exit(2)
    except RepositoryError as error:
        click.echo(f"fundwatch: {error}", err=True)
        sys.exit(1)
    except sqlite3.Error as error:
        # Damage SQLite finds only when it reads that part of the file, mid-command.
        click.echo(f"fundwatch: {describe(error, db_path(_given['db']))}", err=True)
        sys.exit(1)


if __name__ == "__main__":
    main()
