"""Delivery settings in the environment that are wrong for every alert alike stop `notify`,
`digest` and `run` before anything is routed or sent: one line naming the variable, exit 2 (as a
config error), and the repository untouched. They used to surface as a "problem:" line per
subscription, alerts retried for ever, and exit 0 that cron and systemd took for success."""

from __future__ import annotations

import pytest

from storage.db import open_db
from tests.crawl_helpers import fundwatch, write_config

TEAM = {
    "id": "housing_team",
    "name": "Housing team",
    "match": {"tags": ["housing"]},
    "email": {"to": ["housing@example.gov.uk"], "cadence": "instant"},
    "slack": {"channel": "C0123456789"},
}
WRONG = [
    ({"SMTP_HOST": "127.0.0.1", "SMTP_PORT": "abc"}, "SMTP_PORT must be a whole number, got 'abc'"),
    (
        {"SMTP_HOST": "127.0.0.1", "SMTP_SECURITY": "tls1"},
        "SMTP_SECURITY must be one of starttls, ssl, none, got 'tls1'",
    ),
    ({"MAIL_FROM": "not-an-address"}, "MAIL_FROM must be an email address, got 'not-an-address'"),
    (  # Before: claimed, then failed at send time as a refused login (user, no password) ...
        {"SMTP_HOST": "127.0.0.1", "SMTP_USERNAME": "fundwatch"},
        "SMTP_USERNAME is set but SMTP_PASSWORD is not: set both to sign in to SMTP_HOST, or "
        "neither for a server that takes mail without a login",
    ),
    (  # ... or as no login at all (a password, no user): the password quietly unused.
        {"SMTP_HOST": "127.0.0.1", "SMTP_PASSWORD": "pw-not-shown"},
        "SMTP_PASSWORD is set but SMTP_USERNAME is not: set both to sign in to SMTP_HOST, or "
        "neither for a server that takes mail without a login",
    ),
    (
        {"SLACK_BOT_TOKEN": "xoxb-not-shown", "SLACK_API_URL": "ftp://x"},
        "SLACK_API_URL must be an http(s) URL, the Slack Web API's base (default "
        "https://slack.com/api/)",
    ),
]


@pytest.fixture
def config(tmp_path):
    return write_config(tmp_path / "config", [], [TEAM])


@pytest.fixture
def repository(tmp_path):
    """`notify` and `digest` use a repository, never make one: the tests that get that far."""
    open_db(tmp_path / "fundwatch.db").close()


@pytest.mark.parametrize("command", [["notify"], ["digest", "--force"], ["run"]])
@pytest.mark.parametrize(
    ("env", "said"),
    WRONG,
    ids=["SMTP_PORT", "SMTP_SECURITY", "MAIL_FROM", "no-password", "no-username", "SLACK_API_URL"],
)
def test_wrong_delivery_settings_stop_the_command_before_it_starts(
    tmp_path, config, command, env, said
):
    db = tmp_path / "fundwatch.db"
    done = fundwatch(*command, config=config, db=db, env=env, timeout=60)
    assert done.returncode == 2, done.stderr
    assert done.stderr.splitlines() == [f"config error: environment: {said}"]
    assert "xoxb-not-shown" not in done.stdout + done.stderr
    assert "pw-not-shown" not in done.stdout + done.stderr
    assert not db.exists()  # nothing routed, nothing marked


@pytest.mark.parametrize("command", [["notify"], ["digest", "--force"]])
def test_smtp_settings_without_smtp_host_are_named_as_ignored(
    tmp_path, config, repository, command
):
    # Before: said nothing, and digests quietly went to .eml files as if no SMTP were meant.
    db = tmp_path / "fundwatch.db"
    env = {"SMTP_HOST": "", "SMTP_PORT": "2525", "SMTP_USERNAME": "me", "SMTP_PASSWORD": "pw1"}
    done = fundwatch(*command, config=config, db=db, env=env, timeout=60)
    assert done.returncode == 0, done.stderr
    assert done.stderr.splitlines()[0] == (
        "warning: SMTP_PORT, SMTP_USERNAME, SMTP_PASSWORD ignored: SMTP_HOST is not set, so email "
        f"is written as .eml files under {tmp_path / 'outbox'}/ instead of being sent"
    )
    assert "pw1" not in done.stdout + done.stderr


@pytest.mark.parametrize(
    ("security", "port", "said"),
    [
        ("starttls", "465", "port 465 usually wants SMTP_SECURITY=ssl (TLS from the start"),
        ("ssl", "587", "port 587 usually wants SMTP_SECURITY=starttls (a plain greeting"),
    ],
)
def test_a_security_that_does_not_fit_a_well_known_port_is_warned_of(
    tmp_path, config, repository, security, port, said
):
    # Before: nothing said; starttls to 465 then waited out the whole timeout at every digest.
    env = {"SMTP_HOST": "127.0.0.1", "SMTP_PORT": port, "SMTP_SECURITY": security}
    done = fundwatch("digest", config=config, db=tmp_path / "fundwatch.db", env=env, timeout=60)
    assert done.returncode == 0, done.stderr
    first = done.stderr.splitlines()[0]
    assert first.startswith(f"warning: SMTP_SECURITY={security} with SMTP_PORT={port}: {said}")


def test_an_unset_security_is_said_to_be_the_default(tmp_path, config, repository):
    # Before: 'SMTP_SECURITY=starttls with SMTP_PORT=465', though the operator set no SMTP_SECURITY.
    env = {"SMTP_HOST": "127.0.0.1", "SMTP_PORT": "465", "SMTP_SECURITY": ""}
    done = fundwatch("digest", config=config, db=tmp_path / "fundwatch.db", env=env, timeout=60)
    assert done.returncode == 0, done.stderr
    assert done.stderr.splitlines()[0].startswith(
        "warning: SMTP_SECURITY=starttls (the default: it is not set) with SMTP_PORT=465: port 465 "
        "usually wants SMTP_SECURITY=ssl"
    )


@pytest.mark.parametrize("command", [["notify"], ["digest"]])
def test_mail_from_the_placeholder_is_warned_of(tmp_path, config, repository, command):
    # Before: with SMTP_HOST set and no MAIL_FROM, curators.email or crawl.contact, digests went
    # out from fundwatch-maintainers@example.org without a word (README said fundwatch@localhost).
    (config / "settings.yaml").unlink()
    env = {"SMTP_HOST": "127.0.0.1", "SMTP_PORT": "2525", "SMTP_SECURITY": "none", "MAIL_FROM": ""}
    done = fundwatch(*command, config=config, db=tmp_path / "fundwatch.db", env=env, timeout=60)
    assert done.returncode == 0, done.stderr
    assert done.stderr.splitlines()[0] == (
        "warning: email is sent from fundwatch-maintainers@example.org, a placeholder (no "
        "MAIL_FROM, and no curators.email or crawl.contact in settings.yaml): set curators.email "
        "to a mailbox you read, or MAIL_FROM"
    )
    named = {**env, "MAIL_FROM": "funding@council.gov.uk"}
    quiet = fundwatch(*command, config=config, db=tmp_path / "fundwatch.db", env=named, timeout=60)
    assert "placeholder" not in quiet.stderr
