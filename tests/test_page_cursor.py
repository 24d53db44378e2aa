"""An api paged by a cursor token: `page_param: {name: cursor, from: meta.next_cursor}` asks the
next page with ?cursor=<the token the answer gave>, until the answer gives none. Before, the only
documented way was `next_page`, which takes a link: the token was joined to the URL as a path
("…/v2/eyJhZnRlciI6MTAwM30") and every crawl failed with an HTTP 404 on an address nobody wrote."""

from __future__ import annotations

import json

from scrapy.http import Request, TextResponse

from config.models import Source
from config.selectors import entry_problems
from spiders.api import ApiSpider
from tests.crawl_helpers import sources_error

URL = "https://api.fund.example/v2/opportunities"


def source(**changes) -> Source:
    entry = {
        "id": "hub",
        "kind": "api",
        "urls": [URL],
        "params": {"limit": "2"},
        "item": "data[*]",
        "fields": {"title": "name", "url": "web_url"},
        "page_param": {"name": "cursor", "from": "meta.next_cursor"},
    }
    return Source.model_validate({**entry, **changes})


def answer(url: str, names: list[str], cursor: str | None) -> TextResponse:
    data = {
        "data": [{"name": n, "web_url": f"https://fund.example/{n}"} for n in names],
        "meta": {"next_cursor": cursor},
    }
    body = json.dumps(data).encode()
    return TextResponse(url, body=body, request=Request(url))


def crawl(api: ApiSpider, pages: dict[str, tuple[list[str], str | None]]) -> tuple[list, list]:
    queue, items, asked = [api.start_url(URL)], [], []
    while queue:
        url = queue.pop(0)
        asked.append(url)
        names, cursor = pages[url]
        for result in api.parse(answer(url, names, cursor), page=len(asked)):
            if isinstance(result, Request):
                queue.append(result.url)
            else:
                items.append(result.title)
    return items, asked


def test_the_next_page_asks_for_the_token_the_answer_gave():
    api = ApiSpider(source())
    items, asked = crawl(
        api,
        {
            f"{URL}?limit=2": (["a", "b"], "eyJhZnRlciI6Mn0"),
            f"{URL}?limit=2&cursor=eyJhZnRlciI6Mn0": (["c", "d"], "eyJhZnRlciI6NH0"),
            f"{URL}?limit=2&cursor=eyJhZnRlciI6NH0": (["e"], None),
        },
    )
    assert items == ["a", "b", "c", "d", "e"]
    assert asked[0] == f"{URL}?limit=2"  # the first page asks with no cursor
    assert api.problems == []


def test_a_token_in_next_page_is_named_as_one_not_fetched():
    api = ApiSpider(source(page_param=None, next_page="meta.next_cursor"))
    items = list(api.parse(answer(f"{URL}?limit=2", ["a"], "eyJhZnRlciI6Mn0")))
    assert not [i for i in items if isinstance(i, Request)]
    assert api.problems == [
        f"the value at 'meta.next_cursor' on {URL}?limit=2 is not a link ('eyJhZnRlciI6Mn0'): "
        "if it is a cursor token, page by it with page_param: {name: <its query parameter>, "
        "from: 'meta.next_cursor'}"
    ]


def test_a_relative_page_name_in_next_page_is_still_followed():
    api = ApiSpider(source(page_param=None, next_page="meta.next_cursor"))
    results = list(api.parse(answer(f"{URL}?limit=2", ["a"], "page-2.json")))
    assert [r.url for r in results if isinstance(r, Request)] == [
        "https://api.fund.example/v2/page-2.json"
    ]
    assert api.problems == []


def test_from_is_an_apis_and_compiled_like_every_path(tmp_path):
    problems = list(entry_problems({"kind": "api", "page_param": {"name": "c", "from": "meta."}}))
    assert [(where, why.split(":")[0]) for where, why in problems] == [
        ("page_param.from", "bad JMESPath 'meta.'")
    ]
    said = sources_error(
        tmp_path,
        "- id: pages\n  kind: listing\n  urls: ['https://a.example/']\n  item: div\n"
        "  fields: {title: a, url: a}\n  page_param: {name: cursor, from: next}\n",
    )
    assert "entry 'pages' (#1): field 'page_param': " in said
    assert "'from' only applies to kind: api" in said


def test_a_misspelt_from_is_pointed_at_from_as_written(tmp_path):
    # The suggestion named the model's attribute ("did you mean 'from_'?"), which YAML refuses.
    said = sources_error(
        tmp_path,
        "- id: hub\n  kind: api\n  urls: ['https://a.example/']\n  item: data\n"
        "  fields: {title: a, url: b}\n  page_param: {name: cursor, frm: next}\n",
    )
    assert "field 'page_param.frm': unknown key (did you mean 'from'?)" in said


def test_a_cursor_the_site_ignores_is_said_where_the_curator_looks():
    # Round 12: a GraphQL API ignored ?after=…, answered page 1 again, and the crawl stopped there;
    # sources try listed 2 of 5 calls and said nothing of why. The page not followed is named.
    api = ApiSpider(source())
    first = api.start_url(URL)
    again = f"{first}&cursor=c2"
    items, asked = crawl(api, {first: (["a", "b"], "c2"), again: (["a", "b"], "c2")})
    assert asked == [first, again] and api.problems == []
    [note] = api.not_followed
    assert note.startswith(f"{again}: the answer gave back the cursor it was asked with")
    assert "ignores the 'cursor' parameter" in note
    # A fresh cursor over calls already read: the page it leads to is named too.
    api = ApiSpider(source())
    third = f"{first}&cursor=c3"
    crawl(api, {first: (["a", "b"], "c2"), again: (["a", "b"], "c3")})
    assert api.not_followed[0].startswith(f"{third}: every call on {again} was on an earlier page")
