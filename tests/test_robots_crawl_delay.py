"""A robots.txt `Crawl-delay` is the host's delay when longer than ours (spiders/middlewares.py):
Scrapy reads robots.txt for Allow and Disallow only, so a site asking for 10 s between requests was
asked at our own floor. Checked on Scrapy's own downloader (the delay a host's slot is made with),
and through a real `fundwatch crawl`, which says it kept the delay."""

from __future__ import annotations

import asyncio

from scrapy import Request
from scrapy.robotstxt import ProtegoRobotParser
from scrapy.utils.test import get_crawler

from spiders.middlewares import MAX_CRAWL_DELAY, QueuedRobotsTxtMiddleware
from spiders.sources.site import LoopbackSite
from tests.crawl_helpers import fundwatch, write_config

AGENT = "fundwatch/1.0 (+mailto:curators@example.org)"


def slot_delay(robots: str, *, floor: float = 0.05, idle_slot: bool = False) -> tuple[float, float]:
    """The delay and jitter of the slot Scrapy's own downloader makes for the host, once the
    middleware has read `robots` (built as tests/test_retry_after.py builds its crawler)."""

    async def build():
        crawler = get_crawler(
            settings_dict={
                "ROBOTSTXT_OBEY": True,
                "DOWNLOAD_DELAY": floor,
                "USER_AGENT": AGENT,
                "DOWNLOAD_HANDLERS": {"http": None, "https": None},  # nothing is fetched
            }
        )
        crawler.spider = crawler._create_spider("crawl_delay")
        crawler.engine = crawler._create_engine()
        downloader = crawler.engine.downloader
        middleware = QueuedRobotsTxtMiddleware(crawler)
        request = Request("http://127.0.0.1:8001/funding", headers={"User-Agent": AGENT})
        if idle_slot:
            downloader._get_slot(request)  # a slot already made at our own delay
        middleware.process_request_2(ProtegoRobotParser(robots.encode(), None), request)
        _, slot = downloader._get_slot(request)
        downloader._stop_slot_gc()
        return slot.delay, slot.jitter

    return asyncio.run(build())


def test_a_crawl_delay_for_everyone_is_the_hosts_delay():
    assert slot_delay("User-agent: *\nCrawl-delay: 7\n") == (7.0, 0.0)


def test_a_slot_made_before_robots_was_read_takes_it_too():
    assert slot_delay("User-agent: *\nCrawl-delay: 7\n", idle_slot=True) == (7.0, 0.0)


def test_a_crawl_delay_for_another_agent_is_not_ours():
    assert (
        slot_delay("User-agent: SomeBot\nCrawl-delay: 30\n\nUser-agent: *\nAllow: /\n")[0] == 0.05
    )


def test_a_shorter_crawl_delay_leaves_our_floor():
    assert slot_delay("User-agent: *\nCrawl-delay: 0.01\n")[0] == 0.05


def test_a_crawl_delay_past_the_limit_is_kept_to_it():
    assert slot_delay("User-agent: *\nCrawl-delay: 86400\n")[0] == MAX_CRAWL_DELAY


def test_a_crawl_keeps_the_delay_its_robots_txt_asks_for(tmp_path):
    with LoopbackSite() as site:
        site.add("/robots.txt", "User-agent: *\nCrawl-delay: 0.2\n", content_type="text/plain")
        site.add(
            "/funding",
            "<ul><li><a href='/call-1'>Warm homes fund</a><span>Closes 5 March 2027</span></li></ul>",
        )
        source = {
            "id": "polite_site",
            "kind": "listing",
            "urls": [f"{site.url}/funding"],
            "item": "li",
            "fields": {"title": "a::text", "url": "a::attr(href)", "closes": "span::text"},
        }
        config = write_config(tmp_path / "config", [source])
        result = fundwatch(
            "crawl",
            config=config,
            db=tmp_path / "fw.db",
            env={"FUNDWATCH_CRAWL_LOG_LEVEL": "INFO"},
        )
    assert result.returncode == 0, result.stderr
    assert "asks for 0.2 s between requests: kept" in result.stderr
