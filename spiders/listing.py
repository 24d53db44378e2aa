"""Any list-of-opportunities page described in sources.yaml: item selector, fields, pagination, detail pages."""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import Any

from scrapy.http import Response

from config.lazy_pattern import lazy_pattern
from spiders.base import SourceSpider
from spiders.charset import with_true_charset
from spiders.consent_wall import ask_past_wall, wall_words
from spiders.cross_references import without_cross_references
from spiders.detail_pages import DetailPages
from spiders.disabled_next import next_link_disabled
from spiders.embedded_frames import frame_words
from spiders.empty_sections import EmptySections
from spiders.extract import extract_first, select
from spiders.heading_rows import is_heading_row
from spiders.heading_year import (
    heading_month,
    heading_year,
    lacks_month,
    lacks_year,
    with_month,
    with_year,
)
from spiders.item_fields import read_fields
from spiders.json_fragments import as_page
from spiders.listed_twice import once_each
from spiders.soft_404 import soft_404
from spiders.summary_rows import is_summary_row
from spiders.unread import drop_unread

DATE_FIELDS = ("opens", "closes")


_ABSOLUTE = lazy_pattern(r"https?://", re.IGNORECASE)


class ListingSpider(EmptySections, DetailPages, SourceSpider):
    def parse(self, response: Response, page: int = 1, empty_run: int = 0) -> Iterator[Any]:
        if not self.readable(response):
            return
        response = with_true_charset(response)  # UTF-8 labelled ISO-8859-1 by its host (charset.py)
        # A "Load more" answer of JSON holding the next cards' HTML (spiders/json_fragments.py).
        answered_next = None
        if (fragment := as_page(response, later=page > 1)) is not None:
            response, answered_next = fragment
        drop_unread(response)  # hidden badges, footnote marks, struck old dates
        source = self.source
        nodes = select(response.selector, source.item or "")
        # Past the last numbered page a site answers with no items: the end, not a broken layout.
        # A page a next link leads to may hold none too (a calendar's month with no deadline, a
        # last "Next" to an empty page): the layout that matched page 1 has not changed.
        empty_run = 0 if nodes else empty_run + 1
        if not nodes and not (source.page_param is not None and page > 1):
            if again := ask_past_wall(response):
                yield again  # a consent wall's page: asked once more, with the cookie it set
                return
            gone = soft_404(response.selector)  # a CMS's "Page not found", answered 200
            if gone:
                self.problem(
                    f'page not found (HTTP {response.status}, "{gone}") on {response.url}: no items'
                )
            elif page == 1:
                self.empty_section(
                    response.url,
                    f"no items matched {source.item!r} on {response.url}: the page layout may "
                    f"have changed{wall_words(response)}"
                    + frame_words(response.selector, response.urljoin),
                )
        elif nodes and not self.matched_items:
            self.matched_items = True
            self.sections_matched()
        sightings = []
        for node in nodes:
            if is_heading_row(node.root) or is_summary_row(node.root):
                continue  # a month's or group's heading row, or the table's count row: no call
            fields = read_fields(node, source.fields)
            for name in DATE_FIELDS:
                if lacks_year(fields.get(name)):
                    # No year in its words ("Fri 15 Jan"): the month heading above may give it.
                    year, month = heading_year(node), heading_month(node)
                    fields[name] = with_year(fields[name], year, month)
                elif lacks_month(fields.get(name)):
                    # A timeline's "Thu 14" under its "January 2027" item: month and year both.
                    fields[name] = with_month(fields[name], heading_year(node), heading_month(node))
            link = fields.get("url")
            if isinstance(link, str) and link.strip() and not _ABSOLUTE.match(link.strip()):
                # As a browser reads it: against the page's <base href> when it has one. An absolute
                # link is left alone: joining every link cost 8 % of a page's parse (parse_listing).
                fields["url"] = response.urljoin(link.strip())
            sightings.append(
                self.sighting(response, **{k: v for k, v in fields.items() if v is not None})
            )
        # A featured strip's "…?ref=featured" beside the list's own link: one call (listed_twice.py).
        sightings = once_each(sightings, response.url, self.listed)
        # An A to Z's "Footpath grants – see Parish Paths Grants": that call (cross_references.py).
        sightings = without_cross_references(sightings, response.url)
        refs = self.page_refs(response, sightings)
        for sighting, ref in zip(sightings, refs, strict=True):
            if self.met_before(ref):
                continue  # its page was asked for on an earlier page
            yield self.with_detail(response, sighting)
        if source.page_param is not None:
            request = self.next_numbered_page(response, page, refs)
        elif next_link_disabled(response.selector, source.next_page):
            # The last page's greyed-out "Next" (spiders/disabled_next.py): the end, not a page.
            request = None
        elif (
            href := extract_first(response.selector, source.next_page) or answered_next or ""
        ).isdigit():
            # A page number, not an address (a button's value="2", a pager's "2"): joined as a
            # path it was asked as "…/grants/2", a 404 that named the wrong cause.
            request = None
            self.problem(
                f"next page on {response.url} is a page number ({href!r}), not a link: name the "
                "link or the form's button itself, or page by number with page_param (README: "
                "Pagination)"
            )
        else:
            request = self.follow_next(response, href, page, refs, empty_run=empty_run)
        if request is not None:
            yield request
