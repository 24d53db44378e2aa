"""A day's changes in one digest, as a team on a daily email gets it: a loopback listing crawled
several times in a day (`fundwatch crawl`, "now" moved), then `fundwatch digest` writing its .eml
(no SMTP settings: the embedded default). Each call once; a call changed twice says how it moved
since the team last heard (first before → last after); a call first heard of today is new."""

from __future__ import annotations

from email import message_from_bytes
from email.policy import default

import pytest

from tests.life_site import Call, Life, replace, source
from tests.slack_standin import SlackStandIn

pytestmark = pytest.mark.slow

HEAT = Call("heat", "Heat Retrofit Fund", "12 January 2027", "Up to £5 million")
HOMES = Call("homes", "Warm Homes Retrofit Grant", "26 February 2027", "£50,000 - £250,000")
DAILY = {
    "id": "team_mail",
    "match": {"keywords": ["retrofit"]},
    "email": {"to": ["team@council.example"], "cadence": "daily"},
}


@pytest.fixture
def life(site, tmp_path):
    with SlackStandIn() as slack:
        yield Life(site, slack, tmp_path, [source(site)], [DAILY])


def digest_text(life: Life) -> tuple[str, str]:
    """The subject and plain-text body of the newest digest written."""
    newest = max((life.folder / "outbox").glob("*.eml"), key=lambda p: p.stat().st_mtime_ns)
    message = message_from_bytes(newest.read_bytes(), policy=default)
    return message["Subject"], message.get_body(("plain",)).get_content()


def test_a_days_changes_in_one_digest(life):
    life.show([HEAT])
    life.crawl_and_notify()  # a cron set-up: notify routes what each crawl found
    life.now = "2026-11-26T08:00:04+00:00"  # Thursday's slot: the team hears of HEAT
    life.run("digest", "--cadence", "daily")
    subject, body = digest_text(life)
    assert subject.startswith("1 new · team_mail")

    life.now = "2026-11-26T10:00:00+00:00"
    life.show([replace(HEAT, closes="19 January 2027"), HOMES])
    life.crawl_and_notify()
    life.now = "2026-11-26T12:00:00+00:00"
    moved = replace(HEAT, closes="26 January 2027", amount="Up to £6 million")
    life.show([moved, replace(HOMES, closes="5 March 2027")])
    life.crawl_and_notify()
    assert len(life.events("changed")) == 3

    life.now = "2026-11-27T08:00:04+00:00"
    life.run("digest", "--cadence", "daily")
    subject, body = digest_text(life)
    assert subject.startswith("1 changed, 1 new · team_mail")
    changed, new = body.split("CHANGED (1)")[1].split("NEW (1)")
    assert "Heat Retrofit Fund" in changed and "Warm Homes" not in changed
    assert [line.strip() for line in changed.splitlines() if "Changed:" in line] == [
        "Changed: Closing date: 12 Jan 2027, 11:59pm → 26 Jan 2027, 11:59pm",
        "Changed: Maximum amount: £5 million → £6 million",
    ]
    assert "Warm Homes Retrofit Grant" in new and "Changed:" not in new
    assert "closes 5 Mar 2027" in new


def test_a_change_undone_before_the_digest_is_not_in_it(life):
    life.show([HEAT])
    life.crawl_and_notify()
    life.now = "2026-11-26T08:00:04+00:00"
    life.run("digest", "--cadence", "daily")
    written = set((life.folder / "outbox").glob("*.eml"))

    life.now = "2026-11-26T10:00:00+00:00"
    life.show([replace(HEAT, closes="19 January 2027")])
    life.crawl_and_notify()
    life.now = "2026-11-26T12:00:00+00:00"
    life.show([HEAT])  # moved back: the team's last word on it still holds
    life.crawl_and_notify()
    assert len(life.events("changed")) == 2

    life.now = "2026-11-27T08:00:04+00:00"
    said = life.run("digest", "--cadence", "daily").stdout
    assert "0 digest(s) sent" in said
    assert set((life.folder / "outbox").glob("*.eml")) == written, "no digest of nothing"
    assert {r["status"] for r in life.rows("SELECT status FROM outbox")} == {"sent"}
