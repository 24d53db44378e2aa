"""SMTP_SECURITY that does not fit the server's port: starttls to a server that takes TLS from the
start (port 465), which says nothing until TLS begins, so the client waited its whole timeout and
said only "timed out"; and ssl to a server that greets in plain text (port 587 or 25), whose
greeting broke the TLS handshake. Against real loopback servers (aiosmtpd, with and without
implicit TLS); the timeout is made short so the silent server is waited out quickly, and no
assertion reads the clock. Each error now names the setting that fits."""

from __future__ import annotations

import smtplib
import ssl
from dataclasses import replace

import pytest

from notifier.channels.smtp_conn import AT_GREETING
from notifier.channels.smtp_failures import failure_text
from tests.email_helpers import TEAM, send
from tests.smtp_server import SmtpServer, self_signed_certificate, server_tls_context
from tests.test_email_tls import tls_settings

pytestmark = pytest.mark.filterwarnings("ignore:Requiring AUTH while not requiring TLS:UserWarning")


@pytest.fixture(scope="module")
def certificate(tmp_path_factory):
    return self_signed_certificate(tmp_path_factory.mktemp("tls"))


def test_starttls_to_a_server_that_takes_tls_from_the_start_says_to_use_ssl(certificate):
    tls = server_tls_context(*certificate)
    with SmtpServer(credentials=("fundwatch", "s3cret-password"), implicit_tls=tls) as server:
        settings = replace(tls_settings(server.port, "starttls"), timeout=0.5)
        (result, *_) = send(settings, to=TEAM[:1])
    assert (result.ok, result.permanent) == (False, False)  # retried once the setting is fixed
    assert "timed out after 0.5s" in result.error
    assert "SMTP_SECURITY=ssl" in result.error, result.error
    assert "s3cret-password" not in result.error
    assert server.received == [] and server.auth_attempts == []


def test_ssl_to_a_server_that_greets_in_plain_text_says_to_use_starttls():
    with SmtpServer(credentials=("fundwatch", "s3cret-password")) as server:
        (result, *_) = send(tls_settings(server.port, "ssl"), to=TEAM[:1])
    assert (result.ok, result.permanent) == (False, False)
    assert "SMTP_SECURITY=starttls" in result.error, result.error
    assert "s3cret-password" not in result.error
    assert server.received == [] and server.auth_attempts == []


def silent_at_greeting() -> BaseException:
    """smtplib's own shape for a server silent past the timeout at connect."""
    exc = smtplib.SMTPServerDisconnected("Connection unexpectedly closed: timed out")
    exc.__context__ = TimeoutError("timed out")
    exc.add_note(AT_GREETING)
    return exc


def plain_greeting_under_tls() -> BaseException:
    exc = ssl.SSLError(1, "[SSL: WRONG_VERSION_NUMBER] wrong version number")
    exc.reason = "WRONG_VERSION_NUMBER"
    exc.add_note(AT_GREETING)
    return exc


@pytest.mark.parametrize(
    ("exc", "port", "security", "said"),
    [
        (silent_at_greeting, 465, "starttls", "port 465 takes TLS from the start"),
        (silent_at_greeting, 2465, "starttls", "if this server takes TLS from the start"),
        (silent_at_greeting, 465, "none", "port 465 takes TLS from the start"),
        (plain_greeting_under_tls, 587, "ssl", "port 587 greets in plain text"),
        (plain_greeting_under_tls, 2587, "ssl", "this server greets in plain text"),
    ],
)
def test_each_mismatch_names_the_setting_that_fits(exc, port, security, said):
    text = failure_text(exc(), "smtp.example.org", port, 30.0, security)
    assert said in text, text
    assert ("SMTP_SECURITY=ssl" if security != "ssl" else "SMTP_SECURITY=starttls") in text


def test_a_server_silent_after_its_greeting_gets_no_such_hint():
    exc = smtplib.SMTPServerDisconnected("Connection unexpectedly closed: timed out")
    exc.__context__ = TimeoutError("timed out")
    text = failure_text(exc, "smtp.example.org", 465, 30.0, "starttls")
    assert text == "SMTP server smtp.example.org:465 timed out after 30s"
