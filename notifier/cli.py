"""`fundwatch`: the command line. Each command is a thin shell over the modules that do the work
(notifier/commands/); this file wires them and turns every known failure into one clear line."""

from __future__ import annotations

import sqlite3
import sys

import click

from config.loader import ConfigError
from notifier.commands.context import Context
from notifier.commands.delivery import digest, notify
from notifier.commands.repository import crawl, search
from notifier.commands.service import demo, run
from notifier.commands.sources import sources
from storage.db import RepositoryError, db_path, describe


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
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
    ctx.obj = Context(config, db)


for command in (crawl, search, notify, digest, run, demo, sources):
    cli.add_command(command)


def main() -> None:
    try:
        cli.main(prog_name="fundwatch")
    except ConfigError as error:
        for problem in error.problems:
            click.echo(f"config error: {problem}", err=True)
        sys.exit(2)
    except RepositoryError as error:
        click.echo(f"fundwatch: {error}", err=True)
        sys.exit(1)
    except sqlite3.Error as error:
        # Damage SQLite finds only when it reads that part of the file, mid-command.
        where = Context.current.db_path if Context.current else db_path()
        click.echo(f"fundwatch: {describe(error, where)}", err=True)
        sys.exit(1)


if __name__ == "__main__":
    main()
