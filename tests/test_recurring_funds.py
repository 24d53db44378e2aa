"""Recurring funds: a fund recognised across its rounds from real-world titles (a pure function),
its rounds kept linked in the repository, and a new round announced with the past rounds' dates in
alerts and on the call's page in `fundwatch serve`: "Round 8 of a fund you followed"."""

from __future__ import annotations

import asyncio
from datetime import UTC, datetime

import pytest
from sqlite_utils import Database

from config.models import Settings
from notifier.alerts import DeliveryResult
from notifier.channels.digest_layout import sections, subject
from notifier.channels.slack.blocks import alert_message
from notifier.channels.teams.cards import alert_card
from notifier.configuration import load_config
from notifier.delivery import deliver_instant
from notifier.recurring import earlier_rounds
from notifier.route import route_events
from notifier.web.app import make_datasette
from spiders.normalise.sighting import normalise
from spiders.sources import SNAPSHOT_NOW
from spiders.tagging import compile_rules, tag_sighting
from storage.db import open_db
from storage.fund_history import fund_rounds
from storage.fund_rounds import fund_round, round_order
from storage.migrations import migrations
from storage.record import record_sightings
from tests.crawl_helpers import ROOT
from tests.notify_helpers import RecordingChannel, channels
from tests.radar_helpers import subscription
from tests.teams_reading import plain
from tests.test_sources import SOURCES, crawl_offline


@pytest.mark.parametrize(
    "title, key, label",
    [
        ("Local Digital Fund: Round 8", "local digital fund", "Round 8"),
        ("Local Digital Fund: Round 8 opens for applications", "local digital fund", "Round 8"),
        ("Local Digital Fund – Round 7", "local digital fund", "Round 7"),
        ("Local Digital Fund prospectus: round 6", "local digital fund", "Round 6"),
        ("Local Authority Housing Fund Round 4", "local authority housing fund", "Round 4"),
        ("Levelling Up Fund round three", "levelling up fund", "Round 3"),
        ("Levelling Up Fund – third round", "levelling up fund", "Round 3"),
        ("Second round of the Community Renewal Fund", "community renewal fund", "Round 2"),
        ("Round 2: Community Renewal Fund", "community renewal fund", "Round 2"),
        ("Net Zero Hubs 8th round", "net zero hubs", "Round 8"),
        ("Community Ownership Fund: round 5 opens to councils", "community ownership fund", "Round 5"),
        ("Public Sector Decarbonisation Scheme: Phase 5", "public sector decarbonisation scheme", "Phase 5"),
        ("Public Sector Decarbonisation Scheme Phase 3c", "public sector decarbonisation scheme", "Phase 3C"),
        ("Shared Prosperity Fund (Wave II)", "shared prosperity fund", "Wave 2"),
        ("The Active Travel Fund Tranche 5", "active travel fund", "Tranche 5"),
        ("Future Councils: cohort 2", "future councils", "Cohort 2"),
        ("Innovation Loans Future Economy: competition 25", "innovation loans future economy", "Competition 25"),
        ("Regeneration Capital Grant Fund 2027 to 2028", "regeneration capital grant fund", "2027 to 2028"),
        ("Homelessness Prevention Grant 2027-28: allocations to councils", "homelessness prevention grant", "2027 to 2028"),
        ("Homelessness Prevention Grant 2026/27", "homelessness prevention grant", "2026 to 2027"),
        ("Homelessness Prevention Grant FY2025/2026", "homelessness prevention grant", "2025 to 2026"),
        ("Warm Homes: Local Grant 2027 to 2028 - councils invited to bid", "warm homes local grant", "2027 to 2028"),
        ("Knowledge Transfer Partnerships: 2026 to 2027 round 4", "knowledge transfer partnerships", "2026 to 2027, Round 4"),
        ("Smart Grants: January 2027", "smart grants", "January 2027"),
        ("Smart grants: Jan 2027", "smart grants", "January 2027"),
        ("Biomedical Catalyst 2027: late stage awards", "biomedical catalyst", "2027"),
        ("Cyber Local 2027", "cyber local", "2027"),
        ("Scotland's Heat Network Fund", "scotlands heat network fund", None),
        ("National Lottery Awards for All England", "national lottery awards for all england", None),
        ("Passenger Transport Services (1-8 Seat Provision)", "passenger transport services 1 8 seat provision", None),
    ],
)  # fmt: skip
def test_a_fund_and_its_round_from_the_title(title, key, label):
    found = fund_round(title)
    assert (found.key, found.label) == (key, label)


def test_rounds_order_within_one_way_of_counting():
    assert round_order("Round 9") > round_order("Round 8")
    assert round_order("2027 to 2028") > round_order("2026 to 2027")
    assert round_order("January 2027") > round_order("2026 to 2027")  # both by year
    assert round_order("Round 8")[0] != round_order("2027")[0]  # counted differently
    assert round_order(None) is None


def row(oid, label, opens=None, closes=None, **more):
    return {"id": oid, "round_label": label, "opens_at": opens, "closes_at": closes, **more}


def test_earlier_rounds_by_label_then_by_date_and_never_itself_twice():
    this = row("r9", "Round 9", "2026-11-19T00:00:00+00:00", "2027-01-28T17:00:00+00:00")
    rounds = [
        row("r7", "Round 7", "2024-11-01T00:00:00+00:00", "2025-01-15T17:00:00+00:00"),
        row("r8", "Round 8", None, "2026-01-15T17:00:00+00:00"),
        this,
        row("r9-news", "Round 9", None, None, first_seen="2026-11-20T00:00:00+00:00"),  # twin
        row("r10", "Round 10", "2027-11-01T00:00:00+00:00"),  # later, not past
        row("undated", None, None, None),
    ]
    past = earlier_rounds(this, rounds)
    assert [p.id for p in past] == ["r8", "r7"]
    assert earlier_rounds(rounds[0], rounds) == ()
    # unlabelled runs of a fund are ordered by their dates; a twin closing the same day is not one
    yearly = [
        row("a", None, None, "2025-03-01T12:00:00+00:00"),
        row("b", None, None, "2026-03-01T12:00:00+00:00"),
    ]
    assert [p.id for p in earlier_rounds(yearly[1], yearly)] == ["a"]
    twin = row("b2", None, None, "2026-03-01T16:00:00+00:00")
    assert earlier_rounds(twin, yearly) == (earlier_rounds(yearly[1], yearly)[0],)


def test_an_earlier_round_still_open_is_no_past_round():
    # "Call 2" closes next week as "Call 3" opens: it runs beside it, so it is not listed as past.
    this = row("c3", "Call 3", "2026-11-20T00:00:00+00:00", "2027-03-01T17:00:00+00:00")
    rounds = [
        row("c1", "Call 1", "2025-11-01T00:00:00+00:00", "2026-02-01T17:00:00+00:00"),
        row("c2", "Call 2", "2026-06-01T00:00:00+00:00", "2026-12-07T17:00:00+00:00"),
        row("rolling", "Call 0", None, None, status="open"),  # open-ended, still running
        this,
    ]
    assert [p.id for p in earlier_rounds(this, rounds)] == ["c1"]
    # …though a team told of it follows the fund all the same
    beside = earlier_rounds(this, rounds, finished=False)
    assert [p.id for p in beside] == ["c2", "c1", "rolling"]


def test_the_migration_links_rounds_already_in_the_repository(tmp_path):
    path = tmp_path / "old.db"
    migrations.apply(Database(path), stop_before="m011_radar")
    old = Database(path)
    for oid, title in (
        ("r7", "Local Digital Fund: Round 7"),
        ("r8", "Local Digital Fund - Round 8"),
    ):
        old["opportunities"].insert(
            {
                "id": oid,
                "title": title,
                "url": f"https://x.example/{oid}",
                "first_seen": "2026-01-01",
                "last_seen": "2026-01-01",
            }
        )
    # as storage/record.py indexes a new call for search
    old.execute(
        "INSERT INTO opportunities_fts (rowid, title) SELECT rowid, title FROM opportunities"
    )
    old.close()
    db = open_db(path)
    found = fund_rounds(db.conn, ["local digital fund"])["local digital fund"]
    assert [(r["id"], r["round_label"]) for r in found] == [("r7", "Round 7"), ("r8", "Round 8")]


T0 = datetime(2025, 11, 10, 9, tzinfo=UTC)  # Round 7 is open
RULES = compile_rules({})


def local_digital(now, *titles):
    items = crawl_offline("local_digital")
    sightings = [tag_sighting(normalise(i, SOURCES["local_digital"], now), RULES) for i in items]
    return [s for s in sightings if not titles or s.title in titles]


def refused(alert):
    return DeliveryResult(alert.outbox_id, ok=False, error="channel_not_found", permanent=True)


def test_a_new_round_comes_with_the_past_rounds_and_says_who_followed_it(tmp_path):
    db = open_db(tmp_path / "fundwatch.db")
    instant = {"to": ["team@example.gov.uk"], "cadence": "instant"}
    teams = [subscription("followers", email=instant), subscription("newcomers", email=instant)]
    # Last year: Round 7 is announced; the followers hear of it, the newcomers' channel was gone.
    # The snapshot's page says it is closed (as it is now); last year it was listed open.
    round_7 = local_digital(T0, "Local Digital Fund: Round 7")
    record_sightings(
        db, [s.model_copy(update={"status": "open"}) for s in round_7], run_id=None, now=T0
    )
    route_events(db, teams, T0)
    heard = {
        ("followers", "email"): RecordingChannel(),
        ("newcomers", "email"): RecordingChannel(refused),
    }
    deliver_instant(db, teams, Settings(), now=T0, env={}, channel_for=channels(heard))
    (first,) = heard[("followers", "email")].calls[0]["alerts"]
    assert first.rounds == () and not first.followed  # the first round seen: nothing before it
    # Now: the fund page lists Round 8 (open) and Round 7 (closed).
    record_sightings(db, local_digital(SNAPSHOT_NOW), run_id=None, now=SNAPSHOT_NOW)
    route_events(db, teams, SNAPSHOT_NOW)
    heard = {key: RecordingChannel() for key in heard}
    deliver_instant(db, teams, Settings(), now=SNAPSHOT_NOW, env={}, channel_for=channels(heard))
    got = {
        (sub, a.opportunity.title): a
        for (sub, _), channel in heard.items()
        for call in channel.calls
        for a in call["alerts"]
    }
    followed = got[("followers", "Local Digital Fund: Round 8")]
    newcomer = got[("newcomers", "Local Digital Fund: Round 8")]
    assert (followed.followed, newcomer.followed) == (True, False)
    assert [p.name for p in followed.rounds] == ["Round 7"]
    past = "Past rounds: Round 7: opened 4 Nov 2025, closed 15 Jan 2026"

    _, blocks = alert_message(followed, SNAPSHOT_NOW)
    lead = blocks[1]["text"]["text"]
    assert lead.startswith("*Round 8 of a fund you followed*\n")
    assert past in lead
    card = [plain(b.get("text", "")) for b in alert_card(followed, SNAPSHOT_NOW)["body"]]
    assert "Round 8 of a fund you followed" in card and past in card
    (entry,) = sections([newcomer], SNAPSHOT_NOW)[0].entries
    assert entry.notes == ("Round 8 of a recurring fund: 1 earlier round", past)
    # A one-alert email is titled with it, too.
    one = sections([followed], SNAPSHOT_NOW)
    assert subject(teams[0], one, cadence="instant", now=SNAPSHOT_NOW) == (
        "Round 8 of a fund you followed: Local Digital Fund: Round 8"
    )

    # The call's page in `fundwatch serve` shows when the earlier rounds opened and closed.
    datasette = make_datasette(
        tmp_path / "fundwatch.db", load_config(ROOT / "config"), now=lambda: SNAPSHOT_NOW
    )
    loop = asyncio.new_event_loop()
    try:
        page = loop.run_until_complete(
            datasette.client.get(f"/opportunity/{followed.opportunity.id}")
        )
        older = loop.run_until_complete(
            datasette.client.get(f"/opportunity/{first.opportunity.id}")
        )
    finally:
        for database in datasette.databases.values():
            database.close()
        loop.close()
    assert page.status_code == 200
    html = page.text
    assert "Past rounds of this fund" in html
    row_html = html[html.index('<tr class="fw-round">') :].split("</tr>", 1)[0]
    assert "Round 7" in row_html and "4 Nov 2025" in row_html and "15 Jan 2026" in row_html
    # Round 7's page has no past round: Round 8 came after it
    assert older.status_code == 200 and "Past rounds of this fund" not in older.text
