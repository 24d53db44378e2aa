"""The loopback site's pages a test adds at run time: validators and 304, errors and Retry-After,
hangs, a log safe to read while requests arrive, and `{{SITE}}` on a snapshot site."""

from __future__ import annotations

import time
import urllib.error
from concurrent.futures import ThreadPoolExecutor
from email.utils import parsedate_to_datetime

import pytest

from spiders.sources.site import LoopbackSite
from tests.site_helpers import OPENER, fetch


def test_added_pages_get_the_sites_address_validators_and_304(site: LoopbackSite):
    site.add("/feed.atom", '<link href="{{SITE}}/news/one"/>', content_type="application/atom+xml")
    status, headers, body = fetch(site.url + "/feed.atom")
    assert site.url == site.base_url and site.url.startswith("http://127.0.0.1:")
    assert (status, body.decode()) == (200, f'<link href="{site.url}/news/one"/>')
    assert headers["Content-Type"] == "application/atom+xml"
    assert headers["Last-Modified"] == "Tue, 03 Nov 2026 10:00:00 GMT"
    etag = headers["ETag"]
    assert fetch(site.url + "/feed.atom", {"If-None-Match": etag})[0] == 304
    assert fetch(site.url + "/feed.atom", {"If-Modified-Since": headers["Last-Modified"]})[0] == 304

    site.add("/feed.atom", "<feed>changed</feed>", content_type="application/atom+xml")
    status, changed, _ = fetch(site.url + "/feed.atom", {"If-None-Match": etag})
    assert status == 200 and changed["ETag"] != etag
    assert parsedate_to_datetime(changed["Last-Modified"]) > parsedate_to_datetime(
        headers["Last-Modified"]
    ), "a changed page is newer, so If-Modified-Since alone sees the change too"
    assert fetch(site.url + "/feed.atom", {"If-Modified-Since": headers["Last-Modified"]})[0] == 200
    assert site.paths() == ["/feed.atom"] * 5
    assert site.paths(status=304) == ["/feed.atom"] * 2


def test_added_pages_can_fail_and_ask_to_retry_later(site: LoopbackSite):
    when = "Wed, 25 Nov 2026 09:05:00 GMT"
    site.add("/busy", "<p>ok</p>", retry_after=[2, when])
    site.add("/down", "", status=500)
    site.add("/gone", "<p>moved on</p>", status=410)

    first, second, third = (fetch(site.url + "/busy") for _ in range(3))
    assert (first[0], first[1]["Retry-After"]) == (429, "2")
    assert (second[0], second[1]["Retry-After"]) == (429, when)
    assert (third[0], third[2]) == (200, b"<p>ok</p>")
    assert fetch(site.url + "/down")[0] == 500
    assert fetch(site.url + "/gone")[:3:2] == (410, b"<p>moved on</p>")
    assert [(h.method, h.path, h.status) for h in site.hits] == [
        ("GET", "/busy", 429),
        ("GET", "/busy", 429),
        ("GET", "/busy", 200),
        ("GET", "/down", 500),
        ("GET", "/gone", 410),
    ]
    site.clear_log()
    assert site.hits == []


def test_a_hung_page_keeps_the_client_waiting(site: LoopbackSite):
    site.add("/hung", "<html></html>", hang=30)
    with pytest.raises((TimeoutError, urllib.error.URLError)):
        OPENER.open(site.url + "/hung", timeout=0.5)
    assert site.paths() == [], "a request is logged when it is answered"
    # stop() (the fixture's teardown) wakes the hung request rather than waiting 30 s for it


def test_a_released_hang_answers_the_waiting_client_and_every_later_one_at_once(
    site: LoopbackSite,
):
    site.add("/hung", "<html></html>", hang=60)
    with ThreadPoolExecutor(max_workers=1) as pool:
        waiting = pool.submit(fetch, site.url + "/hung")
        for _ in range(1000):  # until the request is at the site, hanging (bounded: 10 s)
            if site.most_in_flight:
                break
            time.sleep(0.01)
        assert site.most_in_flight == 1 and not waiting.done() and site.paths() == []
        site.release()
        # Unreleased, the fetch would wait the whole minute and fail on its own timeout first.
        assert waiting.result(timeout=20)[0] == 200
    assert fetch(site.url + "/hung")[0] == 200
    assert site.paths() == ["/hung", "/hung"]


def test_the_log_is_safe_to_read_while_requests_arrive(site: LoopbackSite):
    site.add("/a", "a")
    with ThreadPoolExecutor(max_workers=8) as pool:
        statuses = list(pool.map(lambda _: fetch(site.url + "/a")[0], range(40)))
    assert statuses == [200] * 40
    assert site.paths() == ["/a"] * 40  # every answered request is logged, none lost to a race


def test_a_page_added_to_a_snapshot_site_points_at_loopback_too(snapshot_site):
    server = snapshot_site("find_a_grant")
    server.add(
        "/grants?extra=1", '<a href="https://www.find-government-grants.service.gov.uk/x">x</a>'
    )
    _, _, body = fetch(server.base_url + "/grants?extra=1")
    assert body.decode() == f'<a href="{server.base_url}/x">x</a>'
    with pytest.raises(ValueError):
        server.add("grants", "no leading slash")


def test_a_site_without_a_snapshot_has_no_real_urls(site: LoopbackSite):
    with pytest.raises(ValueError):
        site.local_url("https://www.ukri.org/opportunity/")


def test_a_route_is_served_written_either_way_and_asked_either_way(tmp_path):
    # A route written as a browser shows it ("café fund"), and one written as a client sends it
    # (percent-encoded): each answers a request made either way. Before, only the spelling the
    # client sent matched, so a routes.yaml had to be written percent-encoded.
    (tmp_path / "a.html").write_text("<p>a</p>", "utf-8")
    (tmp_path / "b.html").write_text("<p>b</p>", "utf-8")
    (tmp_path / "routes.yaml").write_text(
        "origin: https://www.example.org.uk\nroutes:\n"
        '  - {path: "/grants/café fund", file: a.html, type: text/html}\n'
        '  - {path: "/grants/north%20%26%20west?area=Y%20Fro", file: b.html, type: text/html}\n',
        "utf-8",
    )
    with LoopbackSite(tmp_path) as served:
        for path, body in (
            ("/grants/caf%C3%A9%20fund", b"<p>a</p>"),
            ("/grants/north%20%26%20west?area=Y%20Fro", b"<p>b</p>"),
            ("/grants/north%20&%20west?area=Y%20Fro", b"<p>b</p>"),
        ):
            status, _, got = fetch(served.url + path)
            assert (status, got) == (200, body), path
        assert fetch(served.url + "/grants/other")[0] == 404
