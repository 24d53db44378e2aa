"""SMTP settings from the environment: defaults, ports per security mode, errors, a repr that
hides the password, `none` only on loopback, and who email comes from and points replies at."""

from __future__ import annotations

import pytest

from config.models import Settings
from notifier.channels.eml import EmlChannel
from notifier.channels.mailer import SmtpSettings, mail_identity

CURATORS = "funding-curators@council.example.gov.uk"


def settings(**sections) -> Settings:
    return Settings.model_validate(sections)


def test_settings_from_env_defaults_and_errors():
    assert SmtpSettings.from_env({}) is None
    assert SmtpSettings.from_env({"SMTP_HOST": ""}) is None
    default = SmtpSettings.from_env({"SMTP_HOST": "smtp.example.org"})
    assert (default.port, default.security, default.mail_from, default.timeout) == (
        587,
        "starttls",
        Settings().crawl.contact,  # never an @localhost sender
        30.0,
    )
    assert SmtpSettings.from_env({"SMTP_HOST": "h", "SMTP_SECURITY": "ssl"}).port == 465
    assert SmtpSettings.from_env({"SMTP_HOST": "localhost", "SMTP_SECURITY": "none"}).port == 25
    assert SmtpSettings.from_env({"SMTP_HOST": "h", "SMTP_PORT": "2525"}).port == 2525
    with pytest.raises(ValueError, match="SMTP_SECURITY must be one of starttls, ssl, none"):
        SmtpSettings.from_env({"SMTP_HOST": "h", "SMTP_SECURITY": "tls"})
    with pytest.raises(ValueError, match="SMTP_PORT"):
        SmtpSettings.from_env({"SMTP_HOST": "h", "SMTP_PORT": "smtp"})
    with pytest.raises(ValueError, match="MAIL_FROM must be an email address"):
        SmtpSettings.from_env({"SMTP_HOST": "h", "MAIL_FROM": "fundwatch"})


def test_settings_repr_hides_the_password():
    settings = SmtpSettings.from_env(
        {"SMTP_HOST": "h", "SMTP_USERNAME": "bot", "SMTP_PASSWORD": "pa55-do-not-show"}
    )
    assert settings.password == "pa55-do-not-show"
    assert "pa55-do-not-show" not in repr(settings) and "bot" in repr(settings)


@pytest.mark.parametrize(
    "host", ["smtp.example.org", "10.0.0.5", "192.168.1.1", "::2", "localhost.evil.example"]
)
def test_security_none_is_refused_for_a_remote_host(host):
    env = {
        "SMTP_HOST": host,
        "SMTP_SECURITY": "none",
        "SMTP_USERNAME": "bot",
        "SMTP_PASSWORD": "pa55-do-not-show",
    }
    with pytest.raises(ValueError) as raised:
        SmtpSettings.from_env(env)
    message = str(raised.value)
    assert "SMTP_HOST" in message and "SMTP_SECURITY" in message and host in message
    assert "starttls" in message and "pa55-do-not-show" not in message


@pytest.mark.parametrize("host", ["smtp-relay.council.internal", "10.0.0.5", "mailhog"])
def test_security_none_to_a_relay_that_takes_mail_without_a_login_is_allowed(host):
    # No username or password: nothing secret goes in the clear (an internal relay on port 25).
    settings = SmtpSettings.from_env({"SMTP_HOST": host, "SMTP_SECURITY": "none"})
    assert (settings.host, settings.security, settings.port) == (host, "none", 25)
    with pytest.raises(ValueError, match="SMTP_USERNAME and SMTP_PASSWORD unencrypted"):
        SmtpSettings.from_env(
            {
                "SMTP_HOST": host,
                "SMTP_SECURITY": "none",
                "SMTP_USERNAME": "bot",
                "SMTP_PASSWORD": "p",
            }
        )


@pytest.mark.parametrize(
    "host", ["localhost", "LOCALHOST", "127.0.0.1", "127.8.9.10", "::1", "[::1]"]
)
def test_security_none_is_allowed_on_loopback(host):
    settings = SmtpSettings.from_env({"SMTP_HOST": host, "SMTP_SECURITY": "none"})
    assert settings.security == "none" and settings.port == 25


def test_sender_and_contact_come_from_the_settings_never_localhost():
    curated = settings(curators={"email": CURATORS}, crawl={"contact": "ua@council.example.gov.uk"})
    assert mail_identity({}, curated) == (CURATORS, CURATORS)
    assert mail_identity({"MAIL_FROM": "Fundwatch <no-reply@council.example.gov.uk>"}, curated) == (
        "Fundwatch <no-reply@council.example.gov.uk>",
        CURATORS,
    )
    # No curators' address: the crawl contact the curators set, for both.
    contact_only = settings(crawl={"contact": "ua@council.example.gov.uk"})
    assert mail_identity({}, contact_only) == ("ua@council.example.gov.uk",) * 2
    # Nothing set but MAIL_FROM: it beats the contact config ships with, for replies too.
    assert mail_identity({"MAIL_FROM": "fw@council.example.gov.uk"}) == (
        "fw@council.example.gov.uk",
        "fw@council.example.gov.uk",
    )
    defaults = mail_identity({})
    assert defaults == (Settings().crawl.contact,) * 2
    assert not any(address.endswith("@localhost") for address in defaults)
    with pytest.raises(ValueError, match="curators.email"):
        mail_identity({}, settings(crawl={"contact": "https://council.example.gov.uk/contact"}))

    smtp = SmtpSettings.from_env({"SMTP_HOST": "h"}, curated)
    assert (smtp.mail_from, smtp.contact) == (CURATORS, CURATORS)
    assert "localhost" not in EmlChannel("outbox").mail_from + EmlChannel("outbox").contact
