"""What the `api` kind's tests share (tests/test_api_kind.py, tests/test_api_paging.py): the real
samples in tests/api_samples, a Contracts Finder OCDS source, a response to parse and the items
and requests a parse gives."""

from __future__ import annotations

import asyncio
from pathlib import Path

from scrapy.http import Request, TextResponse

from config.models import Source
from spiders.api import ApiSpider
from spiders.items import OpportunitySighting

SAMPLES = Path(__file__).resolve().parent / "api_samples"  # real responses: see its README.md
CF = "https://www.contractsfinder.service.gov.uk/Published/Notices/OCDS/Search"
OCDS_FIELDS = {
    "title": "tender.title",
    "url": "awards[0].documents[?documentType=='awardNotice'].url | [0]",
    "ref": "ocid",
    "summary": "tender.description",
    "funder": "buyer.name",
    "closes": "tender.tenderPeriod.endDate",
    "amount": "awards[].value",
    "status": "tender.status == 'complete' && 'closed' || `null`",
    "eligibility": "tender.suitability.sme && 'Suitable for SMEs'",
    "buyer_type": "parties[?contains(roles || `[]`, 'buyer')].details.classifications[]"
    " | [?scheme=='UK_CA_TYPE'].description | [0]",
}


def sample(name: str) -> bytes:
    return (SAMPLES / name).read_bytes()  # in tests/api_samples/: a missing one is a failure


def source(**overrides) -> Source:
    raw = {"id": "api_test", "kind": "api", "urls": [CF], "item": "releases", "fields": OCDS_FIELDS}
    return Source.model_validate({**raw, **overrides})


def response(url: str, body: bytes | str, content_type: str = "application/json") -> TextResponse:
    body = body.encode() if isinstance(body, str) else body
    return TextResponse(
        url, body=body, headers={"Content-Type": content_type}, request=Request(url)
    )


def run(spider: ApiSpider, url: str, body: bytes | str, page: int = 1) -> tuple[list, list]:
    results = list(spider.parse(response(url, body), page=page))
    items = [r for r in results if isinstance(r, OpportunitySighting)]
    return items, [r for r in results if isinstance(r, Request)]


async def _start(spider: ApiSpider) -> list[Request]:
    return [request async for request in spider.start()]


def start(spider: ApiSpider) -> list[Request]:
    """The spider's first requests."""
    return asyncio.run(_start(spider))
