"""The shared presentation helpers every channel uses: only plain absolute http(s) links go out."""

from __future__ import annotations

import pytest

from notifier.present import amount, change_lines, safe_url


@pytest.mark.parametrize(
    "url",
    [
        "https://www.gov.uk/government/news/fund",
        "http://127.0.0.1:8000/opportunity/x/?a=1&b=2",
    ],
)
def test_plain_http_links_pass(url):
    assert safe_url(url) == url


@pytest.mark.parametrize(
    "url",
    [
        None,
        "",
        "javascript:alert(1)",
        " JaVaScRiPt:alert(1)",
        "data:text/html,<script>",
        "//evil.example/x",
        "/relative/path",
        "ftp://files.example/x",
        "https://ok.example/\x1b[31mred",  # terminal escape
        "https://ok.example/\x7f",
        "https://ok.example/\u202egro.live",  # right-to-left override disguising the host
        "https://ok.example/a b",
        "https://ok.example/<!channel>",
        "https://ok.example/x|gov.uk",
        "https://ok.example/\r\nBcc: x@y",
    ],
)
def test_anything_else_is_refused(url):
    assert safe_url(url) is None


def test_words_people_read():
    assert amount(10_000, 50_000) == "£10,000 to £50,000"
    assert amount(None, 1_500_000) == "Up to £1.5 million"
    assert amount(350, None) == "From £350"
    assert amount(None, None, None) == "Not stated"
    # Pence as given (round 26's Scottish council): "£50 to £500" and "Up to £1,250" before.
    assert amount(49.5, 499.99) == "£49.50 to £499.99"
    assert amount(None, 1250.5) == "Up to £1,250.50"
    assert amount(250.0, 2000.0) == "£250 to £2,000"
    assert change_lines(
        {"closes_at": ("2027-01-12T00:00:00+00:00", "2027-01-26T00:00:00+00:00")}
    ) == ["Closing date: 12 Jan 2027 → 26 Jan 2027"]


@pytest.mark.parametrize(
    ("min_value", "max_value", "text", "total", "said"),
    [
        (10_000, 50_000, None, 4_000_000, "£10,000 to £50,000 per award · £4 million in total"),
        (None, 950_000, None, 4_000_000, "Up to £950,000 per award · £4 million in total"),
        (350, None, None, 2_000_000, "From £350 per award · £2 million in total"),
        (250_000, 250_000, None, 12_000_000, "£250,000 per award · £12 million in total"),
        (None, None, None, 4_000_000, "£4 million in total"),
        (None, None, "Total fund: £4,000,000", 4_000_000, "£4 million in total"),
        (None, None, None, 1_250_000, "£1,250,000 in total"),
        # No total: as before, and no "per award".
        (None, 950_000, None, None, "Up to £950,000"),
        (250_000, 250_000, None, None, "£250,000"),
        (None, None, "Varies", None, "Varies"),
        (None, None, None, None, "Not stated"),
    ],
)
def test_an_award_and_the_whole_pot_are_said_apart(min_value, max_value, text, total, said):
    assert amount(min_value, max_value, text, total=total) == said
