"""What people read of the radar: the "Opening soon" section of a digest (by opening date), and
"Opens 12 Jan 2027" in Slack, Teams, email and on the console, for calls crawled from the sources'
own snapshot pages and delivered through the real delivery run (Slack and Teams to their loopback
stand-ins, email as .eml files, the embedded default; the console channel)."""

from __future__ import annotations

import email
import email.policy
import io
from datetime import UTC, datetime

from config.models import Settings
from notifier.channels.console import ConsoleChannel
from notifier.delivery import deliver_instant, send_digests
from notifier.route import route_events, scan_closing_soon, scan_opening_soon
from tests.radar_helpers import crawled_repository, subscription
from tests.slack_helpers import allow_loopback
from tests.slack_standin import DEFAULT_TOKEN, SlackStandIn
from tests.teams_reading import plain
from tests.teams_standin import TeamsStandIn

SETTINGS = Settings()
JAN_6 = datetime(2027, 1, 6, 9, tzinfo=UTC)  # a Wednesday: daily digests are due at 8am
DEC_1 = datetime(2026, 12, 1, 9, tzinfo=UTC)


def eml_texts(folder) -> dict[str, str]:
    out = {}
    for path in sorted(folder.glob("*.eml")):
        message = email.message_from_bytes(path.read_bytes(), policy=email.policy.default)
        out[path.name] = message.get_body(("plain",)).get_content()
    return out


def section(text: str, heading: str) -> list[str]:
    """The titles listed under one heading of a digest's text part."""
    lines = text.splitlines()
    start = next(i for i, line in enumerate(lines) if line.startswith(heading.upper()))
    titles = []
    for line in lines[start + 2 :]:
        if line and line == line.upper() and not line.startswith(("*", " ")):
            break  # the next heading
        if line.startswith("* "):
            titles.append(line[2:].split(" <", 1)[0])
    return titles


def test_the_opening_soon_section_lists_calls_by_opening_date(tmp_path):
    db = crawled_repository(tmp_path, "ukri_opportunities", "find_a_grant", "innovate_uk_ifs")
    team = subscription(
        "planning_team",
        name="Planning team",
        opening_soon_days=45,
        events=["opening_soon"],  # only early warnings: the digest is the radar alone
        email={"to": ["planning@example.gov.uk"], "cadence": "daily"},
    )
    assert scan_opening_soon(db, [team], DEC_1) == 6
    outbox_dir = tmp_path / "outbox"
    send_digests(
        db, [team], SETTINGS, cadence="daily", now=DEC_1, force=True, env={}, outbox_dir=outbox_dir
    )
    (text,) = eml_texts(outbox_dir).values()
    assert "OPENING SOON (6)" in text
    assert section(text, "Opening soon") == [
        "SBRI: assistive technology in adult social care, phase 2",  # 7 Dec
        "Digital twins for local infrastructure: collaborative R&D",  # 14 Dec, 9am (IFS and UKRI)
        "Local Electric Vehicle Infrastructure Capability Fund 2027 to 2028",  # 14 Dec, 10am
        "Biomedical Catalyst 2027: late stage awards",  # 5 Jan, midnight
        "Museum Estate and Development Fund: Round 4",  # 5 Jan, 00:01
        "Transport decarbonisation living labs",  # 12 Jan
    ]
    assert "Opens 7 Dec 2026 (in 6 days)" in text
    assert "Opens 5 Jan 2027 (in 35 days)" in text
    subject = text.splitlines()[0]
    assert subject.startswith("6 opening soon · Planning team")


def test_opening_soon_is_the_most_urgent_news_after_closing_soon(tmp_path):
    """A call new today that also opens soon is listed once, under "Opening soon"."""
    db = crawled_repository(tmp_path, "find_a_grant")
    team = subscription("team", email={"to": ["team@example.gov.uk"], "cadence": "daily"})
    route_events(db, [team], DEC_1)
    assert scan_opening_soon(db, [team], DEC_1) == 1
    assert scan_closing_soon(db, [team], DEC_1) == 2  # 3 and 7 December
    outbox_dir = tmp_path / "outbox"
    send_digests(
        db, [team], SETTINGS, cadence="daily", now=DEC_1, force=True, env={}, outbox_dir=outbox_dir
    )
    (text,) = eml_texts(outbox_dir).values()
    opening = section(text, "Opening soon")
    assert opening == ["Local Electric Vehicle Infrastructure Capability Fund 2027 to 2028"]
    assert opening[0] not in section(text, "New")
    headings = [line for line in text.splitlines() if line.endswith(")") and line.isupper()]
    assert headings[0].startswith("CLOSING SOON") and headings[1].startswith("OPENING SOON")


def test_slack_teams_and_the_console_say_when_it_opens(tmp_path, monkeypatch):
    """Delivered as people get it: through the real Slack channel to the Web API stand-in, the real
    Teams channel to the Workflows stand-in, and the console (no settings)."""
    allow_loopback(monkeypatch)  # the Teams stand-in's webhook is on 127.0.0.1
    db = crawled_repository(tmp_path, "ukri_opportunities")
    team = subscription(
        "transport_team",
        slack={"channel": "C0TRANSPT"},
        teams={"webhook_env": "TRANSPORT_TEAMS"},
        email=None,
    )
    # Transport decarbonisation living labs, once for each of the team's two channels.
    assert scan_opening_soon(db, [team], JAN_6) == 2
    with SlackStandIn(channels=["C0TRANSPT"]) as slack, TeamsStandIn() as teams:
        env = {
            "SLACK_BOT_TOKEN": DEFAULT_TOKEN,
            "SLACK_API_URL": slack.api_url,
            "TRANSPORT_TEAMS": teams.url(),
        }
        summary = deliver_instant(db, [team], SETTINGS, now=JAN_6, env=env)
        assert "2 alert(s) sent in 2 message(s)" in summary.text()
        (post,) = slack.posts
        (card,) = [p["card"] for p in teams.posts]

    assert post["text"].startswith("Transport decarbonisation living labs · Opening soon")
    lead = post["blocks"][1]["text"]["text"]
    assert lead.startswith("*Opening soon: opens 12 Jan 2027*\nOpens 12 Jan 2027 (in 6 days)")
    fields = [f["text"] for f in post["blocks"][2]["fields"]]
    assert any(f.startswith("*Opens*\n<!date^") and "12 Jan 2027, 9:00am>" in f for f in fields)

    words = [plain(block.get("text", "")) for block in card["body"]]
    assert "Opening soon: opens 12 Jan 2027" in words
    assert "Opens 12 Jan 2027 (in 6 days)" in words
    (fact_set,) = [block for block in card["body"] if block["type"] == "FactSet"]
    facts = {f["title"]: f["value"] for f in fact_set["facts"]}
    assert facts["Opens"] == "12 Jan 2027, 9:00am"

    # With no Slack or Teams settings, the same early warning prints on the console.
    console_team = subscription("console_team", slack={"channel": "C0TRANSPT"}, email=None)
    assert scan_opening_soon(db, [console_team], JAN_6) == 1
    stream = io.StringIO()
    deliver_instant(
        db,
        [console_team],
        SETTINGS,
        now=JAN_6,
        env={},
        channel_for=lambda s, c: ConsoleChannel(stream),
    )
    printed = stream.getvalue()
    assert "Opening soon: opens 12 Jan 2027: Transport decarbonisation living labs" in printed
    assert "Opens 12 Jan 2027 (in 6 days)" in printed
