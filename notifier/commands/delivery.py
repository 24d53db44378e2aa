"""Sending: `fundwatch notify` (instant alerts) and `fundwatch digest`."""

from __future__ import annotations

import click

from notifier.commands.context import Context, check_delivery_settings, pass_context
from notifier.service import Service


@click.command()
@click.option(
    "--retry-failed",
    is_flag=True,
    help="First queue again the alerts given up on (after fixing a channel or a webhook).",
)
@click.option(
    "--subscription",
    "subscription_id",
    metavar="ID",
    default=None,
    help="With --retry-failed: only this subscription's.",
)
@pass_context
def notify(context: Context, retry_failed: bool, subscription_id: str | None) -> None:
    """Route new events to subscriptions and deliver every due instant alert.

    Slack needs SLACK_BOT_TOKEN (or the webhook variable a subscription names), Teams the webhook
    variable named in a subscription's teams: entry; without them, alerts print to the console.
    Failed alerts stay in the outbox: those that may succeed later are retried with backoff; those
    given up on (a channel not found, a webhook gone) keep their reason until --retry-failed
    queues them again, and make the command exit 1. Queued digest alerts go in the next digest.
    Then judges every source's health and tells the curators of a source that turned failing or
    recovered (as the service does), so cron set-ups hear of a broken source too.
    """
    if subscription_id is not None and not retry_failed:
        raise click.BadParameter("only with --retry-failed", param_hint="--subscription")
    check_delivery_settings(context)
    service = Service(config_dir=context.config_dir, db_path=context.db_path)
    try:
        # Where no `fundwatch run` watches (cron: crawl or ingest, then notify), this is the only
        # command run after a crawl: without judging, a broken source would never reach the
        # curators. Judging is idempotent, so running it beside the service tells nobody twice.
        said = service.notify(
            retry_failed=retry_failed, subscription_id=subscription_id, judge_sources=True
        )
    except LookupError as error:
        raise click.BadParameter(str(error), param_hint="--subscription") from None
    click.echo(said)
    if said.failed:  # cron and systemd hear of alerts that will not go without a fix
        raise SystemExit(1)


@click.command()
@click.option(
    "--cadence",
    type=click.Choice(["daily", "weekly"]),
    default=None,
    help="Only this cadence (default: both).",
)
@click.option(
    "--force", is_flag=True, help="Send what is pending now, even before the next digest slot."
)
@pass_context
def digest(context: Context, cadence: str | None, force: bool) -> None:
    """Send the daily and weekly digests that are due (by email, Slack or Teams, as each asks).

    A digest is due when alerts are waiting and none of that cadence has gone to the subscription
    since its latest slot (settings.yaml; default daily mon-fri 08:00, weekly mon 08:00, London).
    --force sends whatever is waiting. With no SMTP_HOST, digests are written as .eml files under
    the repository's outbox/ folder. Exits 1 when a digest's alerts failed for good.
    """
    check_delivery_settings(context)
    service = Service(config_dir=context.config_dir, db_path=context.db_path)
    failed = 0
    for each in [cadence] if cadence else ["daily", "weekly"]:
        said = service.digest(each, force=force)
        click.echo(said)
        failed += said.failed
    if failed:
        raise SystemExit(1)
