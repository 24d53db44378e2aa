"""The record of what went where (storage/channel_posts.py) carried over an upgrade: a run stopped
after a shared message was posted, by a release that kept a Slack channel by its id in clear and
a message by its text alone, is followed by a run of this release, which must not post the
message again for the teams the stop left (m026: storage/channel_posts_upgrade.py).

The older release's repository is made as it left it: the migrations up to the one before m026,
and the rows its stopped run wrote (the posting team's alert marked sent, the post recorded in
the old shape). The message's hash is the one this release computes for the same alert, read
from a run of it on another repository."""

from __future__ import annotations

from datetime import timedelta

from sqlite_utils import Database

from config.clock import iso
from config.models import Settings, Subscription
from notifier.channels.slack import SlackChannel
from notifier.delivery import deliver_instant
from storage.channel_posts import fingerprint
from storage.channel_posts_upgrade import current_destination
from storage.db import open_db
from storage.migrations import migrations
from tests.fresh_repository import fresh_repository
from tests.notify_helpers import NOW, add_opportunity, add_outbox_row, outbox
from tests.slack_helpers import CHANNEL

TEAMS = [Subscription(id=f"team_{n}", slack={"channel": CHANNEL}) for n in range(3)]
BEFORE = "m026_channel_posts_kind"


def queued(db) -> list[int]:
    add_opportunity(db, "shared-call", title="Shared call fund")
    return [add_outbox_row(db, "shared-call", subscription_id=t.id) for t in TEAMS]


def run(db, slack, at, stopping=lambda: False):
    channel = SlackChannel(db, token=slack.token, api_url=slack.api_url, env={}, min_interval=0)
    return deliver_instant(
        db, TEAMS, Settings(), now=at, channel_for=lambda s, n: channel, stopping=stopping
    )


def message_hash(tmp_path, slack) -> str:
    """The hash this release gives the shared message (a stopped run on another repository)."""
    db = fresh_repository(tmp_path / "other.db")
    queued(db)
    run(db, slack, NOW, stopping=lambda: len(slack.posts) >= 1)
    (row,) = db["channel_posts"].rows
    db.close()
    slack.posts.clear()
    return row["message"]


def test_a_post_recorded_by_the_older_release_still_stands_after_the_upgrade(tmp_path, slack):
    message = message_hash(tmp_path, slack)
    path = tmp_path / "old.db"
    migrations.apply(Database(path), stop_before=BEFORE)
    old = Database(path)
    ids = queued(old)
    # What the older release's stopped run left: team_0's alert sent, its post kept in clear.
    old["outbox"].update(ids[0], {"status": "sent", "sent_at": iso(NOW)})
    old["channel_posts"].insert(
        {"destination": CHANNEL, "message": message, "ts": "1.0001", "posted_at": iso(NOW)}
    )
    old.close()

    db = open_db(path)  # this release: m026 carries the record over
    again = run(db, slack, NOW + timedelta(minutes=5))
    assert (again.sent, again.failed) == (2, 0), again.text()
    assert slack.posts == [], "posted again after the upgrade"
    assert {r["status"] for r in outbox(db)} == {"sent"}


def test_what_can_be_carried_and_what_cannot(tmp_path):
    path = tmp_path / "old.db"
    migrations.apply(Database(path), stop_before=BEFORE)
    old = Database(path)
    add_opportunity(old, "call", title="A call")
    times = [iso(NOW + timedelta(minutes=n)) for n in range(5)]
    sent = [  # (subscription, channel, cadence, sent at)
        ("a", "slack", "instant", times[0]),
        ("b", "teams", "daily", times[1]),
        ("c", "slack", "instant", times[3]),  # one run's instant alerts and …
        ("d", "slack", "weekly", times[3]),  # … another's weekly digest, in the same second
        ("e", "slack", "daily", times[4]),
    ]
    for subscription, channel, cadence, at in sent:
        row = add_outbox_row(
            old, "call", subscription_id=subscription, channel=channel, cadence=cadence
        )
        old["outbox"].update(row, {"status": "sent", "sent_at": at})
    teams = f"teams:{fingerprint('https://flow.example/hook')}"
    hashed = f"slack:{fingerprint('C0FUNDING2')}"
    records = [
        (CHANNEL, times[0]),  # a channel id in clear (before mend15): carried, instant
        (teams, times[1]),  # already hashed: carried, daily
        (hashed, times[2]),  # no outbox row marked then: its kind is unknown
        (hashed, times[3]),  # two cadences marked then: its kind is unknown
        ("webhook:TEAM_HOOK", times[4]),  # a webhook by its variable: its URL was never kept
    ]
    for n, (destination, at) in enumerate(records):
        old["channel_posts"].insert(
            {"destination": destination, "message": f"m{n}", "ts": None, "posted_at": at}
        )
    old.close()

    db = open_db(path)
    carried = {(r["destination"], r["kind"], r["message"]) for r in db["channel_posts"].rows}
    assert carried == {(f"slack:{fingerprint(CHANNEL)}", "instant", "m0"), (teams, "daily", "m1")}
    assert current_destination(CHANNEL) == f"slack:{fingerprint(CHANNEL)}"
