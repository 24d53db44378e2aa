"""`fundwatch sources status` and `fundwatch sources ack`: the health table, and silencing it."""

from __future__ import annotations

import json
import sys

import click

from config.clock import now
from config.loader import load_settings
from notifier.channels.escape import terminal_line
from notifier.commands.context import Context, pass_context, selected_sources
from notifier.health.judge import judge
from notifier.health.report import status_lines, status_of
from notifier.health.tell import curator_channels
from notifier.health.watch import watch_sources
from notifier.present import date_text, id_width
from storage.health import acknowledge, health_states, recent_runs, unfinished_run
from storage.locks import crawl_running


@click.command("status")
@click.option("--json", "as_json", is_flag=True, help="One JSON object per source.")
@pass_context
def sources_status(context: Context, as_json: bool) -> None:
    """The health of each source: state, last crawl and its outcome, last success, next due, items
    and the share of items with each field, the reason it is failing (or a note of its last ok
    crawl), and a crawl under way ("crawling now") or one whose process was killed part way
    ("interrupted"). Exits 1 when any source is failing or has gone stale (no successful crawl
    for three times its cadence), so cron and monitoring can act on it. Only reads the
    repository."""
    configured = [s for s in context.sources(fetching=False) if s.enabled]
    db = context.db(readonly=True)
    stored = health_states(db)
    at = now()
    statuses = [
        status_of(s, recent_runs(db, s.id), stored.get(s.id), at, unfinished(context, db, s.id))
        for s in configured
    ]
    db.close()
    width = id_width(status.source_id for status in statuses)
    for status in statuses:
        if as_json:
            click.echo(json.dumps(status.as_json()))
        else:
            for line in status_lines(status, width):  # a reason may quote a site's answer
                click.echo(terminal_line(line))
    failing = [s.source_id for s in statuses if s.state == "failing"]
    if not as_json:
        click.echo(f"{len(statuses) - len(failing)} of {len(statuses)} source(s) healthy")
    if failing:
        sys.exit(1)


def unfinished(context: Context, db, source_id: str) -> dict | None:
    """The source's run still marked running, and whether a live crawl holds it (a killed crawl's
    run stays `running` until the source's next crawl closes it)."""
    run = unfinished_run(db, source_id)
    if run is None:
        return None
    return {"started_at": run["started_at"], "alive": crawl_running(context.db_path, source_id)}


@click.command("ack")
@click.argument("source_id")
@pass_context
def sources_ack(context: Context, source_id: str) -> None:
    """Acknowledge a failing source: no more daily reminders to curators until it changes state
    (recovers, or fails again after recovering)."""
    (source,) = selected_sources(context, (source_id,), fetching=False)
    # Read first: a mistyped --db is "no repository at …", not a new empty repository made to
    # say the source is not failing.
    db = context.db(readonly=True)
    at = now()
    stored = health_states(db).get(source.id)
    # Judged from its runs too, as `sources status` judges it (walk15: a source status showed
    # FAILING was "not failing: nothing to acknowledge" until a notify or the service judged it).
    judged = judge(source, recent_runs(db, source.id), at)
    db.close()
    recorded = stored is not None and stored["state"] == "failing"
    if not recorded and judged.state != "failing":
        click.echo(f"{source.id} is not failing: nothing to acknowledge")
        return
    db = context.db()
    if not recorded:
        # Failing by its runs, not judged yet: judged now as notify would (the curators told
        # once), so the acknowledgement has a failing state to hold until the source changes.
        watch_sources(db, [source], at, curator_channels(load_settings(context.config_dir)))
    held = acknowledge(db, source.id, at)
    db.close()
    if held is None:  # a crawl recovered it between the read above and this write
        click.echo(f"{source.id} is not failing any more (it recovered): nothing to acknowledge")
        return
    click.echo(
        f"{source.id}: acknowledged; curators get no more reminders until it recovers "
        f"(failing since {date_text(held.get('since'))}: {held.get('reason')})"
    )
