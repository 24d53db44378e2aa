"""The first page of the calls table, ordered as Datasette orders the pages after it.

Datasette (0.65) pages a sorted table by keyset: a page after the first is ordered by the sort
column and then the primary key, and starts after the last row's (value, id). The first page is
ordered by the sort column alone (views/table.py appends the key only when `_next` is given), so
rows sharing a value across its end (a crawl stores a whole page of calls with one `first_seen`,
the default sort) were cut in another order than the next page assumed. Following `next` through
1,500 calls, as the list's pages, its `.json` and its CSV with `_stream=on` all do, gave 1,449 rows
of which 1,416 distinct: 84 calls never appeared. Here the first page is asked for as the page
after a sentinel that comes before every row, so Datasette orders it by value and key too.

It is given to TableView.data as the `_next` argument, not added to the address: CSV streaming
refuses an address with `_next`, and the page's own links are built from the address.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping

from datasette.utils import tilde_decode, tilde_encode
from datasette.views.table import TableView

# Before every value in a descending sort: SQLite ranks NULL < numbers < text, and no stored text
# starts with two of the highest code point. Ascending: Datasette's own "$null" token, whose
# rows are the NULLs (first in that order) after the key below, then every other value.
_ABOVE_ALL = tilde_encode("\U0010ffff\U0010ffff")
_BELOW_ALL = "$null"
_KEY_BEFORE_ALL = ""  # the calls' key is text: every id comes after the empty string


def first_page_token(args: Mapping[str, str], default_sort_desc: str | None) -> str | None:
    """The `_next` that asks for a sorted first page in the later pages' order, from the first
    value of each argument as Datasette reads them; None for no sort (ordered by the key alone,
    which is whole), a later page, or both sorts at once (which Datasette refuses)."""
    if args.get("_next"):
        return None
    sort, sort_desc = args.get("_sort"), args.get("_sort_desc")
    if not sort and not sort_desc:
        sort_desc = default_sort_desc
    if sort and sort_desc:
        return None
    if sort:
        return f"{_BELOW_ALL},{_KEY_BEFORE_ALL}"
    if sort_desc:
        return f"{_ABOVE_ALL},{_KEY_BEFORE_ALL}"
    return None


def order_first_pages(serves: Callable[[object, str, str], str | None]) -> None:
    """Wrap TableView.data, once per process: `serves(datasette, database, table)` gives the
    table's default descending sort when this fix applies to it (a fundwatch repository's calls),
    else None, and leaves every other Datasette and table as it was."""
    original = TableView.data
    if getattr(original, "orders_first_pages", False):
        return

    async def data(self, request, default_labels=False, _next=None, _size=None):
        if _next is None:
            database = tilde_decode(request.url_vars.get("database", ""))
            table = tilde_decode(request.url_vars.get("table", ""))
            default = serves(self.ds, database, table)
            if default is not None:
                _next = first_page_token(request.args, default)
        return await original(self, request, default_labels, _next, _size)

    data.orders_first_pages = True  # type: ignore[attr-defined]
    TableView.data = data  # type: ignore[method-assign]
