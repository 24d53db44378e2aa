"""The parts of one sources.yaml entry: the fields a page may fill, how a field is selected, what a
detail page adds, and how pages are numbered. config/models.py builds `Source` from them."""

from __future__ import annotations

from typing import Annotated, Literal

from pydantic import ConfigDict, Field

from config.model_parts import Strict

# The fields a listing/detail page may fill, in the funding domain's words.
FieldName = Literal[
    "title",
    "url",
    "summary",
    "funder",
    "opens",
    "closes",
    "amount",
    "status",
    "eligibility",
    "ref",
    "fund_total",
    "buyer_type",  # a procurement notice's buyer type (OCDS classification): councils are recognised
    "notice_type",  # a procurement notice's type (UK2, marketEngagementNotice, planning…): its kind
    "contact",  # whom a notice says to contact
]


class LabelSelector(Strict):
    """A value found by its label ("Closing date"): `dt/dd`, `th/td` and `<strong>` rows, else the
    looser shapes of funders' own pages (spiders/loose_labels.py)."""

    label: str | list[str] = Field(min_length=1)

    @property
    def labels(self) -> list[str]:
        """Several labels mean the first one present wins ("Maximum award", "Total fund")."""
        return [self.label] if isinstance(self.label, str) else list(self.label)


Selector = Annotated[str, Field(min_length=1)] | LabelSelector


class DetailSpec(Strict):
    """Follow each item's url and merge these fields into it. An api's detail is another JSON
    document (GOV.UK's search lists a `link`; its facts are at /api/content<link>): `url` is the
    JMESPath of its address in the item, and each field a JMESPath into that document."""

    fields: dict[FieldName, Selector] = Field(min_length=1)
    url: Annotated[str, Field(min_length=1)] | None = None  # api only; default: the item's url


class PageParam(Strict):
    """Pagination by a page number in the query string, until a page brings no new items; or, for
    an api, by the cursor token each answer gives for the next page (`from`), until it gives none."""

    model_config = ConfigDict(extra="forbid", frozen=True, populate_by_name=True)

    name: str = Field(min_length=1)  # the query parameter, e.g. page
    start: int = Field(
        default=1, ge=0
    )  # the first page's number (Innovate UK's search starts at 0)
    step: int = Field(default=1, ge=1)  # added per page: the page size when it is an offset
    # api: the JMESPath of the next page's value in the answer (a cursor token, not a link); the
    # first page is asked without it, and start and step do not apply
    from_: str | None = Field(default=None, alias="from", min_length=1)


__all__ = ["DetailSpec", "FieldName", "LabelSelector", "PageParam", "Selector"]
