"""An api source's detail documents: each item followed to another JSON document that holds the
call's facts, read with the same JMESPath syntax (kind: api, `detail`).

GOV.UK's search API lists results with a `link` ("/government/publications/…") and keeps each
one's facts in its Content API, `https://www.gov.uk/api/content<link>`: `detail: {url:
"join('', ['/api/content', link])", fields: {closes: "details.closing_date"}}`. Without `url`, the
item's own `url` is followed. Requests go through the crawl as any other (robots.txt, the delay
floor, Retry-After, the address rules); a document that fails, or is not JSON, leaves the call
with the item's own fields, as an HTML detail page does (spiders/detail_pages.py).
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from jmespath.parser import ParsedResult
from scrapy.http import Request, Response

from spiders.failures import is_document
from spiders.items import OpportunitySighting
from spiders.linked_records import resolve_links
from spiders.normalise import canonical_url
from spiders.page_json import answer_json, asking_for_json


class ApiDetail:
    """For ApiSpider (with DetailPages' errback): the request for an item's detail document."""

    def detail_request(
        self, response: Response, element: Any, sighting: OpportunitySighting
    ) -> Request | OpportunitySighting:
        paths = self.paths
        if not paths.detail_fields:
            return sighting
        href = self._search(paths.detail_url, element) if paths.detail_url else sighting.url
        url = canonical_url(href, response.url) if isinstance(href, str) else None
        if not url:
            if paths.detail_url is not None:
                self.logger.info(
                    "no detail address at %r for %r", self.source.detail.url, sighting.title
                )
            return sighting
        # Unread until its document is read (a failure, a PDF, not JSON): DetailPages' one rule.
        self._unread(sighting)  # type: ignore[attr-defined]  # (DetailPages')
        request = response.follow(
            url,
            callback=self.parse_detail,
            errback=self.detail_failed,
            cb_kwargs={"sighting": sighting},
            dont_filter=True,
        )
        return asking_for_json(request)

    def parse_detail(
        self, response: Response, sighting: OpportunitySighting
    ) -> Iterator[OpportunitySighting]:
        """The document's fields over the item's; one that does not read as JSON is a problem
        naming it, and the call keeps the item's own fields."""
        if is_document(response):
            self.not_a_page(response)  # a PDF the item links to: a warning on the call
            yield sighting
            return
        data, problem = answer_json(response, self.source.json_script)
        if problem is not None:
            self.problem(f"detail document {problem}", incomplete=False)
        else:
            self.details_read += 1
            sighting.unread = []  # read: a field it no longer gives is gone, not unknown
            values = self._read(resolve_links(data), self.paths.detail_fields)
            for name, value in values.items():
                if name == "present":  # the item's own and the document's, together
                    value = [*sighting.present, *value]
                setattr(sighting, name, value)
        yield sighting


def detail_paths(compiled: Any, detail: Any) -> tuple[ParsedResult | None, dict[str, Any]]:
    """(the detail url's path, each detail field's path), compiled by `compiled(where, text)`."""
    if detail is None:
        return None, {}
    url = compiled("'detail.url'", detail.url) if detail.url else None
    fields = {
        name: parsed
        for name, expression in detail.fields.items()
        if (parsed := compiled(f"field 'detail.fields.{name}'", str(expression))) is not None
    }
    return url, fields
