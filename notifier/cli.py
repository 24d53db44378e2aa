"""`fundwatch`: the command line. Each command is a thin shell over the modules that do the work."""

from __future__ import annotations

import json
import sys
from pathlib import Path

import click

from config.clock import now
from config.loader import (
    ConfigError,
    config_dir,
    load_settings,
    load_sources,
    load_subscriptions,
    load_tags,
)
from storage.db import db_path, open_db


class Context:
    def __init__(self, config: str | None, db: str | None):
        self.config_dir = config_dir(config)
        self.db_path = db_path(db)

    def sources(self):
        return load_sources(self.config_dir)

    def db(self):
        return open_db(self.db_path)


def _fail_config(error: ConfigError) -> None:
    for problem in error.problems:
        click.echo(f"config error: {problem}", err=True)
    sys.exit(2)


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


def _all_sources(context: Context):
    try:
        return context.sources()
    except ConfigError as error:
        _fail_config(error)


def _selected_sources(context: Context, source_ids: tuple[str, ...]):
    sources = _all_sources(context)
    known = {s.id: s for s in sources}
    unknown = [s for s in source_ids if s not in known]
    if unknown:
        raise click.BadParameter(
            f"unknown source {', '.join(map(repr, unknown))}; known: {', '.join(known) or '(none)'}",
            param_hint="SOURCE_ID",
        )
    if source_ids:
        return [known[s] for s in source_ids]
    return [s for s in sources if s.enabled]


def _print_runs(runs: list[dict]) -> None:
    header = f"{'source':<28} {'outcome':<8} {'items':>5} {'new':>5} {'changed':>7} {'removed':>7} {'errors':>6}"
    click.echo(header)
    for run in runs:
        click.echo(
            f"{run['source_id']:<28} {run['outcome']:<8} {run['items'] or 0:>5} {run['new'] or 0:>5} "
            f"{run['changed'] or 0:>7} {run['removed'] or 0:>7} {run['errors'] or 0:>6}"
        )
    failed = [r for r in runs if r["outcome"] != "ok"]
    click.echo(f"{len(runs)} source(s): {len(runs) - len(failed)} ok, {len(failed)} failed")
    for run in failed:
        click.echo(f"  {run['source_id']} failed: {run['reason'] or 'unknown reason'}")


@cli.command()
@click.argument("source_ids", nargs=-1, metavar="[SOURCE_ID...]")
@click.pass_obj
def crawl(context: Context, source_ids: tuple[str, ...]) -> None:
    """Harvest the enabled sources (or those named) into the repository.

    Prints a summary per source (items, new, changed, removed, errors, outcome). Exits 1 if any
    source failed; every other source is still stored.
    """
    from notifier.crawling import run_crawl

    sources = _selected_sources(context, source_ids)
    if not sources:
        click.echo("no enabled sources in config/sources.yaml")
        return
    click.echo(f"crawling {len(sources)} source(s): {', '.join(s.id for s in sources)}", err=True)
    report = run_crawl(
        [s.id for s in sources], config_dir=context.config_dir, db_path=context.db_path
    )
    _print_runs(report.runs)
    if report.failed:
        sys.exit(1)


@cli.command()
@click.argument("text")
@click.option("--limit", default=20, show_default=True, help="Most results to show.")
@click.option("--json", "as_json", is_flag=True, help="Print JSON lines instead of text.")
@click.pass_obj
def search(context: Context, text: str, limit: int, as_json: bool) -> None:
    """Full-text search of the repository (title, summary, funder)."""
    from notifier.present import amount, date_text
    from storage.search import search_opportunities

    rows = search_opportunities(context.db(), text, limit=limit)
    if as_json:
        for row in rows:
            click.echo(json.dumps(row, default=str))
        return
    if not rows:
        click.echo(f"no opportunities match {text!r}")
        return
    for row in rows:
        tags = ", ".join(json.loads(row["tags"] or "[]"))
        click.echo(f"{row['title']}")
        click.echo(
            f"  {row['funder'] or 'Funder not stated'} · {amount(row['amount_min'], row['amount_max'], row['amount_text'])}"
            f" · closes {date_text(row['closes_at'])} · {row['status'] or 'status unknown'}"
        )
        click.echo(
            f"  tags: {tags or '-'} · seen on: {', '.join(json.loads(row['source_ids'] or '[]'))}"
        )
        click.echo(f"  {row['url']}")
    click.echo(f"{len(rows)} result(s)")


@cli.group()
def sources() -> None:
    """Curator tools: list, check, try and see the health of sources."""


@sources.command("list")
@click.pass_obj
def sources_list(context: Context) -> None:
    """List the configured sources."""
    for source in sorted(_all_sources(context), key=lambda s: not s.enabled):
        state = "" if source.enabled else " (disabled)"
        click.echo(
            f"{source.id:<28} {source.kind:<8} every {source.every:<5} {source.label}{state}"
        )


@sources.command("check")
@click.pass_obj
def sources_check(context: Context) -> None:
    """Validate sources.yaml, tags.yaml, subscriptions.yaml and settings.yaml; exit 2 on any error."""
    try:
        tags = load_tags(context.config_dir)
        found = load_sources(context.config_dir, tags=tags)
        subscriptions = load_subscriptions(context.config_dir, tags=tags, sources=found)
        load_settings(context.config_dir)
    except ConfigError as error:
        _fail_config(error)
    click.echo(
        f"config ok: {len(found)} source(s), {len(tags)} tag(s), {len(subscriptions)} subscription(s) in {context.config_dir}"
    )


@sources.command("status")
@click.pass_obj
def sources_status(context: Context) -> None:
    """The last crawl of each source: when, outcome, counts, the reason for any failure, and
    whether it has gone quiet for longer than twice its cadence."""
    from storage.runs import latest_runs, overdue

    latest = latest_runs(context.db())
    for source in context.sources():
        run = latest.get(source.id)
        if not run:
            click.echo(f"{source.id:<28} never crawled")
            continue
        line = f"{source.id:<28} {run['outcome']:<8} {run['started_at']}  items {run['items'] or 0}"
        if run["outcome"] != "ok":
            line += f"  reason: {run['reason']}"
        silent = overdue(run, source.interval, now())
        if silent:
            line += f"  OVERDUE: no crawl for {silent.days}d {silent.seconds // 3600}h (every {source.every})"
        click.echo(line)


@sources.command("try")
@click.argument("source_id")
@click.pass_obj
def sources_try(context: Context, source_id: str) -> None:
    """Crawl one source into a scratch repository and print what it found (the real one is untouched)."""
    import tempfile

    from notifier.crawling import run_crawl

    _selected_sources(context, (source_id,))
    with tempfile.TemporaryDirectory(prefix="fundwatch-try-") as scratch:
        scratch_db = Path(scratch) / "try.db"
        report = run_crawl([source_id], config_dir=context.config_dir, db_path=scratch_db)
        for row in open_db(scratch_db).query("select * from opportunities order by first_seen, id"):
            click.echo(
                f"- {row['title']}\n  url: {row['url']}\n  closes: {row['closes_at']}  amount: "
                f"{row['amount_min']}–{row['amount_max']}  status: {row['status']}  tags: {row['tags']}"
            )
        _print_runs(report.runs)
    if report.failed:
        sys.exit(1)


def _service(context: Context):
    from notifier.service import Service

    return Service(config_dir=context.config_dir, db_path=context.db_path)


def _run_job(action) -> str:
    try:
        return action()
    except ConfigError as error:
        _fail_config(error)


@cli.command()
@click.pass_obj
def notify(context: Context) -> None:
    """Route new events to subscriptions and deliver every due instant alert.

    Slack needs SLACK_BOT_TOKEN (or the webhook variable a subscription names); with no Slack
    settings alerts print to the console. Failed alerts stay in the outbox and are retried later.
    """
    click.echo(_run_job(_service(context).notify))


@cli.command()
@click.option(
    "--cadence",
    type=click.Choice(["daily", "weekly"]),
    default=None,
    help="Only this cadence (default: both).",
)
@click.option(
    "--force", is_flag=True, help="Send what is pending now, even before the next digest slot."
)
@click.pass_obj
def digest(context: Context, cadence: str | None, force: bool) -> None:
    """Send the daily and weekly digests that are due (by email, or Slack where a subscription asks).

    A digest is due when alerts are waiting and none of that cadence has gone to the subscription
    since its latest slot (settings.yaml; default daily mon-fri 08:00, weekly mon 08:00, London).
    --force sends whatever is waiting. With no SMTP_HOST, digests are written as .eml files under
    the repository's outbox/ folder.
    """
    service = _service(context)
    for each in [cadence] if cadence else ["daily", "weekly"]:
        click.echo(_run_job(lambda each=each: service.digest(each, force=force)))


@cli.command()
@click.option("-v", "--verbose", is_flag=True, help="Log scheduler internals too.")
@click.pass_obj
def run(context: Context, verbose: bool) -> None:
    """The scheduler service, in the foreground: crawls, alerts, digests and reminders on their cadences.

    One per repository. Stops cleanly on SIGTERM or Ctrl-C (the job in flight finishes).
    """
    import logging

    from notifier.scheduler import (
        AlreadyRunning,
        InstanceLock,
        add_jobs,
        build_scheduler,
        stop_on_signals,
    )
    from storage.runs import latest_runs

    logging.basicConfig(
        level=logging.DEBUG if verbose else logging.INFO,
        format="%(asctime)s %(levelname)s %(message)s",
    )
    if not verbose:
        logging.getLogger("apscheduler").setLevel(logging.WARNING)
    service = _service(context)
    try:
        sources, _, settings = service.config()
    except ConfigError as error:
        _fail_config(error)
    lock = InstanceLock(context.db_path.with_name(context.db_path.name + ".lock"))
    try:
        lock.acquire()
    except AlreadyRunning as error:
        click.echo(f"fundwatch run: {error}", err=True)
        sys.exit(1)
    try:
        last = {sid: run["started_at"] for sid, run in latest_runs(context.db()).items()}
        scheduler = build_scheduler()
        add_jobs(
            scheduler, service, sources=sources, settings=settings, last_started=last, now=now()
        )
        stop_on_signals(scheduler)
        for job in scheduler.get_jobs():
            logging.getLogger("fundwatch.run").info("scheduled %s", job.name)
        logging.getLogger("fundwatch.run").info(
            "fundwatch running on %s with %d source(s); Ctrl-C to stop",
            context.db_path,
            len(sources),
        )
        scheduler.start()
        logging.getLogger("fundwatch.run").info("stopped cleanly")
    finally:
        lock.release()


@cli.command()
@click.option(
    "--dir",
    "folder",
    type=click.Path(file_okay=False, path_type=Path),
    default=Path("data/demo"),
    show_default=True,
    help="Where the demo repository, config and .eml digests go (wiped first).",
)
def demo(folder: Path) -> None:
    """The whole cycle offline: bundled snapshots of real sources served on loopback, crawled into a
    fresh demo repository, routed to the example subscriptions, alerts on the console and digests
    as .eml files. Needs no network and no settings; ignores any Slack or SMTP settings."""
    from notifier.demo.run import describe, run_demo

    summary = run_demo(folder, echo=click.echo)
    click.echo(describe(summary))
    if summary.sources_failed:
        sys.exit(1)


def main() -> None:
    cli(prog_name="fundwatch")


if __name__ == "__main__":
    main()
