"""`fundwatch export`: the repository as open data, to stdout or a file. Only reads it."""

from __future__ import annotations

import sys
from collections.abc import Iterable
from pathlib import Path

import click

from config import clock
from notifier.commands.context import Context, pass_context
from notifier.commands.options import base_address
from notifier.export.build import FORMATS, Links, build
from notifier.export.data import data_chunks
from notifier.export.output import OutputError, is_repository, write_output
from notifier.export.scope import UnknownScope, choose_scope
from notifier.export.spool import SpoolError, may_stall, read_first

STREAMED = ("json", "csv")


@click.command()
@click.option(
    "--format",
    "fmt",
    type=click.Choice(FORMATS, case_sensitive=False),  # --format CSV is what was meant
    required=True,
    help="json and csv: every live call (CommonGrants field names); atom: new and changed "
    "calls, newest first; ics: a calendar of closing dates, and opening dates of calls "
    "still to open.",
)
@click.option("--tag", metavar="TAG", help="Only calls with this tag (config/tags.yaml).")
@click.option("--subscription", metavar="ID", help="Only calls this subscription would hear about.")
@click.option(
    "--output",
    metavar="FILE",
    type=click.Path(dir_okay=False, allow_dash=True, path_type=Path),
    help="Write to FILE (replaced whole; a device or pipe is written into) instead of stdout "
    "(- is stdout).",
)
@click.option(
    "--base-url",
    metavar="URL",
    callback=base_address,
    help="Where `fundwatch serve` publishes the repository, to link each call's page.",
)
@pass_context
def export(
    context: Context,
    fmt: str,
    tag: str | None,
    subscription: str | None,
    output: Path | None,
    base_url: str | None,
) -> None:
    """Open data out: JSON, CSV, an Atom feed or an ICS calendar of the repository.

    JSON and CSV carry every call still listed, with stable ids and CommonGrants field names
    (notifier/export/SCHEMA.md). Atom carries the newest new and changed calls; ICS one event per
    open call on its closing date (and one on its opening date while it is still to open),
    updated in place when a date moves. Only reads the repository.
    """
    if output == Path("-"):
        output = None  # the usual word for stdout; it wrote a file named "-"
    if output is not None and is_repository(output, context.db_path):
        raise click.BadParameter(
            f"{output} is the repository (or its journal): name another file", param_hint="--output"
        )
    config = context.config()
    try:
        scope = choose_scope(config, tag=tag, subscription=subscription)
    except UnknownScope as error:
        # The option given: "Invalid value for --tag/--subscription" left people to guess.
        hint = (
            "--tag/--subscription" if tag and subscription else "--tag" if tag else "--subscription"
        )
        raise click.BadParameter(str(error), param_hint=hint) from None
    db = context.db(readonly=True)
    text = None
    try:
        if fmt in STREAMED:
            # Every live call: written as it is read, never whole in memory.
            text = data_chunks(fmt, db, scope, config.labels(), clock.now())
            pieces: Iterable[bytes] = (piece.encode("utf-8") for piece in text)
        else:
            body = build(fmt, db, scope, config.labels(), clock.now(), Links(base_url))
            pieces = [body.content]
        if output is None:
            if fmt in STREAMED and may_stall(sys.stdout):
                pieces = read_first(pieces)  # its snapshot ends before a reader can stall it
            try:
                for piece in pieces:
                    click.echo(piece, nl=False)  # bytes: written to stdout as they are
            except SpoolError as error:
                raise click.ClickException(str(error)) from None
            return
        try:
            written = write_output(output, pieces)
        except (OutputError, SpoolError) as error:
            raise click.ClickException(str(error)) from None
    finally:
        if text is not None:
            # A write that failed part-way leaves the stream open: end its read snapshot while the
            # repository is still open, not when the garbage collector finds it closed.
            text.close()
        db.close()
    click.echo(f"wrote {output} ({written:,} bytes, {fmt})", err=True)
