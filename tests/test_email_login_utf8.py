"""An SMTP password beyond ASCII logs in (AUTH PLAIN and LOGIN carry UTF-8): smtplib encoded it as
ASCII, so every digest failed with UnicodeEncodeError and was retried for ever; and a 535 that
echoes such a login is scrubbed of it as an ASCII one is."""

from __future__ import annotations

import pytest

from notifier.channels.mail_settings import REDACTED
from tests.email_helpers import TEAM, plain_settings, send
from tests.reliability.secret_forms import leaks
from tests.smtp_server import Behaviour, SmtpServer

pytestmark = pytest.mark.filterwarnings("ignore:Requiring AUTH while not requiring TLS:UserWarning")

USER = "fundwatch-bot"
PASSWORD = "Zürich-€ß+/=&%:c0rrect"


@pytest.mark.parametrize("mechanisms", [("PLAIN",), ("LOGIN",)])
def test_a_password_beyond_ascii_logs_in(mechanisms):
    with SmtpServer(credentials=(USER, PASSWORD), auth_mechanisms=mechanisms) as server:
        settings = plain_settings(server.port, SMTP_USERNAME=USER, SMTP_PASSWORD=PASSWORD)
        results = send(settings, to=TEAM[:1])
    assert [r.ok for r in results] == [True] * len(results), [r.error for r in results]
    assert len(server.received) == 1


@pytest.mark.parametrize("mechanisms", [("PLAIN",), ("LOGIN",)])
def test_a_refused_login_beyond_ascii_is_refused_for_good_and_scrubbed(mechanisms):
    with SmtpServer(
        Behaviour(echo_auth=True), credentials=(USER, "other"), auth_mechanisms=mechanisms
    ) as server:
        settings = plain_settings(server.port, SMTP_USERNAME=USER, SMTP_PASSWORD=PASSWORD)
        results = send(settings, to=TEAM[:1])
    assert all(not r.ok and r.permanent for r in results)
    error = results[0].error
    assert error.startswith("SMTP login refused: 535") and REDACTED in error, error
    assert leaks(error.encode(), {"password": PASSWORD}) == [], error
