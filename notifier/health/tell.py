"""Tell the curators (settings.yaml `curators:`): their Slack channel or webhook, their Teams channel
(a Workflows webhook), and their email.

Notices are claimed, sent and marked as alerts are, under an owner lease: a notice is never lost
and, short of a crash between sending and marking, never sent twice. With no curators configured,
a notice is logged at WARNING, which is where an operator running `fundwatch` looks.
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Mapping
from datetime import datetime
from email.message import EmailMessage
from email.utils import format_datetime, make_msgid
from pathlib import Path

from sqlite_utils import Database

from config.clock import LONDON
from config.models import Settings, Subscription
from notifier.channels.choose import channel_factory, slack_configured, teams_configured
from notifier.channels.escape import clean
from notifier.delivery.sending import never
from storage.db import repository_file
from storage.health import claim_notice, mark_notice, release_notices
from storage.locks import OwnerLease
from storage.outbox_recovery import release_abandoned_notices

log = logging.getLogger("fundwatch.health")

SUBJECTS = {
    "failing": "A fundwatch source is failing",
    "recovered": "A fundwatch source is working again",
    "reminder": "A fundwatch source is still failing",
}


def curators(settings: Settings) -> Subscription | None:
    """The curators as a subscription-shaped target, or None when settings name nobody."""
    c = settings.curators
    if c.slack is None and c.email is None and c.teams is None:
        return None
    email = {"to": [c.email]} if c.email else None
    return Subscription.model_validate(
        {"id": "curators", "slack": c.slack, "email": email, "teams": c.teams}
    )


def curator_channels(settings: Settings) -> tuple[str, ...]:
    """How curators are told: each of their channels, or the log when settings name nobody."""
    c = settings.curators
    targets = (("slack", c.slack), ("teams", c.teams), ("email", c.email))
    found = tuple(name for name, target in targets if target)
    return found or ("log",)


def notice_email(text: str, kind: str, to: str, now: datetime) -> EmailMessage:
    msg = EmailMessage()
    msg["To"] = to
    msg["Subject"] = SUBJECTS.get(kind, "fundwatch")
    msg["Date"] = format_datetime(now.astimezone(LONDON))
    msg["Message-ID"] = make_msgid(domain="fundwatch.invalid")
    msg.set_content(clean(text, 2000) + "\n")
    return msg


def tell_curators(
    db: Database,
    settings: Settings,
    env: Mapping[str, str],
    now: datetime,
    outbox_dir: Path,
    stopping: Callable[[], bool] = never,
) -> int:
    """Send every pending notice; how many went. Once `stopping` (the service's stop), the notice
    in flight is the last: the others stay pending, never claimed, for the next run."""
    db_file = repository_file(db)
    release_abandoned_notices(db)
    target = curators(settings)
    make = channel_factory(db, settings, env, outbox_dir)
    sent = 0
    tried: set[int] = set()
    with OwnerLease(db_file) as lease:
        # One claimed at a time, so a run killed mid-way holds only the notice in flight: claimed
        # all at once, every kill counted an attempt against each notice waiting behind it, and
        # a crash loop made their first real failure final.
        while not stopping():
            notice = claim_notice(db, lease.token, now)
            if notice is None:
                break
            if notice["id"] in tried:  # due again at once: never sent twice in one run
                release_notices(db, [notice["id"]], lease.token)
                break
            tried.add(notice["id"])
            error = _send(make, target, env, notice, now)
            mark_notice(db, notice["id"], lease.token, now, error=error)
            sent += error is None
    return sent


def _send(make, target, env, notice, now) -> str | None:
    """One notice on its one channel: None when sent, else why not (it will be retried). `make`
    is the run's channel factory: one channel of each kind, so notices keep its pacing."""
    channel = notice["channel"]
    if channel == "slack" and target is not None and target.slack is not None:
        if not slack_configured(target, env):
            return "Slack for curators is not configured (SLACK_BOT_TOKEN or the webhook variable)"
        outcome = make(target, "slack").post_text(target, notice["text"])
        return None if outcome.ok else outcome.error
    if channel == "teams" and target is not None and target.teams is not None:
        if not teams_configured(target, env):
            return f"Teams for curators is not configured ({target.teams.webhook_env} is not set)"
        outcome = make(target, "teams").post_text(target, notice["text"], now)
        return None if outcome.ok else outcome.error
    if channel == "email" and target is not None and target.email is not None:
        message = notice_email(notice["text"], notice["kind"], target.email.to[0], now)
        return make(target, "email").send_message(message, list(target.email.to))
    log.warning("%s", notice["text"])  # no curators named (or no longer): the log tells them
    return None
