"""Alerts for many Slack channels go out side by side, each channel still paced on its own, through
the real SlackChannel against the Slack Web API stand-in: every alert once, none lost.

Order, not time, shows they went side by side: with one channel after another, a channel's posts
would all come before the next channel's."""

from __future__ import annotations

import threading
from collections import Counter

from config.models import Settings
from notifier.channels.in_flight import PER_HOST, host_of, in_flight
from notifier.channels.in_flight import _hosts as _places
from notifier.delivery import deliver_instant
from tests.notify_helpers import (
    NOW,
    add_opportunity,
    add_outbox_row,
    outbox,
    repository,
    subscription,
)
from tests.slack_standin import DEFAULT_TOKEN, SlackStandIn

CHANNELS = [f"C0FAN{n:05d}" for n in range(12)]


def test_many_channels_are_served_side_by_side_and_every_alert_goes_once(tmp_path):
    db = repository(tmp_path)
    teams = [subscription(f"team_{n}", slack={"channel": c}) for n, c in enumerate(CHANNELS)]
    for n in range(len(CHANNELS)):
        for k in range(2):
            add_opportunity(db, f"opp-{n}-{k}", title=f"Fund {n}-{k}")
            add_outbox_row(db, f"opp-{n}-{k}", subscription_id=f"team_{n}")
    with SlackStandIn(channels=CHANNELS) as slack:
        env = {"SLACK_BOT_TOKEN": DEFAULT_TOKEN, "SLACK_API_URL": slack.api_url}
        summary = deliver_instant(db, teams, Settings(), now=NOW, env=env)
        posts = list(slack.posts)
    assert summary.sent == 24 and summary.failed == summary.retrying == 0, summary.problems
    assert Counter(p["channel"] for p in posts) == {c: 2 for c in CHANNELS}
    assert all(r["status"] == "sent" for r in outbox(db))
    order = [p["channel"] for p in posts]
    positions = {c: [i for i, x in enumerate(order) if x == c] for c in CHANNELS}
    # One channel after another would leave each channel's two posts next to each other; side by
    # side, other channels post while one waits out its pacing.
    assert any(second - first > 1 for first, second in positions.values()), order


class CountingStandIn(SlackStandIn):
    """Counts the posts it is answering at once. Each post waits for a second one to arrive before
    it is answered, so posts sent side by side are seen overlapping whatever the machine's load
    (posts sent one after another would wait out the barrier and fail)."""

    def __init__(self, **kwargs) -> None:
        super().__init__(**kwargs)
        self.answering = 0
        self.most_at_once = 0
        self._count = threading.Lock()
        self._pairs = threading.Barrier(2, timeout=10)

    def post_message(self, headers, body):
        with self._count:
            self.answering += 1
            self.most_at_once = max(self.most_at_once, self.answering)
        try:
            self._pairs.wait()
            return super().post_message(headers, body)
        finally:
            with self._count:
                self.answering -= 1


def test_only_a_few_posts_are_in_flight_to_one_host_at_once(tmp_path):
    # Twenty channels' first alerts are all due at once. Twenty connections opened together
    # overflow a small server's listen queue (http.server keeps five), and a reset after sending is
    # not retried in the run, so the posts to one host are limited to a few at a time.
    channels = [f"C0HOST{n:04d}" for n in range(20)]
    db = repository(tmp_path)
    teams = [subscription(f"team_{n}", slack={"channel": c}) for n, c in enumerate(channels)]
    for n in range(len(channels)):
        add_opportunity(db, f"opp-{n}", title=f"Fund {n}")
        add_outbox_row(db, f"opp-{n}", subscription_id=f"team_{n}")
    with CountingStandIn(channels=channels) as slack:
        env = {"SLACK_BOT_TOKEN": DEFAULT_TOKEN, "SLACK_API_URL": slack.api_url}
        summary = deliver_instant(db, teams, Settings(), now=NOW, env=env)
    assert summary.sent == 20, summary.problems
    assert 2 <= slack.most_at_once <= 4, slack.most_at_once


def test_a_target_whose_channel_cannot_be_built_keeps_its_rows_while_the_others_go_out(tmp_path):
    # Served side by side, every target's rows are claimed together before the workers start;
    # email here cannot be set up (a bad SMTP_PORT), so its rows are never claimed: still pending,
    # no attempt counted, and the operator is told once.
    db = repository(tmp_path)
    teams = [subscription(f"team_{n}", slack={"channel": c}) for n, c in enumerate(CHANNELS[:3])]
    mailed = subscription("mail_team", email={"to": ["team@example.gov.uk"]})
    for n in range(3):
        add_opportunity(db, f"opp-{n}", title=f"Fund {n}")
        add_outbox_row(db, f"opp-{n}", subscription_id=f"team_{n}")
    add_opportunity(db, "opp-mail", title="Fund by mail")
    mail_row = add_outbox_row(db, "opp-mail", subscription_id="mail_team", channel="email")
    with SlackStandIn(channels=CHANNELS[:3]) as slack:
        env = {
            "SLACK_BOT_TOKEN": DEFAULT_TOKEN,
            "SLACK_API_URL": slack.api_url,
            "SMTP_HOST": "127.0.0.1",
            "SMTP_PORT": "twenty-five",
        }
        summary = deliver_instant(db, [*teams, mailed], Settings(), now=NOW, env=env)
        posted = len(slack.posts)
    assert posted == 3 and summary.sent == 3
    row = db["outbox"].get(mail_row)
    assert (row["status"], row["attempts"], row["claimed_by"]) == ("pending", 0, None)
    assert len(summary.problems) == 1 and "SMTP_PORT" in summary.problems[0], summary.problems


def test_a_post_waits_for_a_place_only_so_long_when_the_host_is_stalled():
    # Four posts to a stalled host hold every place for their whole timeout; the next post goes
    # ahead after its short wait rather than queueing behind them all.
    url = "http://stalled.example.test/api/"
    stalled, entered = threading.Event(), threading.Semaphore(0)

    def hold() -> None:
        with in_flight(url):
            entered.release()
            stalled.wait(30)

    holders = [threading.Thread(target=hold, daemon=True) for _ in range(PER_HOST)]
    for holder in holders:
        holder.start()
    assert all(entered.acquire(timeout=10) for _ in holders)
    assert not _places[host_of(url)].acquire(blocking=False)  # every place is held
    went: list[bool] = []
    late = threading.Thread(target=lambda: _enter(url, went), daemon=True)
    late.start()
    late.join(10)
    went_while_stalled = list(went)
    stalled.set()
    for holder in holders:
        holder.join(10)
    assert went_while_stalled == [True]


def _enter(url: str, went: list[bool]) -> None:
    with in_flight(url, wait=0.05):
        went.append(True)
