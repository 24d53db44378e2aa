"""The Datasette plugin that makes a Datasette a fundwatch repository: read-only connections that
know "now", the filters and facets people think in, template helpers, and fundwatch's own pages.

Every hook first asks `site_of(datasette)`: a Datasette that is not serving fundwatch (another app
in the same process) is left exactly as it was.
"""

from __future__ import annotations

import sys
from urllib.parse import urlencode

from datasette import hookimpl
from datasette.filters import FilterArguments
from datasette.plugins import pm
from datasette.utils import path_with_format

from notifier.web import pages
from notifier.web.config_watch import one_look_per_request
from notifier.web.csv_cells import safe_csv
from notifier.web.empty_search import drop_empty_search
from notifier.web.facets import MONTH_ARG, PanelFacet, month_label
from notifier.web.first_page import order_first_pages
from notifier.web.safe_headers import nosniff
from notifier.web.site import DATABASE, DEFAULT_SORT_DESC, FACET_TITLES, TABLE, site_of
from notifier.web.words import filters
from storage import web_panel, web_queries

NAME = "fundwatch"


@hookimpl
def prepare_connection(conn, database, datasette):
    site = site_of(datasette)
    if site is not None and database == DATABASE:
        web_queries.prepare(conn, site.now)


@hookimpl
def prepare_jinja2_environment(env, datasette):
    site = site_of(datasette)
    if site is not None:
        env.filters.update(filters(site))


@hookimpl
def register_facet_classes():
    return [PanelFacet]


@hookimpl
def asgi_wrapper(datasette):
    if site_of(datasette) is None:
        return None
    return lambda app: nosniff(one_look_per_request(drop_empty_search(safe_csv(app))))


def calls_sorted_by_default(datasette, database: str, table: str) -> str | None:
    """The calls table's default sort, when `datasette` serves fundwatch (first_page.py)."""
    if site_of(datasette) is None or (database, table) != (DATABASE, TABLE):
        return None
    return DEFAULT_SORT_DESC


@hookimpl
def get_metadata(datasette, key, database, table):
    site = site_of(datasette)
    if site is None:
        return {}
    return {"databases": {DATABASE: {"description_html": site.attributions_html()}}}


@hookimpl
def register_routes(datasette):
    return pages.routes() if site_of(datasette) is not None else []


@hookimpl
def extra_template_vars(datasette, request):
    site = site_of(datasette)
    if site is None:
        return {}
    return {
        "fw_sources": site.attributions(),
        "fw_facet_titles": FACET_TITLES,
        "fw_allow_sql": site.allow_sql,
        "fw_table_url": datasette.urls.table(DATABASE, TABLE),
        "fw_query_url": lambda name: f"{datasette.urls.database(DATABASE)}/{name}",
        "fw_list_csv": whole_csv(request),
    }


def whole_csv(request) -> str:
    """This list (its search and filters) as CSV, every row: Datasette's own link asks for one
    page of at most 1,000 rows, and a file does not say it stopped. `_next` goes (a later page's
    link would start there; streaming refuses it)."""
    kept = [
        (key, value)
        for key in request.args.keys()
        if key not in ("_next", "_size", "_stream")
        for value in request.args.getlist(key)
    ]
    path = path_with_format(path=request.path, format="csv")
    return f"{path}?{urlencode([*kept, ('_stream', 'on')])}"


@hookimpl
def filters_from_request(request, database, table, datasette):
    """`_open=1` open now; `_deadline=1` a deadline still to come; `_closes_month=2027-01`;
    `_tag=net_zero` and `_source=find_a_grant` (repeatable: each must hold); and calls no longer
    listed anywhere are left out unless `_removed=1`."""
    if site_of(datasette) is None or database != DATABASE or table != TABLE:
        return None
    where, params, said = [], {}, []
    if not request.args.get("_removed"):
        where.append(web_queries.LIVE)
    if request.args.get("_open"):
        where.append(web_queries.OPEN_NOW)
        said.append("open now")
    if request.args.get("_deadline"):
        where.append(web_queries.DEADLINE_AHEAD)
        said.append("with a deadline still to come")
    labels = site_of(datasette).labels
    for arg, column in web_queries.ARRAY_FILTERS.items():
        for i, value in enumerate(request.args.getlist(arg)):
            param = f"fw{arg}_{i}"
            where.append(web_queries.array_filter(column, param))
            params[param] = web_queries.array_value(value)
            names = labels.tags if column == "tags" else labels.sources
            said.append(f"{'tagged' if column == 'tags' else 'seen on'} {names.get(value, value)}")
    month = request.args.get(MONTH_ARG)
    bounds = web_panel.month_bounds(month) if month else None
    if bounds:
        where.append(web_queries.CLOSES_IN_MONTH)
        params.update(fw_month_start=bounds[0], fw_month_end=bounds[1])
        said.append(f"closing in {month_label(month)}")
    return FilterArguments(where, params, said, {"fw_filters": said})


def register() -> None:
    """Load the plugin into Datasette's plugin manager once per process."""
    module = sys.modules[__name__]
    if not pm.is_registered(module):
        pm.register(module, name=NAME)
    order_first_pages(calls_sorted_by_default)
