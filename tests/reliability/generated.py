"""Generated funding sites for fault tests: one feed of N calls, optionally shared by two sources."""

from __future__ import annotations

from xml.sax.saxutils import escape

FUNDER = "Department for Energy Security and Net Zero"


def call_title(n: int) -> str:
    return f"Community Energy Fund call {n:04d}"


def rss(
    calls: range, *, path_prefix: str = "/calls", site: str = "{{SITE}}", note: str = ""
) -> str:
    """An RSS 2.0 feed listing these calls: stable guid, link, title and summary each."""
    items = "".join(
        f"""<item><guid isPermaLink="false">call-{n:04d}</guid>
<link>{site}{path_prefix}/{n:04d}</link><title>{escape(call_title(n))}</title>
<description>Capital grants for local authorities to retrofit public buildings, call {n:04d}.{note}</description>
</item>"""
        for n in calls
    )
    return (
        '<?xml version="1.0" encoding="UTF-8"?><rss version="2.0"><channel>'
        f"<title>Generated funding feed</title><link>{site}/</link>{items}</channel></rss>"
    )


def feed_source(source_id: str, url: str) -> dict:
    """A feed that lists every open call (not the latest few), so a crawl that misses one would
    mark it removed: the fault these tests look for."""
    return {
        "id": source_id,
        "kind": "feed",
        "urls": [url],
        "funder": FUNDER,
        "every": "1h",
        "lists_everything": True,
    }
