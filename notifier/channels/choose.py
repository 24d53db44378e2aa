"""Which channel a subscription's alerts go to, from the environment: Slack when a token or its
webhook variable is set, else the console; Teams when its webhook variable is set, else the
console; SMTP when SMTP_HOST is set, else .eml files."""

from __future__ import annotations

import logging
from collections.abc import Callable, Mapping
from pathlib import Path

from sqlite_utils import Database

from config.models import Settings, Subscription
from notifier.channels import Channel
from notifier.channels.console import ConsoleChannel
from notifier.channels.eml import EmlChannel
from notifier.channels.mail_settings import SmtpSettings, mail_identity
from notifier.channels.mailer import EmailChannel
from notifier.channels.slack import SlackChannel
from notifier.channels.teams import TeamsChannel
from notifier.channels.unreachable import UnreachableHosts

log = logging.getLogger(__name__)


def slack_configured(subscription: Subscription, env: Mapping[str, str]) -> bool:
    """Webhook mode needs its named variable set; bot mode needs SLACK_BOT_TOKEN."""
    target = subscription.slack
    if target is None:
        return False
    if target.webhook_env:
        return bool(env.get(target.webhook_env))
    return bool(env.get("SLACK_BOT_TOKEN"))


def slack_sender(
    db: Database,
    subscription: Subscription,
    env: Mapping[str, str],
    settings: Settings,
    unreachable: UnreachableHosts | None = None,
) -> Channel:
    """SlackChannel when Slack is configured for this subscription, else the console."""
    if slack_configured(subscription, env):
        return SlackChannel(
            db,
            token=env.get("SLACK_BOT_TOKEN") or None,
            api_url=env.get("SLACK_API_URL") or None,
            env=env,
            burst_limit=settings.burst_limit,
            unreachable=unreachable,
        )
    return ConsoleChannel(burst_limit=settings.burst_limit)


def email_sender(
    env: Mapping[str, str],
    outbox_dir: str | Path,
    settings: Settings | None = None,
    db: Database | None = None,
    unreachable: UnreachableHosts | None = None,
) -> Channel:
    """EmailChannel over SMTP when SMTP_HOST is set, else .eml files in outbox_dir; sent from
    MAIL_FROM or the curators' address, unsubscribe requests to the curators (mail_identity).
    `db`: where the SMTP channel records who has had each alert, so a retry skips them."""
    smtp = SmtpSettings.from_env(env, settings)
    if smtp is not None:
        return EmailChannel(smtp, db, unreachable)
    mail_from, contact = mail_identity(env, settings)
    return EmlChannel(Path(outbox_dir), mail_from=mail_from, contact=contact)


# --- Microsoft Teams (issue 9, part 4) ---------------------------------------------------------


def teams_configured(subscription: Subscription, env: Mapping[str, str]) -> bool:
    """A Teams target whose webhook variable is set."""
    target = subscription.teams
    return target is not None and bool((env.get(target.webhook_env) or "").strip())


def teams_sender(
    subscription: Subscription,
    env: Mapping[str, str],
    settings: Settings,
    unreachable: UnreachableHosts | None = None,
) -> Channel:
    """TeamsChannel when the subscription's Teams webhook variable is set, else the console."""
    if teams_configured(subscription, env):
        return TeamsChannel(env=env, burst_limit=settings.burst_limit, unreachable=unreachable)
    # Unset: printed as the console prints Slack's, marked as Teams', so a first run shows it.
    return ConsoleChannel(burst_limit=settings.burst_limit, where=" on Teams")


def _warn_if_slack_meant(subscription: Subscription, env: Mapping[str, str]) -> None:
    """Slack is in use here (a bot token is set) but this subscription's own setting is missing:
    most likely a name mistyped in the service's environment file. Its alerts go to the console
    and count as sent, so say so where an operator looks. With no Slack setting at all, the
    console is the embedded default and nothing is said."""
    if not env.get("SLACK_BOT_TOKEN") and not env.get("SLACK_API_URL"):
        return
    target = subscription.slack
    missing = target.webhook_env if target and target.webhook_env else "SLACK_BOT_TOKEN"
    log.warning(
        "subscription %s: %s is not set, so its Slack alerts are printed to the console "
        "instead of posted",
        subscription.id,
        missing,
    )


def channel_factory(
    db: Database,
    settings: Settings,
    env: Mapping[str, str],
    outbox_dir: str | Path,
    warned: set[str] | None = None,
    unreachable: UnreachableHosts | None = None,
) -> Callable[[Subscription, str], Channel]:
    """The channel each subscription's rows go to, chosen from the environment. One instance of
    each kind serves the whole run, so Slack's per-channel pacing holds across subscriptions.
    `warned`: the subscriptions already warned of a missing Slack setting, and `unreachable`: the
    chat hosts that stopped answering, both shared by a run's workers (the operator is told once;
    a stalled host costs the run one timeout)."""
    unreachable = unreachable or UnreachableHosts()
    made: dict[str, Channel] = {}
    warned = set() if warned is None else warned

    def make(subscription: Subscription, channel: str) -> Channel:
        if channel == "slack":
            kind = "slack" if slack_configured(subscription, env) else "console"
            if kind == "console" and subscription.id not in warned:
                warned.add(subscription.id)
                _warn_if_slack_meant(subscription, env)
            if kind not in made:
                made[kind] = slack_sender(db, subscription, env, settings, unreachable)
            return made[kind]
        if channel == "email":
            if "email" not in made:
                made["email"] = email_sender(env, outbox_dir, settings, db, unreachable)
            return made["email"]
        if channel == "teams":  # Microsoft Teams (issue 9, part 4): the console when unset
            kind = "teams" if teams_configured(subscription, env) else "teams-console"
            if kind not in made:
                made[kind] = teams_sender(subscription, env, settings, unreachable)
            return made[kind]
        raise ValueError(f"unknown channel {channel!r}")

    return make
