"""A CDN's bot check answering the crawl (403 and a "Just a moment..." page whose script would set
a clearance cookie) is named in the problem line: before, it read "HTTP 403 on …", which says
nothing to a curator whose browser passes the check in a second (tests/sites/bot_challenge_403).
Judged on a header only the service sends, or its title beside its Server header; a plain 403
stays a bare "HTTP 403"."""

from __future__ import annotations

import pytest
from scrapy.http import HtmlResponse
from scrapy.spidermiddlewares.httperror import HttpError
from twisted.python.failure import Failure

from spiders.bot_check import bot_check
from spiders.failures import describe_failure

CHALLENGE = b"<!DOCTYPE html><html><head><title>Just a moment...</title></head><body></body></html>"
DENIED = b"<html><head><title>Access Denied</title></head><body>Reference #18.2f</body></html>"
FORBIDDEN = b"<html><head><title>403 Forbidden</title></head><body><h1>Forbidden</h1></body></html>"
INCAPSULA = b'<html><head><META NAME="robots" CONTENT="noindex,nofollow"><script src="/_Incapsula_Resource?SWJIYLWA=5074"></script></head></html>'
AWS = b"<html><head><title>Human Verification</title></head></html>"


def answer(status: int, body: bytes, **headers: str) -> HtmlResponse:
    heads = {name.replace("_", "-"): value for name, value in headers.items()}
    return HtmlResponse(
        "https://www.wexcombe.example.gov.uk/grants", status=status, body=body, headers=heads
    )


@pytest.mark.parametrize(
    ("response", "service"),
    [
        (answer(403, CHALLENGE, cf_mitigated="challenge", Server="cloudflare"), "Cloudflare"),
        (answer(503, CHALLENGE, Server="cloudflare"), "Cloudflare"),
        (answer(403, DENIED, Server="AkamaiGHost"), "Akamai"),
        (answer(405, AWS, x_amzn_waf_action="captcha"), "AWS WAF"),
        (answer(403, b"{}", x_datadome="protected"), "DataDome"),
        (answer(403, INCAPSULA), "Imperva"),
        # Not a bot check: a plain 403, "Access Denied" from a server that is no CDN, a 404.
        (answer(403, FORBIDDEN, Server="nginx"), None),
        (answer(403, DENIED, Server="Apache"), None),
        (answer(404, CHALLENGE, cf_mitigated="challenge"), None),
        (answer(403, CHALLENGE), None),  # the title alone: any 403 template may share it
    ],
)
def test_the_service_is_named_from_what_the_answer_says_of_itself(response, service):
    assert bot_check(response.status, response.headers, response.body) == service


def test_a_bot_check_is_named_in_the_problem_line():
    challenged = Failure(HttpError(answer(403, CHALLENGE, cf_mitigated="challenge")))
    # Before: "HTTP 403".
    assert describe_failure(challenged) == (
        "HTTP 403 (Cloudflare's bot check: it needs a browser running scripts)"
    )
    plain = Failure(HttpError(answer(403, FORBIDDEN, Server="nginx")))
    assert describe_failure(plain) == "HTTP 403"
