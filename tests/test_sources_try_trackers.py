"""`fundwatch sources try` of round 20's Mailchimp newsletter archive (tests/sites/
mailchimp_archive_clicks), served on loopback with its tracker host: each "Read more" tracker is
asked for its Location alone, as a crawl asks it, and the call shown at the page it names. Before,
try followed every tracker's redirect and fetched the fund's page (with Mailchimp's mc_eid on it),
which a crawl does not, and which a partner's page on a host not in follow_hosts would refuse."""

from __future__ import annotations

from tests.unseen_serving import try_on_loopback


def test_try_reads_a_trackers_location_and_fetches_no_page_through_it(tmp_path):
    result, asked = try_on_loopback("mailchimp_archive_clicks", tmp_path)
    assert result.returncode == 0, result.stdout + result.stderr
    assert [path for path, _ in asked] == ["/robots.txt", "/news/newsletters/november-2026/"]
    shown = [line.split()[-1] for line in result.stdout.splitlines() if line.startswith("  url ")]
    paths = [url.split("/", 3)[-1] for url in shown if url.startswith("http")]
    # The FEATURED box's fund, linked twice through two trackers, is shown once since round 22,
    # as the crawl stores it (notifier/curation/try_repeats.py).
    assert paths == [
        "grants/wetland-creation/",
        "grants/hedgerow-heroes/",
        "grants/heritage-sluice-restoration/",
        "grants/dark-skies-lighting/",
    ]
