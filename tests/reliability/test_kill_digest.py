"""SIGKILL `fundwatch digest` while it mails a real SMTP server (aiosmtpd), run it again to its end,
and check that every team got its digest, and nobody two, but the one copy in flight at the kill.

The server holds its answer to one copy's DATA, that copy already taken: the run is killed
while it waits for the 250, so the copy is at the server but not recorded as sent. That copy may
go again (README: SIGKILL, "the message in flight may then be sent twice"); every other copy is
either recorded (a recipient's receipt, a digest) or not yet sent, so it goes exactly once.
"""

from __future__ import annotations

from collections import Counter
from datetime import timedelta

import pytest
import yaml

from config.clock import iso
from tests.crawl_helpers import TAGS
from tests.notify_helpers import NOW, add_opportunity, add_outbox_row, outbox, repository
from tests.reliability.kill_sweep import assert_sound, finish, kill_when, start
from tests.smtp_server import HOST, Behaviour, SmtpServer

pytestmark = pytest.mark.slow

# Three teams, the middle one mailing two people: four copies in one digest run.
TEAMS = {"team_a": ["a@example.gov.uk"], "team_b": ["b1@example.gov.uk", "b2@example.gov.uk"]}
TEAMS["team_c"] = ["c@example.gov.uk"]
COPIES = sum(len(to) for to in TEAMS.values())


def waiting(tmp_path):
    config = tmp_path / "config"
    config.mkdir()
    (config / "tags.yaml").write_text(TAGS.read_text())
    (config / "sources.yaml").write_text("[]\n")
    teams = [
        {"id": team, "events": ["new"], "email": {"to": to, "cadence": "daily"}}
        for team, to in TEAMS.items()
    ]
    (config / "subscriptions.yaml").write_text(yaml.safe_dump(teams))
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


@pytest.mark.parametrize(
    "hold_at", [1, 2, 3], ids=["first copy", "first of two recipients", "second of two"]
)
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
