"""Values a curator gets nearly right are answered with what they meant, through `fundwatch
sources check` (exit 2, one line naming file, entry and field).

Before: `every: 6` said "must be text, got 6" (the unit left out, not the quotes), and a time
zone written in the wrong case ('europe/london') was only "unknown", with nothing near it named."""

from __future__ import annotations

import pytest

from config.settings_model import reachable
from tests.crawl_helpers import fundwatch, write_config
from tests.smtp_server import free_port

SOURCE = {
    "id": "council_grants",
    "name": "Council grants",
    "kind": "feed",
    "urls": ["https://www.example.gov.uk/grants.atom"],
}


def said(tmp_path, source=SOURCE, settings=None, subscriptions=None):
    """The one line `sources check` refuses the config with; `subscriptions` as entries, or as the
    YAML a curator typed (when how it was typed is the mistake)."""
    entries = subscriptions if isinstance(subscriptions, list) else []
    config = write_config(tmp_path / "config", [source], entries)
    if settings is not None:
        (config / "settings.yaml").write_text(settings)
    if isinstance(subscriptions, str):
        (config / "subscriptions.yaml").write_text(subscriptions)
    done = fundwatch("sources", "check", config=config, db=tmp_path / "fundwatch.db")
    assert done.returncode == 2, done.stdout + done.stderr
    (line,) = done.stderr.strip().splitlines()
    return line


def test_a_cadence_without_its_unit_says_so(tmp_path):
    line = said(tmp_path, {**SOURCE, "every": 6})
    assert line.endswith(
        "sources.yaml: entry 'council_grants' (#1): field 'every': expected a duration like 30m,"
        " 6h, 1d or 1w, got 6 with no unit (minutes m, hours h, days d, weeks w: 6h?)"
    ), line


def test_notify_every_without_its_unit_says_so(tmp_path):
    line = said(tmp_path, settings="schedule: {notify_every: 5}\n")
    assert "field 'schedule.notify_every': expected a duration" in line, line
    assert "got 5 with no unit" in line


@pytest.mark.parametrize(
    ("zone", "hint"),
    [
        ("europe/london", " (did you mean 'Europe/London'?)"),
        ("Europe/Londn", " (did you mean 'Europe/London'?)"),
        ("GMT+1", " (e.g. Europe/London, UTC)"),
    ],
)
def test_an_unknown_time_zone_names_the_nearest(tmp_path, zone, hint):
    line = said(tmp_path, {**SOURCE, "timezone": zone})
    assert line.endswith(f"field 'timezone': unknown time zone {zone!r}{hint}"), line


def test_one_url_without_brackets_is_shown_not_called_a_secret(tmp_path):
    # Before: "got a value not repeated here (it looks like a secret)" for the funder's own page.
    url = "https://www.example.gov.uk/grants.atom"
    line = said(tmp_path, {**SOURCE, "urls": url})
    assert line.endswith(
        f"field 'urls': must be a list such as [a, b], got {url!r} (one alone is written [{url}])"
    ), line


def test_one_tag_without_brackets_is_shown_how_to_write_it(tmp_path):
    line = said(tmp_path, {**SOURCE, "tags": "net_zero"})
    assert line.endswith("got 'net_zero' (one alone is written [net_zero])"), line


def test_a_webhook_where_a_list_belongs_is_still_never_repeated(tmp_path):
    hook = "https://hooks.slack.com/services/T0/B0/SECRETsecret"
    config = write_config(tmp_path / "config", [SOURCE], [{"id": "team", "email": {"to": hook}}])
    done = fundwatch("sources", "check", config=config, db=tmp_path / "fundwatch.db")
    assert done.returncode == 2
    assert "field 'email.to': must be a list" in done.stderr
    assert "SECRET" not in done.stderr and "hooks.slack" not in done.stderr


def test_an_amount_with_commas_inside_braces_says_why_it_split(tmp_path):
    # Before: "field 'match.0': Keys should be strings", and nothing about the 10 YAML had read.
    line = said(
        tmp_path,
        subscriptions="- id: digital_team\n"
        "  match: {tags: [digital], min_amount: 10,000}\n"
        "  email: {to: [digital@example.gov.uk]}\n",
    )
    assert line.endswith(
        "entry 'digital_team' (#1): field 'match.0': a key must be a name, got 0: inside {…} a "
        "comma starts the next key, so write a number without commas (10000)"
    ), line


@pytest.mark.parametrize(
    ("contact", "shown"),
    [
        ('"Funding team\\nX-Injected: 1"', "'Funding team\\nX-Injected: 1'"),
        ("xoxb-1-SECRET", "a value not repeated here"),
    ],
)
def test_a_crawl_contact_that_breaks_the_header_or_is_a_secret_is_a_config_error(
    tmp_path, contact, shown
):
    # It goes into every request's User-Agent: a line break would break the header (any text
    # did), and a token would go to every site.
    line = said(tmp_path, settings=f"crawl: {{contact: {contact}}}\n")
    assert "settings.yaml: entry (settings): field 'crawl.contact':" in line, line
    assert shown in line, line
    assert "SECRET" not in line


def test_a_contact_that_reaches_nobody_is_let_be_with_a_warning(tmp_path):
    # A name alone names who crawls, if not how to reach them: refusing it stopped every command
    # over a courtesy; crawl and run say so instead.
    url = f"http://127.0.0.1:{free_port()}/feed"
    source = {"id": "council_grants", "kind": "feed", "urls": [url]}
    config = write_config(tmp_path / "config", [source], [], crawl={"contact": "Funding team"})
    assert fundwatch("sources", "check", config=config, db=tmp_path / "fw.db").returncode == 0
    done = fundwatch("crawl", config=config, db=tmp_path / "fw.db")
    assert (
        "warning: crawl.contact in " + str(config / "settings.yaml") + " ('Funding team') is no "
        "email address or web page: a site's owner cannot reach you"
    ) in done.stderr, done.stderr


@pytest.mark.parametrize(
    "contact",
    [
        "team@council.example.gov.uk",
        "https://council.example.gov.uk/contact",
        "Funding team <team@council.example.gov.uk>",
    ],
)
def test_an_address_or_a_page_is_a_contact(tmp_path, contact):
    config = write_config(tmp_path / "config", [SOURCE], [], crawl={"contact": contact})
    done = fundwatch("sources", "check", config=config, db=tmp_path / "fundwatch.db")
    assert done.returncode == 0, done.stderr
    assert reachable(contact)


def test_an_empty_list_of_urls_says_how_many_it_needs(tmp_path):
    # Before: "must be at least 1 entries long, got a list".
    line = said(tmp_path, {**SOURCE, "urls": []})
    assert line.endswith("field 'urls': must have at least 1 entry, got none"), line


def test_a_follow_host_written_as_an_address_is_shown(tmp_path):
    # Before: "got a value not repeated here (it looks like a secret)" for a public host.
    line = said(tmp_path, {**SOURCE, "follow_hosts": "https://apply.example.org"})
    assert (
        "field 'follow_hosts': must be a list such as [a, b], got 'https://apply.example.org'"
        in line
    )


def test_a_tag_named_by_a_number_or_null_is_refused(tmp_path):
    # Before: `1:` and `null:` made tags named 1 and None, silently.
    config = write_config(tmp_path / "config", [SOURCE], [])
    with (config / "tags.yaml").open("a") as tags:
        tags.write("1: {any: [one]}\nnull: {any: [nothing]}\n")
    done = fundwatch("sources", "check", config=config, db=tmp_path / "fundwatch.db")
    assert done.returncode == 2, done.stdout
    lines = [line.split("tags.yaml: ", 1)[1] for line in done.stderr.strip().splitlines()]
    assert lines == [
        "entry 1: a tag id is a word such as net_zero",
        "entry null: a tag id is a word such as net_zero",
    ]


def test_a_wrong_item_in_a_verdict_list_is_named(tmp_path):
    # Before: "field 'match.council_eligible': expected true or false or a list of yes, partner,
    # no, unclear", naming neither the item nor what it was.
    team = {"id": "team", "match": {"council_eligible": ["yes", "partnr"]}}
    line = said(tmp_path, subscriptions=[{**team, "email": {"to": ["t@x.gov.uk"]}}])
    assert line.endswith(
        "field 'match.council_eligible[1]': must be 'yes', 'partner', 'no' or 'unclear', got "
        "'partnr' (did you mean 'partner'?)"
    ), line


def test_a_word_yaml_reads_as_true_or_false_is_told_to_be_quoted(tmp_path):
    # `id: off` (walk12) said only "must be text, got false": the curator wrote off, not false.
    sources = "- id: off\n  kind: feed\n  urls: ['https://www.example.gov.uk/grants.atom']\n"
    config = write_config(tmp_path / "config", [SOURCE])
    (config / "sources.yaml").write_text(sources)
    done = fundwatch("sources", "check", config=config, db=tmp_path / "fundwatch.db")
    assert done.returncode == 2, done.stdout + done.stderr
    (line,) = done.stderr.strip().splitlines()
    assert line.endswith(
        "field 'id': must be text, got false (YAML reads a bare no, off or false as false: "
        "put the word in quotes)"
    ), line


def test_a_value_of_neither_shape_is_quoted_back_unless_it_looks_secret(tmp_path):
    # Before: "field 'match.council_eligible': expected true or false or a list of yes, partner,
    # no, unclear", not saying what was written ('maybe'), as every other field's error does.
    team = {"id": "team", "match": {"council_eligible": "maybe"}, "email": {"to": ["t@x.gov.uk"]}}
    line = said(tmp_path, subscriptions=[team])
    assert line.endswith(
        "field 'match.council_eligible': expected true or false or a list of yes, partner, no, "
        "unclear, got 'maybe'"
    ), line
    secret = {**team, "match": {"council_eligible": "xoxb-123456789012-abcdefghijkl"}}
    line = said(tmp_path / "secret", subscriptions=[secret])
    assert line.endswith("got a value not repeated here (it looks like a secret)"), line
