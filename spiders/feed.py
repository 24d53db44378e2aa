"""Any RSS 0.9x/2.0, Atom or RDF feed, parsed by feedparser from the bytes Scrapy fetched (a JSON
Feed too, as Atom: spiders/json_feed.py); or an iCalendar (.ics) feed of deadlines, read by
spiders/ics_feed.py.

Never `feedparser.parse(url)` nor `feedparser.parse(body)`: it fetches a str that is a URL (no timeout,
no address rules) and reads a local file whose path the str or bytes spell (research §2.4), so it
is handed a stream.
"""

from __future__ import annotations

import io
from collections.abc import Iterator
from datetime import datetime
from typing import Any

import feedparser
from scrapy.http import Response

from config.clock import now
from spiders.archive_pages import ARCHIVE_AGE, archive_reached, entry_dates, newest
from spiders.base import SourceSpider
from spiders.consent_wall import ask_past_wall, wall_words
from spiders.detail_pages import DetailPages
from spiders.feed_categories import category_status
from spiders.feed_dates import item_dates
from spiders.feed_entities import numeric_html_entities
from spiders.feed_links import entry_link
from spiders.feed_revisions import latest_revisions
from spiders.feed_web_page import is_web_page, web_page_problem
from spiders.ics_feed import calendar_calls, is_calendar
from spiders.json_feed import is_json_feed, json_feed_as_atom
from spiders.normalise.sighting import normalise
from spiders.unread import read_as_shown

# Harmless: the XML declaration and the HTTP header disagree on the charset, and feedparser coped.
BENIGN_BOZO = (feedparser.CharacterEncodingOverride,)


def _benign(parsed: Any) -> bool:
    """A bozo that lost nothing: the charset override above, or a feed that read as one though its
    server called it text/html, text/plain or application/octet-stream (a CMS's misconfigured
    feed; feedparser still parses the XML). A page that is no feed reads no entries, so still
    fails."""
    exc = parsed.bozo_exception
    if isinstance(exc, BENIGN_BOZO):
        return True
    return isinstance(exc, feedparser.NonXMLContentType) and bool(parsed.entries)


class FeedSpider(DetailPages, SourceSpider):
    """Feeds name a publisher ("HM Government"), not a funder: the source's `funder` default applies."""

    def parse(
        self, response: Response, page: int = 1, newer: datetime | None = None
    ) -> Iterator[Any]:
        headers = {
            "content-type": (response.headers.get(b"Content-Type") or b"application/xml").decode(
                "latin-1"
            ),
            "content-location": response.url,
        }
        if is_calendar(response.body):  # an iCalendar feed of deadlines: an event a call
            yield from self._calendar(response)
            return
        body = response.body
        if is_json_feed(body):  # a JSON Feed, read as the Atom it says in JSON
            try:
                body = json_feed_as_atom(body)
            except ValueError as exc:
                self.problem(f"unreadable JSON Feed on {response.url}: {exc}")
                return
            headers["content-type"] = "application/atom+xml"
        body = numeric_html_entities(body)  # RSS 0.91's &pound;, declared only by its DTD
        try:
            # A stream, never the bytes themselves: feedparser opens bytes or a str as a local path
            # when it can ("/etc/passwd" as a body would be read from this machine).
            parsed = feedparser.parse(io.BytesIO(body), response_headers=headers)
        except Exception as exc:  # feedparser raises on some corrupt declarations (research §2.4)
            self.problem(f"unreadable feed on {response.url}: {type(exc).__name__}: {exc}")
            return
        if not parsed.entries and (again := ask_past_wall(response)):
            yield again  # a consent wall's page, not the feed: asked again with its cookie
            return
        if not parsed.entries and is_web_page(body, headers["content-type"]):
            # The funder's page pasted where its feed's address belongs.
            said = web_page_problem(response.url, response.body, headers["content-type"])
            self.problem(said + wall_words(response))
        elif parsed.bozo and not _benign(parsed):
            exc = parsed.bozo_exception
            read = f" ({len(parsed.entries)} entries read anyway)" if parsed.entries else ""
            said = f"malformed feed on {response.url}: {type(exc).__name__}: {exc}{read}"
            self.problem(said + wall_words(response))
        elif not parsed.entries and not parsed.feed:
            self.problem(f"not a feed on {response.url}{wall_words(response)}")
        refs, calls, at = [], [], now()
        # The archive rule reads each call's dates (a whole normalise) only where pages go on.
        paged = self.source.page_param is not None or next_link(parsed.feed) is not None
        # A call edited several times, each edit an entry under its id: its latest edit stands.
        for entry in latest_revisions(parsed.entries):
            url = entry_link(entry)
            refs.append(entry.get("id") or url or "")
            sighting = self.sighting(
                response,
                # Its HTML read as a page is: no hidden words, footnote marks, struck old dates.
                title=read_as_shown(entry.get("title")),
                url=url,
                ref=entry.get("id") or url,
                summary=read_as_shown(fullest_text(entry)),
                # <ev:enddate>, <fund:deadline>: the item's own dates where it gives them.
                **item_dates(entry),
                # <category>Closed</category>: a status filed as a category.
                status=category_status(entry),
            )
            if paged:
                calls.append(self._dated(entry, sighting, at))
            # A feed of teasers whose pages hold the deadline and money: `detail` reads them there
            # (once a call: an entry an earlier page gave is not asked again).
            if not self.met_before(refs[-1]):
                yield self.with_detail(response, sighting)
        if archive_reached(calls, page, newer, at):  # only long-past calls: the archive
            self._archive_note(response, parsed.feed, calls)
            return
        # A paged feed (RFC 5005) links its next page: follow it, as a listing's next link is, up to
        # the page cap and not round again over entries already read.
        if self.source.page_param is not None:  # WordPress's ?paged=2: to a page with none new
            request = self.next_numbered_page(response, page, refs)
        else:
            request = self.follow_next(response, next_link(parsed.feed), page, refs)
        if request is not None:
            request.cb_kwargs["newer"] = newest(calls)
            yield request

    def _calendar(self, response: Response) -> Iterator[Any]:
        """An .ics answer's events, each a call (spiders/ics_feed.py); one document, no pages."""
        try:
            calls = calendar_calls(response.body)
        except Exception as exc:  # noqa: BLE001  icalendar raises its own on a corrupt document
            self.problem(f"unreadable calendar on {response.url}: {type(exc).__name__}: {exc}")
            return
        for call in calls:
            summary = call.pop("summary")
            sighting = self.sighting(response, summary=read_as_shown(summary), **call)
            yield self.with_detail(response, sighting)

    def _dated(self, entry: Any, sighting: Any, at: datetime) -> tuple[list[datetime], str | None]:
        """A call's dates (the entry's own, and those a crawl reads from it) and its status."""
        try:
            read = normalise(sighting, self.source, at)
        except Exception:  # noqa: BLE001  the pipeline says what is wrong with it; here, unjudged
            return [], None
        dates = [when for when in (read.opens_at, read.closes_at) if when is not None]
        return entry_dates(entry) + dates, read.status

    def _archive_note(self, response: Response, feed: Any, calls: list) -> None:
        """Said as a note, not a failure; nothing is inferred removed from a walk cut short."""
        self.incomplete = True
        spec = self.source.page_param
        where = "the next page" if spec is None else f"the next {spec.name!r} page"
        if spec is None and (link := next_link(feed)):
            where = response.urljoin(link)
        self.not_followed.append(
            f"{where}: every call on {response.url} is long past (dated before "
            f"{(now() - ARCHIVE_AGE):%d %b %Y}, none open) and none is newer than the page "
            "before: the feed's archive"
        )


def next_link(feed: dict) -> str | None:
    """The feed's own <link rel="next"> (Atom, or atom:link in RSS): RFC 5005's next page."""
    for link in feed.get("links") or []:
        if link.get("rel") == "next" and link.get("href"):
            return link["href"]
    return None


def fullest_text(entry: dict) -> str | None:
    """The item's fullest text. WordPress's "full text" feeds give a teaser in <description> and
    the post, with its closing date and grant size, in <content:encoded> (feedparser's `content`);
    Atom gives <summary> and <content>. The facts are in the longer one."""
    summary = entry.get("summary") or ""
    bodies = [part.get("value") or "" for part in entry.get("content") or []]
    full = max(bodies, key=len, default="")
    return (full if len(full) > len(summary) else summary) or None
