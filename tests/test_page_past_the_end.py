"""A numbered page past the last one may be refused (WordPress's REST API: 400; many CMSs: 404).
After page 1 that ends the listing; a first page refused, or a server error, is still a failure."""

from __future__ import annotations

import pytest
from scrapy.http import Request, Response
from scrapy.spidermiddlewares.httperror import HttpError
from twisted.python.failure import Failure

from spiders.failures import past_the_end


def refused(status: int, page: int) -> Failure:
    request = Request("https://funder.example.org/wp-json/wp/v2/grant", cb_kwargs={"page": page})
    response = Response(request.url, status=status, request=request)
    failure = Failure(HttpError(response, "Ignoring non-200 response"))
    failure.request = request  # as Scrapy sets it for an errback
    return failure


@pytest.mark.parametrize("status", [400, 404, 416])
def test_a_later_page_refused_is_the_end(status):
    assert past_the_end(refused(status, page=3))


@pytest.mark.parametrize(("status", "page"), [(400, 1), (404, 1), (500, 2), (403, 2), (429, 2)])
def test_a_first_page_refused_or_a_server_error_is_still_a_failure(status, page):
    assert not past_the_end(refused(status, page))
