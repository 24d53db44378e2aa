"""`fundwatch sources check|try|record`: the curator tools that compile selectors and fetch pages
(Scrapy, lxml, parsel, JMESPath), kept apart so `sources list|status|ack` never import them."""

from __future__ import annotations

import os
import sys
from pathlib import Path

import click

from config.clock import now
from config.errors import ConfigError
from config.loader import load_settings, load_tags
from config.models import Settings
from notifier.channels.escape import terminal_json, terminal_line
from notifier.channels.mail_check import mail_lines
from notifier.channels.variables import variable_lines
from notifier.commands.context import Context, chosen, pass_context
from notifier.commands.options import web_address
from notifier.curation.check import check_config
from notifier.curation.host_turns import turns_beside
from notifier.curation.record import RecordError, record
from notifier.curation.try_report import fill_lines, json_lines, notes, table, unstored
from notifier.curation.try_source import try_source
from spiders.sources import SOURCES_DIR
from storage.paths import outbox_beside


@click.command("check")
@pass_context
def sources_check(context: Context) -> None:
    """Validate sources.yaml, tags.yaml, subscriptions.yaml and settings.yaml; exit 2 on any error.

    Every problem in every file is listed at once, naming the file, the entry and the field: unknown
    keys and tags (with the nearest valid one), bad URLs, and every CSS, XPath and JMESPath selector
    that does not compile. When all is good, the lines under "config ok" count the Slack and Teams
    variables the subscriptions and the curators name (SLACK_BOT_TOKEN, each webhook_env) and list
    those not set in this environment, names only: run it in the service's environment. An email
    line says how mail would go from it: .eml files without SMTP_HOST, else the port, security and
    login, with what notify would refuse or warn of; nothing is connected to."""
    checked = check_config(context.config_dir)
    if checked.problems:
        raise ConfigError(checked.problems)
    click.echo(checked.summary(context.config_dir))
    # The Slack and Teams variables the config names, and those not set here (names only); then
    # how mail would go from here (SMTP_HOST or .eml files), without connecting.
    settings = checked.settings or Settings()
    outbox = outbox_beside(context.db_path)
    for line in [
        *variable_lines(checked.subscriptions, settings, os.environ),
        *mail_lines(checked.subscriptions, settings, os.environ, outbox),
    ]:
        click.echo(line)


def _curated(context: Context, source_id: str, *, fetches: bool = True):
    """The source (which must exist), the tag rules and the settings, as the crawl reads them.
    `fetches`: False for a saved page, which asks nothing, so needs no secret header's variable."""
    secrets_for = (source_id,) if fetches else ()
    (source,) = chosen(context.sources(secrets_for=secrets_for), (source_id,))
    return source, load_tags(context.config_dir), load_settings(context.config_dir)


@click.command("try")
@click.argument("source_id")
@click.option(
    "--url",
    metavar="URL",
    callback=web_address,
    help="Read this page (http or https) instead of the source's URLs.",
)
@click.option(
    "--file",
    "file",
    metavar="PATH",
    type=click.Path(exists=True, dir_okay=False, path_type=Path),
    help="Read a saved page, as if fetched from --url (default: the source's first URL).",
)
@click.option("--json", "as_json", is_flag=True, help="One JSON object per item, then fill rates.")
@pass_context
def sources_try(
    context: Context, source_id: str, url: str | None, file: Path | None, as_json: bool
) -> None:
    """Run one source's extraction and print each item as people read it, writing nothing.

    Fetches the source's live URLs (or --url, or reads the saved page --file) politely, follows its
    next pages and detail pages as a crawl would, and shows every field in words (UK dates, amounts,
    the council verdict with its sentence, tag labels). A field the source configures that did not
    extract is marked "— not found"; the fill rate of each field (the values a crawl would keep)
    ends the report. Exit 1 when nothing was extracted, nothing a crawl would store, or a problem
    was met that would fail a crawl's run; notes (pages not followed or not read) leave exit 0.
    Exit 2 on a config error (a headers_env variable not set, too, unless --file: a saved page
    asks nothing) or a --url that is not http(s)."""
    source, tags, settings = _curated(context, source_id, fetches=file is None)
    # Its turn at the source's hosts, as a crawl takes it: one request at a time per host.
    turns = turns_beside(context.db_path, f"fundwatch sources try {source_id}")
    tried = try_source(source, tags, settings, now(), url=url, file=file, turns=turns)
    # A page's words, shown to a curator's terminal: its escape sequences only as letters.
    for line in json_lines(tried) if as_json else table(tried):
        click.echo(terminal_json(line) if as_json else terminal_line(line))
    if failing(tried):  # a crawl would keep nothing, or fail its run: cron and scripts hear of it
        sys.exit(1)


def failing(tried) -> bool:
    """Whether the entry would store nothing, or a crawl of it would fail its run (a `problem:`
    line: a page that failed, a selector that matched nothing…; or any item it would drop for a
    missing title or address, which fails a crawl's run by name): `sources try` exits 1."""
    return (
        not tried.records
        or bool(unstored(tried))
        or bool(tried.harvest.problems)
        or any(item.missing() for _, item in tried.records)
    )


@click.command("record")
@click.argument("source_id")
@click.option(
    "--into",
    metavar="DIR",
    type=click.Path(file_okay=False, path_type=Path),
    help="Write DIR/<id>/ instead of spiders/sources/<id>/.",
)
@click.option("--force", is_flag=True, help="Replace the source's existing snapshot folder.")
@pass_context
def sources_record(context: Context, source_id: str, into: Path | None, force: bool) -> None:
    """Save a source's live pages as its snapshot folder and draft its expected items.

    Fetches what a crawl would (start URLs, next pages, detail pages, robots.txt), writes each page
    with a routes.yaml for the loopback site, and drafts expected.yaml from what the spider
    extracted: review every value before committing. An existing folder is kept unless --force.
    Exits 1, the folder written, when a crawl of those pages would fail or store nothing (a page
    that answered an error, a selector that matched nothing), as `sources try` does."""
    source, tags, settings = _curated(context, source_id)
    try:
        turns = turns_beside(context.db_path, f"fundwatch sources record {source_id}")
        folder = into or SOURCES_DIR
        recording = record(source, tags, settings, now(), folder, force=force, turns=turns)
    except RecordError as error:
        raise click.ClickException(str(error)) from None
    click.echo(f"recorded {source_id} into {recording.folder}:")
    for name in recording.files:
        click.echo(f"  {name}")
    for entry in recording.not_saved:
        click.echo(terminal_line(f"not saved: {entry}"))
    for line in [*notes(recording.tried), *fill_lines(recording.tried)]:
        click.echo(terminal_line(line))
    first = next((name for name in recording.files if name.startswith("page-")), "page-1.html")
    click.echo(
        f"{recording.folder / 'expected.yaml'} is a DRAFT: review every value against the pages, "
        f"then remove its header. Check a page with "
        f"`fundwatch sources try {source_id} --file {recording.folder / first}`."
    )
    if failing(recording.tried):
        # walk15: a detail page's HTTP 500 was recorded with exit 0, the snapshot short of that
        # page, as if ready to review; `sources try` exits 1 on the same pages.
        click.echo(
            "a crawl of these pages would fail or store nothing (above): the snapshot is kept "
            "as the site answered; fix the entry, or record again with --force"
        )
        sys.exit(1)
