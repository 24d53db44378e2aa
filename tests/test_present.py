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
    assert change_lines(
        {"closes_at": ("2027-01-12T00:00:00+00:00", "2027-01-26T00:00:00+00:00")}
    ) == ["Closing date: 12 Jan 2027 → 26 Jan 2027"]
