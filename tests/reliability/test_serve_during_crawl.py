"""`fundwatch serve` answering while a crawl writes and commits units of calls, then SIGKILLs it
mid-page (its whole group: a power cut), then a crawl to the end.

Every answer while the crawl writes is whole (200: no SQLITE_BUSY, no half-read page). Once the
crawl is killed, the site answers the state before its unfinished unit: the calls committed, each
with its page and its listing, none of the page in flight. Real processes: a loopback funding site
whose last page is held, a real `fundwatch crawl`, a real `fundwatch serve`. The serving side of
one answer read in one snapshot is tests/test_serve_snapshot.py's.
"""

from __future__ import annotations

import json
import urllib.request

import pytest

from spiders.pipelines import PAGE_LIMIT
from spiders.sources.site import LoopbackSite as Site
from tests.crawl_helpers import fundwatch_env, write_config
from tests.fresh_repository import fresh_repository
from tests.reliability.generated import call_title, feed_source, rss
from tests.reliability.kill_sweep import assert_sound, count, finish, kill_when, start
from tests.serve_helpers import serving

pytestmark = pytest.mark.slow

# A full unit is stored at once (spiders/pipelines.py): the first page's calls land, whatever the
# clock, before the crawl waits on the held second page.
SIZES = (PAGE_LIMIT + 1, 5)  # a full unit, and the item that flushes it
CALLS = sum(SIZES)
STORED = "SELECT count(*) FROM listings"
ANSWERS = (  # what people and feed readers ask for while the crawl writes
    "/fundwatch/opportunities.json?_shape=objects&_size=max",
    "/fundwatch/opportunities?_search=energy",
    "/-/feeds/all.atom",
    "/-/feeds/all.ics",
    "/",
)


def get(url: str) -> tuple[int, bytes]:
    try:
        with urllib.request.urlopen(url, timeout=30) as answer:
            return answer.status, answer.read()
    except urllib.error.HTTPError as error:
        return error.code, error.read()


def served_calls(base: str) -> tuple[int, set[str]]:
    """(the count the API gives, the titles of the rows it lists), from one answer."""
    status, body = get(f"{base}{ANSWERS[0]}")
    assert status == 200, body[:300]
    data = json.loads(body)
    return data["filtered_table_rows_count"], {row["title"] for row in data["rows"]}


def test_serve_answers_whole_while_a_crawl_writes_and_the_pre_page_state_once_it_is_killed(
    tmp_path,
):
    db_path = tmp_path / "fundwatch.db"
    fresh_repository(db_path).close()
    answers: list[tuple[str, int]] = []
    with Site() as site:
        urls = []
        for p in range(len(SIZES)):
            calls = range(sum(SIZES[:p]), sum(SIZES[: p + 1]))
            hang = 120 if p == len(SIZES) - 1 else 0  # held until the kill (120 s: a hang guard)
            site.add(f"/feed{p}.rss", rss(calls), content_type="application/rss+xml", hang=hang)
            urls.append(f"{site.url}/feed{p}.rss")
        config = write_config(
            tmp_path / "config",
            [{**feed_source("energy", urls[0]), "urls": urls}],
            crawl={"timeout": 120},
        )
        with serving(config, db_path, fundwatch_env()) as base:

            def read_all_then_check() -> bool:
                for path in ANSWERS:
                    answers.append((path, get(f"{base}{path}")[0]))
                return site.held > 0 and count(db_path, STORED) > 0

            crawl = start("crawl", config=config, db=db_path)
            kill_when(crawl, read_all_then_check, "a unit landed and the last page held")
            site.release()
            stored = count(db_path, STORED)
            assert stored in (
                PAGE_LIMIT,
                SIZES[0],
            )  # whole units of the first page, none of the held
            total, titles = served_calls(base)
            assert total == len(titles) == stored
            assert call_title(CALLS - 1) not in titles
            for path in ANSWERS[1:]:
                assert get(f"{base}{path}")[0] == 200, path

            code, out = finish("crawl", config=config, db=db_path)
            assert code == 0, out
            total, titles = served_calls(base)
            assert total == len(titles) == CALLS
    failed = [(path, status) for path, status in answers if status != 200]
    assert answers and failed == [], failed
    assert_sound(db_path)
