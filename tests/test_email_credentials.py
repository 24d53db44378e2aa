"""No form of the SMTP password leaves the email channel: a server that refuses the login with a
535 echoing the client's base64 (AUTH PLAIN's "\\0user\\0password", AUTH LOGIN's user and password)
leaves nothing in the error that goes into outbox.last_error, nor in any log line."""

from __future__ import annotations

import logging
from base64 import b64encode
from urllib.parse import quote, quote_plus

import pytest

from notifier.channels.mail_settings import REDACTED
from tests.email_helpers import TEAM, plain_settings, send
from tests.smtp_server import Behaviour, SmtpServer

pytestmark = pytest.mark.filterwarnings("ignore:Requiring AUTH while not requiring TLS:UserWarning")

USER = "fundwatch-bot"
PASSWORD = "c0rrect horse+battery/staple%=&?"  # beyond ASCII: tests/test_email_login_utf8.py


def b64(text: str) -> str:
    return b64encode(text.encode()).decode()


# Every form the password (or the login around it) could travel in.
FORMS = {
    "raw": PASSWORD,
    "url-encoded": quote(PASSWORD, safe=""),
    "url-encoded (path)": quote(PASSWORD),
    "form-encoded": quote_plus(PASSWORD),
    "AUTH PLAIN": b64(f"\0{USER}\0{PASSWORD}"),
    "AUTH PLAIN unpadded": b64(f"\0{USER}\0{PASSWORD}").rstrip("="),
    "AUTH LOGIN password": b64(PASSWORD),
    "AUTH LOGIN password unpadded": b64(PASSWORD).rstrip("="),
    "AUTH LOGIN user": b64(USER),
}


def leaks(text: str) -> list[str]:
    return [name for name, form in FORMS.items() if form in text]


def our_log_lines(caplog) -> str:
    """Everything logged, except the stand-in server's own log of what it received and sent."""
    return "\n".join(r.getMessage() for r in caplog.records if not r.name.startswith("mail.log"))


@pytest.mark.parametrize("mechanisms", [("PLAIN",), ("LOGIN",), ("LOGIN", "PLAIN")])
def test_a_535_echoing_the_credentials_is_scrubbed_from_the_error_and_the_logs(mechanisms, caplog):
    caplog.set_level(logging.DEBUG)
    with SmtpServer(
        Behaviour(echo_auth=True), credentials=(USER, "other"), auth_mechanisms=mechanisms
    ) as server:
        settings = plain_settings(server.port, SMTP_USERNAME=USER, SMTP_PASSWORD=PASSWORD)
        results = send(settings, to=TEAM[:1])

    assert server.received == []
    assert all(not r.ok and r.permanent for r in results)
    error = results[0].error
    assert error.startswith("SMTP login refused: 535 5.7.8 Authentication failed for AUTH")
    assert REDACTED in error  # the server did echo something, and it was taken out
    assert leaks(error) == []
    logged = our_log_lines(caplog)
    assert "SMTP login refused: 535" in logged
    assert leaks(logged) == []


def test_scrub_catches_every_form_and_any_base64_that_hides_the_password():
    settings = plain_settings(25, SMTP_USERNAME=USER, SMTP_PASSWORD=PASSWORD)
    for name, form in FORMS.items():
        assert leaks(settings.scrub(f"535 rejected {form} for {USER}")) == [], name
    # Base64 of the password inside some other framing the server chose to echo.
    framed = b64(f"login={USER};secret={PASSWORD};")
    assert settings.scrub(f"535 bad {framed}") == f"535 bad {REDACTED}"
    # Ordinary words and codes stay readable.
    plain = "535 5.7.8 Username and Password not accepted (authentication failed)"
    assert settings.scrub(plain) == plain
