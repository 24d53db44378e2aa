"""Hostile scraped text in email: escaped in HTML, readable in text, never a header or a link."""

from __future__ import annotations

from datetime import UTC, datetime
from html.parser import HTMLParser

from config.models import Subscription
from notifier.alerts import Alert, OpportunityView
from notifier.channels.email_render import render_digest
from notifier.channels.mailer import EmailChannel, SmtpSettings
from tests.smtp_server import HOST, SmtpServer

NOW = datetime(2026, 11, 25, 9, 0, tzinfo=UTC)
MAIL_FROM = "fundwatch@council.example.gov.uk"
SUBSCRIBER = "digital@council.example.gov.uk"
VICTIM = "victim@example.com"

SCRIPT = "<script>alert(1)</script>"
IMG = "<img src=x onerror=alert(1)>"
BREAKOUT = '"><a href="javascript:alert(1)">'
INJECTED_TITLE = f"Free money\r\nBcc: {VICTIM}"

# Each unsafe URL carries a number found nowhere else, so its absence is checkable anywhere.
UNSAFE_URL_MARKERS = ("evil101", "evil102", "evil103", "evil104", "evil106")

# Every tag the templates themselves write; anything else came from scraped text.
TEMPLATE_TAGS = {
    "html",
    "head",
    "meta",
    "title",
    "body",
    "h1",
    "h2",
    "ul",
    "li",
    "p",
    "a",
    "br",
    "strong",
}


def subscription() -> Subscription:
    return Subscription.model_validate(
        {"id": "digital_team", "email": {"to": [SUBSCRIBER], "cadence": "daily"}}
    )


def hostile_alerts() -> list[Alert]:
    def opp(oid, title, url, **fields):
        return OpportunityView(
            id=oid, title=title, url=url, closes_at=datetime(2027, 1, 8, tzinfo=UTC), **fields
        )

    return [
        Alert(1, "digital_team", "new", opp("a", SCRIPT, "javascript:evil101()", funder=IMG, summary=BREAKOUT)),
        Alert(2, "digital_team", "new", opp("b", IMG, " JaVaScRiPt:evil102()", funder=SCRIPT, eligibility_phrase=BREAKOUT, council_eligible="yes")),
        Alert(3, "digital_team", "new", opp("c", BREAKOUT, "//evil103.example/c", tag_labels=(SCRIPT,), sources=(IMG,))),
        Alert(4, "digital_team", "new", opp("d", "Safe title", 'https://ok.example/evil104"><script>x</script>')),
        Alert(5, "digital_team", "closing_soon", opp("e", INJECTED_TITLE, "https://ok.example/e?a=1&b=2", funder="Funder\r\nX-Injected: yes")),
        Alert(6, "digital_team", "changed", opp("f", "Data fund", "data:text/html,<b>evil106</b>"),
              {"title": (SCRIPT, IMG)}),
    ]  # fmt: skip


class _Tags(HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.tags: list[tuple[str, dict[str, str | None]]] = []
        self.text: list[str] = []

    def handle_starttag(self, tag, attrs):
        self.tags.append((tag, dict(attrs)))

    def handle_data(self, data):
        self.text.append(data)


def parse_html(html: str) -> _Tags:
    parser = _Tags()
    parser.feed(html)
    parser.close()
    return parser


def rendered():
    msg = render_digest(
        subscription(), hostile_alerts(), cadence="daily", now=NOW, mail_from=MAIL_FROM
    )
    return msg, msg.get_body(("plain",)).get_content(), msg.get_body(("html",)).get_content()


def test_html_part_has_only_template_tags_and_only_http_links():
    _, _, html = rendered()
    parsed = parse_html(html)

    assert {tag for tag, _ in parsed.tags} <= TEMPLATE_TAGS
    for tag, attrs in parsed.tags:
        assert not any(name.startswith("on") for name in attrs), (tag, attrs)
    hrefs = [attrs.get("href") for tag, attrs in parsed.tags if tag == "a"]
    # Only the one entry with a clean http(s) URL is linked; the others show an unlinked title.
    assert hrefs == ["https://ok.example/e?a=1&b=2"]
    assert all(h.startswith(("http://", "https://")) for h in hrefs)
    assert "javascript:" not in "".join(str(v) for _, attrs in parsed.tags for v in attrs.values())
    for raw in (SCRIPT, IMG, BREAKOUT, "<script>x</script>"):
        assert raw not in html
    for url_marker in UNSAFE_URL_MARKERS:
        assert url_marker not in html


def test_html_part_shows_the_hostile_words_as_text():
    _, _, html = rendered()
    text = "".join(parse_html(html).text)
    for words in (SCRIPT, IMG, BREAKOUT, "Free money Bcc: victim@example.com"):
        assert words in text
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in html


def test_text_part_keeps_the_raw_words_readable_and_drops_unsafe_links():
    _, text, _ = rendered()
    for words in (
        SCRIPT,
        IMG,
        BREAKOUT,
        "Title: <script>alert(1)</script> → <img src=x onerror=alert(1)>",
    ):
        assert words in text
    assert "&lt;" not in text and "&amp;" not in text
    assert "https://ok.example/e?a=1&b=2" in text
    for url_marker in UNSAFE_URL_MARKERS:
        assert url_marker not in text


def test_a_title_with_crlf_cannot_add_headers_or_recipients():
    alert = hostile_alerts()[4]
    with SmtpServer() as server:
        settings = SmtpSettings(host=HOST, port=server.port, security="none", mail_from=MAIL_FROM)
        results = EmailChannel(settings).deliver(subscription(), [alert], NOW, cadence="instant")
    assert all(r.ok for r in results), results[0].error

    (received,) = server.received
    assert received.rcpt_tos == [SUBSCRIBER]
    message = received.message()
    assert message["Subject"] == f"Closing soon: Free money Bcc: {VICTIM}"
    assert message["Bcc"] is None and message["X-Injected"] is None
    header_block = received.content.split(b"\r\n\r\n", 1)[0]
    for line in header_block.split(b"\r\n"):
        assert not line.lower().startswith((b"bcc:", b"x-injected:")), line
    assert sorted(k.lower() for k in message.keys()) == sorted(
        [
            "subject",
            "from",
            "to",
            "date",
            "message-id",
            "list-unsubscribe",
            "auto-submitted",
            "mime-version",
            "content-type",
        ]  # fmt: skip
    )
