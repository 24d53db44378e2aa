"""Typed models for the YAML people edit. Unknown keys are errors: a typo must not pass silently."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import timedelta
from typing import Annotated, Any, Literal

from pydantic import Field, ValidationInfo, field_validator, model_validator

from config.addresses import address_errors
from config.header_env import headers_env_problem
from config.model_parts import (
    EMAIL_ADDRESS,
    Cadence,
    Duration,
    HttpUrlText,
    SlackTarget,
    Strict,
    TeamsTarget,
    TimeZoneName,
    field_problem,
    parse_duration,
    refuse,
)
from config.opportunity_kinds import OpportunityKind
from config.page_variables import misplaced_variable
from config.sitemap_entry import SitemapMatch, sitemap_problems

# The parts of a source entry (field names, selectors, detail, paging) live in config/source_parts.py;
# importable from here as before.
from config.source_parts import (
    DetailSpec,
    FieldName,
    LabelSelector,
    PageParam,
    Selector,
)

ID_PATTERN = r"^[a-z0-9][a-z0-9_]*$"

MAX_PAGES = 10_000


class Source(Strict):
    id: str = Field(pattern=ID_PATTERN)
    name: str | None = None
    kind: Literal["feed", "listing", "api", "sitemap", "custom"]
    urls: list[HttpUrlText] = Field(min_length=1)
    funder: str | None = None
    every: Duration = "6h"
    timezone: TimeZoneName = "Europe/London"
    tags: list[str] = []
    enabled: bool = True
    delay: float | None = Field(
        default=None,
        ge=0,
        description="seconds between requests to this host; never below the floor",
    )
    verified: str | None = None  # how this entry was checked against the real source
    # Where the crawler may go (see config/addresses.py): public addresses only, unless the source
    # says private ranges are fine; other hosts than its own only when named here.
    allow_private: bool = False
    follow_hosts: list[str] = []
    # listing and api
    item: str | None = None  # listing: CSS/XPath of one opportunity; api: JMESPath of the item list
    # api: the JSON is inside a web page (Next.js's __NEXT_DATA__, JSON-LD): the CSS/XPath of the
    # <script> holding it; several matches are a list of their JSON (spiders/page_json.py)
    json_script: Annotated[str, Field(min_length=1)] | None = None
    fields: dict[FieldName, Selector] = {}  # listing: CSS/XPath/label; api: a JMESPath per field
    params: dict[str, str] = {}  # query parameters added to every start URL
    next_page: str | None = (
        None  # listing: CSS/XPath of the next link; api: JMESPath of the next URL
    )
    page_param: PageParam | None = None
    # sitemap: the regular expression an address the sitemap lists must contain to be a call's page
    match: SitemapMatch | None = None
    # Listing pages one crawl follows: a safety cap, not a size guess (a national listing of 100,000
    # calls at 10 a page is 10,000 pages), so a big site is read whole unless its entry says less. A
    # next link that leads back to pages already read ends the crawl before it (spiders/base.py).
    max_pages: int = Field(default=MAX_PAGES, ge=1, le=MAX_PAGES)
    detail: DetailSpec | None = None
    # A complete crawl lists every open call (so one no longer listed has gone). False for a source
    # that lists a window (an API queried for what changed in the last 14 days, a feed of the latest
    # news): nothing it stops listing is inferred removed. Feeds are windows unless a source says not.
    lists_everything: bool | None = None
    # Fields whose fill rate the health check watches (a selector that stops matching).
    required: list[FieldName] = ["title", "url"]
    # Request headers whose values are secrets: header → the environment variable holding its value
    # (config/header_env.py), sent to the source's own hosts only.
    headers_env: dict[str, str] = {}

    @field_validator("headers_env")
    @classmethod
    def _headers_env_names(cls, value: dict[str, str]) -> dict[str, str]:
        if problem := headers_env_problem(value):
            raise ValueError(problem)
        return value

    @field_validator("page_param")
    @classmethod
    def _page_param_fits(cls, value: PageParam | None, info: ValidationInfo) -> PageParam | None:
        # For a custom source, page_param itself is refused (_kind_problems), which says more.
        if value is not None and value.from_ and info.data.get("kind") in ("listing", "feed"):
            raise ValueError("'from' only applies to kind: api (a cursor token in the JSON answer)")
        for url in info.data.get("urls") or [] if value is not None else []:
            if problem := misplaced_variable(url, value.name, info.data.get("params")):
                raise ValueError(problem)
        return value

    @field_validator("json_script")
    @classmethod
    def _json_script_is_an_apis(cls, value: str | None, info: ValidationInfo) -> str | None:
        if value is not None and info.data.get("kind", "api") != "api":
            raise ValueError("only applies to kind: api (the <script> holding a page's JSON)")
        return value

    @model_validator(mode="after")
    def _entry_rules(self) -> Source:
        # Every rule over the entry and every refused address at once (judged again at request time).
        refuse(
            self,
            [field_problem(self, *found) for found in self._kind_problems()] + address_errors(self),
        )
        return self

    def _kind_problems(self) -> Iterator[tuple[str, str]]:
        """(field, what is wrong) for each rule of the source's kind this entry breaks."""
        if self.kind in ("listing", "api"):
            if not self.item:
                what = "the selector of one opportunity" if self.kind == "listing" else "a JMESPath"
                article = "a" if self.kind == "listing" else "an"
                yield "item", f"{article} {self.kind} source needs 'item' ({what})"
            missing = [f for f in ("title", "url") if f not in self.fields]
            if missing:
                needs = f"{'a' if self.kind == 'listing' else 'an'} {self.kind} source needs"
                yield "fields", f"{needs} fields {missing} in 'fields'"
            if self.kind == "api":
                detail = self.detail.fields if self.detail else {}
                selectors = [*self.fields.values(), *detail.values()]
                if not all(isinstance(selector, str) for selector in selectors):
                    yield "fields", "an api source reads fields by JMESPath only (no label)"
            elif self.detail and self.detail.url:
                yield "detail", "'url' only applies to kind: api"
        if self.kind not in ("listing", "api"):
            for key in ("item", "next_page", "page_param"):
                # A feed pages by its own rel="next", or by a page number (WordPress's ?paged=2).
                if getattr(self, key) and not (key == "page_param" and self.kind == "feed"):
                    yield key, "only applies to kind: listing or api"
            if self.detail and self.kind not in ("feed", "sitemap"):  # their items link to pages
                yield "detail", "'detail' only applies to kind: listing, feed, sitemap or api"
            elif self.detail and self.detail.url:
                yield "detail", "'url' only applies to kind: api"
            if self.fields and self.kind in ("feed", "sitemap"):
                yield "fields", "only applies to kind: listing or api"
        yield from sitemap_problems(self.kind, self.match, self.detail)

    @property
    def label(self) -> str:
        return self.name or self.id

    @property
    def infers_removals(self) -> bool:
        """May a call this source no longer lists be taken as gone? See `lists_everything`."""
        return self.lists_everything if self.lists_everything is not None else self.kind != "feed"

    @property
    def interval(self) -> timedelta:
        return parse_duration(self.every)


class TagRule(Strict):
    """A tag follows what a call is about (title, summary, eligibility); `funders` is the one way to
    tag by who funds it: the tag applies when the funder's name matches one of those keywords."""

    label: str | None = None
    any: list[str] = []
    all: list[str] = []
    none: list[str] = []
    # Phrases in which the rule's keywords do not count: "retrofitting Changing Places" is no energy
    # retrofit, "monitoring data" no digital work (a `none` would drop the tag from every call that
    # says it, a real retrofit or digital call too).
    except_in: list[str] = []
    funders: list[str] = []

    @model_validator(mode="after")
    def _has_terms(self) -> TagRule:
        if not self.any and not self.all and not self.funders:
            # On `any`, the key every tag has: '(entry)' named no field to fix.
            message = "a tag needs keywords in 'any' or 'all', or 'funders': none are given"
            refuse(self, [field_problem(self, "any", message)])
        return self


class Match(Strict):
    tags: list[str] = []
    keywords: list[str] = []
    exclude_keywords: list[str] = []
    funders: list[str] = []
    sources: list[str] = []
    council_eligible: bool | list[Literal["yes", "partner", "no", "unclear"]] | None = None
    min_amount: float | None = Field(default=None, ge=0)
    max_amount: float | None = Field(default=None, ge=0)
    closing_within_days: int | None = Field(default=None, ge=0)

    @field_validator("council_eligible", mode="before")
    @classmethod
    def _yaml_yes_no(cls, value):
        # YAML 1.1 reads a bare yes/no as true/false: [yes, unclear] arrives as [True, "unclear"].
        if isinstance(value, list):
            return [
                {True: "yes", False: "no"}.get(v, v) if isinstance(v, bool) else v for v in value
            ]
        return value

    @property
    def eligibility_values(self) -> set[str] | None:
        """true → only 'yes'; false → only 'no'; a list → exactly those."""
        if self.council_eligible is None:
            return None
        if self.council_eligible is True:
            return {"yes"}
        if self.council_eligible is False:
            return {"no"}
        return set(self.council_eligible)


EventKind = Literal["new", "changed", "opening_soon", "closing_soon", "closed"]


class EmailTarget(Strict):
    to: list[Annotated[str, Field(pattern=EMAIL_ADDRESS)]] = Field(min_length=1)
    cadence: Cadence = "daily"


class Subscription(Strict):
    id: str = Field(pattern=ID_PATTERN)
    name: str | None = None
    match: Match = Match()
    events: list[EventKind] = ["new", "changed", "opening_soon", "closing_soon"]
    closing_soon_days: int = Field(default=14, ge=1, le=365)
    # Four weeks' notice of a call before it opens: time to line up partners and a business case.
    opening_soon_days: int = Field(default=28, ge=1, le=365)
    kinds: list[OpportunityKind] = []  # funding, market_engagement…; none listed: every kind
    # Places near the team (their council, neighbours, county): a council buyer named with one is
    # "a council near you" in alerts and digests.
    near: list[Annotated[str, Field(min_length=2, max_length=80)]] = []
    slack: SlackTarget | None = None
    email: EmailTarget | None = None
    teams: TeamsTarget | None = None

    @field_validator("events", mode="before")
    @classmethod
    def _removed_is_never_sent(cls, value: Any) -> Any:
        # The one event kind a team might reasonably guess at, and the generic "Input should be
        # …" would not say why it is missing.
        if isinstance(value, list) and "removed" in value:
            raise ValueError(
                "'removed' is never sent: a call no source lists any more is marked removed in "
                "the repository, but that is not news a council acts on (use 'closed' to hear "
                "when a call closes)"
            )
        return value

    @model_validator(mode="after")
    def _has_channel(self) -> Subscription:
        if not self.slack and not self.email and not self.teams:
            raise ValueError("a subscription needs 'slack' or 'email' or 'teams' (one or more)")
        return self


# settings.yaml's models live in config/settings_model.py; importable from here as before.
from config.settings_model import CrawlSettings, CuratorSettings, ScheduleSettings, Settings  # noqa: E402

__all__ = [
    "CrawlSettings",
    "CuratorSettings",
    "LabelSelector",
    "ScheduleSettings",
    "Settings",
]
