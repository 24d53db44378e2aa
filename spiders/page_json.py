"""An api source's JSON, from its answer: the whole body, or (`json_script`) the `<script>` of a web
page that holds it. Next.js sites ship their listing as `__NEXT_DATA__` and render it in the
browser, so the HTML itself holds no call; JSON-LD puts one `<script type="application/ld+json">`
per call. Several matching scripts are a list of their JSON, one value each. A script that assigns
its JSON (`window.__INITIAL_STATE__ = {…};`) is read as that JSON, or as the JavaScript literal it
assigns (Nuxt 2's function call, spiders/js_literal.py), and Nuxt 3's flat payload as the
data it stands for, as is an Astro island's `props` attribute (spiders/astro_props.py). A CSV answer is a list of its rows (spiders/csv_answer.py), a plain XML
answer its elements as objects (spiders/xml_answer.py).

Returns (data, problem): a problem is one line naming the URL and what was expected.
"""

from __future__ import annotations

import json
from typing import Any

from scrapy.http import HtmlResponse, Request, Response, TextResponse

from spiders.astro_props import island_props, revived
from spiders.csv_answer import answer_rows, is_csv
from spiders.devalue import unflatten
from spiders.extract import select
from spiders.failures import content_type
from spiders.fetched_record import with_body_read
from spiders.js_literal import read_literal
from spiders.script_json import assigned_from, assigned_json
from spiders.xml_answer import answer_xml, is_xml

ACCEPT = "application/json"


def asking_for_json(request: Request) -> Request:
    """The request, asking for JSON unless it already asks for something: an api source's pages
    and its detail documents alike."""
    request.headers.setdefault(b"Accept", ACCEPT)
    return request


def _loads(text: str | bytes) -> tuple[Any, str | None]:
    """The JSON, a Nuxt payload as the data it stands for (spiders/devalue.py)."""
    try:
        return unflatten(json.loads(text)), None
    # JSONDecodeError and UnicodeDecodeError are ValueErrors; nesting deeper than Python's
    # recursion limit ("[[[[…") is a RecursionError, and must not escape the callback either.
    except (ValueError, RecursionError) as exc:
        return None, str(exc)


def _script_loads(text: str) -> tuple[Any, str | None]:
    """A script's JSON, or the JSON it assigns (`window.__INITIAL_STATE__ = {…};`), or the
    JavaScript literal it assigns (Nuxt 2's `window.__NUXT__=(function(a,b){return {…}}(…))`)."""
    data, error = _loads(text)
    if error is None:
        return data, None
    assigned, _ = assigned_json(text)
    if assigned is not None:
        return unflatten(assigned), None
    start = assigned_from(text)
    if start is None:
        return None, error
    return read_literal(text, start)


def answer_json(response: Response, script: str | None) -> tuple[Any, str | None]:
    if script is None and is_csv(response):
        return answer_rows(response)
    if script is None and is_xml(response):
        return answer_xml(response)
    if script is None:
        data, error = _loads(response.body)
        if error is None:
            return data, None
        kind = content_type(response)
        hint = ""
        if isinstance(response, HtmlResponse):  # say what to do, not only that it is not JSON
            hint = (
                " (a web page: if its calls are JSON in a <script>, such as Next.js's "
                "__NEXT_DATA__ or JSON-LD, name that script with json_script)"
            )
        return None, f"not JSON on {response.url} ({kind}): expected a JSON body: {error}{hint}"
    if not isinstance(response, TextResponse):
        return None, f"not a web page on {response.url} ({content_type(response)})"
    found = select(response.selector, script)
    # An island's props are in its attribute, not its text (its text is the rendered HTML).
    islands = [props for match in found if (props := island_props(match.root)) is not None]
    if not islands and "astro-island" in script:  # `astro-island::attr(props)`: the same props
        islands = [match.root for match in found if isinstance(match.root, str)]
    if islands:
        return _islands(islands, script, response.url)
    # An element's text, or the text an XPath picked (`//script[@id='data']/text()`)
    texts = [
        match.root if isinstance(match.root, str) else "".join(match.root.itertext())
        for match in found
        if isinstance(match.root, str) or hasattr(match.root, "itertext")
    ]
    if not texts:
        return None, (
            f"no script matched {script!r} on {response.url}: the page layout may have changed"
        )
    values = []
    for text in texts:
        data, error = _script_loads(text)
        if error is not None:
            return None, f"not JSON in {script!r} on {response.url}: {error}"
        values.append(data)
    # SvelteKit's inlined fetch: the answer a string in its record's `body` (fetched_record.py).
    return with_body_read(values[0] if len(values) == 1 else values), None


def _islands(props: list[str], script: str, url: str) -> tuple[Any, str | None]:
    try:
        values = [revived(text) for text in props]
    except (ValueError, RecursionError) as exc:
        return None, f"not JSON in {script!r} on {url}: {exc}"
    return (values[0] if len(values) == 1 else values), None
