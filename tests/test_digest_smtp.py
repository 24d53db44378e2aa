"""Digests through a real SMTP server on loopback (aiosmtpd), an SMTP server that is down, and one
that echoes the login back in its refusal."""

from __future__ import annotations

import logging
from base64 import b64encode
from datetime import timedelta
from urllib.parse import quote

import pytest

from notifier.delivery import send_digests
from tests.digest_helpers import (
    FRI_0800,
    SETTINGS,
    THU_EVENING,
    digests,
    email_team,
    seeded_repository,
    team_row,
)
from tests.notify_helpers import outbox
from tests.smtp_server import Behaviour, SmtpServer, free_port


@pytest.fixture
def db(tmp_path):
    return seeded_repository(tmp_path)


def test_digest_through_a_real_smtp_server(db, tmp_path):
    team = email_team()
    ids = [
        team_row(
            db,
            f"opp-{n}",
            created_at=THU_EVENING,
        )
        for n in (1, 2, 3)
    ]
    with SmtpServer() as server:
        env = {
            "SMTP_HOST": "127.0.0.1",
            "SMTP_PORT": str(server.port),
            "SMTP_SECURITY": "none",
            "MAIL_FROM": "fundwatch@example.org",
        }
        summary = send_digests(
            db,
            [team],
            SETTINGS,
            cadence="daily",
            now=FRI_0800,
            env=env,
            outbox_dir=tmp_path / "outbox",
        )
        again = send_digests(
            db,
            [team],
            SETTINGS,
            cadence="daily",
            now=FRI_0800 + timedelta(hours=1),
            env=env,
            outbox_dir=tmp_path / "outbox",
        )

    assert (summary.digests, summary.sent, again.digests) == (1, 3, 0)
    assert len(server.received) == 1
    message = server.received[0].message()
    assert server.received[0].rcpt_tos == ["team@example.gov.uk"]
    body = message.get_body(("plain",)).get_content()
    for n in (1, 2, 3):
        assert body.count(f"Fund opp-{n}") == 1
    # What happened, for whom, on which day: three calls, each counted once.
    assert message["Subject"].startswith("3 ") and message["Subject"].endswith(" · 20 Nov")
    assert all(r["status"] == "sent" for r in outbox(db, subscription_id="email_team"))
    assert not (tmp_path / "outbox").exists()  # SMTP configured: no .eml fallback
    assert [r["id"] for r in outbox(db, status="sent")] == ids


def test_smtp_down_keeps_the_digest_pending(db, tmp_path):
    team = email_team()
    row_id = team_row(
        db,
        "opp-1",
        created_at=THU_EVENING,
    )
    env = {
        "SMTP_HOST": "127.0.0.1",
        "SMTP_PORT": str(free_port()),
        "SMTP_SECURITY": "none",
        "SMTP_USERNAME": "fundwatch",
        "SMTP_PASSWORD": "hunter2-secret",
    }

    summary = send_digests(
        db, [team], SETTINGS, cadence="daily", now=FRI_0800, env=env, outbox_dir=tmp_path / "outbox"
    )

    stored = db["outbox"].get(row_id)
    assert (summary.digests, summary.retrying) == (0, 1)
    assert stored["status"] == "pending" and "connection refused" in stored["last_error"]
    assert "hunter2-secret" not in stored["last_error"]
    assert digests(db) == []


@pytest.mark.filterwarnings("ignore:Requiring AUTH while not requiring TLS:UserWarning")
def test_a_login_refusal_that_echoes_the_credentials_stores_and_logs_none_of_them(
    db, tmp_path, caplog
):
    """What goes into outbox.last_error, and every log line of ours, is free of the password in
    every form it travelled in: raw, URL-encoded, AUTH PLAIN and AUTH LOGIN base64."""
    caplog.set_level(logging.DEBUG)
    user, password = "digest-bot", "s3cret/pass+word=1"
    forms = [
        password,
        quote(password, safe=""),
        b64encode(f"\0{user}\0{password}".encode()).decode().rstrip("="),
        b64encode(password.encode()).decode().rstrip("="),
        b64encode(user.encode()).decode().rstrip("="),
    ]
    row_id = team_row(db, "opp-1", created_at=THU_EVENING,
    )  # fmt: skip
    with SmtpServer(Behaviour(echo_auth=True), credentials=(user, "other")) as server:
        env = {
            "SMTP_HOST": "127.0.0.1",
            "SMTP_PORT": str(server.port),
            "SMTP_SECURITY": "none",
            "SMTP_USERNAME": user,
            "SMTP_PASSWORD": password,
        }
        summary = send_digests(
            db, [email_team()], SETTINGS, cadence="daily", now=FRI_0800, env=env,
            outbox_dir=tmp_path / "outbox",
        )  # fmt: skip

    stored = db["outbox"].get(row_id)
    assert stored["status"] == "failed" and "535" in stored["last_error"]
    assert "[redacted]" in stored["last_error"]
    ours = [r.getMessage() for r in caplog.records if not r.name.startswith("mail.log")]
    for text in [stored["last_error"], *ours, summary.text()]:
        assert not [form for form in forms if form in text], text
