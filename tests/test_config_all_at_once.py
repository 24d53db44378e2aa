"""`fundwatch sources check` lists every problem at once, each on the field it is about.

Before: a rule over a whole source entry said "field '(entry)'" (a listing without 'item', an
'item' on a feed), and one broken entry hid the checks made after reading (a custom source's
missing spider file, a tag not in tags.yaml) for every other entry, so fixing one error showed
the next. Their places (#n) still count every entry in the file."""

from __future__ import annotations

from tests.crawl_helpers import fundwatch, write_config

FEED = {"id": "council_feed", "kind": "feed", "urls": ["https://www.example.gov.uk/grants.atom"]}


def check(tmp_path, sources, subscriptions=()):
    config = write_config(tmp_path / "config", sources, list(subscriptions))
    done = fundwatch("sources", "check", config=config, db=tmp_path / "fundwatch.db")
    assert done.returncode == 2, done.stdout + done.stderr
    return [line.split("sources.yaml: ", 1)[-1] for line in done.stderr.strip().splitlines()]


def test_a_rule_over_the_entry_names_its_field(tmp_path):
    said = check(
        tmp_path,
        [
            {"id": "no_item", "kind": "listing", "urls": ["https://a.example.org/"]},
            {**FEED, "id": "feed_with_item", "item": "div.call"},
        ],
    )
    assert said == [
        "entry 'no_item' (#1): field 'item': a listing source needs 'item' (the selector of one "
        "opportunity)",
        "entry 'no_item' (#1): field 'fields': a listing source needs fields ['title', 'url'] in "
        "'fields'",
        "entry 'feed_with_item' (#2): field 'item': only applies to kind: listing or api",
    ]


def test_one_broken_entry_hides_no_other_problem(tmp_path):
    said = check(
        tmp_path,
        [
            {**FEED, "every": "6 hours"},
            {"id": "no_spider", "kind": "custom", "urls": ["https://b.example.org/"]},
            {**FEED, "id": "mistagged", "tags": ["net_zeroo"]},
        ],
        [{"id": "team", "match": {"tags": ["hosuing"]}, "email": {"to": ["t@example.gov.uk"]}}],
    )
    assert (
        "entry 'council_feed' (#1): field 'every': expected a duration like 30m, 6h, 1d or 1w, got '6 hours' (did you mean '6h'?)"
        in said
    )
    assert (
        "entry 'no_spider' (#2): field 'kind': custom source needs spiders/custom/no_spider.py"
        in said
    )
    assert (
        "entry 'mistagged' (#3): field 'tags[0]': unknown tag 'net_zeroo' (did you mean 'net_zero'?)"
        in said
    )
    assert any(
        "subscriptions.yaml: entry 'team' (#1): field 'match.tags[0]': unknown tag 'hosuing'"
        in line
        for line in said
    ), said
    assert len(said) == 4, said


def test_every_problem_of_one_entry_is_said_at_once(tmp_path):
    """Rules over a whole entry ran only once every field read, and stopped at the first broken:
    a misspelt field hid an api-only detail url, which hid follow_hosts written as a URL, so a
    curator fixed three problems in three rounds of `sources check`."""
    said = check(
        tmp_path,
        [
            {
                "id": "council_grants",
                "kind": "listing",
                "urls": ["https://www.example.gov.uk/grants"],
                "item": "div.call",
                "fields": {"titel": "h3::text", "url": "a::attr(href)"},
                "follow_hosts": ["https://grants.example.gov.uk/"],
                "detail": {"url": "link", "fields": {"eligibility": "#who"}},
            }
        ],
    )
    entry = "entry 'council_grants' (#1): field"
    assert said[0].startswith(f"{entry} 'fields.titel': must be 'title'"), said
    assert said[1:] == [
        f"{entry} 'detail': 'url' only applies to kind: api",
        f"{entry} 'follow_hosts[0]': expected a host name such as www.ukri.org (no scheme, port "
        "or path), got 'https://grants.example.gov.uk/'",
    ]


def test_a_duplicate_id_is_said_with_the_entrys_other_problems(tmp_path):
    # Before: an entry that failed for another reason was never checked for its id, so its
    # duplicate id showed only once its other problems were fixed (and a valid twin after a
    # broken first entry was taken as the first).
    said = check(
        tmp_path,
        [
            FEED,
            {"id": "council_feed", "kind": "listing", "urls": ["https://a.example.org/"]},
            {
                "id": "broken",
                "kind": "feed",
                "urls": ["https://b.example.org/"],
                "every": "6 hours",
            },
            {"id": "broken", "kind": "feed", "urls": ["https://c.example.org/"]},
        ],
    )
    assert said == [
        "entry 'council_feed' (#2): field 'id': duplicate id, already used by entry #1",
        "entry 'council_feed' (#2): field 'item': a listing source needs 'item' (the selector of "
        "one opportunity)",
        "entry 'council_feed' (#2): field 'fields': a listing source needs fields ['title', 'url'] "
        "in 'fields'",
        "entry 'broken' (#3): field 'every': expected a duration like 30m, 6h, 1d or 1w, got "
        "'6 hours' (did you mean '6h'?)",
        "entry 'broken' (#4): field 'id': duplicate id, already used by entry #3",
    ]
