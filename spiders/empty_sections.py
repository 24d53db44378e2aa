"""A listing of several pages in `urls` (an A to Z directory's letters, a category page each)
where some pages hold no calls: an empty section, not a broken layout, once another of the
source's pages matched its `item`. Jadu's A to Z links a letter with no records to a page saying
"There are no items for this letter": each such letter failed the run "no items matched … the page
layout may have changed", though every record under the other letters was read. A first page
with no items is a problem only while no page of the run has matched (one before it, or one after:
said then as a note instead); a run in which no page matched fails as before, naming each.
"""

from __future__ import annotations


class EmptySections:
    """For a listing SourceSpider: its start pages that matched no items, judged by the others."""

    matched_items = False  # set by the spider once a page of the run matched its item

    def empty_section(self, url: str, problem: str) -> None:
        """A first page with no items: a note when another page matched, else (so far) a problem."""
        if len(self.source.urls) > 1 and self.matched_items:
            self.not_followed.append(_note(url))
            return
        self.problem(problem, incomplete=False)  # a failed run removes nothing anyway
        self._pending_empty = [*getattr(self, "_pending_empty", []), (url, problem)]

    def sections_matched(self) -> None:
        """A page matched items: the empty first pages met before it are empty sections."""
        if len(self.source.urls) < 2:
            return
        for url, problem in getattr(self, "_pending_empty", []):
            said = self.unsecret(problem)  # as problem() kept it
            if said in self.problems:
                self.problems.remove(said)
            self.not_followed.append(_note(url))
        self._pending_empty = []


def _note(url: str) -> str:
    return (
        f"{url}: no calls on this page, though the source's other pages matched its item: an "
        "empty section (an A to Z's letter with none)"
    )
