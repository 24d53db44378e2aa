"""`fundwatch sources check` says how mail would go from its environment, as it says the Slack and
Teams variables: before, it said nothing of SMTP, and SMTP_PORT=abc or a login half set showed
only when `notify` or `digest` refused to start, starttls to port 465 only as a timeout. Nothing
is connected to (an aiosmtpd server proves it: it hears nothing), names and the settings
`notify` quotes back only (never SMTP_HOST's value, the login or the password)."""

from __future__ import annotations

from tests.crawl_helpers import fundwatch, write_config
from tests.smtp_server import SmtpServer

MAIL = [{"id": "mail_team", "email": {"to": ["team@council.gov.uk"]}}]
PASSWORD = "not-to-be-shown-7"
NO_SMTP = {name: "" for name in ("SMTP_HOST", "SMTP_PORT", "SMTP_SECURITY", "SMTP_USERNAME")}


def check(tmp_path, env: dict) -> list[str]:
    config = write_config(tmp_path / "config", [], MAIL)
    done = fundwatch(
        "sources", "check", config=config, db=tmp_path / "fw.db", env={**NO_SMTP, **env}
    )
    assert done.returncode == 0, done.stdout + done.stderr
    assert PASSWORD not in done.stdout + done.stderr
    return [line for line in done.stdout.splitlines() if not line.startswith("config ok")]


def test_without_smtp_host_mail_is_said_to_go_to_eml_files(tmp_path):
    said = check(tmp_path, {"SMTP_PORT": "587"})
    assert said[0].startswith("email: 1 subscription(s)"), said
    assert f"by .eml files under {tmp_path / 'outbox'}/ (SMTP_HOST not set here)" in said[0]
    assert said[1].startswith("warning: SMTP_PORT ignored: SMTP_HOST is not set"), said


def test_with_smtp_host_the_port_security_and_login_are_said_without_connecting(tmp_path):
    with SmtpServer() as sink:
        env = {
            "SMTP_HOST": "127.0.0.1",
            "SMTP_PORT": str(sink.port),
            "SMTP_SECURITY": "none",
            "SMTP_USERNAME": "fundwatch",
            "SMTP_PASSWORD": PASSWORD,
        }
        said = check(tmp_path, env)
        assert sink.received == [] and sink.connections == 0
    assert said[0].startswith("email: 1 subscription(s)"), said
    assert (
        f"by SMTP_HOST (set): port {sink.port}, SMTP_SECURITY=none, SMTP_USERNAME and "
        "SMTP_PASSWORD set; not connected to (notify does)" in said[0]
    ), said


def test_a_port_that_does_not_fit_the_security_is_warned_of(tmp_path):
    said = check(tmp_path, {"SMTP_HOST": "mail.council.example", "SMTP_PORT": "465"})
    assert "port 465, SMTP_SECURITY=starttls (the default), no login" in said[0], said
    assert any(line.startswith("warning: SMTP_SECURITY=starttls (the default") for line in said)


def test_a_setting_notify_would_refuse_is_said_as_notify_says_it(tmp_path):
    said = check(tmp_path, {"SMTP_HOST": "mail.council.example", "SMTP_PORT": "abc"})
    assert said[0].endswith(
        "by SMTP_HOST (set), but notify would stop: SMTP_PORT must be a whole number, got 'abc'"
    ), said
    half = check(tmp_path, {"SMTP_HOST": "mail.council.example", "SMTP_PASSWORD": PASSWORD})
    assert "but notify would stop: " in half[0] and "SMTP_USERNAME" in half[0], half
