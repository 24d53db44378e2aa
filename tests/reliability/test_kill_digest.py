"""SIGKILL `fundwatch digest` while it mails a real SMTP server (aiosmtpd), run it again to its end,
and check that every team got its digest, and nobody two, but the one copy in flight at the kill.

The server holds its answer to one copy's DATA, that copy already taken: the run is killed
while it waits for the 250, so the copy is at the server but not recorded as sent. That copy may
go again (README: SIGKILL, "the message in flight may then be sent twice"); every other copy is
either recorded (a recipient's receipt, a digest) or not yet sent, so it goes exactly once.
"""

from __future__ import annotations

import re
from collections import Counter
from datetime import timedelta

import pytest

from config.clock import iso
from tests.crawl_helpers import write_config
from tests.notify_helpers import NOW, add_opportunity, add_outbox_row, outbox, repository
from tests.reliability.kill_sweep import assert_sound, finish, kill_at_held_post, kill_when, start
from tests.slack_standin import DEFAULT_TOKEN, SlackStandIn
from tests.smtp_server import HOST, Behaviour, SmtpServer

CHANNEL = "C0DIGEST01"

pytestmark = pytest.mark.slow

# Three teams, the middle one mailing two people: four copies in one digest run.
TEAMS = {"team_a": ["a@example.gov.uk"], "team_b": ["b1@example.gov.uk", "b2@example.gov.uk"]}
TEAMS["team_c"] = ["c@example.gov.uk"]
COPIES = sum(len(to) for to in TEAMS.values())


def waiting(tmp_path):
    teams = [
        {"id": team, "events": ["new"], "email": {"to": to, "cadence": "daily"}}
        for team, to in TEAMS.items()
    ]
    config = write_config(tmp_path / "config", [], teams)
    db = repository(tmp_path)
    for n, team in enumerate(TEAMS):
        for k in range(2):
            opp = add_opportunity(db, f"digest-opp-{n}{k}", title=f"Killed digest fund {n}{k}")
            add_outbox_row(
                db,
                opp,
                subscription_id=team,
                channel="email",
                cadence="daily",
                created_at=NOW - timedelta(hours=20),
            )
    db.close()
    return config, tmp_path / "fundwatch.db"


def copies(received) -> Counter:
    """(recipient, call) for every call in every copy the server took."""
    found = Counter()
    for mail in list(received):
        text = mail.content.decode("utf-8", "replace")
        calls = {f"digest-opp-{n}{k}" for n in range(len(TEAMS)) for k in range(2)}
        for rcpt in mail.rcpt_tos:
            for call in calls:
                if call in text:
                    found[(rcpt, call)] += 1
    return found


def expected() -> Counter:
    return Counter(
        {
            (rcpt, f"digest-opp-{n}{k}"): 1
            for n, to in enumerate(TEAMS.values())
            for rcpt in to
            for k in range(2)
        }
    )


@pytest.mark.parametrize("hold_at", [2, 3], ids=["first of two recipients", "second of two"])
def test_digest_killed_mid_send_then_run_again_mails_every_team_once(tmp_path, hold_at):
    config, db_path = waiting(tmp_path)
    with SmtpServer(Behaviour(hold_at=hold_at)) as server:
        received = server.received
        env = {
            "FUNDWATCH_NOW": iso(NOW),
            "SMTP_HOST": HOST,
            "SMTP_PORT": str(server.port),
            "SMTP_SECURITY": "none",
            "MAIL_FROM": "fundwatch@example.gov.uk",
        }
        digest = start(
            "digest", "--cadence", "daily", "--force", config=config, db=db_path, env=env
        )
        kill_when(digest, lambda: len(received) >= hold_at, f"copy {hold_at} reached the server")
        server.behaviour.released.set()
        code, out = finish(
            "digest", "--cadence", "daily", "--force", config=config, db=db_path, env=env
        )
    assert code == 0, out
    assert "Traceback" not in out, out
    got = copies(received)
    held = list(received)[hold_at - 1].rcpt_tos
    again = {key: n for key, n in got.items() if n > 1}
    assert set(got) == set(expected()), out  # nobody missed a call
    assert all(rcpt in held and n == 2 for (rcpt, _), n in again.items()), (again, held, out)
    db = repository(tmp_path)
    assert Counter(r["status"] for r in outbox(db)) == {"sent": 2 * len(TEAMS)}
    db.close()
    assert_sound(db_path)


def test_a_slack_digest_killed_mid_way_then_run_again_posts_each_alert_once(tmp_path):
    # A Slack digest is a post per alert: killed once its 2nd post has landed (answer held), the
    # run again must post only what did not land, each alert once: the posts before the kill
    # were answered, and the landed one is found in the channel (history scopes granted).
    team = {"id": "team_s", "events": ["new"], "slack": {"channel": CHANNEL, "cadence": "daily"}}
    config = write_config(tmp_path / "config", [], [team])
    db = repository(tmp_path)
    for n in range(4):
        opp = add_opportunity(db, f"digest-opp-s{n}", title=f"Killed Slack digest fund {n}")
        add_outbox_row(db, opp, subscription_id="team_s", cadence="daily")
    db.close()
    db_path = tmp_path / "fundwatch.db"
    scopes = ("chat:write", "channels:history", "groups:history")
    with SlackStandIn(channels=[CHANNEL], scopes=scopes, epoch=NOW.timestamp() + 60) as slack:
        env = {"FUNDWATCH_NOW": iso(NOW), "SLACK_BOT_TOKEN": DEFAULT_TOKEN}
        env["SLACK_API_URL"] = slack.api_url
        command = ("digest", "--cadence", "daily", "--force")
        kill_at_held_post(*command, config=config, db=db_path, env=env, slack=slack, at=2)
        code, out = finish(*command, config=config, db=db_path, env=env)
        said = Counter(
            found.group(0)
            for post in list(slack.posts)
            if (found := re.search(r"digest-opp-s\d", str(post)))
        )
    assert code == 0, out
    assert said == {f"digest-opp-s{n}": 1 for n in range(4)}, (said, out)
    assert_sound(db_path)


def test_eml_digests_killed_mid_way_then_run_again_leave_each_team_its_digest(tmp_path):
    # The embedded default (no SMTP_HOST): one .eml file per recipient under outbox/ beside the
    # repository. Killed once the first is written, run again: every recipient has a file with
    # every call of theirs, and no unfinished file is left (nothing but .eml files).
    config, db_path = waiting(tmp_path)
    folder = db_path.parent / "outbox"

    def files() -> list:
        return sorted(folder.iterdir()) if folder.exists() else []

    command = ("digest", "--cadence", "daily", "--force")
    digest = start(*command, config=config, db=db_path, env={"FUNDWATCH_NOW": iso(NOW)})
    kill_when(digest, lambda: any(p.suffix == ".eml" for p in files()), "the first .eml")
    code, out = finish(*command, config=config, db=db_path, env={"FUNDWATCH_NOW": iso(NOW)})
    assert code == 0, out
    assert [p.name for p in files() if p.suffix != ".eml"] == []
    got = Counter()
    for path in files():
        text = path.read_text("utf-8", "replace")
        to = next(line[4:].strip() for line in text.splitlines() if line.startswith("To: "))
        for call in (f"digest-opp-{n}{k}" for n in range(len(TEAMS)) for k in range(2)):
            got[(to, call)] += call in text
    assert +got == expected(), (files(), out)  # the frozen clock names a rewrite the same
    db = repository(tmp_path)
    assert Counter(r["status"] for r in outbox(db)) == {"sent": 2 * len(TEAMS)}
    db.close()
    assert_sound(db_path)
