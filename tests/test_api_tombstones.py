"""A record an API keeps only to say it is gone (OAI-PMH's `<header status="deleted">` with no
metadata) is no call. Before, it was yielded with nothing but its ref and the crawl failed
"'oai:…:call/103' on … is missing title, url" (tests/sites/README.md, round 28)."""

from __future__ import annotations

from scrapy.http import Request, TextResponse

from config.models import Source
from spiders.registry import make_spider
from spiders.tombstones import without_tombstones

URL = "https://oai.example.org/oai?verb=ListRecords&metadataPrefix=oai_dc"
RECORD = """<record><header><identifier>oai:x:{n}</identifier></header><metadata>
<oai_dc:dc xmlns:oai_dc="http://www.openarchives.org/OAI/2.0/oai_dc/"
 xmlns:dc="http://purl.org/dc/elements/1.1/"><dc:title>Fund {n}</dc:title>
<dc:identifier>https://www.example.org/calls/{n}</dc:identifier><dc:identifier>X-{n}</dc:identifier>
</oai_dc:dc></metadata></record>"""
DELETED = '<record><header status="deleted"><identifier>oai:x:3</identifier></header></record>'


def _yielded(records: str, title: str = "metadata[0].dc[0].title") -> list:
    body = (
        '<?xml version="1.0"?><OAI-PMH xmlns="http://www.openarchives.org/OAI/2.0/">'
        f"<ListRecords>{records}</ListRecords></OAI-PMH>"
    )
    source = Source.model_validate(
        {
            "id": "oai",
            "kind": "api",
            "urls": [URL],
            "item": '"OAI-PMH".ListRecords[0].record[*]',
            "fields": {
                "title": title,
                "url": "metadata[0].dc[0].identifier[0]",
                "ref": "header[0].identifier",
            },
        }
    )
    response = TextResponse(
        URL, body=body.encode(), headers={"Content-Type": "text/xml"}, request=Request(URL)
    )
    return list(make_spider(source).parse(response))


def test_a_deleted_record_beside_calls_is_passed_over():
    records = RECORD.format(n=1) + DELETED + RECORD.format(n=2)
    # Before: three items, the second with nothing but ref "oai:x:3".
    assert [(item.title, item.ref) for item in _yielded(records)] == [
        ("Fund 1", "oai:x:1"),
        ("Fund 2", "oai:x:2"),
    ]


def test_when_no_record_reads_a_title_every_one_is_kept_for_the_run_to_fail_on():
    records = RECORD.format(n=1) + DELETED
    assert [item.ref for item in _yielded(records, title="metadata[0].dc[0].name")] == [
        "oai:x:1",
        "oai:x:3",
    ]


def test_only_a_record_giving_nothing_but_its_id_is_a_tombstone():
    records = [("a", {"title": "A", "ref": "1"}), ("b", {"ref": "2"}), ("c", {"summary": "x"})]
    assert without_tombstones(records) == [records[0], records[2]]
