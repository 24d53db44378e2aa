"""`ingest`: feed exports written on Scrapyd nodes into the repository."""

from __future__ import annotations

import sys
from pathlib import Path

import click

from config.loader import load_tags
from notifier.commands.context import Context, baseline_said, pass_context
from notifier.configuration import load_checked_sources
from notifier.ingest.files import SUFFIXES, feed_files, folders_without_feeds
from notifier.ingest.store import Ingested, ingest_file
from notifier.stopping import STOPPED, stop_signalled, stopped_line
from spiders.tagging import compile_rules

SHOWN_PROBLEMS = 20  # per file; the rest are counted


@click.command()
@click.argument(
    "paths", nargs=-1, required=True, type=click.Path(path_type=Path), metavar="PATH..."
)
@click.option("--again", is_flag=True, help="Ingest files even if they were ingested before.")
@pass_context
def ingest(context: Context, paths: tuple[Path, ...], again: bool) -> None:
    """Load Scrapy feed exports (JSON lines) written on Scrapyd nodes into the repository.

    Each PATH is a .jl file or a folder of them (such as Scrapyd's items_dir). Files go through the
    same normalise, tag, merge and events path as a crawl, oldest first, each as one run of its
    source. Idempotent: a file ingested before is skipped, and with --again an unchanged call
    still writes nothing. A file older than one of its source already ingested is skipped too:
    its view of the calls is out of date. A bad line is named by file and line number and the rest of the file is
    stored. The crawl outcome a node writes beside each file (FILE.outcome.json) fails the run with
    the node's problems, or, after a complete and clean crawl, removes the calls it no longer
    lists; without one, nothing is taken as gone. A file still being written (or copied) is left
    for the next ingest. Prints a line per file and a summary; exits 1 if any file failed. A folder
    with no feed export files says so (exit 0: nothing to do).

    \b
    Stopped: SIGTERM or Ctrl-C finishes the file being loaded (it lands whole), starts no other,
    names the files not loaded (the next ingest loads them), and exits 3 (1 if a file failed).
    """
    tags = load_tags(context.config_dir)  # read once: the sources' tags are checked against it
    # Nothing is fetched: no header variable is needed.
    sources = {s.id: s for s in load_checked_sources(context.config_dir, tags, secrets_for=())}
    rules = compile_rules(tags)
    try:
        files = feed_files(list(paths))
    except FileNotFoundError as error:
        raise click.BadParameter(str(error), param_hint="PATH") from None
    for folder in folders_without_feeds(list(paths), files):
        click.echo(f"no feed export files ({' or '.join(SUFFIXES)}) in {folder}", err=True)
    if not files:
        # Nothing to do, as when every file was ingested before: not a failure, so cron's
        # `ingest; notify` of a folder not yet synced stays quiet apart from this line.
        return
    context.db().close()  # an unusable repository is one line, before anything else
    click.echo(f"ingesting {len(files)} file(s)", err=True)

    def tell(holder: str) -> None:
        click.echo(f"  waiting for the crawl of that source to finish ({holder})", err=True)

    results: list[Ingested] = []
    for path in files:
        if stop_signalled():  # the file in flight is finished; none starts after it
            break
        results.append(
            ingest_file(
                path,
                db_path=context.db_path,
                sources=sources,
                rules=rules,
                again=again,
                on_wait=tell,
                stopping=stop_signalled,
            )
        )
    not_loaded = [r.path for r in results if r.stopped] + files[len(results) :]
    for result in results:
        if result.stopped:
            continue
        click.echo(describe(result))
        for problem in result.problems[:SHOWN_PROBLEMS]:
            click.echo(f"  {problem}")
        if len(result.problems) > SHOWN_PROBLEMS:
            click.echo(f"  … and {len(result.problems) - SHOWN_PROBLEMS} more")
        if result.unstored:
            click.echo(f"  fix the repository, then: fundwatch ingest --again {result.path}")
    for path in not_loaded:
        click.echo(f"{path}: not loaded (stopped)")
    ingested = sum(1 for r in results if r.run and not r.failed)
    skipped = sum(1 for r in results if r.skipped)
    failed = sum(1 for r in results if r.failed)
    stopped = f", {len(not_loaded)} not loaded" if not_loaded else ""
    click.echo(
        f"{len(files)} file(s): {ingested} ingested, {skipped} skipped, {failed} failed{stopped}"
    )
    if stop_signalled():
        click.echo(
            stopped_line("ingest", f"{len(not_loaded)} file(s) left for the next ingest"), err=True
        )
    if failed:
        sys.exit(1)
    if stop_signalled():
        sys.exit(STOPPED)


def describe(result: Ingested) -> str:
    """One line per file: what it was, and what became of it."""
    if result.skipped:
        return f"{result.path}: {result.skipped}"
    run = result.run
    if run is None:
        return f"{result.path}: failed, nothing stored"
    items = run["items"] or 0
    new, changed = run["new"] or 0, run["changed"] or 0
    outcome = "" if run["outcome"] == "ok" else f" {run['outcome']}"
    baseline = " (a baseline: not announced one by one)" if baseline_said(run) else ""
    return (
        f"{result.path}: {result.source_id}, run {run['id']}{outcome}: {items} item(s), "
        f"{new} new, {changed} changed, {items - new - changed} unchanged{baseline}"
    )
