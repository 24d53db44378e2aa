"""A follow_hosts wildcard ("*.googleusercontent.com") at request time: a published Google Sheet
answers from a host whose prefix varies (doc-0k-2s-sheets.googleusercontent.com), which no bare
host name in follow_hosts could name, so a Sheet's CSV could not be crawled at all."""

from __future__ import annotations

from tests.test_address_guard import FOLLOW_HINT, guard, send

SHEET_HOST = "doc-0k-2s-sheets.googleusercontent.com"


def test_a_wildcard_reaches_every_host_under_its_name_and_nothing_else():
    resolved = {SHEET_HOST: "142.250.1.132", "evilgoogleusercontent.com": "93.184.215.14"}
    middleware = guard(resolved, follow_hosts=["*.googleusercontent.com"])
    assert send(middleware, f"https://{SHEET_HOST}/pub/2PACX?output=csv") is None
    assert send(middleware, "https://evilgoogleusercontent.com/") == (
        f"refused: evilgoogleusercontent.com is not this source's host {FOLLOW_HINT}"
    )


def test_a_wildcard_host_is_still_judged_by_the_address_it_resolves_to():
    middleware = guard({SHEET_HOST: "10.1.2.3"}, follow_hosts=["*.googleusercontent.com"])
    assert "resolves to 10.1.2.3, a private address" in send(middleware, f"https://{SHEET_HOST}/")
