"""Sending: `fundwatch notify` (instant alerts) and `fundwatch digest`."""

from __future__ import annotations

import click

from notifier.commands.context import (
    Context,
    check_delivery_settings,
    pass_context,
    warn_progress_setting,
)
from notifier.delivery.progress import stderr_progress
from notifier.service import Delivered, Service
from notifier.stopping import STOPPED, stop_signalled, stopped_line


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

    With them go the deadline reminders (closing_soon) and early warnings (opening_soon) now due,
    as the service's daily scan queues them: each is sent once ever, so cron set-ups get them too.

    Slack needs SLACK_BOT_TOKEN (or the webhook variable a subscription names), Teams the webhook
    variable named in a subscription's teams: entry; with no Slack (or Teams) setting at all,
    alerts print to the console. Once one is set, a subscription whose own variable is missing
    has its alerts fail for good, naming it and the variable, until --retry-failed.
    Failed alerts stay in the outbox: those that may succeed later are retried with backoff; those
    given up on (a channel not found, a webhook gone) keep their reason until --retry-failed
    queues them again, and make the command exit 1. Queued digest alerts go in the next digest.
    Then judges every source's health and tells the curators of a source that turned failing or
    recovered (as the service does), so cron set-ups hear of a broken source too.
    A long run says how far it has got on stderr ("notify: 120 sent, 0 to retry, 0 failed so
    far"), as often as FUNDWATCH_CRAWL_PROGRESS says (auto: every 10 s on a terminal, a minute
    otherwise; seconds; never). Delivery settings it cannot use (SMTP_USERNAME without
    SMTP_PASSWORD, SMTP_PORT=abc) stop it with exit 2 before anything is sent.

    \b
    Stopped: SIGTERM or Ctrl-C finishes the post in flight and records it, sends nothing more
    (the curators wait for the next run too), puts the alerts claimed but not tried back in the
    outbox untried, says how many are left for the next run, and exits 3 (1 if an alert also
    failed for good).
    """
    if subscription_id is not None and not retry_failed:
        raise click.BadParameter("only with --retry-failed", param_hint="--subscription")
    check_delivery_settings(context)
    warn_progress_setting()  # its progress lines go by the crawl's setting
    # A repository made elsewhere (`crawl`): a mistyped --db is one line and exit 1.
    service = Service(config_dir=context.config_dir, db_path=context.db_path, creates=False)
    try:
        # Where no `fundwatch run` watches (cron: crawl or ingest, then notify), this is the only
        # command run after a crawl: without judging, a broken source would never reach the
        # curators. Judging is idempotent, so running it beside the service tells nobody twice.
        said = service.notify(
            retry_failed=retry_failed,
            subscription_id=subscription_id,
            judge_sources=True,
            # Nor would a cron set-up ever remind anyone of a deadline: the service's daily scan
            # is the only other place reminders are queued. Each is queued once ever (the outbox
            # key), so scanning on every notify, or beside the service, reminds nobody twice.
            scan_dates=True,
            stopping=stop_signalled,
            progress=stderr_progress("notify"),
        )
    except LookupError as error:
        raise click.BadParameter(str(error), param_hint="--subscription") from None
    warn_no_subscriptions(context)  # after the config and the environment were found good
    click.echo(said)
    end(said.failed, said.left, "notify")


def warn_no_subscriptions(context: Context) -> None:
    """A missing subscriptions file (misnamed, or in another folder) routed every event to nobody
    without a word; a file listing nobody is a choice (a curators-only pilot) and says nothing."""
    path = context.config_dir / "subscriptions.yaml"
    if not path.exists():
        click.echo(
            f"warning: no {path}: alerts go to nobody until council teams are subscribed there",
            err=True,
        )


def end(failed: int, left: int, command: str) -> None:
    """The exit: 1 when an alert failed for good (cron and systemd hear of alerts that will not go
    without a fix), else STOPPED after a stop (notifier/stopping.py), with its line."""
    if stop_signalled():
        click.echo(stopped_line(command, f"{left} alert(s) left for the next run"), err=True)
    if failed:
        raise SystemExit(1)
    if stop_signalled():
        raise SystemExit(STOPPED)


@click.command()
@click.option(
    "--cadence",
    type=click.Choice(["daily", "weekly"], case_sensitive=False),
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
    the repository's outbox/ folder. Exits 1 when a digest's alerts failed for good; exits 2,
    sending nothing, on delivery settings it cannot use (SMTP_USERNAME without SMTP_PASSWORD,
    SMTP_PORT=abc).

    \b
    Stopped: SIGTERM or Ctrl-C finishes the digest in flight and records it, sends no other,
    says how many alerts are left for the next run, and exits 3 (1 if an alert also failed for
    good).
    """
    check_delivery_settings(context)
    # A repository made elsewhere (`crawl`): a mistyped --db is one line and exit 1.
    service = Service(config_dir=context.config_dir, db_path=context.db_path, creates=False)
    said: list[Delivered] = []
    for each in [cadence] if cadence else ["daily", "weekly"]:
        said.append(service.digest(each, force=force, stopping=stop_signalled))
        click.echo(said[-1])
    end(sum(s.failed for s in said), sum(s.left for s in said), "digest")
