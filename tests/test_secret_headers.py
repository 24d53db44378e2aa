"""A source's secret header (`headers_env`: an Airtable-style API's `Authorization: Bearer …`) is
read from the environment, sent to the source's own host only, and never written anywhere: not in
the config, the crawl's or `sources try`'s output and logs, the repository, the HTTP cache, nor a
problem that quotes an API's error words, in plain, percent-encoded, JSON-escaped, base64 or hex
form. Before, no header could be configured at all (`headers_env` was an unknown key).

The loopback site here is built by the test (hand-built: two JSON answers and a detail document
on another loopback host)."""

from __future__ import annotations

import base64
import json
from pathlib import Path
from types import SimpleNamespace
from urllib.parse import quote

import pytest

from config.header_env import redact
from spiders.sources.site import LoopbackSite
from tests.crawl_helpers import fundwatch, write_config
from tests.reliability.secret_forms import forms
from tests.reliability.secret_forms import leaks as secret_leaks

pytestmark = pytest.mark.slow

# Characters that each encoding writes its own way (+ / = & % and letters beyond ASCII), so that
# percent-, form-, JSON-, quoted-printable and base64 forms all differ from the plain one and from
# each other: a scanner or a redaction that misses one form is seen to miss it.
SECRET = "Bearer patQ7+xK2/mN9=vR4&tY8%wE1.d3ad-Zürich€ß"
VARIABLE = "GRANTS_API_AUTH"
SECRETS = {"header": SECRET, "token": SECRET.split()[1]}
# What a loopback site reads of a header sent as UTF-8 bytes (http.server decodes them as Latin-1).
AS_RECEIVED = SECRET.encode().decode("latin-1")


def leaks(text: str | bytes) -> list[str]:
    """Each form of the header or its token (tests/reliability/secret_forms.py) found in `text`."""
    return secret_leaks(text if isinstance(text, bytes) else text.encode(), SECRETS)


def entry(base: str) -> dict:
    return {
        "id": "grants_api",
        "kind": "api",
        "urls": [f"{base}/v0/grants"],
        "item": "records[*]",
        "fields": {"title": "fields.Name", "url": "fields.Link", "closes": "fields.Deadline"},
        "next_page": "offset",
        "detail": {"url": "fields.More", "fields": {"summary": "notes"}},
        "follow_hosts": ["127.0.0.2"],
        "headers_env": {"Authorization": VARIABLE},
    }


def serve() -> tuple[LoopbackSite, LoopbackSite]:
    site, away = LoopbackSite().start(), LoopbackSite(host="127.0.0.2").start()
    records = [
        {"fields": {"Name": "Warm Spaces Fund", "Link": "https://grants.example/warm-spaces",
                    "Deadline": "2027-01-29", "More": f"{site.url}/v0/notes/warm"}},
        {"fields": {"Name": "Play Parks Fund", "Link": "https://grants.example/play-parks",
                    "Deadline": "2027-02-12", "More": f"{away.url}/notes/play"}},
    ]  # fmt: skip
    first = {"records": records, "offset": "/v0/grants?offset=itrB"}
    site.add("/v0/grants", json.dumps(first), content_type="application/json")
    # An API whose error quotes the token it was sent, as some do.
    refused = {"errors": [{"message": f"token '{SECRET.split()[1]}' has expired"}]}
    site.add("/v0/grants?offset=itrB", json.dumps(refused), content_type="application/json")
    site.add(
        "/v0/notes/warm", '{"notes": "Heat for community spaces."}', content_type="application/json"
    )
    away.add("/notes/play", '{"notes": "New play equipment."}', content_type="application/json")
    return site, away


def test_the_secret_goes_to_the_sources_host_only_and_is_written_nowhere(tmp_path: Path):
    site, away = serve()
    env = {VARIABLE: SECRET, "FUNDWATCH_CRAWL_LOG_LEVEL": "DEBUG"}
    try:
        config = write_config(tmp_path / "config", [entry(site.url)])
        db = tmp_path / "fundwatch.db"
        outputs = [
            fundwatch("crawl", config=config, db=db, env=env),
            fundwatch("sources", "try", "grants_api", config=config, db=db, env=env),
            fundwatch("sources", "try", "grants_api", "--json", config=config, db=db, env=env),
            fundwatch("sources", "status", "--json", config=config, db=db, env=env),
            fundwatch("sources", "check", config=config, db=db, env=env),
            # the snapshot folder `record` writes, which a curator commits
            fundwatch(
                *("sources", "record", "grants_api", "--into", str(tmp_path / "recorded")),
                config=config,
                db=db,
                env=env,
            ),
        ]
        exported = tmp_path / "exports"
        exported.mkdir()
        outputs += [  # open data, as published: every format, to files the scan below reads
            fundwatch(
                *("export", "--format", fmt, "--output", str(exported / f"calls.{fmt}")),
                config=config,
                db=db,
                env=env,
            )
            for fmt in ("json", "csv", "atom", "ics")
        ]
        own, other = site.hits, away.hits
    finally:
        site.stop()
        away.stop()
    crawl = outputs[0]
    said = crawl.stdout + crawl.stderr
    assert "the API answered with errors: token '[secret]' has expired" in said, said
    # Every request to the source's own host carried it, robots.txt's too; the other host's none.
    asked = [hit for hit in own if not hit.path.startswith("/robots")]
    assert asked and all(hit.headers.get("Authorization") == AS_RECEIVED for hit in asked)
    assert other and all("Authorization" not in hit.headers for hit in other)
    for result in outputs:
        assert leaks(result.stdout + result.stderr) == [], result.args
    assert (tmp_path / "recorded" / "grants_api" / "routes.yaml").is_file()
    assert len(list((tmp_path / "exports").iterdir())) == 4
    for path in tmp_path.rglob("*"):
        if path.is_file():
            assert leaks(path.read_bytes()) == [], path


def test_a_missing_variable_is_a_config_error_naming_file_entry_and_field(tmp_path: Path):
    config = write_config(tmp_path / "config", [entry("http://127.0.0.1:9")])
    for command in (
        ("sources", "check"),
        ("sources", "try", "grants_api"),
        ("crawl", "grants_api"),
    ):
        result = fundwatch(*command, config=config, db=tmp_path / "x.db", env={VARIABLE: ""})
        assert result.returncode == 2, (command, result.stderr)
        assert (
            f"sources.yaml: entry 'grants_api' (#1): field 'headers_env.Authorization': "
            f"environment variable {VARIABLE} is not set"
        ) in result.stderr
    listed = fundwatch("sources", "list", config=config, db=tmp_path / "x.db", env={VARIABLE: ""})
    assert listed.returncode == 0  # reading the config alone needs no secret


def test_a_missing_variable_stops_only_what_asks_that_source(tmp_path: Path):
    # Before, one source's unset variable stopped every crawl, even of other sources, and ingest
    # (which fetches nothing) with a config error (exit 2).
    other = {"id": "other_feed", "kind": "feed", "urls": ["http://127.0.0.1:9/feed.xml"]}
    config = write_config(tmp_path / "config", [entry("http://127.0.0.1:9"), other])
    db, unset = tmp_path / "x.db", {VARIABLE: ""}
    alone = fundwatch("crawl", "other_feed", config=config, db=db, env=unset)
    assert alone.returncode == 1 and "headers_env" not in alone.stderr, alone.stderr
    every = fundwatch("crawl", config=config, db=db, env=unset)
    assert every.returncode == 1, every.stderr  # each source's run fails; no config error
    assert (
        f"config error: source 'grants_api': field 'headers_env.Authorization': environment "
        f"variable {VARIABLE} is not set"
    ) in every.stdout + every.stderr
    # Said once: the request it stopped added "not fetched (a header's environment variable is
    # not set) on …" to the reason, and a second error to the summary (walk12).
    row = next(line for line in every.stdout.splitlines() if line.startswith("grants_api "))
    assert row.split()[-1] == "1" and "not fetched" not in every.stdout, every.stdout
    empty = tmp_path / "exports"
    empty.mkdir()
    ingested = fundwatch("ingest", str(empty), config=config, db=db, env=unset)
    assert ingested.returncode == 0, ingested.stderr


def test_a_saved_page_is_tried_without_the_secret(tmp_path: Path):
    # `sources try --file` fetches nothing, yet stopped with a config error (exit 2) for the unset
    # variable, though `sources record` ends by suggesting just that command (walk12).
    config = write_config(tmp_path / "config", [entry("http://127.0.0.1:9")])
    saved = tmp_path / "page-1.json"
    record = {
        "Name": "Warm Homes Grant",
        "Link": "http://127.0.0.1:9/warm",
        "Deadline": "2027-01-31",
    }
    saved.write_text(json.dumps({"records": [{"fields": record}]}))
    tried = fundwatch(
        "sources",
        "try",
        "grants_api",
        "--file",
        str(saved),
        config=config,
        db=tmp_path / "x.db",
        env={VARIABLE: ""},
    )
    assert tried.returncode == 0, tried.stdout + tried.stderr
    assert "Warm Homes Grant" in tried.stdout
    live = fundwatch(
        "sources", "try", "grants_api", config=config, db=tmp_path / "x.db", env={VARIABLE: ""}
    )
    assert live.returncode == 2 and "headers_env.Authorization" in live.stderr  # it would fetch


def test_a_value_written_where_the_variables_name_belongs_is_refused_and_not_printed(tmp_path):
    pasted = {**entry("http://127.0.0.1:9"), "headers_env": {"Authorization": SECRET}}
    config = write_config(tmp_path / "config", [pasted])
    result = fundwatch("sources", "check", config=config, db=tmp_path / "x.db")
    assert result.returncode == 2 and "must be the name of an environment variable" in result.stderr
    assert leaks(result.stdout + result.stderr) == []


def test_the_secrets_forms_all_differ_so_each_is_checked():
    written = forms(SECRETS["token"])
    for form in ("url-encoded", "form-encoded", "json-escaped", "quoted-printable", "base64 #0"):
        assert written[form] != written["plain"], form
    assert len({written[f] for f in ("url-encoded", "json-escaped", "quoted-printable")}) == 3


def test_redact_takes_out_every_written_form():
    token = SECRET.split()[1]
    text = f"a {SECRET} b {quote(token, safe='')} c {base64.b64encode(token.encode()).decode()}"
    text += f" d {json.dumps(token)} e {json.dumps(token, ensure_ascii=False)}"
    assert leaks(redact(text, [SECRET])) == []


def test_a_variable_gone_from_the_crawls_environment_fails_its_run_naming_it(monkeypatch):
    # The service reads the config without fetching (no secret needed to start): its crawl of the
    # source then fails with the header and the variable named, and asks nothing.
    from scrapy import Request
    from scrapy.exceptions import IgnoreRequest

    from config.models import Source
    from spiders.registry import make_spider
    from spiders.source_headers import SourceHeadersMiddleware

    monkeypatch.delenv(VARIABLE, raising=False)
    written = {**entry("https://api.grants.example"), "follow_hosts": []}
    spider = make_spider(Source.model_validate(written))
    with pytest.raises(IgnoreRequest):
        crawler = SimpleNamespace(spider=spider)
        SourceHeadersMiddleware(crawler).process_request(Request("https://api.grants.example/v0"))
    assert spider.problems == [
        f"config error: source 'grants_api': field 'headers_env.Authorization': environment "
        f"variable {VARIABLE} is not set (the header's value comes from the environment only)"
    ]


def test_a_detail_warning_that_quotes_the_secret_is_logged_without_it(monkeypatch, caplog):
    # Before, the warning was kept redacted but logged as the site wrote it.
    from config.models import Source
    from spiders.registry import make_spider

    monkeypatch.setenv(VARIABLE, SECRET)
    written = {**entry("https://api.grants.example"), "follow_hosts": []}
    spider = make_spider(Source.model_validate(written))
    with caplog.at_level("WARNING"):
        spider.detail_warning(f"not a web page on https://api.grants.example/x (said {SECRET})")
    assert caplog.records and leaks(caplog.text) == [], caplog.text
    assert leaks(" ".join(spider.detail_warnings)) == []
