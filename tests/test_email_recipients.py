"""Recipients a mail server answers one by one, through the delivery engine and the real
EmailChannel on a real SMTP server: one deferred (greylisting, a full mailbox) waits alone while the
others get their copy once; a mailbox the server cannot take without SMTPUTF8 is refused alone;
the sender refused for a setting says which setting; an 8-bit body is declared or made 7-bit."""

from __future__ import annotations

from datetime import timedelta

import pytest

from config.models import Settings, Subscription
from notifier.channels.mailer import EmailChannel
from notifier.delivery import deliver_instant
from storage.outbox_recovery import requeue_failed
from tests.email_helpers import TEAM, plain_settings, send
from tests.notify_helpers import NOW, add_opportunity, add_outbox_row, outbox
from tests.smtp_server import Behaviour, SmtpServer, self_signed_certificate, server_tls_context

ALERTS = 2
LATER = NOW + timedelta(minutes=2)  # past the first backoff (1 min)
DIGITAL, CTO, PMO = TEAM


def team(to=TEAM) -> Subscription:
    return Subscription.model_validate(
        {"id": "digital_team", "email": {"to": list(to), "cadence": "instant"}}
    )


@pytest.fixture
def alerts(db):
    for n in range(ALERTS):
        add_opportunity(db, f"opp-{n}", title=f"Recipient fund {n}")
        add_outbox_row(db, f"opp-{n}", channel="email", cadence="instant")
    return db


def deliver(db, port: int, at, subscription=None):
    channel = EmailChannel(plain_settings(port), db)
    return deliver_instant(
        db, [subscription or team()], Settings(), now=at, channel_for=lambda s, n: channel
    )


def copies(server: SmtpServer) -> list[str]:
    return sorted(r for m in server.received for r in m.rcpt_tos)


def test_a_greylisted_recipient_waits_alone_and_nobody_gets_two_copies(alerts):
    behaviour = Behaviour(rcpt_replies={CTO: ["450 4.2.0 Greylisted, try again later"]})
    with SmtpServer(behaviour) as server:
        first = deliver(alerts, server.port, NOW)
        assert copies(server) == sorted([DIGITAL, PMO]), "the others do not wait for CTO"
        rows = outbox(alerts)
        assert {r["status"] for r in rows} == {"pending"} and first.retrying == ALERTS
        assert rows[0]["last_error"] == (
            f"{CTO} deferred: 450 4.2.0 Greylisted, try again later; will retry, only to them"
        )
        second = deliver(alerts, server.port, LATER)

    assert second.sent == ALERTS and {r["status"] for r in outbox(alerts)} == {"sent"}
    assert copies(server) == sorted(TEAM), "one copy each: the retry went to CTO only"


def receipts(db) -> list[tuple[int, str]]:
    return [(r["outbox_id"], r["recipient"]) for r in db.query("SELECT * FROM mail_receipts")]


def test_receipts_last_while_their_alert_may_still_be_sent_and_go_with_its_sending(alerts):
    """Before, a row per alert and recipient stayed for ever: they matter only while the alert
    is pending. They are deleted in the unit that marks the alert sent; an alert failed for good
    keeps them, as `notify --retry-failed` may queue it again and they are what keeps the others
    from a second copy then."""
    behaviour = Behaviour(rcpt_replies={CTO: ["450 4.2.0 Greylisted, try again later"]})
    with SmtpServer(behaviour) as server:
        deliver(alerts, server.port, NOW)
        kept = receipts(alerts)
        assert sorted({who for _, who in kept}) == sorted([DIGITAL, PMO]) and len(kept) == 4
        deliver(alerts, server.port, LATER)
    assert {r["status"] for r in outbox(alerts)} == {"sent"}
    assert receipts(alerts) == [], "the receipts of sent alerts were kept"


def test_a_full_mailbox_never_resends_to_the_others(alerts):
    full = ["452 4.2.2 Mailbox full"] * 3
    with SmtpServer(Behaviour(rcpt_replies={PMO: full})) as server:
        for attempt in range(3):
            deliver(alerts, server.port, NOW + timedelta(hours=attempt))
            assert copies(server) == sorted([DIGITAL, CTO]), f"attempt {attempt + 1}"
    assert {r["status"] for r in outbox(alerts)} == {"pending"}
    assert outbox(alerts)[0]["attempts"] == 3


def test_copies_accepted_before_the_server_hung_up_are_not_sent_again(alerts):
    with SmtpServer(Behaviour(rcpt_replies={CTO: ["DROP"]})) as server:
        first = deliver(alerts, server.port, NOW)
        assert copies(server) == [DIGITAL] and first.retrying == ALERTS
        deliver(alerts, server.port, LATER)
    assert copies(server) == sorted(TEAM)


def test_a_421_to_a_recipient_ends_the_attempt_and_the_retry_finishes_it(alerts):
    with SmtpServer(Behaviour(rcpt_replies={CTO: ["421 4.3.2 Shutting down"]})) as server:
        first = deliver(alerts, server.port, NOW)
        assert copies(server) == [DIGITAL] and first.retrying == ALERTS
        assert outbox(alerts)[0]["last_error"] == (
            "server closed the connection: 421 4.3.2 Shutting down"
        )
        deliver(alerts, server.port, LATER)
    assert copies(server) == sorted(TEAM)


def test_a_5xx_at_data_fails_that_recipient_for_good_and_the_others_still_get_theirs(alerts):
    """RFC 5321: a 5xx at DATA is a permanent refusal of the message. Before, once another
    recipient had been accepted, it was retried (up to 12 times) to those still owed, and the
    recipients after the refusal waited for it."""
    spam = "554 5.7.1 Message rejected as spam"
    with SmtpServer(Behaviour(data_replies={CTO: [spam]})) as server:  # then it would take it
        first = deliver(alerts, server.port, NOW)
        assert copies(server) == sorted([DIGITAL, PMO]), "the others did not get theirs"
        assert (first.sent, first.retrying, first.failed) == (ALERTS, 0, 0), first.text()
        refused = f"some recipients refused: {CTO} (server refused the message: {spam})"
        assert all(r["last_error"] == refused for r in outbox(alerts)), outbox(alerts)
        assert refused in first.text()
        later = deliver(alerts, server.port, NOW + timedelta(hours=7))
        assert later.sent == 0 and server.connections == 1, "a refused message was sent again"
    assert {r["status"] for r in outbox(alerts)} == {"sent"}


def test_retry_failed_offers_a_refused_message_again_to_those_refused(alerts):
    """An operator who had the refusal lifted (a spam rule) queues the alerts again: the recipients
    refused are offered them once more, not skipped as done."""
    spam = "554 5.7.1 Message rejected as spam"
    with SmtpServer(Behaviour(data_replies={r: [spam] for r in TEAM})) as server:
        first = deliver(alerts, server.port, NOW)
        assert first.failed == ALERTS and copies(server) == []
        assert requeue_failed(alerts, LATER) == ALERTS
        again = deliver(alerts, server.port, LATER)
    assert again.sent == ALERTS and copies(server) == sorted(TEAM)


def test_a_4xx_at_data_is_retried_to_those_owed_never_to_one_refused_for_good(alerts):
    spam, busy = "554 5.7.1 Message rejected as spam", "451 4.3.0 Try again later"
    # Each would take the message the next time it is offered: only CTO must not be offered it.
    with SmtpServer(Behaviour(data_replies={CTO: [spam], PMO: [busy]})) as server:
        first = deliver(alerts, server.port, NOW)
        assert copies(server) == [DIGITAL] and first.retrying == ALERTS
        assert outbox(alerts)[0]["last_error"] == f"server refused the message: {busy}"
        second = deliver(alerts, server.port, LATER)
    assert copies(server) == sorted([DIGITAL, PMO]), "the retry went to one refused for good"
    assert second.sent == ALERTS
    refused = f"some recipients refused: {CTO} (server refused the message: {spam})"
    assert all(r["last_error"] == refused for r in outbox(alerts)), outbox(alerts)


BLOCKED = "550 5.7.1 Sender address rejected: blocked"
SENDER_REFUSED = f"server refused the sender: {BLOCKED}"


def test_a_5xx_to_mail_from_after_some_were_served_fails_the_rest_for_good(alerts):
    """RFC 5321: a 5xx to MAIL FROM is a permanent refusal of the sender by that server. Before,
    once a recipient had been accepted, it was retried (up to 12 times) to those still owed: here
    CTO (deferred at RCPT) and PMO (whose transaction the sender was refused in)."""
    behaviour = Behaviour(
        rcpt_replies={CTO: ["450 4.2.0 Greylisted, try again later"]},
        mail_replies=["250", "250", BLOCKED],  # DIGITAL's and CTO's transactions, then PMO's
    )
    with SmtpServer(behaviour) as server:
        first = deliver(alerts, server.port, NOW)
        assert copies(server) == [DIGITAL]
        assert (first.sent, first.retrying, first.failed) == (ALERTS, 0, 0), first.text()
        refused = f"some recipients refused: {CTO} ({SENDER_REFUSED}); {PMO} ({SENDER_REFUSED})"
        assert all(r["last_error"] == refused for r in outbox(alerts)), outbox(alerts)
        assert refused in first.text()
        later = deliver(alerts, server.port, NOW + timedelta(hours=7))
        assert later.sent == 0 and server.connections == 1, "a refused sender was tried again"
    assert {r["status"] for r in outbox(alerts)} == {"sent"}


def test_a_5xx_to_mail_from_on_a_retry_fails_for_good_those_still_owed(alerts):
    # Those served on the first attempt count: the retry's refusal is final for CTO alone.
    behaviour = Behaviour(
        rcpt_replies={CTO: ["450 4.2.0 Greylisted, try again later"]},
        mail_replies=["250", "250", "250", BLOCKED],
    )
    with SmtpServer(behaviour) as server:
        assert deliver(alerts, server.port, NOW).retrying == ALERTS
        second = deliver(alerts, server.port, LATER)
    assert (second.sent, second.retrying, second.failed) == (ALERTS, 0, 0), second.text()
    assert copies(server) == sorted([DIGITAL, PMO])
    refused = f"some recipients refused: {CTO} ({SENDER_REFUSED})"
    assert all(r["last_error"] == refused for r in outbox(alerts)), outbox(alerts)


def test_a_4xx_to_mail_from_after_some_were_served_is_retried_to_those_owed(alerts):
    busy = "451 4.3.0 Try again later"
    with SmtpServer(Behaviour(mail_replies=["250", busy])) as server:
        first = deliver(alerts, server.port, NOW)
        assert copies(server) == [DIGITAL] and first.retrying == ALERTS, first.text()
        assert outbox(alerts)[0]["last_error"] == f"server refused the sender: {busy}"
        second = deliver(alerts, server.port, LATER)
    assert second.sent == ALERTS and copies(server) == sorted(TEAM)


def test_552_to_a_recipient_is_too_many_recipients_so_it_is_retried(alerts):
    # RFC 5321 4.5.3.1.10: a client should take 552 at RCPT as temporary.
    with SmtpServer(Behaviour(rcpt_replies={PMO: ["552 5.5.3 Too many recipients"]})) as server:
        deliver(alerts, server.port, NOW)
        deliver(alerts, server.port, LATER)
    assert copies(server) == sorted(TEAM)
    assert {r["status"] for r in outbox(alerts)} == {"sent"}


def test_a_mailbox_that_needs_smtputf8_is_refused_alone_and_an_idn_domain_goes_as_ascii():
    to = ["zoë@council.example.gov.uk", "digital@bücher.example", DIGITAL]
    with SmtpServer() as server:  # offers no SMTPUTF8
        results = send(plain_settings(server.port), to=to)
    assert all(r.ok and not r.permanent for r in results)
    assert results[0].error == (
        "some recipients refused: zoë@council.example.gov.uk (its address needs SMTPUTF8, "
        "which the server does not offer)"
    )
    assert copies(server) == sorted(["digital@xn--bcher-kva.example", DIGITAL])
    assert server.received[0].message()["To"] == "digital@xn--bcher-kva.example"


def test_a_sender_refused_until_encryption_says_to_set_smtp_security(tmp_path):
    context = server_tls_context(*self_signed_certificate(tmp_path))
    with SmtpServer(starttls=context) as server:  # requires STARTTLS before MAIL
        results = send(plain_settings(server.port), to=[DIGITAL])
    assert all(not r.ok and r.permanent for r in results)
    assert results[0].error.endswith(
        "(the server wants encryption first: set SMTP_SECURITY=starttls)"
    )


@pytest.mark.filterwarnings("ignore:Requiring AUTH while not requiring TLS:UserWarning")
def test_a_sender_refused_for_want_of_a_login_says_which_settings():
    with SmtpServer(credentials=("fundwatch", "secret")) as server:
        results = send(plain_settings(server.port), to=[DIGITAL])
    assert results[0].error == (
        "server refused the sender: 530 5.7.0 Authentication required "
        "(the server wants a login: set SMTP_USERNAME and SMTP_PASSWORD)"
    )


def test_a_login_to_a_server_that_offers_none_says_which_settings():
    login = {"SMTP_USERNAME": "fundwatch", "SMTP_PASSWORD": "secret"}
    with SmtpServer(Behaviour(without={"AUTH"})) as server:
        results = send(plain_settings(server.port, **login), to=[DIGITAL])
    assert all(not r.ok and not r.permanent for r in results)
    assert "does not offer a login (AUTH) on this connection: unset SMTP_USERNAME" in (
        results[0].error
    )


NOTICE = "Source “Café grants” is failing: 0 items since 3 Dec — check its page\n"


def notice_to(server: SmtpServer) -> str | None:
    from notifier.health.tell import notice_email

    msg = notice_email(NOTICE, "failing", DIGITAL, NOW)
    return EmailChannel(plain_settings(server.port)).send_message(msg, [DIGITAL])


def test_an_8bit_notice_goes_as_7bit_to_a_server_without_8bitmime():
    with SmtpServer(Behaviour(without={"8BITMIME"})) as server:
        assert notice_to(server) is None
    (got,) = server.received
    assert got.content.isascii() and "BODY=8BITMIME" not in got.mail_options
    assert got.message().get_content().replace("\r\n", "\n") == NOTICE


def test_an_8bit_notice_is_declared_to_a_server_with_8bitmime():
    with SmtpServer() as server:
        assert notice_to(server) is None
    (got,) = server.received
    assert not got.content.isascii() and "BODY=8BITMIME" in got.mail_options
    assert got.message().get_content().replace("\r\n", "\n") == NOTICE
