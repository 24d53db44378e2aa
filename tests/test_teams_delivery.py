"""Teams delivery over real outbox rows: the real TeamsChannel against a loopback stand-in that
answers as a Workflows webhook does. Posts arrive; a 429 waits out its Retry-After; a refused card
fails for good with its reason while the others still go, and a flow that takes no card stops the
rest; a 5xx or a timeout is tried again later; nothing is lost or sent twice; posts are paced on
an injected clock; and the URL (a secret) never reaches an error or a log."""

from __future__ import annotations

import logging
from datetime import timedelta

import pytest

from config.clock import iso
from config.models import Settings, Subscription
from notifier.channels.teams import TeamsChannel
from notifier.channels.teams.answers import REPORT_BUG
from notifier.delivery import deliver_instant
from notifier.route import routes_of
from tests.notify_helpers import NOW, add_opportunity, add_outbox_row, outbox, repository
from tests.slack_helpers import FakeTime, alert
from tests.smtp_server import free_port
from tests.teams_standin import (
    SECRET_QUERY,
    Scripted,
    TeamsStandIn,
    card_too_large,
    schema_mismatch,
    server_error,
    stall,
    throttled,
)

HOOK = "DIGITAL_TEAMS_WEBHOOK"
SETTINGS = Settings()
SECRET = SECRET_QUERY.rsplit("sig=", 1)[1]


@pytest.fixture(autouse=True)
def loopback(monkeypatch):
    monkeypatch.setenv("FUNDWATCH_ALLOW_LOOPBACK", "1")


@pytest.fixture
def teams():
    with TeamsStandIn() as standin:
        yield standin


@pytest.fixture
def db(tmp_path):
    database = repository(tmp_path)
    for n in range(1, 13):
        add_opportunity(database, f"opp-{n}")
    yield database
    database.close()


def team(env_name: str = HOOK, sub_id: str = "digital_team") -> Subscription:
    return Subscription(id=sub_id, teams={"webhook_env": env_name})


def rows(db, count: int, sub_id: str = "digital_team") -> list[int]:
    return [
        add_outbox_row(db, f"opp-{n}", subscription_id=sub_id, channel="teams")
        for n in range(1, count + 1)
    ]


def send(db, channel, subs, now=NOW, env=None):
    return deliver_instant(
        db, subs, SETTINGS, now=now, env=env or {}, channel_for=lambda s, c: channel
    )


def posted_titles(teams) -> list[str]:
    return [post["card"]["body"][0]["text"] for post in teams.posts]


def test_alerts_arrive_as_cards_one_post_each(db, teams):
    ids = rows(db, 3)
    channel = TeamsChannel(env={HOOK: teams.url()}, min_interval=0, timeout=5)
    summary = send(db, channel, [team()])

    assert posted_titles(teams) == ["Fund opp-1", "Fund opp-2", "Fund opp-3"]
    assert [r["status"] for r in outbox(db)] == ["sent"] * 3
    assert summary.by_channel == {"teams": {"sent": 3, "failed": 0, "retrying": 0}}
    assert teams.requests[0]["headers"]["content-type"].startswith("application/json")
    assert send(db, channel, [team()]).sent == 0 and len(teams.posts) == 3
    assert [r["id"] for r in outbox(db)] == ids


def test_a_burst_is_one_summary_card(db, teams):
    rows(db, 12)
    channel = TeamsChannel(env={HOOK: teams.url()}, min_interval=0, timeout=5)
    summary = send(db, channel, [team()])

    assert len(teams.posts) == 1 and summary.sent == 12
    assert teams.posts[0]["card"]["body"][0]["text"] == "12 funding alerts"


def test_the_real_wiring_routes_and_sends_to_teams(db, teams, capsys):
    sub = Subscription(id="digital_team", teams={"webhook_env": HOOK, "cadence": "instant"})
    assert [(r.channel, r.cadence) for r in routes_of(sub)] == [("teams", "instant")]
    rows(db, 1)
    summary = deliver_instant(db, [sub], SETTINGS, now=NOW, env={HOOK: teams.url()})
    assert summary.sent == 1 and len(teams.posts) == 1

    add_outbox_row(db, "opp-2", channel="teams")  # no variable set: the console shows it
    summary = deliver_instant(db, [sub], SETTINGS, now=NOW, env={})
    assert summary.sent == 1 and len(teams.posts) == 1
    assert (
        "[fundwatch \u2192 digital_team on Teams] New funding: Fund opp-2"
        in capsys.readouterr().out
    )


def test_429_waits_out_retry_after_and_repeats_nothing(db, teams):
    first, second, third = rows(db, 3)
    channel = TeamsChannel(env={HOOK: teams.url()}, min_interval=0, timeout=5)
    teams.script(throttled(retry_after=120))
    summary = send(db, channel, [team()])

    assert len(teams.requests) == 1 and teams.posts == []  # the rest were not even tried
    later = iso(NOW + timedelta(seconds=120))
    state = {r["id"]: (r["status"], r["next_attempt_at"], r["attempts"]) for r in outbox(db)}
    assert state == {
        first: ("pending", later, 1),
        second: ("pending", later, 0),
        third: ("pending", later, 0),
    }
    assert "retry after 120s" in outbox(db)[0]["last_error"]
    assert summary.sent == 0 and summary.failed == 0

    assert send(db, channel, [team()], now=NOW + timedelta(seconds=60)).sent == 0
    assert send(db, channel, [team()], now=NOW + timedelta(seconds=121)).sent == 3
    assert posted_titles(teams) == ["Fund opp-1", "Fund opp-2", "Fund opp-3"]


def test_a_refused_card_fails_for_good_with_its_reason(db, teams):
    rows(db, 1)
    teams.script(Scripted(400, {"error": {"code": "InvalidRequestContent", "message": "bad card"}}))
    channel = TeamsChannel(env={HOOK: teams.url()}, min_interval=0, timeout=5)
    summary = send(db, channel, [team()])

    row = outbox(db)[0]
    assert (row["status"], summary.failed) == ("failed", 1)
    assert row["last_error"] == (
        "Teams rejected the card: this is a fundwatch bug, please report it "
        "(HTTP 400, InvalidRequestContent)"
    )


@pytest.mark.parametrize(
    "refusal,reason",
    [
        (card_too_large(), f"{REPORT_BUG}: the card is too large (HTTP 400, BadRequest)"),
        (
            Scripted(400, {"error": {"code": "InvalidRequestContent", "message": "bad card"}}),
            f"{REPORT_BUG} (HTTP 400, InvalidRequestContent)",
        ),
    ],
)
def test_one_refused_card_fails_alone_and_the_others_still_go(db, teams, refusal, reason):
    first, second, third = rows(db, 3)
    teams.refuse(lambda card: card["body"][0]["text"] == "Fund opp-2", refusal)
    channel = TeamsChannel(env={HOOK: teams.url()}, min_interval=0, timeout=5)
    summary = send(db, channel, [team()])

    assert posted_titles(teams) == ["Fund opp-1", "Fund opp-3"]
    state = {r["id"]: (r["status"], r["last_error"]) for r in outbox(db)}
    assert state == {first: ("sent", None), second: ("failed", reason), third: ("sent", None)}
    assert (summary.sent, summary.failed) == (2, 1)


def test_one_deliver_call_goes_on_past_a_refused_card_and_stops_at_a_refusing_flow(teams):
    alerts = [alert(1), alert(2), alert(3)]
    teams.refuse(
        lambda card: card["body"][0]["text"] == alerts[0].opportunity.title, card_too_large()
    )
    channel = TeamsChannel(env={HOOK: teams.url()}, min_interval=0, timeout=5)
    results = channel.deliver(team(), alerts, NOW)
    assert [(r.ok, r.permanent) for r in results] == [(False, True), (True, False), (True, False)]

    teams.script(schema_mismatch())
    # Other cards: the same card again would stand for itself, already posted this run.
    results = channel.deliver(team(), [alert(4), alert(5)], NOW)
    assert [r.ok for r in results] == [False, False] and len(teams.posts) == 2


def test_a_flow_whose_trigger_takes_no_card_halts_the_rest(db, teams):
    rows(db, 3)
    teams.script(schema_mismatch())
    channel = TeamsChannel(env={HOOK: teams.url()}, min_interval=0, timeout=5)
    summary = send(db, channel, [team()])

    assert len(teams.requests) == 1 and teams.posts == []  # one answer says it for all
    assert [r["status"] for r in outbox(db)] == ["failed"] * 3 and summary.failed == 3
    assert all(
        r["last_error"].startswith("HTTP 400, TriggerInputSchemaMismatch: the flow behind " + HOOK)
        for r in outbox(db)
    )


def test_a_deleted_flow_fails_every_alert_naming_the_variable(db):
    rows(db, 3)
    with TeamsStandIn(flows={}) as gone:  # no flow at that path: 404
        channel = TeamsChannel(env={HOOK: gone.url()}, min_interval=0, timeout=5)
        send(db, channel, [team()])
    assert len(gone.requests) == 1  # one answer is enough: the rest fail without asking again
    assert {r["status"] for r in outbox(db)} == {"failed"}
    assert all(f"no flow answers at the URL in {HOOK}" in r["last_error"] for r in outbox(db))


def test_server_errors_and_timeouts_are_retried_later_and_nothing_is_lost(db, teams):
    rows(db, 3)
    # A stall far past the timeout, and a timeout far past a quick answer on a loaded machine (at
    # 0.5s, a 503 or an ok answered late under load read as a timeout: failed in a suite run).
    channel = TeamsChannel(env={HOOK: teams.url()}, min_interval=0, timeout=3)
    teams.script(server_error(503), stall(30.0))  # the stall ends as the stand-in stops
    send(db, channel, [team()])

    by_id = {r["opportunity_id"]: r for r in outbox(db)}
    assert by_id["opp-1"]["status"] == by_id["opp-2"]["status"] == "pending"
    assert "HTTP 503, ServiceUnavailable" in by_id["opp-1"]["last_error"]
    assert "Teams did not answer within 3s" in by_id["opp-2"]["last_error"]
    assert by_id["opp-1"]["next_attempt_at"] == iso(NOW + timedelta(minutes=1))
    # Not tried after the timeout, for the rest of the run (tests/reliability/test_host_unreachable.py).
    assert by_id["opp-3"]["status"] == "pending" and by_id["opp-3"]["attempts"] == 0

    # A later run has channels of its own, which try the host again.
    channel = TeamsChannel(env={HOOK: teams.url()}, min_interval=0, timeout=30)
    assert send(db, channel, [team()], now=NOW + timedelta(minutes=2)).sent == 3
    assert {r["status"] for r in outbox(db)} == {"sent"}
    assert sorted(posted_titles(teams)) == ["Fund opp-1", "Fund opp-2", "Fund opp-3"]


def test_an_unreachable_webhook_is_retried(db):
    port = free_port()  # nothing listens there
    rows(db, 1)
    env = {HOOK: f"http://127.0.0.1:{port}/hook{SECRET_QUERY}"}
    send(db, TeamsChannel(env=env, min_interval=0, timeout=2), [team()])
    row = outbox(db)[0]
    assert row["status"] == "pending" and "Teams refused the connection" in row["last_error"]


def test_posts_to_one_webhook_are_paced_on_the_injected_clock(db, teams):
    subs = [team(), team("SAME_HOOK", "climate_team"), team("OTHER_HOOK", "other_team")]
    env = {HOOK: teams.url(), "SAME_HOOK": teams.url(), "OTHER_HOOK": teams.url("/other")}
    teams.flows["/other"] = "ok"
    fake = FakeTime()
    channel = TeamsChannel(env=env, sleep=fake.sleep, clock=fake.clock, timeout=5)
    rows(db, 3)
    send(db, channel, subs)
    assert fake.sleeps == [pytest.approx(1.0)] * 2  # one card a second per webhook

    fake.now += 0.25
    # Another variable naming the same webhook (another call: the same card would be posted once)
    add_outbox_row(db, "opp-4", subscription_id="climate_team", channel="teams")
    send(db, channel, subs)
    assert fake.sleeps[-1] == pytest.approx(0.75)  # only the rest of the second

    rows(db, 1, sub_id="other_team")  # another webhook: not held back by the first
    send(db, channel, subs)
    assert len(fake.sleeps) == 3 and len(teams.posts) == 5
    assert {r["status"] for r in outbox(db)} == {"sent"}


def test_the_webhook_url_never_reaches_an_error_or_a_log(db, teams, caplog):
    caplog.set_level(logging.DEBUG)
    rows(db, 4)
    url = teams.url()
    refused = f"https://evil.example/hook{SECRET_QUERY}"
    env = {HOOK: url, "EVIL_HOOK": refused}
    subs = [team(), team("EVIL_HOOK", "other_team")]
    teams.script(server_error(500), Scripted(401, {"error": {"code": "X", "message": url}}))
    first = send(db, TeamsChannel(env=env, min_interval=0, timeout=5), subs, env=env)

    add_outbox_row(db, "opp-9", subscription_id="other_team", channel="teams")
    second = send(db, TeamsChannel(env=env, min_interval=0, timeout=5), subs, env=env)
    evil_row = outbox(db, subscription_id="other_team")[0]
    assert evil_row["status"] == "failed"
    assert evil_row["last_error"].startswith("EVIL_HOOK must hold a Teams Workflows webhook URL")
    assert [r["status"] for r in outbox(db, subscription_id="digital_team")] == [
        "pending",
        "failed",
        "failed",
        "failed",
    ]

    seen = [r["last_error"] or "" for r in outbox(db)] + first.problems + second.problems
    seen += [record.getMessage() for record in caplog.records]
    assert len(seen) > 6 and all(SECRET not in text and "127.0.0.1" not in text for text in seen)
    assert all("evil.example" not in text for text in seen)
