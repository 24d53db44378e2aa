"""Market engagement as its own kind: recognised on every site of its kind, whatever it is called;
a subscription can take it alone (`kinds: [market_engagement]`); a council buyer's own notices are
recognisable in every channel. `kinds` checked against the known list:
tests/test_subscription_kinds_config.py."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest

from config.models import Settings
from notifier.alerts import Alert, OpportunityView, names_a_place
from notifier.channels.digest_layout import sections
from notifier.channels.slack.blocks import alert_message
from notifier.channels.teams.cards import alert_card
from notifier.delivery import deliver_instant
from notifier.recurring import PastRound
from notifier.route import route_events
from spiders.eligibility.buyers import is_council_name
from spiders.normalise.notice_kind import opportunity_kind
from spiders.sources import SNAPSHOT_NOW
from tests.notify_helpers import RecordingChannel, channels, outbox
from tests.radar_helpers import crawled_repository, subscription, titles
from tests.slack_hostile import strings_in
from tests.teams_reading import plain
from tests.teams_standin import card_errors


@pytest.mark.parametrize(
    "notice_type, title, kind",
    [
        # Find a Tender (Procurement Act 2023) notice types and OCDS document types
        ("UK2", "Adult Social Care Case Management System", "market_engagement"),
        ("marketEngagementNotice", "Highways asset management", "market_engagement"),
        ("UK1", "Pipeline of procurements 2027", "planned_procurement"),
        ("UK3", "Smart Street Lighting Central Management System", "planned_procurement"),
        ("plannedProcurementNotice", "Fleet replacement", "planned_procurement"),
        ("UK4", "Data and Analytics Platform Partner", "tender"),
        ("UK12", "Digital Inclusion Device Lending Scheme", "tender"),
        ("tenderNotice", "Cloud hosting", "tender"),
        ("planning", "Waste collection vehicles", "planned_procurement"),  # a release tag alone
        # the words sites use in titles, on any site
        (
            "planning",
            "Early Market Engagement: Children's Residential Placements",
            "market_engagement",
        ),
        ("tender", "Soft Market Testing - Library Management System", "market_engagement"),
        (
            None,
            "Request for Information (RFI): Adult Social Care Digital Front Door",
            "market_engagement",
        ),
        (None, "RFI – Parking enforcement cameras", "market_engagement"),
        (None, "PME: Street lighting LED replacement", "market_engagement"),
        (None, "Pre-market engagement event: modular housing", "market_engagement"),
        (None, "Market sounding exercise for EV charge point operators", "market_engagement"),
        (None, "Supplier engagement day - care technology", "market_engagement"),
        (None, "Market consultation: school transport", "market_engagement"),
        (None, "Prior Information Notice - Highways Term Maintenance", "planned_procurement"),
        # funding calls stay funding calls
        (None, "Local Digital Fund: Round 8", "funding"),
        (None, "Heat network innovation for local areas", "funding"),
        (None, "Market towns regeneration fund", "funding"),
        ("", "Engagement grants for community groups", "funding"),
    ],
)
def test_what_kind_of_opportunity_a_notice_is(notice_type, title, kind):
    assert opportunity_kind(notice_type, title) == kind


@pytest.mark.parametrize(
    "name, council",
    [
        ("Cumberland Council", True),
        ("Royal Borough of Greenwich", True),
        ("London Borough of Hackney", True),
        ("Greater Manchester Combined Authority", True),
        ("Kent County Council", True),
        ("Frome Town Council", True),
        ("Bournemouth Christchurch and Poole Council", True),
        ("Metropolitan Borough of Wirral", True),
        ("Comhairle nan Eilean Siar", True),
        ("Cyngor Gwynedd", True),
        ("City of London Corporation", True),
        ("Council of the Isles of Scilly", True),
        ("Council for Science and Technology", False),
        ("Ministry of Housing, Communities and Local Government", False),
        ("Local Government Association", False),
        ("Medical Research Council", False),
        ("Arts Council England", False),
        ("British Council", False),
        ("Leeds Teaching Hospitals NHS Trust", False),
        ("Merseyside Police", False),
        (None, False),
    ],
)
def test_a_council_buyer_is_recognised_by_the_eligibility_vocabulary(name, council):
    assert is_council_name(name) is council


ENGAGEMENTS = [
    "Adult Social Care Case Management System - Preliminary Market Engagement",
    "Early Market Engagement: Children's Residential Placements Commissioning Platform",
    "Virtual Wards Remote Monitoring Technology - Market Engagement",
]
PLANNED = [
    "Customer Contact Centre and CRM Platform",
    "Smart Street Lighting Central Management System",
]


def routed(tmp_path):
    db = crawled_repository(tmp_path, "find_a_tender", "contracts_finder", "ukri_opportunities")
    teams = [
        subscription(
            "engagement_only",
            kinds=["market_engagement"],
            email={"to": ["procurement@example.gov.uk"], "cadence": "instant"},
        ),
        subscription("planned_only", kinds=["planned_procurement"], events=["new"]),
        subscription("everything"),
    ]
    route_events(db, teams, SNAPSHOT_NOW)
    heard: dict[str, set[str]] = {}
    for row in outbox(db):
        heard.setdefault(row["subscription_id"], set()).add(row["opportunity_id"])
    return db, teams, heard


def test_a_subscription_can_take_market_engagement_alone(tmp_path):
    db, _, heard = routed(tmp_path)
    assert titles(db, heard["engagement_only"]) == sorted(ENGAGEMENTS)
    assert titles(db, heard["planned_only"]) == sorted(PLANNED)
    everything = titles(db, heard["everything"])
    assert set(ENGAGEMENTS) | set(PLANNED) < set(everything)
    assert "Transport decarbonisation living labs" in everything  # a UKRI call: funding


def test_a_council_consulting_the_market_is_recognisable_everywhere(tmp_path):
    db, teams, _ = routed(tmp_path)
    recorder = RecordingChannel()
    deliver_instant(
        db,
        teams[:1],
        Settings(),
        now=SNAPSHOT_NOW,
        env={},
        channel_for=channels({("engagement_only", "email"): recorder}),
    )
    alerts = {a.opportunity.title: a for call in recorder.calls for a in call["alerts"]}
    council = alerts[ENGAGEMENTS[0]]
    trust = alerts[ENGAGEMENTS[2]]
    assert (council.opportunity.kind, council.opportunity.buyer_council) == (
        "market_engagement",
        True,
    )
    assert trust.opportunity.buyer_council is False

    said = "A council is consulting the market on this: Cumberland Council. Respond by 8 Jan 2027, 5:00pm."
    _, blocks = alert_message(council, SNAPSHOT_NOW)
    lead = blocks[1]["text"]["text"]
    assert lead.startswith("*New market engagement*\n" + said)
    assert "Contact: procurement@cumberland.gov.uk" in lead
    card = [plain(b.get("text", "")) for b in alert_card(council, SNAPSHOT_NOW)["body"]]
    assert said in card and "Contact: procurement@cumberland.gov.uk" in card
    (entries,) = [s.entries for s in sections([council, trust], SNAPSHOT_NOW)]
    notes = {e.title: e.notes for e in entries}
    assert said in notes[ENGAGEMENTS[0]]
    # a trust is named, never called a council
    trust_line = "Leeds Teaching Hospitals NHS Trust is consulting the market on this."
    assert notes[ENGAGEMENTS[2]][0].startswith(trust_line)
    assert not any("council" in line.casefold() for line in notes[ENGAGEMENTS[2]])


def test_a_council_near_the_team_is_called_near_and_only_for_that_team(tmp_path):
    db = crawled_repository(tmp_path, "find_a_tender")
    instant = {"to": ["digital@example.gov.uk"], "cadence": "instant"}
    teams = [
        subscription("carlisle", kinds=["market_engagement"], near=["Cumberland"], email=instant),
        subscription("leeds", kinds=["market_engagement"], near=["Leeds", "Ford"], email=instant),
    ]
    route_events(db, teams, SNAPSHOT_NOW)
    recorders = {team.id: RecordingChannel() for team in teams}
    deliver_instant(
        db,
        teams,
        Settings(),
        now=SNAPSHOT_NOW,
        env={},
        channel_for=channels({(t.id, "email"): recorders[t.id] for t in teams}),
    )
    told = {
        team: {a.opportunity.title: a for call in r.calls for a in call["alerts"]}
        for team, r in recorders.items()
    }
    near = told["carlisle"][ENGAGEMENTS[0]]
    far = told["leeds"][ENGAGEMENTS[0]]
    assert (near.near, far.near) == (True, False)
    (entries,) = [s.entries for s in sections([near], SNAPSHOT_NOW)]
    assert (
        entries[0]
        .notes[0]
        .startswith("A council near you is consulting the market on this: Cumberland Council.")
    )
    (entries,) = [s.entries for s in sections([far], SNAPSHOT_NOW)]
    assert entries[0].notes[0].startswith("A council is consulting the market on this:")
    # A trust in Leeds is not a council, so never "a council near you", even for the Leeds team.
    trust = told["leeds"][ENGAGEMENTS[2]]
    assert "Leeds" in trust.opportunity.buyer and trust.near is False


@pytest.mark.parametrize(
    "name, places, near",
    [
        ("Bradford Metropolitan District Council", ["bradford"], True),
        ("Bradford Metropolitan District Council", ["Ford"], False),  # a word, not a fragment
        ("Royal Borough of Kensington and Chelsea", ["Kensington and Chelsea"], True),
        ("Comhairle nan Eilean Siar", ["Eilean Siar"], True),
        ("Cumberland Council", [], False),
        (None, ["Leeds"], False),
    ],
)
def test_a_place_is_named_as_whole_words(name, places, near):
    assert names_a_place(name, places) is near


def test_hostile_buyers_contacts_and_rounds_stay_inert_in_every_channel():
    nasty = "\x1b[2J<!channel> [Reply](http://evil.example) *now*\u202e @here"
    past = PastRound("r7", nasty, nasty, None, datetime(2026, 1, 15, 17, tzinfo=UTC))
    view = OpportunityView(
        id="me-1",
        title=nasty,
        url="https://www.find-tender.service.gov.uk/Notice/1-2026",
        kind="market_engagement",
        buyer=nasty + " Council",
        buyer_council=True,
        contact=nasty,
        round_label="Round 8",
        closes_at=datetime(2027, 1, 8, 17, tzinfo=UTC),
    )
    alert = Alert(1, "team", "new", view, rounds=(past,), followed=True)
    _, blocks = alert_message(alert, SNAPSHOT_NOW)
    for found in strings_in(blocks):  # mrkdwn escaped; the header is plain_text (never parsed)
        assert "\x1b" not in found and "\u202e" not in found
    marked = [b["text"]["text"] for b in blocks if b.get("text", {}).get("type") == "mrkdwn"]
    assert marked and not any("<!channel>" in found for found in marked)
    assert "&lt;!channel&gt;" in blocks[1]["text"]["text"]
    card = alert_card(alert, SNAPSHOT_NOW)
    assert card_errors(card) == []
    shown = [b["text"] for b in card["body"] if b["type"] == "TextBlock"]
    shown += [f["value"] for b in card["body"] if b["type"] == "FactSet" for f in b["facts"]]
    assert "A council is consulting the market on this:" in "".join(shown)
    for found in shown:  # what a reader sees: no link can form, nothing hidden
        assert "](" not in found and "://" not in found and "\x1b" not in found
    (entry,) = sections([alert], SNAPSHOT_NOW)[0].entries
    assert entry.notes[0] == "Round 8 of a fund you followed"
    assert all("\x1b" not in line and "\u202e" not in line for line in entry.notes)
