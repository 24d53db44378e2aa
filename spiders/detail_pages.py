"""Detail pages: a source whose `detail` names more fields follows each call's link and reads
them there (a listing's title-and-link list, a feed's teasers whose pages hold the deadline).
"""

from __future__ import annotations

from collections.abc import Iterator

from scrapy.http import Request, Response
from twisted.python.failure import Failure

from spiders.failures import content_type, describe_failure, is_document
from spiders.item_fields import read_fields
from spiders.items import OpportunitySighting
from spiders.normalise import canonical_url
from spiders.soft_404 import soft_404
from spiders.unread import drop_unread


class DetailPages:
    """For a SourceSpider: the request for a call's detail page, or the call as it is."""

    def with_detail(
        self, response: Response, sighting: OpportunitySighting
    ) -> Request | OpportunitySighting:
        detail_url = canonical_url(sighting.url, response.url) if self.source.detail else None
        if not detail_url:
            return sighting
        return response.follow(
            detail_url,
            callback=self.parse_detail,
            errback=self.detail_failed,
            cb_kwargs={"sighting": sighting},
            dont_filter=True,
        )

    def parse_detail(
        self, response: Response, sighting: OpportunitySighting
    ) -> Iterator[OpportunitySighting]:
        assert self.source.detail is not None
        # An unreadable detail page still leaves the listing's own fields worth keeping; so does
        # one answered 200 that says it is not there, read as a 404 is (spiders/soft_404.py).
        if is_document(response):
            self.not_a_page(response)
        elif not self._soft_404(response):
            self.details_read += 1
            drop_unread(response)
            for name, value in read_fields(response.selector, self.source.detail.fields).items():
                if value is not None:
                    setattr(sighting, name, value)
        yield sighting

    def not_a_page(self, response: Response) -> None:
        """A call's link that now leads to a PDF or a download: the funder's link, which the
        curator cannot change, so a warning on that call (a note of an ok run), not a failure."""
        self.detail_warning(
            f"not a web page on {response.url} ({content_type(response)}): a call's detail "
            "link; the call is stored with its listing's fields"
        )

    def _soft_404(self, response: Response) -> bool:
        words = soft_404(response.selector)
        if words is not None:
            self.problem(
                f'detail page not found (HTTP {response.status}, "{words}") on {response.url}',
                incomplete=False,
            )
        return words is not None

    def detail_failed(self, failure: Failure) -> Iterator[OpportunitySighting]:
        """The listing's own fields are still worth keeping; the run is marked failed with the reason
        (except for robots.txt, which is the site's wish, not a fault)."""
        request: Request = failure.request  # type: ignore[attr-defined]
        reason = describe_failure(failure)
        if reason == "forbidden by robots.txt":
            self.logger.info(
                "detail page %s is disallowed by robots.txt: keeping the listing fields",
                request.url,
            )
        else:
            self.problem(f"detail page {reason} on {request.url}", incomplete=False)
        yield request.cb_kwargs["sighting"]
