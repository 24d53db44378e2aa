"""`fundwatch sources check`: every problem in every config file at once, each naming the file, the
entry and the field; selectors compiled; misspellings answered with the nearest valid key or tag."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
import yaml

from config.errors import ConfigError
from config.loader import load_sources
from tests.crawl_helpers import fundwatch, write_config

GOOD_LISTING = {
    "id": "good_listing",
    "kind": "listing",
    "urls": ["https://funder.example.org/grants/"],
    "item": "li.grant",
    "fields": {
        "title": "h3 a::text",
        "url": "xpath:.//h3/a/@href",
        "closes": {"label": "Closing date"},
    },
    "next_page": "a.next::attr(href)",
    "detail": {"fields": {"eligibility": "#eligibility"}},
}
GOOD_API = {
    "id": "good_api",
    "kind": "api",
    "urls": ["https://api.funder.example.org/v1/calls"],
    "item": "data.calls[*]",
    "fields": {"title": "name", "url": "links.self", "closes": "dates.close"},
    "next_page": "links.next",
}
SUBSCRIPTION = {"id": "team", "match": {"tags": ["net_zero"]}, "email": {"to": ["a@b.example"]}}


def check(folder: Path):
    return fundwatch("sources", "check", config=folder, db=folder / "never.db")


def test_a_good_config_says_config_ok(tmp_path):
    folder = write_config(tmp_path / "config", [GOOD_LISTING, GOOD_API], [SUBSCRIPTION])
    result = check(folder)
    assert result.returncode == 0, result.stderr
    assert re.match(
        r"config ok: 2 source\(s\), \d+ tag\(s\), 1 subscription\(s\) in ", result.stdout
    )


def test_every_kind_of_error_is_reported_at_once(tmp_path):
    listing = {
        **GOOD_LISTING,
        "urls": ["ftp://funder.example.org/grants/"],  # bad URL scheme
        "tags": ["net_zer"],  # unknown tag, close to one
        "item": "li.grant[",  # bad CSS
        "fields": {**GOOD_LISTING["fields"], "url": "xpath://h3/a/@href["},  # bad XPath
        "nxt_page": "a.next::attr(href)",  # unknown key, close to one
    }
    del listing["next_page"]
    api = {**GOOD_API, "item": "data.calls[*"}  # bad JMESPath
    subscription = {**SUBSCRIPTION, "email": {"to": ["a@b.example"], "cadense": "daily"}}
    folder = write_config(tmp_path / "config", [listing, api], [subscription])
    sources, subscriptions = folder / "sources.yaml", folder / "subscriptions.yaml"

    result = check(folder)
    assert result.returncode == 2
    assert result.stdout == ""
    lines = result.stderr.splitlines()
    entry = f"config error: {sources}: entry 'good_listing' (#1): field"
    assert lines == [
        f"{entry} 'urls[0]': URL must start with http:// or https://, got "
        "'ftp://funder.example.org/grants/'",
        f"{entry} 'nxt_page': unknown key (did you mean 'next_page'?)",
        f"{entry} 'tags[0]': unknown tag 'net_zer' (did you mean 'net_zero'?)",
        f"{entry} 'item': bad CSS selector 'li.grant[': Expected ident or '*', got <EOF at 9>",
        f"{entry} 'fields.url': bad XPath '//h3/a/@href[': Invalid expression",
        f"config error: {sources}: entry 'good_api' (#2): field 'item': bad JMESPath "
        "'data.calls[*': incomplete expression at character 13",
        f"config error: {subscriptions}: entry 'team' (#1): field 'email.cadense': unknown key "
        "(did you mean 'cadence'?)",
    ]


def test_a_broken_file_does_not_hide_the_others(tmp_path):
    folder = write_config(tmp_path / "config", [GOOD_LISTING], [SUBSCRIPTION])
    (folder / "tags.yaml").write_text(
        yaml.safe_dump({"net_zero": {"any": ["net zero"]}, "housing": {"anyy": ["housing"]}})
    )
    subscription = {**SUBSCRIPTION, "match": {"tags": ["housng"], "sources": ["good_listin"]}}
    (folder / "subscriptions.yaml").write_text(yaml.safe_dump([subscription]))
    (folder / "settings.yaml").write_text(yaml.safe_dump({"burst_limt": 5}))
    result = check(folder)
    assert result.returncode == 2
    assert result.stderr.splitlines() == [
        f"config error: {folder / 'tags.yaml'}: entry 'housing': field 'anyy': unknown key "
        "(did you mean 'any'?)",
        f"config error: {folder / 'subscriptions.yaml'}: entry 'team' (#1): field "
        "'match.tags[0]': unknown tag 'housng' (did you mean 'housing'?)",
        f"config error: {folder / 'subscriptions.yaml'}: entry 'team' (#1): field "
        "'match.sources[0]': unknown source 'good_listin' (did you mean 'good_listing'?)",
        f"config error: {folder / 'settings.yaml'}: entry (settings): field 'burst_limt': "
        "unknown key (did you mean 'burst_limit'?)",
    ]


@pytest.mark.parametrize(
    "change,fragment",
    [
        ({"kind": "lisitng"}, "field 'kind': must be 'feed', 'listing', 'api', 'sitemap' or 'custom', got "
         "'lisitng' (did you mean 'listing'?)"),
        ({"fields": {"title": "a::text", "url": "a::attr(href)", "closs": "x"}},
         "field 'fields.closs': must be 'title', "),
        ({"detail": {"feilds": {"eligibility": "#e"}}},
         "field 'detail.feilds': unknown key (did you mean 'fields'?)"),
        ({"fields": {"title": "a::text", "url": "a::attr(href)", "closes": {"labl": "x"}}},
         "unknown key (did you mean 'label'?)"),
        ({"colour": "red"}, "field 'colour': unknown key (check the spelling)"),
    ],
)  # fmt: skip
def test_misspellings_get_the_nearest_valid_word(tmp_path, change, fragment):
    folder = write_config(tmp_path / "config", [{**GOOD_LISTING, **change}])
    with pytest.raises(ConfigError) as caught:
        load_sources(folder)
    assert any(fragment in problem for problem in caught.value.problems), caught.value.problems
    if "closs" in str(change):
        assert "(did you mean 'closes'?)" in caught.value.problems[0]


def test_a_tags_file_that_does_not_read_is_one_error_not_one_per_use(tmp_path):
    # Before: every source and subscription naming a tag got its own "unknown tag" line, burying
    # the one real mistake (here an unclosed bracket) under a line per user of the file.
    folder = write_config(
        tmp_path / "config", [{**GOOD_LISTING, "tags": ["net_zero"]}], [SUBSCRIPTION]
    )
    (folder / "tags.yaml").write_text('net_zero: {any: ["net zero"]\nhousing: {any: [housing]}\n')
    result = check(folder)
    assert result.returncode == 2
    lines = result.stderr.splitlines()
    assert not [line for line in lines if "unknown tag" in line], lines
    assert len(lines) == 2, lines
    assert lines[0].startswith(f"config error: {folder / 'tags.yaml'}: line 2: not valid YAML")
    assert lines[1] == (
        f"config error: {folder / 'tags.yaml'}: the tags named by entries (1 of sources.yaml "
        "and 1 of subscriptions.yaml) are not checked until this file reads"
    )


def test_a_setting_written_under_an_entry_says_where_it_goes(tmp_path):
    # walk15: `burst_limit: 2` under a subscription (the README talks of a channel's burst_limit)
    # was "unknown key (check the spelling)", though no spelling of it is a subscription's key.
    team = {**SUBSCRIPTION, "burst_limit": 2, "daily_digest": "mon 09:00"}
    config = write_config(tmp_path / "config", [GOOD_API], subscriptions=[team])
    done = check(config)
    assert done.returncode == 2, done.stdout + done.stderr
    where = "not per entry; see README, Going live)"
    assert (
        f"entry 'team' (#1): field 'burst_limit': unknown key (burst_limit is set once, in "
        f"config/settings.yaml as `burst_limit`, {where}"
    ) in done.stderr, done.stderr
    assert (
        "field 'daily_digest': unknown key (daily_digest is set once, in config/settings.yaml "
        f"as `schedule.daily_digest`, {where}"
    ) in done.stderr
