"""The base every fundwatch spider stands on: one Source from sources.yaml, its start URLs, its errors."""

from __future__ import annotations

from collections.abc import AsyncIterator
from typing import Any
from urllib.parse import urlsplit

import scrapy
from scrapy.http import Response
from twisted.python.failure import Failure
from w3lib.url import add_or_replace_parameters

from config.header_env import SourceSecrets, redact
from config.models import Source
from config.selectors import entry_problems
from spiders.failures import (
    SaidAlready,
    content_type,
    failure_line,
    is_document,
    past_the_end,
)
from spiders.field_matches import FieldMatches
from spiders.items import OpportunitySighting
from spiders.listed_twice import Listed
from spiders.page_value import with_page_value
from spiders.same_page import tell_apart

# Listing pages in a row with no items that end a listing paged by next links (half a year of a
# calendar's months): an endless calendar is a crawler trap, and max_pages (10,000) no bound.
EMPTY_PAGES_END = 6


class SourceSpider(scrapy.Spider):
    """Subclasses implement `parse(response)`, yielding OpportunitySighting items and follow-up Requests.

    No `name` here: the spider name is the source id, set when the class is built for a source.
    """

    source: Source

    def __init__(self, source: Source, **kwargs: Any):
        super().__init__(name=source.id, **kwargs)
        self.source = source
        self.secrets = SourceSecrets(source)  # its secret headers, read once for the run
        self.problems: list[str] = []  # one line per thing that went wrong, for the run's reason
        self.incomplete = False  # set when pages were skipped (page cap, failed page)
        self._seen_refs: set[str] = set()  # item identities met so far, to see paging loop
        # Next pages left alone because the page before brought nothing new, with why: `sources
        # try` lists them, as a site that ignores the page parameter looks just like this.
        self.not_followed: list[str] = []
        self.listed: Listed = {}  # calls listed so far, to keep one listed twice once
        # A call's detail link that leads to no web page (a PDF the funder now links to): said
        # as a note on the call, not a failed run, unless no detail page of the run was read.
        self.detail_warnings: list[str] = []
        self.details_read = 0
        self.field_matches = FieldMatches()  # which configured fields matched any call yet
        # A selector that cannot compile would fail on every page: say which, and ask for none.
        self.broken = self.broken_selectors()
        for reason in self.broken:
            self.problem(reason)

    def broken_selectors(self) -> list[str]:
        """Why this source's selectors cannot be used, a line each (a kind's own language)."""
        if self.source.kind not in ("listing", "sitemap"):  # (CSS and XPath; a sitemap's detail)
            return []
        return [
            f"field '{where}': {why} (`fundwatch sources check` lists every broken selector)"
            for where, why in entry_problems(self.source.model_dump())
        ]

    @classmethod
    def from_crawler(cls, crawler: Any, *args: Any, **kwargs: Any) -> SourceSpider:
        # The configured delay is a floor: a source may ask for more, never less. Settings are
        # still open here (Scrapy freezes them once the spider is built), for a crawl and a node.
        source = kwargs.get("source")
        if source is not None and source.delay:
            floor = crawler.settings.getfloat("DOWNLOAD_DELAY")
            crawler.settings.set("DOWNLOAD_DELAY", max(floor, source.delay), priority="spider")
        return super().from_crawler(crawler, *args, **kwargs)

    async def start(self) -> AsyncIterator[Any]:
        if self.broken:
            return
        for url in self.source.urls:
            yield scrapy.Request(
                self.start_url(url),
                callback=self.parse,
                errback=self.on_error,
                cb_kwargs={"page": 1},
            )

    def start_url(self, url: str) -> str:
        """A configured URL with the source's `params`, and its first page number if it pages."""
        values = dict(self.source.params)
        url = add_or_replace_parameters(url, values) if values else url
        spec = self.source.page_param
        if spec is not None and spec.from_ is None and spec.name not in values:
            # Numbered pages ask for the first by its number; a cursor's first page, without one.
            url = with_page_value(url, spec.name, spec.start)
        return url

    def sighting(self, response: Response, **fields: Any) -> OpportunitySighting:
        return OpportunitySighting(
            source_id=self.source.id, page_url=response.url, tags=list(self.source.tags), **fields
        )

    def run_notes(self) -> list[str]:
        """What the run should say though nothing failed (storage/runs.py finish_run's notes)."""
        notes = [self.unsecret(f"not followed: {entry}") for entry in self.not_followed]
        return notes + ([] if self._no_detail_read() else self.detail_warnings)

    def unsecret(self, message: str) -> str:
        """A line as it may be kept or logged: a site's answer may quote a secret header back
        ("invalid token Bearer …"); every kept or logged line goes through here."""
        return redact(message, self.secrets.values)

    def run_problems(self) -> list[str]:
        """What fails the run: its problems, and the detail warnings when every detail page
        asked failed (a source whose every link now leads to a PDF is broken, not one call)."""
        return self.problems + (self.detail_warnings if self._no_detail_read() else [])

    def _no_detail_read(self) -> bool:
        return bool(self.detail_warnings) and not self.details_read

    def detail_warning(self, message: str) -> None:
        message = self.unsecret(message)
        self.detail_warnings.append(message)
        self.logger.warning(message)

    def page_refs(self, response: Response, sightings: list[OpportunitySighting]) -> list[str]:
        """A page's calls told apart where they share one link (spiders/same_page.py), and what
        names each, for the paging that stops when a page brings nothing new."""
        tell_apart(sightings, response.url)
        return [sighting.ref or sighting.url or "" for sighting in sightings]

    def problem(self, message: str, *, incomplete: bool = True) -> None:
        """Record a problem: the run is marked failed with it, and removals are not inferred."""
        message = self.unsecret(message)
        self.problems.append(message)
        if incomplete:
            self.incomplete = True
        self.logger.warning(message)

    def readable(self, response: Response, *, incomplete: bool = True) -> bool:
        """Whether selectors can read the answer (a web page). A document where a page should be
        (a PDF, an image, a download: spiders/failures.is_document, as detail pages judge it) is
        a problem naming what came, not an exception, and not read as HTML: Scrapy makes a
        TextResponse of a small PDF written in plain ASCII."""
        if not is_document(response):
            return True
        self.problem(
            f"not a web page on {response.url} ({content_type(response)})", incomplete=incomplete
        )
        return False

    def on_error(self, failure: Failure) -> None:
        """One plain line per failed request (spiders/failures.py), never a traceback."""
        if isinstance(failure.value, SaidAlready):
            return  # its reason is among the problems already
        self.problem(failure_line(failure, self.settings.getint("DOWNLOAD_MAXSIZE") or None))

    def follow_next(
        self,
        response: Response,
        href: str | None,
        page: int,
        refs: list[str] | None = None,
        *,
        empty_run: int = 0,
    ) -> scrapy.Request | None:
        """The next listing page, unless the page cap is reached (which makes the crawl incomplete),
        or this page's items (`refs`) were all met on earlier pages: a last page whose "next" leads
        back to the first, or a calendar that pages on forever over the same calls, ends there
        (complete or not is then a guess, so nothing is inferred removed). `empty_run` pages in a
        row had no items at all: a calendar linking the month after every month, for ever, ends
        after EMPTY_PAGES_END of them (a month or two with no deadline between two that have one
        is passed over)."""
        if not href:
            return None
        if empty_run >= EMPTY_PAGES_END:
            self.not_followed.append(
                f"{response.urljoin(href)}: {empty_run} pages in a row up to {response.url} had "
                "no calls (the end, or a calendar that links a next month for ever)"
            )
            return None
        if urlsplit(response.urljoin(href)).scheme.lower() not in ("http", "https"):
            # "javascript:__doPostBack(…)" (an ASP.NET WebForms pager) posts the page's form: there
            # is no address to ask, and Scrapy would raise on it.
            shown = href if len(href) <= 40 else href[:40] + "…"
            self.problem(
                f"next page on {response.url} is not a link ({shown}): a script's pager, such as "
                "ASP.NET's __doPostBack, posts a form; fundwatch reads only the pages links lead "
                "to (README: 'A pager that is not a link')"
            )
            return None
        if not self._brought_new(refs):
            # A guess that this is the end, so no removals are inferred from it.
            self.incomplete = True
            self.logger.info(f"not following {href}: every item on {response.url} was met before")
            self.not_followed.append(
                f"{response.urljoin(href)}: every call on {response.url} was on an earlier page "
                "(the end, or a site that ignores the page parameter and answers page 1 again)"
            )
            return None
        if self._at_page_cap(response, page):
            return None
        kwargs: dict[str, Any] = {"page": page + 1}
        if empty_run:
            kwargs["empty_run"] = empty_run  # only a listing's parse counts them
        return response.follow(href, callback=self.parse, errback=self.on_error, cb_kwargs=kwargs)

    def next_numbered_page(
        self, response: Response, page: int, refs: list[str]
    ) -> scrapy.Request | None:
        """Pagination by a page number (`page_param`): the next page, until one brings no new items
        (an empty page, or a site that answers past the end with its last page again)."""
        spec = self.source.page_param
        if spec is None or not self._brought_new(refs, empty_ends=True):
            return None
        if self._at_page_cap(response, page):
            return None
        url = with_page_value(response.url, spec.name, spec.start + page * spec.step)
        return scrapy.Request(
            url,
            callback=self.parse,
            errback=self.numbered_page_failed,
            cb_kwargs={"page": page + 1},
        )

    def numbered_page_failed(self, failure: Failure) -> None:
        """A numbered page past the last one may be refused rather than empty: WordPress's REST API
        answers 400 (rest_post_invalid_page_number), many CMSs 404. After page 1 was read, that is
        the end of the listing, not a broken source (every crawl of such a site used to fail)."""
        if past_the_end(failure):
            self.logger.info("%s: the end of the numbered pages", failure_line(failure))
            return
        self.on_error(failure)

    def _at_page_cap(self, response: Response, page: int) -> bool:
        """Whether `page` is the source's last allowed (said as a problem: the crawl is cut short),
        for a next link and a page number alike."""
        if page < self.source.max_pages:
            return False
        self.problem(
            f"stopped at the page cap (max_pages: {self.source.max_pages}) on {response.url}"
        )
        return True

    def met_before(self, ref: str | None) -> bool:
        """Whether a call whose page `detail` reads was named by an earlier page of this crawl (a
        newest-first list that shifted between two pages, a carousel on every page): the store
        keeps its first sighting, so its page is not asked again."""
        return bool(self.source.detail and ref and ref in self._seen_refs)

    def _brought_new(self, refs: list[str] | None, *, empty_ends: bool = False) -> bool:
        """Whether a page named an item no earlier page of this crawl did. A page of items with no
        identity at all proves nothing (they are reported as broken elsewhere), unless an empty
        page is the end (numbered pages: past the last one a site answers with none)."""
        if refs is None:
            return True
        named = [ref for ref in refs if ref]
        fresh = [ref for ref in named if ref not in self._seen_refs]
        self._seen_refs.update(named)
        return bool(fresh) or (not named and not empty_ends)


__all__ = ["SourceSpider"]
