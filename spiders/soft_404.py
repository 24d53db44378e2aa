"""Pure: whether a page answered 200 says it is not there (a soft 404).

Many CMSs answer a page they no longer have with their "Page not found" template and HTTP 200
rather than 404. As a call's detail page it would be read as the call's own (its help text's "Who
can apply for our funding?" heading taken for the fund's eligibility) and the crawl would say
nothing of the link that no longer leads anywhere. Only the page's <title> and first <h1> are
asked: what the page says it is, not words its body may mention ("if the page is not found…").

Three signs, in English or Welsh:
- the title or heading says so outright ("Page not found", "Tudalen heb ei chanfod", "Heb ganfod
  y dudalen");
- the CMS's own 404 template names itself on <body> or <html>: WordPress's `error404`, Shopify's
  `template-404`, and the like, as whole class names (a real page's `page-id-404` is no sign);
- a page kept out of search (`<meta name="robots" content="noindex">`, as 404 templates are)
  whose title or heading is a 404 template's vaguer words ("Oops!", "Nothing found", "Page
  unavailable", a title that is only "Error"). Without the noindex these words prove nothing;
  a closed call's page is often noindexed too, so its own words ("Sorry, this fund has closed")
  are not among them.
"""

from __future__ import annotations

import re

from parsel import Selector

from config.lazy_pattern import lazy_pattern

_NOT_FOUND = lazy_pattern(
    r"\b(?:page\s+not\s+found|not\s+found|error\s+404|404\b|"
    r"(?:can\s*no|can'|can’|could\s*n['’o])t\s+(?:find|be\s+found)|"
    r"page\s+(?:does\s*n['’o]t|no\s+longer)\s+exists?|page\s+(?:has\s+been\s+)?removed|"
    # Welsh: "page not found" both ways round, "cannot find the page", "error 404"
    r"tudalen\s+heb\s+ei\s+(?:ch|g|c)anfod|heb\s+(?:ganfod|ddod\s+o\s+hyd\s+i)\s+['’]?r?\s*(?:y\s+)?dudalen|"
    r"(?:methu|methwyd|ni\s+(?:ellir|allwn|chafwyd))\s+(?:â\s+|a\s+)?(?:dod\s+o\s+)?hyd\s+i['’]r\s+dudalen|"
    r"gwall\s+404)",
    re.IGNORECASE,
)
# A 404 template's vaguer words: a sign only on a page kept out of search.
_VAGUE = lazy_pattern(
    r"^\s*(?:oops|wps)\b|\bnothing\s+(?:was\s+|has\s+been\s+)?found\b|"
    r"\bpage\s+(?:missing|unavailable|gone)\b|\b(?:you(?:['’]re|\s+are)|are\s+you)\s+lost\b|"
    r"^\s*(?:error|gwall|sorry)\s*(?:[|–—:-]|$)",
    re.IGNORECASE,
)
# Whole class names a CMS's 404 template puts on <body> or <html>.
_TEMPLATE_CLASSES = frozenset(
    {
        "error404",
        "error-404",
        "page-404",
        "template-404",
        "page-not-found",
        "not-found-page",
        "is-404",
    }
)


def _words(page: Selector) -> list[str]:
    texts = (page.css("title::text").get(), page.css("h1").xpath("string()").get())
    return [" ".join((text or "").split()) for text in texts]


def _template_class(page: Selector) -> str | None:
    for element in ("body", "html"):
        for token in (page.xpath(f"//{element}/@class").get() or "").split():
            if token.lower() in _TEMPLATE_CLASSES:
                return f"{element} class {token}"
    return None


def _noindex(page: Selector) -> bool:
    robots = page.xpath("//meta[translate(@name, 'ROBOTS', 'robots') = 'robots']/@content").getall()
    return any("noindex" in content.lower() for content in robots)


def soft_404(page: Selector) -> str | None:
    """The words (or the template's class) by which the page says it is not found, or None."""
    words = _words(page)
    for text in words:
        if found := _NOT_FOUND.search(text):
            return found[0]
    if template := _template_class(page):
        return template
    if _noindex(page):
        for text in words:
            if found := _VAGUE.search(text):
                return found[0].strip()
    return None
