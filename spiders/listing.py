"""Any list-of-opportunities page described in sources.yaml: item selector, fields, pagination, detail pages."""

from __future__ import annotations

import re
from collections.abc import Iterator
from functools import lru_cache
from typing import Any

from scrapy.http import Request, Response
from twisted.python.failure import Failure

from config.models import LabelSelector
from spiders.base import SourceSpider
from spiders.eligibility.reading import lead_in_mode
from spiders.extract import FieldReader, extract_first, select
from spiders.failures import describe_failure
from spiders.heading_rows import is_heading_row
from spiders.heading_sections import section_of
from spiders.heading_year import heading_month, heading_year, lacks_year, with_year
from spiders.items import OpportunitySighting
from spiders.normalise import canonical_url
from spiders.not_shown import drop_not_shown

LINK_FIELDS = ("url",)
DATE_FIELDS = ("opens", "closes")
# Fields whose row label is part of what the value means: "Maximum award: £950,000" is a maximum and
# "Total fund: £4,000,000" the whole pot. Read by label, they keep it, and a list of labels gathers
# every row present ("Award range: …; Total fund: …") instead of the first one only.
LABELLED_FIELDS = ("amount",)


def keeps_label(name: str, selector: Any) -> bool:
    """Whether a field read by label keeps it: money always; eligibility when its label leads a
    list of applicants ("Who can apply", "Eligibility", "Who cannot apply"), for the list under it
    reads only with its lead-in ("charities and town and parish councils" alone is unclear)."""
    if name in LABELLED_FIELDS:
        return True
    if name != "eligibility" or not isinstance(selector, LabelSelector):
        return False
    return _leads_lists(tuple(selector.labels))


@lru_cache(maxsize=256)  # asked for every item of every page: a source has a few labels
def _leads_lists(labels: tuple[str, ...]) -> bool:
    return all(lead_in_mode(label.strip().rstrip("?:") + ":") for label in labels)


def read_fields(node, selectors: dict) -> dict[str, str | None]:
    """Each configured field of one node; links take the first match, text joins all matches.
    An item that is a heading reads what it lacks in the section after it (heading_sections)."""
    fields = _read(node, selectors)
    missing = {name: sel for name, sel in selectors.items() if fields[name] is None}
    if missing and (section := section_of(node)) is not None:
        fields.update(_read(section, missing))
    return fields


def _read(node, selectors: dict) -> dict[str, str | None]:
    reader = FieldReader(node)
    return {
        name: extract_first(node, sel)
        if name in LINK_FIELDS and isinstance(sel, str)
        else reader.read(sel, labelled=keeps_label(name, sel))
        for name, sel in selectors.items()
    }


_ABSOLUTE = re.compile(r"https?://", re.IGNORECASE)


class ListingSpider(SourceSpider):
    def parse(self, response: Response, page: int = 1) -> Iterator[Any]:
        if not self.readable(response):
            return
        drop_not_shown(response)  # Webflow's badges for conditions that do not hold
        source = self.source
        nodes = select(response.selector, source.item or "")
        # Past the last numbered page a site answers with no items: the end, not a broken layout.
        if not nodes and not (source.page_param is not None and page > 1):
            self.problem(
                f"no items matched {source.item!r} on {response.url}: the page layout may have changed"
            )
        sightings = []
        for node in nodes:
            if is_heading_row(node.root):
                continue  # a month's or group's heading row in the table's body, not a call
            fields = read_fields(node, source.fields)
            for name in DATE_FIELDS:
                if lacks_year(fields.get(name)):
                    # No year in its words ("Fri 15 Jan"): the month heading above may give it.
                    year, month = heading_year(node), heading_month(node)
                    fields[name] = with_year(fields[name], year, month)
            link = fields.get("url")
            if isinstance(link, str) and link.strip() and not _ABSOLUTE.match(link.strip()):
                # As a browser reads it: against the page's <base href> when it has one. An absolute
                # link is left alone: joining every link cost 8 % of a page's parse (parse_listing).
                fields["url"] = response.urljoin(link.strip())
            sightings.append(
                self.sighting(response, **{k: v for k, v in fields.items() if v is not None})
            )
        refs = self.page_refs(response, sightings)
        for sighting in sightings:
            detail_url = canonical_url(sighting.url, response.url) if source.detail else None
            if detail_url:
                yield response.follow(
                    detail_url,
                    callback=self.parse_detail,
                    errback=self.detail_failed,
                    cb_kwargs={"sighting": sighting},
                    dont_filter=True,
                )
            else:
                yield sighting
        if source.page_param is not None:
            request = self.next_numbered_page(response, page, refs)
        else:
            request = self.follow_next(
                response, extract_first(response.selector, source.next_page), page, refs
            )
        if request is not None:
            yield request

    def parse_detail(
        self, response: Response, sighting: OpportunitySighting
    ) -> Iterator[OpportunitySighting]:
        assert self.source.detail is not None
        # An unreadable detail page still leaves the listing's own fields worth keeping.
        if self.readable(response, incomplete=False):
            drop_not_shown(response)
            for name, value in read_fields(response.selector, self.source.detail.fields).items():
                if value is not None:
                    setattr(sighting, name, value)
        yield sighting

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
