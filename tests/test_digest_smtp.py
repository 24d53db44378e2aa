"""Digests through a real SMTP server on loopback (aiosmtpd), and an SMTP server that is down."""

from __future__ import annotations

from datetime import timedelta

import pytest

from notifier.delivery import send_digests
from tests.digest_helpers import (
    FRI_0800,
    SETTINGS,
    THU_EVENING,
    digests,
    email_team,
    seeded_repository,
)
from tests.notify_helpers import add_outbox_row, outbox
from tests.smtp_server import SmtpServer, free_port


@pytest.fixture
def db(tmp_path):
    return seeded_repository(tmp_path)


def test_digest_through_a_real_smtp_server(db, tmp_path):
    team = email_team()
    ids = [
        add_outbox_row(
            db,
            f"opp-{n}",
            subscription_id="email_team",
            channel="email",
            cadence="daily",
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
        assert f"Fund opp-{n}" in body
    assert all(r["status"] == "sent" for r in outbox(db, subscription_id="email_team"))
    assert not (tmp_path / "outbox").exists()  # SMTP configured: no .eml fallback
    assert [r["id"] for r in outbox(db, status="sent")] == ids


def test_smtp_down_keeps_the_digest_pending(db, tmp_path):
    team = email_team()
    row_id = add_outbox_row(
        db,
        "opp-1",
        subscription_id="email_team",
        channel="email",
        cadence="daily",
        created_at=THU_EVENING,
    )
    env = {
        "SMTP_HOST": "127.0.0.1",
        "SMTP_PORT": str(free_port()),
        "SMTP_SECURITY": "none",
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
