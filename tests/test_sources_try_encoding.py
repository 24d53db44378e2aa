"""`sources try` reads a gzip-encoded answer as a crawl does. A static host serving a pre-compressed
file (S3 behind a CDN) answers Content-Encoding: gzip whether or not it was asked: the crawl stored a
JSON Feed's 3 calls, while try said "not JSON on …/feed.json (application/feed+json): expected a
JSON body: 'utf-8' codec can't decode byte 0x8b". A body that inflates past max_bytes (a zip bomb)
is refused, as a crawl refuses one."""

from __future__ import annotations

import gzip

from spiders.sources.site import LoopbackSite
from tests.crawl_helpers import fundwatch, write_config
from tests.unseen_serving import try_on_loopback

SITE = "json_feed_gzip"


def test_try_reads_a_gzip_encoded_answer(tmp_path):
    result, _ = try_on_loopback(SITE, tmp_path)
    assert result.returncode == 0, result.stdout + result.stderr
    assert result.stdout.splitlines()[0] == f"{SITE}: 3 item(s) from 1 page(s)"
    assert "Coastal Adaptation Pathfinders" in result.stdout


def test_an_answer_that_inflates_past_the_limit_is_refused(tmp_path):
    with LoopbackSite() as site:
        site.add("/feed.json", b"[" + b" " * 200_000 + b"]", gzipped=True)
        entry = {
            "id": "bomb",
            "kind": "api",
            "urls": [site.base_url + "/feed.json"],
            "item": "[*]",
            "fields": {"title": "t", "url": "u"},
        }
        config = write_config(tmp_path / "config", [entry], crawl={"max_bytes": 100_000})
        result = fundwatch("sources", "try", "bomb", config=config, db=tmp_path / "never.db")
    assert len(gzip.compress(b" " * 200_000)) < 100_000  # small on the wire, large inflated
    assert result.returncode == 1
    assert "larger than the 100000-byte limit" in result.stdout + result.stderr
    assert "Traceback" not in result.stdout + result.stderr


def test_brotli_is_decoded_up_to_the_limit_and_refused_past_it():
    import brotli
    import pytest

    from notifier.curation.encoding import decoded
    from spiders.failures import Refusal

    page = b"<p>Closing date: 5 March 2027</p>" * 3_000  # 99,000 bytes
    assert decoded(brotli.compress(page), "br", len(page)) == page
    with pytest.raises(Refusal, match="larger than the 98999-byte limit"):
        decoded(brotli.compress(page), "br", len(page) - 1)
    with pytest.raises(Refusal, match="not valid brotli data"):
        decoded(b"not brotli at all", "br", 1_000)
