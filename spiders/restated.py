"""A record an api gave twice in one crawl, changed in between: the later reading stands.

An api paged by a cursor over its records' last change (Django REST framework's CursorPagination
`ordering=modified`, a keyset `?updated_after=`), or by offset in that order, moves a record edited
while the crawl reads it to a later page: met first as it was, then again as it is now (a deadline
put back, a bigger award). The pages are read one after another, so the later sighting is the
later state of the record, and it is what the api holds. Only an api's: its records are whole and
of one shape wherever they are met, where a listing's second sighting of a call is often less of it
(a "featured" strip on every page, a category page's card), so a listing keeps its first.
A sighting the same as the first (a newest-first list that shifted) is no restatement, nor is
another record sharing the call's ref at another address: Find a Tender's later notice of one
procurement (one ocid) is a record of its own, and its list, newest first, met the newer first.
"""

from __future__ import annotations

from storage.sighting import Sighting, content_hash


class Restatements:
    """What the crawl met of each call of one source, to tell a later, changed reading (pure state,
    no I/O; one per source crawled)."""

    def __init__(self, kind: str):
        self.api = kind == "api"
        # an api's calls only: their last reading's content, and the address it was read at
        self.hashes: dict[str, tuple[str, str]] = {}

    def forget(self, sighting: Sighting) -> None:
        """As if never met (a sighting the store dropped: its page unread, the call never stored)."""
        self.hashes.pop(sighting.identity, None)

    def met(self, sighting: Sighting) -> str:
        """'first' for a call not met before in this crawl, 'restated' for an api's record met
        again with other facts (the later stands), 'again' for any other repeat (passed over)."""
        key = sighting.identity
        if not self.api:
            if key in self.hashes:
                return "again"
            self.hashes[key] = ("", "")
            return "first"
        now = (content_hash(sighting.stored()), sighting.url or "")
        before = self.hashes.get(key)
        if before is None:
            self.hashes[key] = now
            return "first"
        if before == now or before[1] != now[1]:
            return "again"
        self.hashes[key] = now
        return "restated"
