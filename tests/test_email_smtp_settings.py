"""SMTP settings from the environment: defaults, ports per security mode, errors, and a repr
that hides the password."""

from __future__ import annotations

import pytest

from notifier.channels.mailer import SmtpSettings


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
