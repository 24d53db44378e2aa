"""Secrets set in the environment (the Slack bot token, the SMTP password, a Slack webhook URL, a
Teams Workflows URL) never leave it: a whole cycle of real `fundwatch` processes (crawl, notify
twice, a digest over SMTP, a digest to .eml files, sources status) meets a rejected token, a webhook
answering 500, a flow wanting sign-in and an SMTP server that echoes the login back in its 535, and
no secret, in any encoding, is in any process's output, the repository (db, -wal, -shm), the HTTP
cache, an .eml file or an open-data export.
"""

from __future__ import annotations

from datetime import timedelta
from pathlib import Path

import pytest

from config.clock import iso
from spiders.sources import SNAPSHOT_NOW
from spiders.sources.site import LoopbackSite
from tests.crawl_helpers import fundwatch, write_config
from tests.reliability.generated import feed_source, rss
from tests.reliability.secret_forms import forms, leaks
from tests.slack_standin import SlackStandIn, server_error
from tests.smtp_server import Behaviour, SmtpServer
from tests.teams_standin import TeamsStandIn

pytestmark = [
    pytest.mark.slow,
    pytest.mark.filterwarnings("ignore:Requiring AUTH while not requiring TLS:UserWarning"),
]

CHANNEL = "C0FUNDING1"
HOOK_PATH = "/services/T0FWSEC/B0FWSEC/fwHookSecret8d7c6b5a"
FLOW_PATH = "/workflows/fwflow/triggers/manual/paths/invoke"
FLOW_QUERY = "?api-version=1&sp=%2Ftriggers%2Fmanual%2Frun&sv=1.0&sig=fwTeamsSig0Q1w2E3r4T5y"
USER = "fundwatch-bot"
SUBSCRIPTIONS = [
    {"id": "bot_team", "events": ["new"], "slack": {"channel": CHANNEL}},
    {"id": "hook_team", "events": ["new"], "slack": {"webhook_env": "FW_HOOK_TEAM_SLACK"}},
    {"id": "teams_team", "events": ["new"], "teams": {"webhook_env": "FW_TEAMS_TEAM"}},
    {
        "id": "mail_weekly",
        "events": ["new"],
        "email": {"to": ["weekly@council.example.gov.uk"], "cadence": "weekly"},
    },
    {
        "id": "mail_daily",
        "events": ["new"],
        "email": {"to": ["daily@council.example.gov.uk"], "cadence": "daily"},
    },
]


def test_the_scanner_finds_a_secret_in_every_form():
    """The check below can fail: each encoding, inside other bytes, is found."""
    secret = "fw-Pa55/w0rd+=&%:secret"
    for form, encoded in forms(secret).items():
        assert leaks(b"before " + encoded + b" after", {"password": secret}), form
    auth_plain = forms(f"\0{USER}\0{secret}")["base64 #0"]  # AUTH PLAIN's one line
    assert leaks(auth_plain, {"password": secret})
    assert leaks(b"nothing here", {"password": secret}) == []


def files_under(folder: Path) -> dict[str, bytes]:
    return {str(p.relative_to(folder)): p.read_bytes() for p in folder.rglob("*") if p.is_file()}


def test_no_secret_reaches_a_log_the_repository_or_an_eml_file(tmp_path):
    data = tmp_path / "data"
    data.mkdir()
    db = data / "fundwatch.db"
    with (
        LoopbackSite() as site,
        SlackStandIn(channels=[CHANNEL]) as api,
        SlackStandIn(webhooks={HOOK_PATH: "ok"}) as hooks,
        TeamsStandIn(flows={FLOW_PATH: "signin"}) as teams,
        SmtpServer(Behaviour(echo_auth=True), credentials=(USER, "another password")) as smtp,
    ):
        site.add("/feed.rss", rss(range(1)), content_type="application/rss+xml")  # no pacing waits
        config = write_config(
            tmp_path / "config", [feed_source("feed", f"{site.url}/feed.rss")], SUBSCRIPTIONS
        )
        hooks.script(*[server_error(500) for _ in range(20)])
        secrets = {
            "SLACK_BOT_TOKEN": "xoxb-7391-fwSecretToken-Q8zK2mV5",
            "SMTP_PASSWORD": "fw-Pa55/w0rd+=&%:secret-X4-Zürich€ß",
            "FW_HOOK_TEAM_SLACK": hooks.webhook_url(HOOK_PATH),
            "FW_TEAMS_TEAM": teams.url(FLOW_PATH).split("?")[0] + FLOW_QUERY,
        }
        env = {**secrets, "SLACK_API_URL": api.api_url, "SMTP_USERNAME": USER}
        smtp_env = {
            **env,
            "SMTP_HOST": "127.0.0.1",
            "SMTP_PORT": str(smtp.port),
            "SMTP_SECURITY": "none",
        }
        later = {**env, "FUNDWATCH_NOW": iso(SNAPSHOT_NOW + timedelta(hours=1))}
        runs = {
            "crawl": fundwatch("crawl", config=config, db=db, env=env),
            "notify": fundwatch("notify", config=config, db=db, env=env),
            "notify again": fundwatch("notify", config=config, db=db, env=later),
            "digest by SMTP": fundwatch(
                "digest", "--cadence", "weekly", "--force", config=config, db=db, env=smtp_env
            ),
            "digest to .eml": fundwatch(
                "digest", "--cadence", "daily", "--force", config=config, db=db, env=env
            ),
            "sources status": fundwatch("sources", "status", config=config, db=db, env=env),
        }
        for fmt in ("json", "csv", "atom", "ics"):  # open data, published as written
            out = data / "exports" / f"calls.{fmt}"
            out.parent.mkdir(exist_ok=True)
            runs[f"export {fmt}"] = fundwatch(
                "export", "--format", fmt, "--output", str(out), config=config, db=db, env=env
            )
        used = {
            "token": [r["headers"].get("authorization") for r in api.requests],
            "webhook": [r["path"] for r in hooks.requests],
            "flow": [r["path"] for r in teams.requests],
        }

    # Every secret was really in play, and every failure was met.
    assert f"Bearer {secrets['SLACK_BOT_TOKEN']}" in used["token"]
    assert HOOK_PATH in used["webhook"] and FLOW_PATH in used["flow"]
    said = {name: done.stdout + done.stderr for name, done in runs.items()}
    assert runs["crawl"].returncode == 0, said["crawl"]
    assert "invalid_auth" in said["notify"] and "HTTP 500" in said["notify"], said["notify"]
    assert "FW_TEAMS_TEAM" in said["notify"], said["notify"]
    assert "SMTP login refused: 535" in said["digest by SMTP"], said["digest by SMTP"]
    emls = list((data / "outbox").rglob("*.eml"))
    assert emls, said["digest to .eml"]

    # The URLs' secret parts on their own too: a log that drops the host must not keep them.
    secrets["webhook path"] = HOOK_PATH.rsplit("/", 1)[1]
    secrets["flow signature"] = FLOW_QUERY.rsplit("sig=", 1)[1]
    for name, output in said.items():
        assert "Traceback" not in output, (name, output[-2000:])
        assert leaks(output.encode(), secrets) == [], (name, output[-2000:])
    for path, content in files_under(data).items():
        assert leaks(content, secrets) == [], path
    assert {p.name for p in data.iterdir()} >= {"fundwatch.db", "outbox", "exports"}
    assert len(list((data / "exports").iterdir())) == 4
