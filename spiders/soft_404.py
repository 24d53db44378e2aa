"""Pure: whether a page answered 200 says it is not there (a soft 404).

Many CMSs answer a page they no longer have with their "Page not found" template and HTTP 200
rather than 404. As a call's detail page it would be read as the call's own (its help text's "Who
can apply for our funding?" heading taken for the fund's eligibility) and the crawl would say
nothing of the link that no longer leads anywhere. Only the page's <title> and first <h1> are
asked: what the page says it is, not words its body may mention ("if the page is not found…").
"""

from __future__ import annotations

import re

from parsel import Selector

_NOT_FOUND = re.compile(
    r"\b(?:page\s+not\s+found|not\s+found|error\s+404|404\b|"
    r"(?:can\s*no|can'|can’|could\s*n['’o])t\s+(?:find|be\s+found)|"
    r"page\s+(?:does\s*n['’o]t|no\s+longer)\s+exists?|page\s+(?:has\s+been\s+)?removed)",
    re.IGNORECASE,
)


def soft_404(page: Selector) -> str | None:
    """The words by which the page says it is not found ("Page not found"), or None."""
    for text in (page.css("title::text").get(), page.css("h1").xpath("string()").get()):
        found = _NOT_FOUND.search(" ".join((text or "").split()))
        if found:
            return found[0]
    return None
