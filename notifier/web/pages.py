"""The pages fundwatch adds to Datasette: the home page, one call's page (its sources and its
history in words), the feeds page, and the feeds themselves at stable URLs."""

from __future__ import annotations

from dataclasses import replace
from urllib.parse import quote

from datasette.utils.asgi import NotFound, Response

from notifier.export.build import Links, build, opportunity_ics
from notifier.export.scope import ALL, UnknownScope, choose_scope
from notifier.recurring import earlier_rounds
from notifier.web.conditional import conditional
from notifier.web.site import DATABASE, TABLE, Site, site_of
from notifier.web.words import history_lines
from storage import web_queries, web_reads

ID_PATTERN = r"[A-Za-z0-9_-]{1,80}"
KEY_PATTERN = r"[a-z0-9][a-z0-9_]{0,80}"


def _site(datasette) -> Site:
    site = site_of(datasette)
    if site is None:  # routes are only registered for a fundwatch Datasette
        raise NotFound("not a fundwatch repository")
    return site


def links(datasette, request) -> Links:
    return Links(
        base_url=datasette.absolute_url(request, datasette.urls.path("/")).rstrip("/"),
        self_url=datasette.absolute_url(request, request.path),
    )


async def _page(datasette, request, template: str, context: dict) -> Response:
    html = await datasette.render_template(
        template, {"fw_page": True, **context}, request=request, view_name=template
    )
    return Response.html(html)


async def home(datasette, request) -> Response:
    site = _site(datasette)
    counts, tags, newest = await web_reads.home(datasette.get_database(DATABASE))
    topics = sorted(
        (
            (tag, site.labels.tags.get(tag, tag), n)
            for tag, n in tags.items()
            if tag in site.config.tags
        ),
        key=lambda item: item[1].casefold(),
    )
    queries = web_queries.canned_queries()
    return await _page(
        datasette,
        request,
        "fundwatch_home.html",
        {"counts": counts, "topics": topics, "newest": newest, "queries": queries},
    )


async def opportunity(datasette, request) -> Response:
    site = _site(datasette)
    opportunity_id = request.url_vars["id"]
    found, seen, versions, rounds = await web_reads.opportunity(
        datasette.get_database(DATABASE), opportunity_id
    )
    if found is None:
        raise NotFound("No funding call has that id: it may have been merged or mistyped.")
    label = site.labels.sources.get
    first = seen[0] if seen else None
    context = {
        "o": found,
        "sightings": seen,
        "history": history_lines(versions, lambda s: label(s, s)),
        "first_seen_on": label(first["source_id"], first["source_id"]) if first else None,
        "share_url": datasette.absolute_url(request, request.path),
        "json_url": datasette.urls.row(DATABASE, TABLE, quote(opportunity_id, safe="")) + ".json",
        "ics_url": datasette.urls.path(f"/opportunity/{quote(opportunity_id, safe='')}.ics"),
        # A recurring fund's earlier rounds, most recent first: when they opened and closed.
        "past_rounds": earlier_rounds(found, rounds),
    }
    return await _page(datasette, request, "fundwatch_opportunity.html", context)


async def opportunity_calendar(datasette, request) -> Response:
    site = _site(datasette)
    opportunity_id = request.url_vars["id"]
    page_links = links(datasette, request)
    now = site.now()
    body = await web_reads.on_connection(
        datasette.get_database(DATABASE),
        lambda conn: opportunity_ics(conn, opportunity_id, site.labels, page_links, now),
    )
    return conditional(request, body, filename=f"{opportunity_id}.ics")


def feed_urls(datasette, request, site: Site) -> list[dict]:
    """Every feed this repository publishes: everything, each subscription, each tag."""
    scopes = [("All funding", "all", None)]
    scopes += [(s.name or s.id, "subscription", s.id) for s in site.config.subscriptions]
    scopes += [(site.labels.tags.get(t, t), "tag", t) for t in sorted(site.config.tags)]
    out = []
    for label, kind, key in scopes:
        path = "/-/feeds/all" if kind == "all" else f"/-/feeds/{kind}/{key}"
        ics = datasette.absolute_url(request, datasette.urls.path(path + ".ics"))
        out.append(
            {
                "label": label,
                "kind": kind,
                "atom": datasette.absolute_url(request, datasette.urls.path(path + ".atom")),
                "ics": ics,
                "webcal": "webcal://" + ics.split("://", 1)[1],
            }
        )
    return out


async def feeds_page(datasette, request) -> Response:
    site = _site(datasette)
    return await _page(
        datasette, request, "fundwatch_feeds.html", {"feeds": feed_urls(datasette, request, site)}
    )


async def feed(datasette, request) -> Response:
    site = _site(datasette)
    fmt = request.url_vars["format"]
    kind = request.url_vars.get("kind", "all")
    key = request.url_vars.get("key")
    try:
        scope = ALL if kind == "all" else choose_scope(site.config, **{kind: key})
    except UnknownScope as error:
        raise NotFound(str(error)) from None
    page_links = links(datasette, request)
    now = site.now()
    body = await web_reads.on_connection(
        datasette.get_database(DATABASE),
        lambda conn: build(fmt, conn, scope, site.labels, now, page_links),
    )
    # A subscription edited (its match, a tag's label) changes the feed though no row did: a reader
    # asking If-Modified-Since alone must not be told 304.
    edited = site.config_written_at
    if edited is not None and body.last_modified is not None and edited > body.last_modified:
        body = replace(body, last_modified=edited)
    return conditional(request, body, filename=f"fundwatch-{scope.slug}.{fmt}")


def routes() -> list[tuple[str, object]]:
    return [
        (r"^/$", home),
        (rf"^/opportunity/(?P<id>{ID_PATTERN})$", opportunity),
        (rf"^/opportunity/(?P<id>{ID_PATTERN})\.ics$", opportunity_calendar),
        (r"^/-/feeds/?$", feeds_page),
        (r"^/-/feeds/all\.(?P<format>atom|ics)$", feed),
        (
            rf"^/-/feeds/(?P<kind>tag|subscription)/(?P<key>{KEY_PATTERN})\.(?P<format>atom|ics)$",
            feed,
        ),
    ]
