"""Detail pages: a source whose `detail` names more fields follows each call's link and reads
them there (a listing's title-and-link list, a feed's teasers whose pages hold the deadline).
A page read may name its own address (spiders/detail_address.py). A mailing's click tracker that
names no page is asked whatever the source says, for its redirect's Location alone: that is the
call's address (its page is then read only as any detail page is, under the source's hosts, and
no partner's page is fetched to learn it). A page answering 410 Gone was taken down on purpose:
its call is withdrawn, not stored, and the run says so without failing.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any
from urllib.parse import urljoin

from scrapy.http import Request, Response
from twisted.python.failure import Failure

from spiders.charset import with_true_charset
from spiders.detail_address import own_address
from spiders.failures import content_type, describe_failure, failure_line, is_document
from spiders.item_fields import read_fields
from spiders.items import OpportunitySighting
from spiders.normalise import canonical_url
from spiders.normalise.click_redirect import may_name_no_page, names_no_page
from spiders.normalise.text import as_text
from spiders.other_calls import drop_other_calls
from spiders.soft_404 import soft_404
from spiders.unread import drop_unread
from spiders.unread_fields import not_read

_REDIRECTS = [301, 302, 303, 307, 308]


class DetailPages:
    """For a SourceSpider: the request for a call's detail page, or the call as it is."""

    def with_detail(
        self, response: Response, sighting: OpportunitySighting
    ) -> Request | OpportunitySighting:
        if not self.source.detail and not _may_be_tracker(response.url, sighting.url):
            return sighting  # most links: made canonical once, when the call is normalised
        detail_url = canonical_url(sighting.url, response.url)
        if detail_url:  # (a tracker with no `detail` marks nothing: it gives no fields)
            # Unread from the moment its page is asked for, until that page is read: every way
            # the page can fail to be read (an error, a soft 404, a PDF, anything not read as a
            # page, or not JSON) keeps the fields only it gives as they were stored.
            self._unread(sighting)
        if detail_url and names_no_page(detail_url):
            return Request(
                detail_url,  # without the subscriber's e= (spiders/normalise/urls.py)
                callback=self.tracker_answered,
                errback=self.detail_failed,
                cb_kwargs={"sighting": sighting},
                dont_filter=True,
                meta={"dont_redirect": True, "handle_httpstatus_list": _REDIRECTS},
            )
        if not detail_url or not self.source.detail:
            return sighting
        return response.follow(
            detail_url,
            callback=self.parse_detail,
            errback=self.detail_failed,
            cb_kwargs={"sighting": sighting, "listed": detail_url},
            dont_filter=True,
        )

    def tracker_answered(
        self, response: Response, sighting: OpportunitySighting
    ) -> Iterator[OpportunitySighting | Request]:
        """Where a click tracker leads: its Location (or, had the redirect been followed, the
        answer's own address) is the call's address; its page is then read if `detail` asks."""
        location = response.headers.get("Location") if response.status in _REDIRECTS else None
        where = location.decode("latin-1") if location else response.url
        target = canonical_url(where, response.url)
        if target:
            sighting.url = target
        if not self.source.detail or not target or names_no_page(target):
            yield sighting  # (a tracker leading to a tracker is not asked again: no loop)
        elif location:
            yield self.with_detail(response, sighting)
        else:
            yield from self.parse_detail(response, sighting, listed=target)

    def parse_detail(
        self, response: Response, sighting: OpportunitySighting, listed: str | None = None
    ) -> Iterator[OpportunitySighting]:
        # An unreadable detail page still leaves the listing's own fields worth keeping; so does
        # one answered 200 that says it is not there, read as a 404 is (spiders/soft_404.py), and
        # a PDF; the fields only the page gives stay unread, as marked when it was asked for.
        response = with_true_charset(response)  # UTF-8 labelled ISO-8859-1 by its host (charset.py)
        if is_document(response):
            self.not_a_page(response)
        elif not self._soft_404(response):
            self.details_read += 1
            sighting.unread = []  # read: a field it no longer gives is gone, not unknown
            drop_unread(response)
            drop_other_calls(response.selector.root, response.body)  # "Related funds" cards
            assert self.source.detail is not None
            for name, value in read_fields(response.selector, self.source.detail.fields).items():
                if value is not None:
                    setattr(sighting, name, value)
            canonical = response.xpath("//link[@rel='canonical']/@href").get()
            if listed:  # the link followed, before any redirect
                sighting.url = own_address(listed, response.url, canonical, sighting.page_url)
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
        if reason == "HTTP 410":
            # Gone, on purpose: the call was withdrawn and the listing is behind. Not a fault of
            # the source, so no failure; said, as a note, and the call is not stored.
            self.not_followed.append(
                f"{request.url}: answered 410 Gone (taken down): "
                f"{request.cb_kwargs['sighting'].title!r} is withdrawn, not stored"
            )
            return
        if reason == "forbidden by robots.txt":
            self.logger.info(
                "detail page %s is disallowed by robots.txt: keeping the listing fields",
                request.url,
            )
        else:
            # With where its link started when a redirect led it off ("… (redirected from <the
            # link the listing gave>)"): named only where it led, no call could be told by it.
            self.problem(f"detail page {failure_line(failure)}", incomplete=False)
        yield request.cb_kwargs["sighting"]  # its detail fields unread since it was asked for

    def _unread(self, sighting: OpportunitySighting) -> None:
        """Mark the call's detail fields unread (kept as they were) until its detail page is
        read; marked when that page is asked for (with_detail, ApiDetail)."""
        if self.source.detail is not None:
            sighting.unread = not_read(sighting, self.source.detail.fields)


def _may_be_tracker(base: str, url: Any) -> bool:
    """Whether a link may be a click tracker that names no page (asked even with no `detail`),
    judged on the link as written, joined to its page: the cheap test that spares every other link
    of a source with no detail pages its canonicalising here. Anything odd is judged as before."""
    text = as_text(url)
    if not text or not may_name_no_page(text):
        return False  # no address (the call as it is, as canonical_url's None gave), or no tracker
    try:
        return names_no_page(urljoin(base, text.strip()))
    except (TypeError, ValueError):
        return True
