"""A walk over what an SMTP server fundwatch has not seen may do, through the delivery engine and
the real EmailChannel: hang up after the whole message but before its reply (it may have landed:
DESIGN's rule is nothing lost, so it is sent again, as the same message), refuse the message at
DATA with 552 (too large: final, by RFC 5321), and take a non-ASCII subject and body without
SMTPUTF8 or 8BITMIME, and require STARTTLS and a login, with a certificate from a private CA.
Each: nothing lost, a recipient that took a copy never offered it again, a
refusal kept with its reason and never retried, a hang-up retried after its backoff.
"""

from __future__ import annotations

from datetime import timedelta
from email import message_from_bytes, policy

import pytest

from config.models import Settings, Subscription
from notifier.channels.mailer import EmailChannel, SmtpSettings
from notifier.channels.smtp_conn import MAY_HAVE_LANDED
from notifier.delivery import deliver_instant
from tests.email_helpers import TEAM, plain_settings
from tests.notify_helpers import NOW, add_opportunity, add_outbox_row, outbox
from tests.reliability.faulty_smtp import FaultySmtp
from tests.smtp_server import (
    HOST,
    Behaviour,
    SmtpServer,
    self_signed_certificate,
    server_tls_context,
)

LATER = NOW + timedelta(minutes=2)  # past the first backoff
DIGITAL, CTO, PMO = TEAM


def team(to=TEAM) -> Subscription:
    return Subscription.model_validate(
        {"id": "digital_team", "email": {"to": list(to), "cadence": "instant"}}
    )


def one_alert(db, title="Unseen mail fund") -> None:
    add_opportunity(db, "mail-opp", title=title)
    add_outbox_row(db, "mail-opp", subscription_id="digital_team", channel="email")


def deliver(db, port: int, at, to=TEAM):
    channel = EmailChannel(plain_settings(port), db)
    return deliver_instant(db, [team(to)], Settings(), now=at, channel_for=lambda s, n: channel)


def message_id(raw: bytes) -> str:
    return message_from_bytes(raw, policy=policy.default)["Message-ID"]


def test_a_hang_up_after_the_message_before_its_reply_is_sent_again_as_the_same_message(db):
    one_alert(db)
    with FaultySmtp("after_data") as faulty:
        first = deliver(db, faulty.port, NOW, to=[DIGITAL])
    assert (first.sent, first.retrying, first.failed) == (0, 1, 0), first.text()
    (row,) = outbox(db)
    assert row["status"] == "pending" and "SMTPServerDisconnected" in row["last_error"], row
    # Before: only "SMTP delivery to …: SMTPServerDisconnected: Connection unexpectedly closed".
    assert row["last_error"].endswith(f", {MAY_HAVE_LANDED}"), row["last_error"]
    (maybe_landed,) = faulty.landed  # the server had it whole: it may have been delivered

    with SmtpServer() as good:
        assert deliver(db, good.port, NOW + timedelta(seconds=20)).sent == 0  # in the backoff
        later = deliver(db, good.port, LATER, to=[DIGITAL])
    assert later.sent == 1 and [r["status"] for r in outbox(db)] == ["sent"]
    (again,) = good.received
    # At least once, never lost; a mailbox that got both sees one Message-ID and can fold them.
    assert message_id(again.content) == message_id(maybe_landed)


# ("data" hangs up part-way through reading the message, but by then the client has written it
# all: from the client's side it may have landed, and it says so.)
@pytest.mark.parametrize("fail_at", ["greeting", "rcpt"])
def test_a_hang_up_before_the_message_went_does_not_say_it_may_have_landed(db, fail_at):
    one_alert(db)
    with FaultySmtp(fail_at) as faulty:
        deliver(db, faulty.port, NOW, to=[DIGITAL])
    (row,) = outbox(db)
    assert "SMTPServerDisconnected" in row["last_error"]
    assert MAY_HAVE_LANDED not in row["last_error"]


def test_after_a_hang_up_on_one_recipient_the_retry_goes_only_to_those_owed(db):
    one_alert(db)
    with FaultySmtp("after_data", accept_first=1) as faulty:
        first = deliver(db, faulty.port, NOW)
    assert (first.sent, first.retrying) == (0, 1), first.text()
    assert faulty.accepted == 1 and len(faulty.landed) == 2  # DIGITAL's taken, CTO's unanswered
    with SmtpServer() as good:
        later = deliver(db, good.port, LATER)
    assert later.sent == 1, later.text()
    assert sorted(r for m in good.received for r in m.rcpt_tos) == sorted([CTO, PMO])
    assert [r["status"] for r in outbox(db)] == ["sent"]


def test_552_at_data_fails_for_good_with_the_reason_and_is_never_sent_again(db):
    one_alert(db)
    too_big = "552 5.3.4 Message size exceeds fixed maximum message size"
    with SmtpServer(Behaviour(reject_data=too_big)) as strict:
        first = deliver(db, strict.port, NOW)
    assert (first.sent, first.retrying, first.failed) == (0, 0, 1), first.text()
    (row,) = outbox(db)
    assert row["status"] == "failed"
    assert too_big in row["last_error"] and "larger than the server takes" in row["last_error"]
    assert any(too_big in line for line in first.problems), first.problems
    with SmtpServer() as good:
        assert deliver(db, good.port, NOW + timedelta(days=1)).sent == 0
        assert good.connections == 0, "a message refused for good was offered again"


def test_a_non_ascii_subject_and_body_reach_a_server_without_smtputf8_or_8bitmime(db):
    title = "Cronfa Cymunedau’r Dyfodol – £2.5m for Ynys Môn, Ceredigion & Rhondda Cynon Taf ŵŷ"
    one_alert(db, title=title)
    with SmtpServer(Behaviour(without={"8BITMIME", "SMTPUTF8"})) as plain:
        run = deliver(db, plain.port, NOW)
    assert run.sent == 1 and run.problems == [], run.text()
    assert len(plain.received) == len(TEAM)
    for got in plain.received:
        assert got.content.isascii(), "8-bit bytes sent to a server that did not offer 8BITMIME"
        assert "BODY=8BITMIME" not in got.mail_options and "SMTPUTF8" not in got.mail_options
        message = got.message()
        assert str(message["Subject"]) == f"New funding: {title}"  # RFC 2047 words, decoded
        assert title in message.get_body(("plain",)).get_content()
        assert title.replace("&", "&amp;") in message.get_body(("html",)).get_content()


# aiosmtpd warns that AUTH is required while its own TLS is not: STARTTLS is required here.
@pytest.mark.filterwarnings("ignore:Requiring AUTH while not requiring TLS:UserWarning")
def test_starttls_and_a_login_required_with_a_private_ca_says_the_cure_then_sends_once(
    db, tmp_path, monkeypatch
):
    """Before: "… failed verification: self-signed certificate", with no word of the cure."""
    one_alert(db)
    monkeypatch.delenv("SSL_CERT_FILE", raising=False)
    certificate = self_signed_certificate(tmp_path)
    login = ("fundwatch", "s3cret-password-9")
    with SmtpServer(credentials=login, starttls=server_tls_context(*certificate)) as server:
        env = {  # the credentials come from the environment only
            "SMTP_HOST": HOST,
            "SMTP_PORT": str(server.port),
            "SMTP_USERNAME": login[0],
            "SMTP_PASSWORD": login[1],
            "MAIL_FROM": "fundwatch@council.example.gov.uk",
        }
        smtp = SmtpSettings.from_env(env)  # SMTP_SECURITY: starttls by default
        channel = EmailChannel(smtp, db)
        run = deliver_instant(
            db, [team()], Settings(), now=NOW, env=env, channel_for=lambda s, n: channel
        )
        assert (run.sent, run.retrying, run.failed) == (0, 1, 0), run.text()
        (row,) = outbox(db)
        assert "failed verification" in row["last_error"] and "SSL_CERT_FILE" in row["last_error"]
        assert server.auth_attempts == [] and login[1] not in run.text()

        monkeypatch.setenv("SSL_CERT_FILE", str(certificate[0]))  # the operator trusts the CA
        later = deliver_instant(
            db, [team()], Settings(), now=LATER, env=env, channel_for=lambda s, n: channel
        )
    assert later.sent == 1, later.text()
    assert sorted(r for m in server.received for r in m.rcpt_tos) == sorted(TEAM)
    assert all(m.tls for m in server.received)
    assert [name for _, name in server.auth_attempts] == ["fundwatch"]


def test_tls_spoken_to_a_plain_port_names_the_settings_and_waits(db):
    """Before: "SMTP delivery to …: SSLError: [SSL: WRONG_VERSION_NUMBER] wrong version number
    (_ssl.c:1006)", which names neither setting."""
    one_alert(db)
    with SmtpServer() as plain:  # no TLS at all
        env = {"SMTP_HOST": HOST, "SMTP_PORT": str(plain.port), "SMTP_SECURITY": "ssl"}
        channel = EmailChannel(SmtpSettings.from_env({**env, "MAIL_FROM": DIGITAL}), db)
        run = deliver_instant(db, [team()], Settings(), now=NOW, channel_for=lambda s, n: channel)
        assert (run.sent, run.retrying) == (0, 1), run.text()
        (row,) = outbox(db)
        assert (
            f"TLS with SMTP server {HOST}:{plain.port} failed (WRONG_VERSION_NUMBER)"
            in (row["last_error"])
        )
        assert "this server greets in plain text" in row["last_error"]  # test_email_tls_modes.py
        assert "set SMTP_SECURITY=starttls (none for a relay" in row["last_error"]
        assert plain.received == []
        fixed = deliver(db, plain.port, LATER)  # SMTP_SECURITY=none, as the operator sets it
    assert fixed.sent == 1 and len(plain.received) == len(TEAM)
