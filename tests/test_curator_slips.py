"""Slips a curator makes in the YAML files, each one clear error from the real `fundwatch sources
check` (exit 2) naming the file, the entry and the field, and saying what to write instead."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.crawl_helpers import fundwatch, write_config

LISTING = {
    "id": "walk_listing",
    "kind": "listing",
    "urls": ["https://funder.example.org/grants/"],
    "item": "div.grant",
    "fields": {"title": "h3 a::text", "url": "h3 a::attr(href)"},
}


def check(folder: Path):
    return fundwatch("sources", "check", config=folder, db=folder / "never.db")


def test_an_xpath_written_where_css_is_read_says_to_prefix_it(tmp_path):
    copied = "//div[@class='grant']"  # the browser's "Copy XPath", pasted as it is
    entry = {**LISTING, "item": copied, "fields": {**LISTING["fields"], "summary": "p.teaser"}}
    folder = write_config(tmp_path / "config", [entry])
    result = check(folder)
    assert result.returncode == 2
    assert result.stderr.splitlines() == [
        f"config error: {folder / 'sources.yaml'}: entry 'walk_listing' (#1): field 'item': "
        f"bad CSS selector {copied!r}: Expected selector, got <DELIM '/' at 0> "
        "(it reads as XPath: write it 'xpath:…')"
    ]


def test_a_css_typo_gets_no_xpath_hint(tmp_path):
    folder = write_config(tmp_path / "config", [{**LISTING, "item": "div..grant"}])
    result = check(folder)
    assert result.returncode == 2
    assert "bad CSS selector 'div..grant'" in result.stderr
    assert "reads as XPath" not in result.stderr


def test_a_keyword_written_as_a_regular_expression_is_named(tmp_path):
    """Keywords are words: "heat (pump|network)s?" looked for those very brackets and bars and
    never matched a call, and `sources check` said config ok."""
    subscription = {
        "id": "parks_team",
        "match": {"keywords": ["parks", "retrofit|insulation"]},
        "email": {"to": ["parks@walk.gov.uk"]},
    }
    folder = write_config(tmp_path / "config", [LISTING], [subscription])
    tags = folder / "tags.yaml"
    tags.write_text(
        tags.read_text(encoding="utf-8")
        + 'heating:\n  label: Heating\n  any: ["heat (pump|network)s?", boiler*, "^retrofit.*$"]\n',
        encoding="utf-8",
    )
    result = check(folder)
    assert result.returncode == 2
    advice = (
        "reads as a regular expression, but a keyword is words, matched as written: write each "
        "alternative as its own keyword (a list matches any of them); a trailing * is the only "
        "wildcard"
    )
    subscriptions = folder / "subscriptions.yaml"
    assert result.stderr.splitlines() == [
        f"config error: {tags}: entry 'heating': field 'any[0]': {advice} "
        "(got 'heat (pump|network)s?')",
        f"config error: {tags}: entry 'heating': field 'any[2]': {advice} (got '^retrofit.*$')",
        f"config error: {subscriptions}: entry 'parks_team' (#1): field 'match.keywords[1]': "
        f"{advice} (got 'retrofit|insulation')",
    ]


def test_keywords_with_symbols_a_call_holds_are_still_words(tmp_path):
    kept = ["R&D", "C++", "(approx.)", "24/7", "£1m+", "children’s services", "Q&A?"]
    subscription = {"id": "team", "match": {"keywords": kept}, "email": {"to": ["a@b.example"]}}
    folder = write_config(tmp_path / "config", [LISTING], [subscription])
    result = check(folder)
    assert result.returncode == 0, result.stderr


def test_a_tab_in_the_yaml_is_named(tmp_path):
    folder = write_config(tmp_path / "config", [LISTING])
    sources = folder / "sources.yaml"
    sources.write_text(
        "- id: walk_listing\n  kind: listing\n  urls: ['https://funder.example.org/grants/']\n"
        "  item: div.grant\n  fields:\n    title: 'h3 a::text'\n\turl: 'h3 a::attr(href)'\n",
        encoding="utf-8",
    )
    line = 7
    result = check(folder)
    assert result.returncode == 2
    assert result.stderr.splitlines() == [
        f"config error: {sources}: line {line}: not valid YAML: found character that cannot "
        "start any token (a tab on this line: YAML indents with spaces only, replace it with "
        "spaces)"
    ]


def test_a_key_under_the_wrong_parent_says_where_it_belongs(tmp_path):
    """Spelt right but placed wrong: "check the spelling" sent people looking for a typo, and
    `closing_within_days` beside `events` was offered `closing_soon_days`, another setting."""
    listing = {**LISTING, "closes": {"label": "Closing date"}}
    listing["detail"] = {"fields": {"amount": {"label": "Grant size"}}, "title": "h1::text"}
    team = {
        "id": "team",
        "match": {"tags": ["net_zero"], "events": ["new"]},
        "closing_within_days": 30,
        "email": {"to": ["a@b.example"]},
    }
    folder = write_config(tmp_path / "config", [listing], [team])
    result = check(folder)
    assert result.returncode == 2
    sources = f"config error: {folder / 'sources.yaml'}: entry 'walk_listing' (#1): field"
    subs = f"config error: {folder / 'subscriptions.yaml'}: entry 'team' (#1): field"
    assert sorted(result.stderr.splitlines()) == sorted(
        [
            f"{sources} 'closes': unknown key ('closes' belongs in 'fields' or 'detail.fields')",
            f"{sources} 'detail.title': unknown key ('title' belongs in 'detail.fields' or 'fields')",
            f"{subs} 'match.events': unknown key ('events' belongs in the entry's top level)",
            f"{subs} 'closing_within_days': unknown key ('closing_within_days' belongs in 'match')",
        ]
    )


def test_a_near_spelling_where_it_stands_is_still_offered(tmp_path):
    feed = {"id": "news", "kind": "feed", "url": "https://funder.example.org/feed.xml"}
    result = check(write_config(tmp_path / "config", [feed]))
    assert result.returncode == 2
    assert (
        "field 'url': unknown key (did you mean 'urls'?; 'url' belongs in 'fields', "
        "'detail.fields' or 'detail')"
    ) in result.stderr


def test_a_tag_named_by_its_label_gets_its_id(tmp_path):
    """Officers see "Net zero & climate" in every alert; its id, net_zero, is spelt nothing like
    it, so both `match.tags` and `export --tag` said "unknown tag" with no nearer word."""
    team = {"id": "team", "match": {"tags": ["Net zero & climate"]}, "email": {"to": ["a@b.x"]}}
    folder = write_config(tmp_path / "config", [LISTING], [team])
    hint = "(did you mean 'net_zero'? 'Net zero & climate' is its label: write the id)"
    result = check(folder)
    assert result.returncode == 2
    assert result.stderr.splitlines() == [
        f"config error: {folder / 'subscriptions.yaml'}: entry 'team' (#1): field "
        f"'match.tags[0]': unknown tag 'Net zero & climate' {hint}"
    ]
    write_config(folder, [LISTING], [])
    exported = fundwatch(
        "export",
        "--format",
        "json",
        "--tag",
        "net zero and climate",
        config=folder,
        db=tmp_path / "r.db",
    )
    assert exported.returncode == 2
    assert exported.stderr.splitlines()[-1] == (
        f"Error: Invalid value for --tag: unknown tag 'net zero and climate' {hint}"
    )


def test_a_cadence_in_words_gets_the_duration_it_means(tmp_path):
    entries = [
        {**LISTING, "id": f"walk_{n}", "every": every}
        for n, every in enumerate(["daily", "every 6 hours", "6H", "twice a day"])
    ]
    folder = write_config(tmp_path / "config", entries)
    result = check(folder)
    assert result.returncode == 2
    like = "field 'every': expected a duration like 30m, 6h, 1d or 1w, got"
    entry = f"config error: {folder / 'sources.yaml'}: entry"
    assert result.stderr.splitlines() == [
        f"{entry} 'walk_0' (#1): {like} 'daily' (did you mean '1d'?)",
        f"{entry} 'walk_1' (#2): {like} 'every 6 hours' (did you mean '6h'?)",
        f"{entry} 'walk_2' (#3): {like} '6H' (did you mean '6h'?)",
        f"{entry} 'walk_3' (#4): {like} 'twice a day'",
    ]


@pytest.mark.parametrize(
    ("slipped", "hint"),
    [
        ("   url: 'h3 a::attr(href)'", "check this line's indentation"),
        ("  name: Walk: Funder news", "or a value holding ': ' that needs quotes"),
        ("  kind listing", "a key without its ':', on this line or the one before"),
    ],
)
def test_a_yaml_slip_says_what_to_look_at(tmp_path, slipped, hint):
    """YAML's own words ("did not find expected key") name no indentation and no quotes."""
    folder = write_config(tmp_path / "config", [LISTING])
    sources = folder / "sources.yaml"
    good = [
        "- id: walk_listing",
        "  name: Walk grants",
        "  kind: listing",
        "  urls: ['https://funder.example.org/grants/']",
        "  item: div.grant",
        "  fields:",
        "    title: 'h3 a::text'",
        "    url: 'h3 a::attr(href)'",
    ]
    key = slipped.split(":")[0].split()[0]
    lines = [slipped if line.split()[0].rstrip(":") == key else line for line in good]
    sources.write_text("\n".join(lines) + "\n", encoding="utf-8")
    result = check(folder)
    assert result.returncode == 2
    (said,) = result.stderr.splitlines()
    assert said.startswith(f"config error: {sources}: line ") and "not valid YAML" in said
    assert said.endswith(")") and hint in said, said


def test_an_unknown_key_in_a_fields_mapping_shows_the_two_shapes(tmp_path):
    fields = {**LISTING["fields"], "summary": {"selectr": "p.teaser"}}
    result = check(write_config(tmp_path / "config", [{**LISTING, "fields": fields}]))
    assert result.returncode == 2
    assert result.stderr.endswith(
        "field 'fields.summary.selectr': unknown key (a field is a selector, "
        '`title: "h3 a::text"`, or a label, `closes: {label: "Closing date"}`)\n'
    ), result.stderr
