"""Config: every error names the file, the entry and the field, with the reason; the shipped config is valid."""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml

from config.errors import ConfigError
from config.loader import load_settings, load_sources, load_subscriptions, load_tags
from tests.crawl_helpers import ROOT, fundwatch

GOOD_SOURCE = {
    "id": "good_listing",
    "kind": "listing",
    "urls": ["https://funder.example.org/grants/"],
    "item": "li.grant",
    "fields": {"title": "a::text", "url": "a::attr(href)"},
}


def write(folder: Path, name: str, data) -> None:
    folder.mkdir(parents=True, exist_ok=True)
    (folder / name).write_text(
        data if isinstance(data, str) else yaml.safe_dump(data, sort_keys=False)
    )


@pytest.fixture
def folder(tmp_path):
    write(tmp_path, "tags.yaml", {"net_zero": {"any": ["net zero"]}})
    return tmp_path


def problems_for(folder: Path, sources) -> list[str]:
    write(folder, "sources.yaml", sources)
    with pytest.raises(ConfigError) as caught:
        load_sources(folder)
    return caught.value.problems


SOURCE_ERRORS = [
    # (entry change, expected fragments of the one problem line)
    (
        {"urls": ["ftp://funder.example.org/"]},
        ["'good_listing' (#1)", "field 'urls[0]'", "http:// or https://"],
    ),
    ({"urls": ["file:///etc/passwd"]}, ["field 'urls[0]'", "http:// or https://"]),
    ({"kind": "spreadsheet"}, ["field 'kind'", "'feed', 'listing', 'api', 'sitemap' or 'custom'"]),
    ({"kind": "lsting"}, ["field 'kind'", "(did you mean 'listing'?)"]),
    # A kind named for its format: spelling alone would not bring "rss" near "feed".
    ({"kind": "rss"}, ["field 'kind'", "(did you mean 'feed'?)"]),
    ({"kind": "JSON"}, ["field 'kind'", "(did you mean 'api'?)"]),
    ({"titel": "typo"}, ["field 'titel'", "unknown key"]),
    ({"every": "sometimes"}, ["field 'every'", "duration"]),
    ({"timezone": "Mars/Olympus"}, ["field 'timezone'", "unknown time zone"]),
    ({"tags": ["net_zero", "nope"]}, ["field 'tags[1]'", "unknown tag 'nope'"]),
    ({"fields": {"title": "a::text"}}, ["field 'fields'", "needs fields ['url']"]),
    (
        {"fields": {"title": "a::text", "url": "a::attr(href)", "deadline": "x"}},
        ["field 'fields.deadline'"],
    ),
    ({"item": None}, ["field 'item': a listing source needs 'item'"]),
    ({"max_pages": 0}, ["field 'max_pages'", "must be at least 1, got 0"]),
    ({"max_pages": 10_001}, ["field 'max_pages'", "must be at most 10000, got 10001"]),
    ({"id": "Council-Grants"}, ["field 'id'", "lower-case letters", "(got 'Council-Grants')"]),
    # One line for a field that fits neither form a selector takes: the misspelt key, named.
    (
        {"fields": {"title": "a::text", "url": "a::attr(href)", "closes": {"lable": "Deadline"}}},
        ["field 'fields.closes.lable': unknown key (did you mean 'label'?)"],
    ),
    (
        {"fields": {"title": "a::text", "url": "a::attr(href)", "closes": 5}},
        ["field 'fields.closes': expected text or {label: …}"],
    ),
]


@pytest.mark.parametrize(
    "change,fragments", SOURCE_ERRORS, ids=[str(list(c)[0]) for c, _ in SOURCE_ERRORS]
)
def test_source_errors_name_file_entry_and_field(folder, change, fragments):
    problems = problems_for(folder, [{**GOOD_SOURCE, **change}])
    assert len(problems) == 1, problems
    assert len(problems) >= 1
    line = problems[0]
    assert line.startswith(f"{folder / 'sources.yaml'}: entry ")
    for fragment in fragments:
        assert fragment in line, line


def test_entry_without_id_is_named_by_position(folder):
    entry = {k: v for k, v in GOOD_SOURCE.items() if k != "id"}
    problems = problems_for(folder, [GOOD_SOURCE, entry])
    assert problems == [
        f"{folder / 'sources.yaml'}: entry #2: field 'id': missing: this field is required"
    ]


def test_duplicate_ids_are_errors(folder):
    problems = problems_for(folder, [GOOD_SOURCE, GOOD_SOURCE])
    assert problems == [
        f"{folder / 'sources.yaml'}: entry 'good_listing' (#2): field 'id': duplicate id, already used by entry #1"
    ]


def test_every_problem_is_reported_at_once(folder):
    problems = problems_for(
        folder, [{**GOOD_SOURCE, "urls": ["gopher://x"]}, {**GOOD_SOURCE, "id": "b", "kind": "x"}]
    )
    assert len(problems) == 2


def test_custom_source_needs_its_spider_file(folder):
    from spiders.custom import spider_file_check

    write(
        folder,
        "sources.yaml",
        [{"id": "no_such_spider", "kind": "custom", "urls": ["https://a.example/"]}],
    )
    with pytest.raises(ConfigError) as caught:
        load_sources(folder, checks=[spider_file_check])
    assert "field 'kind'" in caught.value.problems[0]
    assert "spiders/custom/no_such_spider.py" in caught.value.problems[0]
    # config/ itself knows nothing of spiders: without the check the entry loads.
    assert [s.id for s in load_sources(folder)] == ["no_such_spider"]


def test_invalid_yaml_names_file_and_line(folder):
    write(folder, "sources.yaml", "- id: a\n  urls: [https://x\n")
    with pytest.raises(ConfigError) as caught:
        load_sources(folder)
    assert str(folder / "sources.yaml") in caught.value.problems[0]
    assert "line" in caught.value.problems[0]


def test_tag_errors(folder):
    write(folder, "tags.yaml", {"housing": {"anyy": ["housing"]}, "empty": {"label": "nothing"}})
    with pytest.raises(ConfigError) as caught:
        load_tags(folder)
    joined = "\n".join(caught.value.problems)
    assert "entry 'housing': field 'anyy': unknown key" in joined
    # Before: "field '(entry)': a tag needs 'any', 'all' or 'funders' keywords", naming no field.
    assert (
        "entry 'empty': field 'any': a tag needs keywords in 'any' or 'all', or 'funders': none "
        "are given" in joined
    )


def test_blank_keywords_are_errors(folder):
    write(
        folder,
        "tags.yaml",
        {
            "net_zero": {"any": ["net zero"]},
            "starry": {"any": ["grant", "*"], "none": ["  "]},
            "hyphen": {"all": ["-"]},
        },
    )
    with pytest.raises(ConfigError) as caught:
        load_tags(folder)
    path = folder / "tags.yaml"
    assert caught.value.problems == [
        f"{path}: entry 'starry': field 'any[1]': blank keyword: nothing left to look for once "
        "spaces, hyphens and a trailing * are removed (got '*')",
        f"{path}: entry 'starry': field 'none[0]': blank keyword: nothing left to look for once "
        "spaces, hyphens and a trailing * are removed (got '  ')",
        f"{path}: entry 'hyphen': field 'all[0]': blank keyword: nothing left to look for once "
        "spaces, hyphens and a trailing * are removed (got '-')",
    ]

    write(folder, "tags.yaml", {"net_zero": {"any": ["net zero"]}})
    write(folder, "sources.yaml", [GOOD_SOURCE])
    write(
        folder,
        "subscriptions.yaml",
        [
            {
                "id": "fine",
                "match": {"keywords": ["decarbonis*"]},
                "email": {"to": ["a@b.example"]},
            },
            {
                "id": "team",
                "match": {"keywords": ["net zero", ""], "exclude_keywords": ["*"]},
                "email": {"to": ["a@b.example"]},
            },
        ],
    )
    with pytest.raises(ConfigError) as caught:
        load_subscriptions(folder)
    problems = caught.value.problems
    assert len(problems) == 2, problems
    assert problems[0].startswith(
        f"{folder / 'subscriptions.yaml'}: entry 'team' (#2): field 'match.keywords[1]': blank keyword"
    )
    assert problems[1].startswith(
        f"{folder / 'subscriptions.yaml'}: entry 'team' (#2): field 'match.exclude_keywords[0]': "
        "blank keyword"
    )


@pytest.mark.parametrize(
    "subscription,fragment",
    [
        (
            {"slack": {"channel": "general"}},
            "field 'slack.channel': a Slack channel id such as C0123456789 (in the channel's "
            "details), not its name (got 'general')",
        ),
        (
            {"match": {"council_eligible": "maybe"}, "email": {"to": ["a@b.example"]}},
            "field 'match.council_eligible': expected true or false or a list of yes, partner, "
            "no, unclear",
        ),
        ({"slack": {"channel": "C0123456789", "webhook_env": "HOOK"}}, "exactly one of 'channel'"),
        ({"email": {"to": ["not-an-address"]}}, "field 'email.to[0]'"),
        ({"email": {"to": ["a@b.example"], "cadence": "hourly"}}, "field 'email.cadence'"),
        ({"events": ["new", "deleted"], "email": {"to": ["a@b.example"]}}, "field 'events[1]'"),
        (
            {"events": ["new", "removed"], "email": {"to": ["a@b.example"]}},
            "field 'events': 'removed' is never sent",
        ),
        (
            {"match": {"tags": ["nope"]}, "email": {"to": ["a@b.example"]}},
            "field 'match.tags[0]': unknown tag",
        ),
        (
            {"match": {"sources": ["nope"]}, "email": {"to": ["a@b.example"]}},
            "field 'match.sources[0]': unknown source",
        ),
        ({}, "needs 'slack' or 'email'"),
    ],
)
def test_subscription_errors(folder, subscription, fragment):
    write(folder, "sources.yaml", [GOOD_SOURCE])
    write(folder, "subscriptions.yaml", [{"id": "team", **subscription}])
    with pytest.raises(ConfigError) as caught:
        load_subscriptions(folder)
    assert len(caught.value.problems) == 1, caught.value.problems
    line = caught.value.problems[0]
    assert line.startswith(f"{folder / 'subscriptions.yaml'}: entry 'team' (#1): ")
    assert fragment in line, line


def test_a_secret_pasted_where_its_variable_belongs_is_never_repeated(folder):
    secret = "https://hooks.slack.com/services/T0/B0/SECRETSECRET"
    write(folder, "sources.yaml", [GOOD_SOURCE])
    write(folder, "subscriptions.yaml", [{"id": "team", "slack": {"webhook_env": secret}}])
    with pytest.raises(ConfigError) as caught:
        load_subscriptions(folder)
    (line,) = caught.value.problems
    assert "field 'slack.webhook_env': the name of an environment variable" in line
    assert "SECRET" not in line and "hooks.slack.com" not in line


@pytest.mark.parametrize(
    "settings,fragment",
    [
        ({"crawl": {"delay": -1}}, "field 'crawl.delay'"),
        ({"schedule": {"daily_digest": "weekdays at 8"}}, "field 'schedule.daily_digest'"),
        ({"schedule": {"weekly_digest": "mon 25:00"}}, "must be HH:MM"),
        ({"schedule": {"notify_every": "often"}}, "field 'schedule.notify_every'"),
        ({"burst_limt": 5}, "field 'burst_limt': unknown key"),
    ],
)
def test_settings_errors(folder, settings, fragment):
    write(folder, "settings.yaml", settings)
    with pytest.raises(ConfigError) as caught:
        load_settings(folder)
    assert caught.value.problems[0].startswith(f"{folder / 'settings.yaml'}: entry (settings): ")
    assert fragment in caught.value.problems[0], caught.value.problems[0]


def test_shipped_config_is_valid():
    folder = ROOT / "config"
    tags = load_tags(folder)
    sources = load_sources(folder, tags=tags)
    load_subscriptions(folder, tags=tags, sources=sources)
    load_settings(folder)
    assert {s.id for s in sources} >= {
        "ukri_opportunities",
        "govuk_council_funding",
        "find_a_grant",
    }


def test_cli_prints_every_config_error_and_exits_2(folder, tmp_path):
    write(
        folder, "sources.yaml", [{**GOOD_SOURCE, "urls": ["javascript:alert(1)"], "colour": "red"}]
    )
    result = fundwatch("sources", "check", config=folder, db=tmp_path / "x.db")
    assert result.returncode == 2
    assert (
        f"config error: {folder / 'sources.yaml'}: entry 'good_listing' (#1): field 'urls[0]'"
        in result.stderr
    )
    assert "field 'colour': unknown key" in result.stderr
