"""Which channel a subscription's alerts go to, from the environment: Slack when a token or its
webhook variable is set, else the console; Teams when its webhook variable is set, else the
console; SMTP when SMTP_HOST is set, else .eml files. The console only while the platform is not
set up at all: a subscription whose own variable is missing when it is fails its alerts for good
with the reason (missing.py), rather than printing them where nobody reads."""

from __future__ import annotations

import logging
from collections.abc import Callable, Mapping, Sequence
from pathlib import Path

from sqlite_utils import Database

from config.models import Settings, Subscription
from notifier.channels import Channel
from notifier.channels.console import ConsoleChannel
from notifier.channels.eml import EmlChannel
from notifier.channels.mail_settings import SmtpSettings, mail_identity
from notifier.channels.mailer import EmailChannel
from notifier.channels.missing import (
    MissingSetting,
    is_set,
    missing_reason,
    slack_in_use,
    slack_missing,
    teams_in_use,
)
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
        return is_set(env, target.webhook_env)
    return is_set(env, "SLACK_BOT_TOKEN")


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
    return target is not None and is_set(env, target.webhook_env)


def teams_sender(
    subscription: Subscription,
    env: Mapping[str, str],
    settings: Settings,
    unreachable: UnreachableHosts | None = None,
    db: Database | None = None,
) -> Channel:
    """TeamsChannel when the subscription's Teams webhook variable is set, else the console."""
    if teams_configured(subscription, env):
        return TeamsChannel(
            env=env, burst_limit=settings.burst_limit, unreachable=unreachable, db=db
        )
    # Unset: printed as the console prints Slack's, marked as Teams', so a first run shows it.
    return ConsoleChannel(burst_limit=settings.burst_limit, where=" on Teams")


def curators_target(settings: Settings) -> list[Subscription]:
    """The curators' Slack and Teams targets, subscription-shaped, when settings name either."""
    c = settings.curators
    if c.slack is None and c.teams is None:
        return []
    return [Subscription(id="curators", slack=c.slack, teams=c.teams)]


def channel_factory(
    db: Database,
    settings: Settings,
    env: Mapping[str, str],
    outbox_dir: str | Path,
    warned: set[tuple[str, str]] | None = None,
    unreachable: UnreachableHosts | None = None,
    subscriptions: Sequence[Subscription] = (),
) -> Callable[[Subscription, str], Channel]:
    """The channel each subscription's rows go to, chosen from the environment. One instance of
    each kind serves the whole run, so Slack's per-channel pacing holds across subscriptions.
    `warned`: the subscriptions already warned of a missing Slack or Teams setting, and
    `unreachable`: the chat hosts that stopped answering, both shared by a run's workers (the
    operator is told once; a stalled host costs the run one timeout). `subscriptions`: the run's,
    whose webhook variables also show that Slack or Teams is in use (missing.py)."""
    unreachable = unreachable or UnreachableHosts()
    made: dict[str, Channel] = {}
    warned = set() if warned is None else warned
    # The curators' own variables (settings.yaml) show a platform is set up as a team's do.
    named = [*subscriptions, *curators_target(settings)]
    in_use = {"slack": slack_in_use(env, named), "teams": teams_in_use(env, named)}

    def missing(subscription: Subscription, channel: str) -> Channel | None:
        """A MissingSetting channel when this target's own variable is unset while its platform
        is in use; None when the console is the embedded default."""
        if in_use[channel] is None:
            return None
        service = "Slack" if channel == "slack" else "Teams"
        needs = (
            slack_missing(subscription) if channel == "slack" else subscription.teams.webhook_env
        )
        reason = missing_reason(subscription, service, needs, in_use[channel])
        if (channel, subscription.id) not in warned:
            warned.add((channel, subscription.id))
            log.warning("%s", reason)
        return MissingSetting(reason)

    def make(subscription: Subscription, channel: str) -> Channel:
        if channel == "slack":
            kind = "slack" if slack_configured(subscription, env) else "console"
            if kind == "console" and (unset := missing(subscription, channel)) is not None:
                return unset
            if kind not in made:
                made[kind] = slack_sender(db, subscription, env, settings, unreachable)
            return made[kind]
        if channel == "email":
            if "email" not in made:
                made["email"] = email_sender(env, outbox_dir, settings, db, unreachable)
            return made["email"]
        if channel == "teams":  # Microsoft Teams (issue 9, part 4): the console when unset
            kind = "teams" if teams_configured(subscription, env) else "teams-console"
            if kind == "teams-console" and (unset := missing(subscription, channel)) is not None:
                return unset
            if kind not in made:
                made[kind] = teams_sender(subscription, env, settings, unreachable, db)
            return made[kind]
        raise ValueError(f"unknown channel {channel!r}")

    return make
