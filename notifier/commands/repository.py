"""Filling and reading the repository: `crawl` and `search`.

What only `search` prints with is imported when it runs: `fundwatch crawl` starts a crawl process
only once its own start-up is done, and the console channel alone brought ssl, http.client and the
email parser into it (~20 modules, ~10 ms).
"""

from __future__ import annotations

import json
import sys

import click

from notifier.commands.context import (
    Context,
    check_crawl_settings,
    chosen,
    pass_context,
    print_runs,
    warn_progress_setting,
)
from notifier.crawl_launcher import run_crawl


@click.command()
@click.argument("source_ids", nargs=-1, metavar="[SOURCE_ID...]")
@pass_context
def crawl(context: Context, source_ids: tuple[str, ...]) -> None:
    """Harvest the enabled sources (or those named) into the repository.

    Prints a summary per source (items, new, changed, removed, errors, outcome). Exits 1 if any
    source failed; every other source is still stored. A source already being crawled (by the
    service, or another `fundwatch crawl`) is crawled again once that crawl has finished. Sources
    on one site take turns (one request at a time per host); sources on other sites crawl together.
    Stopped by SIGTERM or Ctrl-C: the pages in flight are read and no other, the sources not
    finished are recorded as stopped, and the summary is printed (exit 1).
    """
    # A source named must have its header variables; of every source, one without fails its run.
    configured = context.sources(secrets_for=source_ids)
    sources = chosen(configured, source_ids)
    check_crawl_settings(context)
    warn_progress_setting()
    if not sources:
        # The file read, not the default's name: with --config elsewhere that sent people looking
        # in the wrong folder.
        click.echo(f"no enabled sources in {context.config_dir / 'sources.yaml'}")
        return
    context.db().close()  # an unusable repository is one line, before anything else
    click.echo(f"crawling {len(sources)} source(s): {', '.join(s.id for s in sources)}", err=True)
    report = run_crawl(
        [s.id for s in sources],
        # Every enabled source, even with some named: the first round owes each of them a crawl.
        enabled=[s.id for s in configured if s.enabled],
        config_dir=context.config_dir,
        db_path=context.db_path,
        foreground=True,  # a signal to this command stops its crawl, then the summary is printed
    )
    print_runs(report.runs)
    if report.failed:
        sys.exit(1)


@click.command()
@click.argument("text")
@click.option(
    "--limit",
    default=20,
    show_default=True,
    type=click.IntRange(min=1),
    help="Most results to show.",
)
@click.option(
    "--json",
    "as_json",
    is_flag=True,
    help="One call a line in JSON, as `export --format json` writes each (CommonGrants fields).",
)
@pass_context
def search(context: Context, text: str, limit: int, as_json: bool) -> None:
    """Full-text search of the repository (title, summary, funder). Only reads it.

    Every word must appear, as a whole word; a trailing * stands for the rest of a word
    (`park*` finds "parks"). Tags are not searched: `export --tag TAG` lists a tag's calls.
    """
    from notifier.alerts import OpportunityView  # see the module docstring: start-up cost
    from notifier.channels.console import printable_url
    from notifier.channels.escape import terminal
    from notifier.export.records import record
    from notifier.present import amount_of, date_text
    from storage.exports import listings_of
    from storage.search import search_opportunities

    if not text.strip():
        # Nothing to look for is a mistake (an unset shell variable), not "no match".
        raise click.BadParameter("give some words to search for", param_hint="TEXT")
    labels = context.config().labels()
    db = context.db(readonly=True)
    # One past the limit, to say there are more (walk15: "--limit 1" said "1 result(s)" of 8).
    rows = search_opportunities(db, text, limit=limit + 1)
    more = len(rows) > limit
    rows = rows[:limit]
    if as_json:
        # Each call as `export --format json` writes it: the repository's own row was UTC dates
        # (a call opening 5 Aug 00:00 said 4 Aug 23:00), tags as JSON inside a string, and
        # internal keys, unlike every other way the repository is read.
        listings = listings_of(db, [row["id"] for row in rows])
        db.close()
        for row in rows:
            item = record(row, labels, listings.get(row["id"], []))
            click.echo(json.dumps(item, ensure_ascii=False))
        return
    db.close()
    if not rows:
        click.echo(f"no opportunities match {text!r}")
        return
    for row in rows:
        view = OpportunityView.from_row(row, labels)
        click.echo(terminal(view.title))
        facts = [
            terminal(view.funder) or "Funder not stated",
            terminal(amount_of(view, view.amount_text)),
            f"closes {date_text(view.closes_at)}" if view.closes_at else "no closing date",
            view.status or "status unknown",
        ]
        click.echo("  " + " · ".join(facts))
        click.echo(
            f"  tags: {', '.join(view.tag_labels) or '-'} · seen on: {', '.join(view.sources)}"
        )
        # Terminals make links of what they print: only one every other sink would send.
        click.echo(f"  {printable_url(view.url)}")
    if more:
        click.echo(f"{len(rows)} result(s) shown; more match: a higher --limit shows them")
    else:
        click.echo(f"{len(rows)} result(s)")
