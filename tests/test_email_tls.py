"""Email over TLS to a loopback SMTP server: STARTTLS and implicit TLS verify the server's
certificate before the password is sent."""

from __future__ import annotations

import pytest

from notifier.channels.mailer import SmtpSettings
from tests.email_helpers import MAIL_FROM, TEAM, send
from tests.smtp_server import HOST, SmtpServer, self_signed_certificate, server_tls_context

# With implicit TLS aiosmtpd cannot tell the session is encrypted, and warns about AUTH.
pytestmark = pytest.mark.filterwarnings("ignore:Requiring AUTH while not requiring TLS:UserWarning")


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
    assert results[0].error.endswith(
        "does not offer STARTTLS: set SMTP_SECURITY=ssl if it takes TLS from the start (port "
        "465), or none for a relay that takes mail without encryption"
    )
    assert server.received == []
