"""Email digests through a real SMTP server on loopback (aiosmtpd): one copy per recipient, no
connection for nothing, and refusals (server down, 4xx and 5xx replies, AUTH) sorted into
transient and permanent."""

from __future__ import annotations

import pytest

from tests.email_helpers import MAIL_FROM, TEAM, plain_settings, send
from tests.smtp_server import Behaviour, SmtpServer, free_port

# Plain-text AUTH is what the `security: none` tests exercise on purpose.
pytestmark = pytest.mark.filterwarnings("ignore:Requiring AUTH while not requiring TLS:UserWarning")


def test_each_recipient_gets_one_copy_addressed_only_to_them():
    with SmtpServer() as server:
        results = send(plain_settings(server.port))

    assert [r.outbox_id for r in results] == [11, 12, 13, 14, 15]
    assert all(r.ok and r.error is None for r in results)
    assert server.connections == 1
    assert sorted(tuple(m.rcpt_tos) for m in server.received) == sorted((a,) for a in TEAM)
    for received in server.received:
        (me,) = received.rcpt_tos
        assert received.mail_from == MAIL_FROM
        assert received.message()["To"] == me
        for other in set(TEAM) - {me}:
            assert other.encode() not in received.content


def test_no_alerts_means_no_message_and_no_connection():
    with SmtpServer() as server:
        results = send(plain_settings(server.port), alerts=[])
        assert results == []
    assert server.connections == 0
    assert server.received == []


# --- failures ----------------------------------------------------------------------------------


def test_server_down_is_transient_connection_refused():
    results = send(plain_settings(free_port()))
    assert len(results) == 5
    assert all(not r.ok and not r.permanent for r in results)
    assert "connection refused" in results[0].error


def test_451_for_recipients_is_transient():
    with SmtpServer(Behaviour(reject_rcpt="451 4.3.0 Mailbox busy, try later")) as server:
        results = send(plain_settings(server.port))
    assert all(not r.ok and not r.permanent for r in results)
    assert "451" in results[0].error
    assert server.received == []


def test_550_for_every_recipient_is_permanent():
    with SmtpServer(Behaviour(reject_rcpt="550 5.1.1 No such user")) as server:
        results = send(plain_settings(server.port))
    assert all(not r.ok and r.permanent for r in results)
    assert "550" in results[0].error and TEAM[0] in results[0].error


def test_550_for_some_recipients_still_delivers_to_the_others_and_names_the_refused():
    refused = TEAM[1]
    with SmtpServer(
        Behaviour(reject_rcpt="550 5.1.1 No such user", reject_only={refused})
    ) as server:
        results = send(plain_settings(server.port))
    assert all(r.ok for r in results)
    assert refused in results[0].error
    assert sorted(m.rcpt_tos[0] for m in server.received) == sorted(set(TEAM) - {refused})


def test_message_refused_after_data_permanent_or_transient_by_reply_code():
    with SmtpServer(Behaviour(reject_data="554 5.7.1 Message rejected as spam")) as server:
        hard = send(plain_settings(server.port), to=TEAM[:1])
    with SmtpServer(Behaviour(reject_data="452 4.3.1 Insufficient storage")) as server:
        soft = send(plain_settings(server.port), to=TEAM[:1])
    assert all(not r.ok and r.permanent for r in hard) and "554" in hard[0].error
    assert all(not r.ok and not r.permanent for r in soft) and "452" in soft[0].error


def test_login_when_a_username_is_set_and_a_wrong_password_is_permanent_and_not_echoed():
    creds = ("fundwatch", "correct horse battery staple")
    with SmtpServer(credentials=creds) as server:
        good = send(plain_settings(server.port, SMTP_USERNAME=creds[0], SMTP_PASSWORD=creds[1]))
        bad = send(
            plain_settings(server.port, SMTP_USERNAME=creds[0], SMTP_PASSWORD="hunter2-wrong"),
            to=TEAM[:1],
        )
    assert all(r.ok for r in good)
    assert len(server.received) == len(TEAM)
    assert all(not r.ok and r.permanent for r in bad)
    assert "535" in bad[0].error and "hunter2-wrong" not in bad[0].error
    # One good login, then the wrong password (smtplib may retry it with another mechanism).
    assert {login for _, login in server.auth_attempts} == {"fundwatch"}
    assert len(server.auth_attempts) >= 2


def test_server_requiring_auth_without_credentials_is_refused():
    with SmtpServer(credentials=("fundwatch", "secret")) as server:
        results = send(plain_settings(server.port), to=TEAM[:1])
    assert all(not r.ok for r in results)
    assert "530" in results[0].error
