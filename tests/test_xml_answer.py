"""A plain XML answer of kind api (an open-data export, `<grants><grant>…`) read as JSON for
JMESPath (spiders/xml_answer.py): an unseen department's export failed every crawl with "not JSON"
as first written, and the README named no way to read it."""

from __future__ import annotations

from scrapy.http import Request, TextResponse

from spiders.page_json import answer_json

EXPORT = b"""<?xml version="1.0" encoding="UTF-8"?>
<!-- an export's comment is no element -->
<grants xmlns="urn:example:grants" page="1">
  <grant id="DfC-0412">
    <title>Community Halls &amp; Energy</title>
    <maximumAward currency="GBP">50000</maximumAward>
    <minimumAward currency="GBP"/>
    <area>Belfast</area><area>Derry</area>
    <award><max>50000</max></award>
  </grant>
  <next>https://example.org/grants.xml?page=2</next>
</grants>"""


def answer(body: bytes, kind: str = "application/xml; charset=utf-8"):
    url = "https://opendata.example.gov.uk/api/grants.xml"
    return answer_json(
        TextResponse(url=url, body=body, headers={"Content-Type": kind}, request=Request(url)),
        None,
    )


def test_an_xml_answer_is_its_elements_as_objects_a_record_always_a_list():
    data, problem = answer(EXPORT)
    assert problem is None
    assert data == {
        "grants": {
            "@page": "1",
            "grant": [
                {
                    "@id": "DfC-0412",
                    "title": "Community Halls & Energy",
                    "maximumAward": "50000",
                    "minimumAward": None,
                    "area": ["Belfast", "Derry"],
                    "award": [{"max": "50000"}],
                }
            ],
            "next": "https://example.org/grants.xml?page=2",
        }
    }


def test_text_xml_is_read_and_broken_xml_or_an_entity_bomb_is_a_problem_not_a_crash():
    data, problem = answer(b"<calls><call><t>A</t></call><call><t>B</t></call></calls>", "text/xml")
    assert problem is None and [c["t"] for c in data["calls"]["call"]] == ["A", "B"]
    data, problem = answer(b"<grants><grant>", "application/xml")
    assert data is None and problem.startswith("not XML on https://opendata.example.gov.uk")
    external = b'<!DOCTYPE g [<!ENTITY x SYSTEM "file:///etc/passwd">]><g><t>&x;</t></g>'
    data, problem = answer(external)
    assert problem is not None or "root:" not in str(data)


def test_a_feed_type_is_not_read_as_plain_xml():
    data, problem = answer(b"<rss><channel/></rss>", "application/rss+xml")
    assert data is None and problem.startswith("not JSON")
