"""The filter panel of the funding-calls page, as one Datasette facet type (`fundwatch`).

It counts every facet people think in (can councils apply, topic, closing month, status, funder,
seen on) in a single query, with the labels people read. Datasette's own facets run a query each,
re-running the page's search or filter every time; its `array` facet copies every column of every
row to de-duplicate and its `__arraycontains` filter runs json_each per row, which takes seconds
on 50,000 wide rows. Here a filtered page is evaluated once, arrays are counted per distinct array
(a few hundred) and added up in Python, and topics, sources and months filter with `_tag=`,
`_source=` and `_closes_month=` (see the plugin).
"""

from __future__ import annotations

from collections import defaultdict
from datetime import datetime
from typing import Any

from datasette.facets import Facet
from datasette.utils import path_with_added_args, path_with_removed_args, path_with_replaced_args

from config.clock import LONDON
from notifier.web.site import site_of
from storage import web_panel, web_queries, web_reads

MONTH_ARG = "_closes_month"
FILTER_ARGS = {column: arg for arg, column in web_queries.ARRAY_FILTERS.items()}
FILTER_ARGS["closes_at"] = MONTH_ARG


def month_label(month: str) -> str:
    return datetime.strptime(month, "%Y-%m").strftime("%B %Y")


class PanelFacet(Facet):
    type = "fundwatch"

    def _value(self, column: str, value: str, label: str, count: int) -> dict[str, Any]:
        arg = FILTER_ARGS.get(column, column)
        selected = (arg, value) in self.get_querystring_pairs()
        if selected:
            path = path_with_removed_args(self.request, {arg: value})
        elif arg == MONTH_ARG:  # one month at a time
            path = path_with_replaced_args(self.request, {arg: value, "_next": None})
        else:  # values of other filters add up (topic A and topic B)
            path = path_with_added_args(self.request, {arg: value, "_next": None})
        return {
            "value": value,
            "label": label,
            "count": count,
            "toggle_url": self.ds.absolute_url(self.request, self.ds.urls.path(path)),
            "selected": selected,
        }

    def _ranked(self, column: str, found: list[tuple[str, int]]) -> list[tuple[str, int]]:
        if column in web_queries.ARRAY_COLUMNS:
            return web_panel.array_counts(found).most_common()
        if column == "closes_at":
            site = site_of(self.ds)
            this_month = (site.now() if site else datetime.now(LONDON)).astimezone(LONDON)
            chosen = self.request.args.get(MONTH_ARG)
            # Months still to come (and one chosen): past months are history, not deadlines.
            return [
                (month, n)
                for month, n in web_panel.month_counts(found)
                if month >= this_month.strftime("%Y-%m") or month == chosen
            ]
        return sorted(found, key=lambda pair: (-pair[1], str(pair[0])))

    async def facet_results(self):
        site = site_of(self.ds)
        configs = {
            (c["config"].get("column") or c["config"]["simple"]): c["source"]
            for c in self.get_configs()
        }
        columns = [c for c in web_panel.PANEL_COLUMNS if c in configs]
        if not columns:
            return [], []
        size = self.get_facet_size()
        limit_ms = self.ds.setting("facet_time_limit_ms")
        found = await web_reads.panel_counts(
            self.ds.get_database(self.database),
            self.sql,
            self.params,
            columns,
            size + 1,
            time_limit_ms=limit_ms,
        )
        if found is None:
            return [], columns
        by_column: dict[str, list[tuple[str, int]]] = defaultdict(list)
        for facet, value, n in found:
            by_column[facet].append((value, n))
        results = []
        for column in columns:
            ranked = self._ranked(column, by_column[column])
            values = [
                self._value(column, str(value), self._label(site, column, value), n)
                for value, n in ranked[:size]
            ]
            results.append(
                {
                    "name": column,
                    "type": self.type,
                    "hideable": configs[column] != "metadata",
                    "toggle_url": self.ds.urls.path(
                        path_with_removed_args(self.request, {"_facet_fundwatch": column})
                    ),
                    "results": values,
                    "truncated": len(ranked) > size,
                }
            )
        return results, []

    @staticmethod
    def _label(site, column: str, value: Any) -> str:
        if column == "closes_at":
            return month_label(str(value))
        return site.value_label(column, value) if site else str(value)
