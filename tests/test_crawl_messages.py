"""Crawls a person can follow: each failure is one plain line, logged at WARNING as it happens and
kept as the run's reason; no tracebacks, no exception class names; progress lines per source."""

from __future__ import annotations

import io
import logging
import re
import sys

import pytest
import sqlite_utils
from OpenSSL import SSL
from scrapy import Request
from scrapy.exceptions import (
    CannotResolveHostError,
    DownloadCancelledError,
    DownloadConnectionRefusedError,
    DownloadFailedError,
    DownloadTimeoutError,
    IgnoreRequest,
    ResponseDataLossError,
    UnsupportedURLSchemeError,
)
from scrapy.http import Response
from scrapy.spidermiddlewares.httperror import HttpError
from twisted.internet import error as tx
from twisted.python.failure import Failure
from twisted.web._newclient import ResponseFailed, ResponseNeverReceived

from spiders.crawl_log import LibraryNoise, OneLine
from spiders.failures import Refusal, describe_failure, failure_line
from spiders.progress import progress_line, progress_plan
from tests.crawl_helpers import fundwatch, write_config
from tests.smtp_server import free_port
from tests.test_crawl_e2e import FEED, ROBOTS

CLASS_NAME = re.compile(r"\b[A-Z]\w*(Error|Exception|Failure)\b")


def feed(source_id: str, url: str) -> dict:
    return {"id": source_id, "kind": "feed", "urls": [url], "funder": "Example Funder"}


def crawl(tmp_path, sources: list[dict], env: dict | None = None, **crawl_settings):
    config = write_config(tmp_path / "config", sources, crawl=crawl_settings or None)
    db = tmp_path / "fundwatch.db"
    result = fundwatch("crawl", config=config, db=db, env=env)
    runs = {r["source_id"]: r for r in sqlite_utils.Database(db)["runs"].rows}
    return result, runs


@pytest.mark.slow
def test_each_failure_is_one_plain_line_in_the_log_and_the_reason(site, tmp_path):
    site.add("/robots.txt", ROBOTS, content_type="text/plain")
    site.add("/feed.atom", FEED, content_type="application/atom+xml")
    site.add("/a", "", redirect="{{SITE}}/b")
    site.add("/b", "", status=301, redirect="{{SITE}}/a")
    for hop in range(22):
        site.add(f"/hop/{hop}", "", redirect=f"{{{{SITE}}}}/hop/{hop + 1}")
    site.add("/huge.atom", FEED + "<!--" + "x" * 8000 + "-->", content_type="application/atom+xml")
    port = free_port()  # nothing listens there
    https = site.url.replace("http://", "https://")
    result, runs = crawl(
        tmp_path,
        [
            feed("refused", f"http://127.0.0.1:{port}/feed.atom"),
            feed("looping", f"{site.url}/a"),
            feed("endless", f"{site.url}/hop/0"),
            feed("huge", f"{site.url}/huge.atom"),
            feed("unknown_host", "http://no-such-host.invalid/feed.atom"),
            feed("not_tls", f"{https}/feed.atom"),
            feed("fine", f"{site.url}/feed.atom"),
        ],
        max_bytes=4096,
    )
    expected = {
        "refused": f"connection refused on http://127.0.0.1:{port}/feed.atom",
        "looping": f"redirect loop on {site.url}/b (redirected from {site.url}/a)",
        "endless": f"too many redirects (more than 20) on {site.url}/hop/20 "
        f"(redirected from {site.url}/hop/0)",
        "huge": f"larger than the 4096-byte limit on {site.url}/huge.atom",
        "unknown_host": "host not found on http://no-such-host.invalid/feed.atom",
        "not_tls": f"TLS handshake failed (wrong version number) on {https}/feed.atom",
    }
    assert result.returncode == 1
    assert {k: r["reason"] for k, r in runs.items() if r["outcome"] != "ok"} == expected
    assert runs["fine"]["items"] == 3
    output = result.stdout + result.stderr
    assert "Traceback" not in output
    assert CLASS_NAME.findall(output) == [], output
    for source_id, reason in expected.items():
        assert result.stderr.splitlines().count(f"{source_id}: {reason}") == 1, result.stderr
        assert f"  {source_id} failed: {reason}" in result.stdout
    # The crawl says nothing else: the launcher's first line, and one line per problem.
    assert len(result.stderr.splitlines()) == 1 + len(expected), result.stderr


@pytest.mark.slow
def test_progress_lines_per_source_and_a_debug_level_that_shows_everything(site, tmp_path):
    site.add("/robots.txt", ROBOTS, content_type="text/plain")
    site.add("/feed.atom", FEED, content_type="application/atom+xml", hang=1.2)
    result, runs = crawl(
        tmp_path, [feed("slow_feed", f"{site.url}/feed.atom")], {"FUNDWATCH_CRAWL_PROGRESS": "0.3"}
    )
    lines = result.stderr.splitlines()
    assert "slow_feed: 0 pages, 0 items so far" in lines
    assert lines[-1] == "slow_feed: done, 1 page, 3 items"

    quiet, _ = crawl(tmp_path / "piped", [feed("slow_feed", f"{site.url}/feed.atom")])
    assert [line for line in quiet.stderr.splitlines() if line.startswith("slow_feed")] == []

    # What the debug level shows needs no slow page: Scrapy says so as the spider opens.
    site.add("/feed.atom", FEED, content_type="application/atom+xml")
    loud, _ = crawl(
        tmp_path / "debug",
        [feed("slow_feed", f"{site.url}/feed.atom")],
        {"FUNDWATCH_CRAWL_LOG_LEVEL": "INFO"},
    )
    assert "[scrapy.core.engine] INFO: Spider opened" in loud.stderr


def test_progress_is_chosen_for_a_person_at_a_terminal_and_kept_short_elsewhere():
    assert progress_plan("auto", interactive=True) == (10.0, True)
    assert progress_plan("auto", interactive=False) == (60.0, False)
    assert progress_plan("never", interactive=True) == (None, False)
    assert progress_plan("2.5", interactive=False) == (2.5, True)
    assert (
        progress_line("ukri_opportunities", 12, 118)
        == "ukri_opportunities: 12 pages, 118 items so far"
    )
    assert progress_line("x", 1, 1, 0) == "x: done, 1 page, 1 item"
    assert progress_line("x", 2, 0, 1) == "x: done, 2 pages, 0 items, 1 problem"


def failed(exc: BaseException, url: str = "https://funder.example/feed", **meta) -> Failure:
    failure = Failure(exc)
    failure.request = Request(url, meta=meta)
    return failure


def http_error(status: int) -> HttpError:
    return HttpError(Response("https://funder.example/feed", status=status), "ignored")


def tls_error(reason: str) -> ResponseNeverReceived:
    return ResponseNeverReceived([Failure(SSL.Error([("SSL routines", "", reason)]))])


def wrapped(cause: BaseException) -> DownloadFailedError:
    error = DownloadFailedError(str(cause))
    error.__cause__ = cause
    return error


REASONS = [
    (
        DownloadConnectionRefusedError("Connection was refused by other side: 111."),
        "connection refused",
    ),
    (tx.ConnectionRefusedError(), "connection refused"),
    (CannotResolveHostError("DNS lookup failed: no results for hostname lookup"), "host not found"),
    (tx.DNSLookupError("x"), "host not found"),
    (DownloadTimeoutError("Getting x took longer than 3.0 seconds."), "timed out"),
    (tx.TCPTimedOutError(), "timed out"),
    (
        DownloadCancelledError(
            "Expected to receive 9000 bytes which is larger than download max size (4096)"
        ),
        "larger than the 4096-byte limit",
    ),
    (
        DownloadCancelledError(""),
        "larger than the 2048-byte limit",
    ),  # cut off mid-way: the limit given
    (ResponseDataLossError(), "connection lost before the page was complete"),
    (wrapped(ResponseFailed([Failure(tx.ConnectionLost())])), "connection lost"),
    (
        ResponseNeverReceived([Failure(tx.ConnectionLost("Connection reset by peer"))]),
        "connection reset",
    ),
    (tx.NoRouteError(), "no route to host"),
    (tls_error("wrong version number"), "TLS handshake failed (wrong version number)"),
    (
        tls_error("certificate verify failed"),
        "TLS certificate not accepted (certificate verify failed)",
    ),
    (UnsupportedURLSchemeError("ftp"), "unsupported URL scheme"),
    (http_error(503), "HTTP 503"),
    (IgnoreRequest("Forbidden by robots.txt"), "forbidden by robots.txt"),
    (Refusal("redirect loop"), "redirect loop"),
    (Refusal("refused: 10.0.0.5 is a private address"), "refused: 10.0.0.5 is a private address"),
]


@pytest.mark.parametrize("exc,reason", REASONS, ids=[r for _, r in REASONS])
def test_failures_are_described_in_plain_words(exc, reason):
    assert describe_failure(failed(exc), max_bytes=2048) == reason
    assert CLASS_NAME.search(reason) is None


def test_a_failure_line_names_the_url_and_where_a_redirect_started():
    first = failed(tx.ConnectionRefusedError(), "http://b.example/x")
    assert failure_line(first) == "connection refused on http://b.example/x"
    hop = failed(
        Refusal("redirect loop"), "http://a.example/2", redirect_urls=["http://a.example/1"]
    )
    assert (
        failure_line(hop)
        == "redirect loop on http://a.example/2 (redirected from http://a.example/1)"
    )


def record(name: str, level: int, message: str, error: BaseException | None = None):
    line = logging.LogRecord(name, level, __file__, 1, message, None, None)
    if error is not None:
        try:
            raise error
        except type(error):
            line.exc_info = sys.exc_info()
    return line


def test_the_default_log_is_our_lines_and_library_errors_without_tracebacks():
    stream = io.StringIO()
    handler = logging.StreamHandler(stream)
    handler.addFilter(LibraryNoise())
    handler.setFormatter(OneLine())
    for line in [
        record("ukri_opportunities", logging.WARNING, "HTTP 500 on https://x/"),
        record("scrapy.core.downloader.handlers.http11", logging.WARNING, "Expected to receive"),
        record("scrapy.downloadermiddlewares.retry", logging.ERROR, "Gave up retrying <GET x>"),
        record("py.warnings", logging.WARNING, "ScrapyDeprecationWarning: something"),
        record("scrapy.core.scraper", logging.ERROR, "Error processing {}\n…", ValueError("a\nb")),
    ]:
        handler.handle(line)
    assert stream.getvalue().splitlines() == [
        "ukri_opportunities: HTTP 500 on https://x/",
        "scrapy: Error processing {} (ValueError: a b)",
    ]
