"""canonical_url's shortcut gives w3lib's answer: an address w3lib would give back unchanged is
not handed to it (spiders/normalise/urls.py, _CANONICAL)."""

from __future__ import annotations

import random
import re

import pytest
from w3lib.url import canonicalize_url

from spiders.normalise import urls

_HOST_CHARS = "abcdefghijklmnopqrstuvwxyz0123456789-"
_PATH_CHARS = "abcXYZ019._~-"
# Everything an address may hold, and some it may not: near misses of the shortcut's pattern.
_WIDE = "aZ9._~-/%:;=?&#@!$'()*+,[]| \u00e9\u0130"


def _label(rng: random.Random) -> str:
    size = rng.choice([1, 2, 5, 62, 63, 64])
    return "".join(rng.choice(_HOST_CHARS) for _ in range(size))


def _segment(rng: random.Random) -> str:
    return rng.choice(["", ".", "..", "...", "a.", ".a"]) or "".join(
        rng.choice(_PATH_CHARS) for _ in range(rng.randrange(1, 12))
    )


def _address(rng: random.Random) -> str:
    host = ".".join(_label(rng) for _ in range(rng.randrange(1, 4)))
    path = "/".join(_segment(rng) for _ in range(rng.randrange(0, 5)))
    return f"{rng.choice(['http', 'https'])}://{host}/{path}{rng.choice(['', '/'])}"


def test_every_address_the_shortcut_takes_is_one_w3lib_gives_back_unchanged() -> None:
    rng = random.Random(20261201)
    taken = 0
    for _ in range(6000):
        text = _address(rng)
        if rng.random() < 0.3:  # a near miss: a character anywhere replaced
            at = rng.randrange(len(text))
            text = text[:at] + rng.choice(_WIDE) + text[at + 1 :]
        if urls._CANONICAL.fullmatch(text):
            taken += 1
            assert canonicalize_url(text, keep_fragments=False) == text, text
            assert urls._HOST.fullmatch(text.split("/")[2])
    assert taken > 1000  # the test saw many


def test_links_read_the_same_with_and_without_the_shortcut(monkeypatch: pytest.MonkeyPatch) -> None:
    rng = random.Random(7)
    links = [_address(rng) for _ in range(1500)]
    links += [link.upper() for link in links[:200]] + [link + "?b=1&a=2" for link in links[:200]]
    links += [f"/{_segment(rng)}/{_segment(rng)}" for _ in range(300)]
    links += ["http://www.ukri.org/a/", "/a;jsessionid=12/b/", "//www.ukri.org/x", "/x#part"]
    links += ["/", "/a/./b", "/a/../b", "/a//b", "/eyJhbGciOiJIUzI1NiJ9.eyJ1cmwiOiJ4In0.x/", ""]
    links += ["/track/click", "/s/redirect", "https://www.ukri.org:443/a", "https://u@x.org/a"]
    bases = [
        None,
        "https://www.ukri.org/opportunity/",
        "http://www.ukri.org/",
        "https://www.ukri.org",
        "https://www.ukri.org?page=2",
        "https://www.ukri.org:8443/a/",
        "https://WWW.ukri.org/a/",
        " https://www.ukri.org/a/",
        "https://www.ukri\n.org/a/",
        "https://user@www.ukri.org/a/",
    ]
    urls._canonical_url.cache_clear()
    fast = [urls.canonical_url(link, base) for link in links for base in bases]
    # The shortcuts never taken: w3lib canonicalises every link, joined and split as before.
    monkeypatch.setattr(urls, "_CANONICAL", re.compile(r"(?!)"))
    monkeypatch.setattr(urls, "_plain", lambda url, base: None)
    urls._canonical_url.cache_clear()
    slow = [urls.canonical_url(link, base) for link in links for base in bases]
    urls._canonical_url.cache_clear()
    assert fast == slow
    assert sum(found is not None for found in fast) > 8000


@pytest.mark.parametrize(
    "text",
    [
        "https://a.example/a/./b",
        "https://a.example/a/../b",
        "https://a.example/a//b",
        "https://a.example/.",
        "https://a.example",
        "https://A.example/",
        "https://a.example:8080/",
        "https://a..example/",
        "https://-a.example/",
        "https://a.example/%7e",
        "https://a.example/r\u00e9sum\u00e9",
        "https://a.example/a b",
        "https://" + "a" * 64 + ".example/",
    ],
)
def test_an_address_w3lib_may_change_is_not_taken(text: str) -> None:
    assert urls._CANONICAL.fullmatch(text) is None


def test_a_new_plain_link_is_not_canonicalised_again(monkeypatch: pytest.MonkeyPatch) -> None:
    # Every call's link went through w3lib, ~10 µs of the ~25 µs a new link cost.
    handed: list[str] = []

    def counting(url, *args, **kwargs):
        handed.append(url)
        return canonicalize_url(url, *args, **kwargs)

    monkeypatch.setattr(urls, "canonicalize_url", counting)
    urls._canonical_url.cache_clear()
    base = "https://www.ukri.org/opportunity/"
    got = [urls.canonical_url(f"/opportunity/call-{n}/", base) for n in range(1000)]
    assert got == [f"https://www.ukri.org/opportunity/call-{n}/" for n in range(1000)]
    assert handed == []
    # Still through w3lib: a query to sort, an escape to normalise.
    assert urls.canonical_url("/find?b=2&a=1", base) == "https://www.ukri.org/find?a=1&b=2"
    assert urls.canonical_url("/r%c3%a9sum%c3%a9", base) == "https://www.ukri.org/r%C3%A9sum%C3%A9"
    assert len(handed) == 2
