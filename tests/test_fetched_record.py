"""A fetched response SvelteKit inlines (`<script type="application/json" data-sveltekit-fetched>`)
is read as the answer in its `body` (spiders/fetched_record.py): the body is a JSON string, and
`item: "body.grants[*]"` found nothing (tests/sites/sveltekit_fetched_body)."""

from __future__ import annotations

import json

from scrapy.http import HtmlResponse, Request

from spiders.fetched_record import with_body_read
from spiders.page_json import answer_json

URL = "https://www.example-foundation.org.uk/grants"
BODY = json.dumps({"grants": [{"name": "Pop-up Grants"}, {"name": "Green Burial Grounds"}]})
RECORD = {"status": 200, "statusText": "", "headers": {"content-type": "application/json"}}


def test_a_fetched_records_json_body_is_read_as_its_json():
    page = (
        '<html><body><ul><li>Pop-up Grants</li></ul><script type="application/json" '
        'data-sveltekit-fetched data-url="/api/grants">'
        + json.dumps({**RECORD, "body": BODY}).replace("</", "<\\/")
        + "</script></body></html>"
    )
    response = HtmlResponse(URL, body=page.encode(), request=Request(URL))
    data, problem = answer_json(response, "script[data-sveltekit-fetched]")
    assert problem is None
    assert [grant["name"] for grant in data["body"]["grants"]] == [
        "Pop-up Grants",
        "Green Burial Grounds",
    ]
    assert data["status"] == 200


def test_other_bodies_and_values_stay_as_they_are():
    text = {**RECORD, "body": "Grants open in spring"}
    binary = {**RECORD, "body": "[base64]", "b64": True}
    broken = {**RECORD, "body": "{not json"}
    story = {"title": "Grants", "body": '{"looks": "like json"}'}  # no status: no record
    for value in (text, binary, broken, story, "body", [1, 2]):
        assert with_body_read(value) == value
