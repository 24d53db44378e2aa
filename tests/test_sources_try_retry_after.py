from __future__ import annotations

from tests.unseen_serving import try_on_loopback

SITE = "jadu_directory_429"


def test_try_asks_again_after_the_wait_the_site_asked_for(tmp_path):
    result, asked = try_on_loopback(SITE, tmp_path)
    assert result.returncode == 0, result.stdout + result.stderr
    assert result.stdout.splitlines()[0] == f"{SITE}: 3 item(s) from 2 page(s)"
    assert "HTTP 429" not in result.stdout
    page_2 = "/directory/17/funding_directory?page=2"
    assert asked.count((page_2, 429)) == 1 and asked.count((page_2, 200)) == 1
