"""Email digests through a real SMTP server on loopback (aiosmtpd), and the .eml fallback."""

from __future__ import annotations

import re
from datetime import UTC, datetime
from email import message_from_bytes, policy
from email.utils import parsedate_to_datetime

import pytest

from config.models import Subscription
from notifier.alerts import Alert, OpportunityView
from notifier.channels.eml import EmlChannel
from notifier.channels.mailer import EmailChannel, SmtpSettings
from tests.smtp_server import (
    HOST,
    Behaviour,
    SmtpServer,
    free_port,
    self_signed_certificate,
    server_tls_context,
)

# Plain-text AUTH is what the `security: none` tests exercise on purpose.
pytestmark = pytest.mark.filterwarnings("ignore:Requiring AUTH while not requiring TLS:UserWarning")

NOW = datetime(2026, 11, 25, 9, 0, tzinfo=UTC)  # a Wednesday, GMT
MAIL_FROM = "fundwatch@council.example.gov.uk"
TEAM = [
    "digital@council.example.gov.uk",
    "cto@council.example.gov.uk",
    "pmo@council.example.gov.uk",
]


def subscription(to=TEAM, sub_id="digital_team") -> Subscription:
    return Subscription.model_validate(
        {"id": sub_id, "name": "Digital team", "email": {"to": list(to), "cadence": "daily"}}
    )


def opportunity(oid: str, title: str, **fields) -> OpportunityView:
    return OpportunityView(
        id=oid, title=title, url=f"https://funding.example.gov.uk/{oid}", **fields
    )


def digest_alerts() -> list[Alert]:
    """Given out of order on purpose: the digest must put sections and closing dates in order."""
    summer = opportunity(
        "heat",
        "Heat Network Transformation Programme",
        funder="Department for Energy Security and Net Zero",
        closes_at=datetime(2027, 6, 30, 15, 0, tzinfo=UTC),  # BST: 4:00pm in London
        amount_min=100_000,
        amount_max=2_500_000,
        council_eligible="yes",
        eligibility_phrase="local authorities may apply",
        tags=("net_zero",),
        sources=("GOV.UK Find a Grant", "Contracts Finder"),
    )
    winter = opportunity(
        "digital",
        "Local Digital Fund round 9",
        funder="MHCLG",
        closes_at=datetime(2026, 12, 2, 12, 0, tzinfo=UTC),  # GMT: 12:00pm in London
        amount_max=100_000,
        council_eligible="unclear",
        tags=("digital", "data"),
        sources=("GOV.UK Find a Grant",),
    )
    sooner = opportunity(
        "care",
        "Adult Social Care Tech Fund",
        funder="DHSC",
        closes_at=datetime(2026, 11, 27, 0, 0, tzinfo=UTC),
        council_eligible="no",
        eligibility_phrase="NHS trusts only",
    )
    shifted = opportunity(
        "pilot",
        "Retrofit pilot",
        closes_at=datetime(2027, 1, 12, tzinfo=UTC),
    )
    ended = opportunity("ended", "Old Community Fund", closes_at=datetime(2026, 11, 20, tzinfo=UTC))
    changes = {"closes_at": ("2027-01-12T00:00:00+00:00", "2027-01-26T00:00:00+00:00")}
    return [
        Alert(11, "digital_team", "new", summer),
        Alert(12, "digital_team", "closed", ended),
        Alert(13, "digital_team", "closing_soon", winter),
        Alert(14, "digital_team", "changed", shifted, changes),
        Alert(15, "digital_team", "closing_soon", sooner),
    ]


def plain_settings(port: int, **extra) -> SmtpSettings:
    env = {
        "SMTP_HOST": HOST,
        "SMTP_PORT": str(port),
        "SMTP_SECURITY": "none",
        "MAIL_FROM": MAIL_FROM,
    }
    env.update(extra)
    settings = SmtpSettings.from_env(env)
    assert settings is not None
    return settings


def send(settings: SmtpSettings, alerts=None, to=TEAM, cadence="daily"):
    alerts = digest_alerts() if alerts is None else alerts
    return EmailChannel(settings).deliver(subscription(to), alerts, NOW, cadence=cadence)


def parts(message):
    text = message.get_body(("plain",)).get_content()
    html = message.get_body(("html",)).get_content()
    return text, html


# --- a digest that arrives ---------------------------------------------------------------------


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


def test_digest_sections_entries_and_london_dates():
    with SmtpServer() as server:
        send(plain_settings(server.port), to=TEAM[:1])
    (received,) = server.received
    message = received.message()
    text, html = parts(message)

    assert message.get_content_type() == "multipart/alternative"
    assert [p.get_content_type() for p in message.iter_parts()] == ["text/plain", "text/html"]
    assert message["Subject"] == (
        "fundwatch daily digest, 25 Nov 2026: 2 closing soon, 1 new, 1 changed, 1 closed"
    )

    # Sections in order, and closing soon ordered by date: the care fund closes first.
    order = ["CLOSING SOON (2)", "Adult Social Care", "Local Digital Fund", "NEW (1)", "Heat Network",
             "CHANGED (1)", "Retrofit pilot", "CLOSED (1)", "Old Community Fund"]  # fmt: skip
    positions = [text.index(marker) for marker in order]
    assert positions == sorted(positions)
    html_order = [">Closing soon (2)<", ">New (1)<", ">Changed (1)<", ">Closed (1)<"]
    html_positions = [html.index(marker) for marker in html_order]
    assert html_positions == sorted(html_positions)

    for body in (text, html):
        # GMT in winter, BST in summer: 15:00 UTC on 30 June is 4pm in London.
        assert "2 Dec 2026, 12:00pm" in body and "7 days left" in body
        assert "30 Jun 2027, 4:00pm" in body and "217 days left" in body
        assert "27 Nov 2026" in body and "2 days left" in body
        assert "Closing date: 12 Jan 2027 → 26 Jan 2027" in body
        assert "£100,000 to £2.5 million" in body and "Up to £100,000" in body
        assert "Department for Energy Security and Net Zero" in body
        assert "Councils cannot apply" in body and "NHS trusts only" in body
        assert "Council eligibility unclear" in body
        assert "net_zero" in body and "digital, data" in body
        assert "GOV.UK Find a Grant, Contracts Finder" in body
    assert "https://funding.example.gov.uk/heat" in text
    assert '<a href="https://funding.example.gov.uk/heat"' in html
    # A closed call says it closed, not how many days it has left.
    closed_entry = text[text.index("Old Community Fund") :]
    assert "20 Nov 2026" in closed_entry and "days left" not in closed_entry


def test_headers_are_well_formed_and_a_retry_reuses_the_message_id():
    with SmtpServer() as server:
        settings = plain_settings(server.port)
        send(settings, to=TEAM[:1])
        send(settings, to=TEAM[:1])  # the same outbox rows again: a retry
        send(settings, alerts=digest_alerts()[:2], to=TEAM[:1])  # different rows
    first, retry, other = (r.message() for r in server.received)

    assert parsedate_to_datetime(first["Date"]) == NOW
    assert re.fullmatch(r"<[0-9a-f]{40}@council\.example\.gov\.uk>", first["Message-ID"])
    assert retry["Message-ID"] == first["Message-ID"]
    assert other["Message-ID"] != first["Message-ID"]
    assert first["From"] == MAIL_FROM
    assert first["List-Unsubscribe"] == (
        "<mailto:fundwatch@council.example.gov.uk?subject=unsubscribe%20digital_team>"
    )
    assert first["Auto-Submitted"] == "auto-generated"
    # Long enough that default folding would have RFC 2047-encoded it; it must stay a plain URL.
    raw_line = next(
        line
        for line in server.received[0].content.splitlines()
        if line.startswith(b"List-Unsubscribe:")
    )
    assert b"=?" not in raw_line and raw_line.endswith(b"digital_team>")


def test_instant_subjects_name_the_one_alert_or_count_several():
    with SmtpServer() as server:
        settings = plain_settings(server.port)
        send(settings, alerts=digest_alerts()[:1], to=TEAM[:1], cadence="instant")
        send(settings, alerts=digest_alerts()[:3], to=TEAM[:1], cadence="instant")
    one, several = (r.message()["Subject"] for r in server.received)
    assert one == "fundwatch alert: Heat Network Transformation Programme"
    assert several == "fundwatch: 3 funding alerts"


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


# --- TLS -----------------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def certificate(tmp_path_factory):
    return self_signed_certificate(tmp_path_factory.mktemp("tls"))


def tls_settings(port: int, security: str) -> SmtpSettings:
    return SmtpSettings.from_env(
        {
            "SMTP_HOST": HOST,
            "SMTP_PORT": str(port),
            "SMTP_SECURITY": security,
            "SMTP_USERNAME": "fundwatch",
            "SMTP_PASSWORD": "s3cret-password",
            "MAIL_FROM": MAIL_FROM,
        }
    )


def test_starttls_rejects_an_untrusted_certificate_before_sending_the_password(certificate):
    """Transient, not permanent: the alerts are still good, the fault is the server's certificate
    (or someone in the middle); once an operator fixes it the retries get through."""
    tls = server_tls_context(*certificate)
    with SmtpServer(credentials=("fundwatch", "s3cret-password"), starttls=tls) as server:
        results = send(tls_settings(server.port, "starttls"), to=TEAM[:1])
    assert all(not r.ok and not r.permanent for r in results)
    assert "certificate" in results[0].error and "s3cret-password" not in results[0].error
    assert server.auth_attempts == [] and server.received == []


def test_starttls_with_a_trusted_certificate_logs_in_and_delivers(certificate, monkeypatch):
    # Trust the test certificate the way an operator would: through the default CA file.
    monkeypatch.setenv("SSL_CERT_FILE", str(certificate[0]))
    tls = server_tls_context(*certificate)
    with SmtpServer(credentials=("fundwatch", "s3cret-password"), starttls=tls) as server:
        results = send(tls_settings(server.port, "starttls"), to=TEAM[:1])
    assert all(r.ok for r in results), results[0].error
    (received,) = server.received
    assert received.tls
    assert [login for _, login in server.auth_attempts] == ["fundwatch"]


def test_implicit_tls_verifies_the_certificate(certificate, monkeypatch):
    tls = server_tls_context(*certificate)
    with SmtpServer(credentials=("fundwatch", "s3cret-password"), implicit_tls=tls) as server:
        untrusted = send(tls_settings(server.port, "ssl"), to=TEAM[:1])
        monkeypatch.setenv("SSL_CERT_FILE", str(certificate[0]))
        trusted = send(tls_settings(server.port, "ssl"), to=TEAM[:1])
    assert all(not r.ok and not r.permanent for r in untrusted)
    assert "certificate" in untrusted[0].error
    assert all(r.ok for r in trusted), trusted[0].error
    assert len(server.received) == 1 and server.received[0].tls
    assert [login for _, login in server.auth_attempts] == ["fundwatch"]


def test_starttls_against_a_server_without_it_fails_clearly():
    with SmtpServer() as server:
        results = send(tls_settings(server.port, "starttls"), to=TEAM[:1])
    assert all(not r.ok and not r.permanent for r in results)
    assert "STARTTLS" in results[0].error
    assert server.received == []


# --- settings ------------------------------------------------------------------------------------


def test_settings_from_env_defaults_and_errors():
    assert SmtpSettings.from_env({}) is None
    assert SmtpSettings.from_env({"SMTP_HOST": ""}) is None
    default = SmtpSettings.from_env({"SMTP_HOST": "smtp.example.org"})
    assert (default.port, default.security, default.mail_from, default.timeout) == (
        587,
        "starttls",
        "fundwatch@localhost",
        30.0,
    )
    assert SmtpSettings.from_env({"SMTP_HOST": "h", "SMTP_SECURITY": "ssl"}).port == 465
    assert SmtpSettings.from_env({"SMTP_HOST": "h", "SMTP_SECURITY": "none"}).port == 25
    assert SmtpSettings.from_env({"SMTP_HOST": "h", "SMTP_PORT": "2525"}).port == 2525
    with pytest.raises(ValueError, match="SMTP_SECURITY must be one of starttls, ssl, none"):
        SmtpSettings.from_env({"SMTP_HOST": "h", "SMTP_SECURITY": "tls"})
    with pytest.raises(ValueError, match="SMTP_PORT"):
        SmtpSettings.from_env({"SMTP_HOST": "h", "SMTP_PORT": "smtp"})


def test_settings_repr_hides_the_password():
    settings = SmtpSettings.from_env(
        {"SMTP_HOST": "h", "SMTP_USERNAME": "bot", "SMTP_PASSWORD": "pa55-do-not-show"}
    )
    assert settings.password == "pa55-do-not-show"
    assert "pa55-do-not-show" not in repr(settings) and "bot" in repr(settings)


# --- the .eml fallback ---------------------------------------------------------------------------


def test_eml_channel_writes_one_parseable_file_per_recipient(tmp_path):
    folder = tmp_path / "data" / "outbox"
    channel = EmlChannel(folder, mail_from=MAIL_FROM)
    results = channel.deliver(subscription(), digest_alerts(), NOW, cadence="daily")
    assert all(r.ok for r in results) and len(results) == 5

    files = sorted(folder.iterdir())
    assert [f.name for f in files] == sorted(
        f"20261125T090000Z-digital_team-daily-{address}.eml" for address in TEAM
    )
    for path in files:
        message = message_from_bytes(path.read_bytes(), policy=policy.default)
        text, html = parts(message)
        assert path.name.endswith(f"-{message['To']}.eml")
        assert "Local Digital Fund round 9" in text and "Local Digital Fund round 9" in html
        assert message["Message-ID"] and message["List-Unsubscribe"]

    # A retry of the same digest does not make a second copy.
    channel.deliver(subscription(), digest_alerts(), NOW, cadence="daily")
    assert len(list(folder.iterdir())) == len(TEAM)


def test_eml_channel_writes_nothing_for_no_alerts(tmp_path, capsys):
    folder = tmp_path / "outbox"
    assert EmlChannel(folder).deliver(subscription(), [], NOW, cadence="weekly") == []
    assert not folder.exists()
    assert capsys.readouterr() == ("", "")


def test_eml_file_names_are_safe_and_different_digests_do_not_overwrite(tmp_path, capsys):
    channel = EmlChannel(tmp_path)
    odd = Subscription.model_validate({"id": "odd", "email": {"to": ["../../x/y@evil.example"]}})
    first, second = digest_alerts()[:1], digest_alerts()[1:2]
    channel.deliver(odd, first, NOW, cadence="instant")
    channel.deliver(odd, second, NOW, cadence="instant")  # same second, same recipient
    names = sorted(p.name for p in tmp_path.iterdir())
    assert names == [
        "20261125T090000Z-odd-instant-_.._x_y@evil.example-2.eml",
        "20261125T090000Z-odd-instant-_.._x_y@evil.example.eml",
    ]
    assert capsys.readouterr() == ("", "")
