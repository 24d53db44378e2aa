"""Builders shared by the email tests: a subscription, a digest's alerts given out of order, SMTP
settings for a loopback server, one delivery through EmailChannel, and a message's two bodies."""

from __future__ import annotations

from datetime import UTC, datetime

from config.models import Subscription
from notifier.alerts import Alert, OpportunityView
from notifier.channels.mailer import EmailChannel, SmtpSettings
from tests.smtp_server import HOST

NOW = datetime(2026, 11, 25, 9, 0, tzinfo=UTC)  # a Wednesday, GMT
MAIL_FROM = "fundwatch@council.example.gov.uk"
CURATORS = "funding-curators@council.example.gov.uk"
TEAM = [
    "digital@council.example.gov.uk",
    "cto@council.example.gov.uk",
    "pmo@council.example.gov.uk",
]


def subscription(to=TEAM, sub_id="digital_team") -> Subscription:
    return Subscription.model_validate(
        {"id": sub_id, "name": "Digital team", "email": {"to": list(to), "cadence": "daily"}}
    )


def opportunity(oid: str, title: str, **fields) -> OpportunityView:
    return OpportunityView(
        id=oid, title=title, url=f"https://funding.example.gov.uk/{oid}", **fields
    )


def digest_alerts() -> list[Alert]:
    """Given out of order on purpose: the digest must put sections and closing dates in order."""
    summer = opportunity(
        "heat",
        "Heat Network Transformation Programme",
        funder="Department for Energy Security and Net Zero",
        closes_at=datetime(2027, 6, 30, 15, 0, tzinfo=UTC),  # BST: 4:00pm in London
        amount_min=100_000,
        amount_max=2_500_000,
        council_eligible="yes",
        eligibility_phrase="local authorities may apply",
        tags=("net_zero",),
        tag_labels=("Net zero & climate",),
        sources=("GOV.UK Find a Grant", "Contracts Finder"),
    )
    winter = opportunity(
        "digital",
        "Local Digital Fund round 9",
        funder="MHCLG",
        closes_at=datetime(2026, 12, 2, 12, 0, tzinfo=UTC),  # GMT: 12:00pm in London
        amount_max=100_000,
        council_eligible="unclear",
        tags=("digital", "data"),
        tag_labels=("Digital services", "Data & AI"),
        sources=("GOV.UK Find a Grant",),
    )
    sooner = opportunity(
        "care",
        "Adult Social Care Tech Fund",
        funder="DHSC",
        closes_at=datetime(2026, 11, 27, 0, 0, tzinfo=UTC),
        council_eligible="no",
        eligibility_phrase="NHS trusts only",
    )
    shifted = opportunity(
        "pilot",
        "Retrofit pilot",
        closes_at=datetime(2027, 1, 12, tzinfo=UTC),
    )
    ended = opportunity("ended", "Old Community Fund", closes_at=datetime(2026, 11, 20, tzinfo=UTC))
    changes = {"closes_at": ("2027-01-12T00:00:00+00:00", "2027-01-26T00:00:00+00:00")}
    return [
        Alert(11, "digital_team", "new", summer),
        Alert(12, "digital_team", "closed", ended),
        Alert(13, "digital_team", "closing_soon", winter),
        Alert(14, "digital_team", "changed", shifted, changes),
        Alert(15, "digital_team", "closing_soon", sooner),
    ]


def plain_settings(port: int, **extra) -> SmtpSettings:
    env = {
        "SMTP_HOST": HOST,
        "SMTP_PORT": str(port),
        "SMTP_SECURITY": "none",
        "MAIL_FROM": MAIL_FROM,
    }
    env.update(extra)
    settings = SmtpSettings.from_env(env)
    assert settings is not None
    return settings


def send(settings: SmtpSettings, alerts=None, to=TEAM, cadence="daily"):
    alerts = digest_alerts() if alerts is None else alerts
    return EmailChannel(settings).deliver(subscription(to), alerts, NOW, cadence=cadence)


def parts(message):
    text = message.get_body(("plain",)).get_content()
    html = message.get_body(("html",)).get_content()
    return text, html
