"""Money read by label keeps its label: "Maximum award" is a maximum, "Total fund" the whole pot.

Cards are modelled on spiders/sources/ukri_opportunities/listing-1.html and run through the configured
ukri_opportunities listing spider, then the normaliser, as a crawl would.
"""

from __future__ import annotations

from datetime import UTC, datetime

import pytest
from parsel import Selector
from scrapy.http import HtmlResponse, Request

from config.loader import load_sources
from config.models import LabelSelector
from spiders.extract import FieldReader
from spiders.items import OpportunitySighting
from spiders.listing import read_fields
from spiders.normalise.money import parse_amounts
from spiders.normalise.sighting import normalise
from spiders.registry import make_spider
from tests.case_tables import table
from tests.crawl_helpers import ROOT

NOW = datetime(2026, 11, 25, 9, tzinfo=UTC)
PAGE = "https://www.ukri.org/opportunity/?filter_status%5B0%5D=open&filter_status%5B1%5D=upcoming"
ROW = """
              <div class="govuk-table__row">
                <dt class="govuk-table__header opportunity-cells">{label}: </dt>
                <dd class="govuk-table__cell opportunity-cells">{value}</dd>
              </div>"""
CARD = """
        <div id="post-68377" class="opportunity type-opportunity status-publish hentry">
          <div class="entry-header">
            <h3 class="entry-title ukri-entry-title">
              <a class="ukri-funding-opp__link" href="https://www.ukri.org/opportunity/{slug}/"
                 rel="bookmark">Decarbonising heat in social housing: feasibility studies</a>
            </h3>
          </div>
          <div class="entry-content">
            <p>UK registered organisations can apply for a share of up to £4 million.</p>
          </div>
          <div class="entry-meta">
            <dl class="govuk-table opportunity__summary">{rows}
              <div class="govuk-table__row">
                <dt class="govuk-table__header opportunity-cells">Closing date: </dt>
                <dd class="govuk-table__cell opportunity-cells"><time datetime="2026-12-03T11:00:00">3 December 2026 11:00am UK time</time></dd>
              </div>
            </dl>
          </div>
        </div>"""


@pytest.fixture(scope="module")
def source():
    ukri = next(s for s in load_sources(ROOT / "config") if s.id == "ukri_opportunities")
    return ukri.model_copy(update={"detail": None})  # the listing's own fields only


def card(slug: str, *rows: tuple[str, str]) -> str:
    return CARD.format(
        slug=slug, rows="".join(ROW.format(label=label, value=value) for label, value in rows)
    )


def crawl(source, *cards: str) -> list:
    body = f"<html><body><main>{''.join(cards)}</main></body></html>"
    response = HtmlResponse(
        url=PAGE, body=body.encode("utf-8"), encoding="utf-8", request=Request(PAGE)
    )
    spider = make_spider(source)
    items = [i for i in spider.parse(response) if isinstance(i, OpportunitySighting)]
    assert spider.problems == [], spider.problems
    return [normalise(item, source, NOW) for item in items]


def test_maximum_award_alone_is_a_maximum_only(source):
    (record,) = crawl(
        source, card("max-only", ("Funding type", "Grant"), ("Maximum award", "£950,000"))
    )
    assert (record.amount_min, record.amount_max, record.fund_total) == (None, 950_000, None)
    assert record.amount_text == "Maximum award: £950,000"


def test_award_range_and_total_fund_are_kept_apart(source):
    (record,) = crawl(
        source,
        card(
            "range-and-total",
            ("Total fund", "£4,000,000"),
            ("Award range", "£1,000,000 - £2,000,000"),
        ),
    )
    assert (record.amount_min, record.amount_max, record.fund_total) == (
        1_000_000,
        2_000_000,
        4_000_000,
    )
    # In the order the curator listed the labels, each with its label.
    assert record.amount_text == "Award range: £1,000,000 - £2,000,000; Total fund: £4,000,000"


def test_total_fund_and_maximum_award(source):
    (record,) = crawl(
        source, card("pot-and-max", ("Total fund", "£4,000,000"), ("Maximum award", "£250,000"))
    )
    assert (record.amount_min, record.amount_max, record.fund_total) == (None, 250_000, 4_000_000)


def test_total_fund_alone_is_the_pot_not_an_award(source):
    (record,) = crawl(source, card("pot-only", ("Total fund", "£1,500,000")))
    assert (record.amount_min, record.amount_max, record.fund_total) == (None, None, 1_500_000)


def test_no_money_rows_only_what_the_summary_says_with_its_words(source):
    # The card's summary: "… apply for a share of up to £4 million." — the pot, said as such.
    (record,) = crawl(source, card("no-money", ("Funding type", "Grant")))
    assert (record.amount_min, record.amount_max, record.fund_total) == (None, None, 4_000_000.0)
    assert record.amount_text is None


def test_other_fields_read_by_label_keep_their_bare_values(source):
    node = Selector(text=card("bare", ("Funders", "Innovate UK"), ("Maximum award", "£950,000")))
    fields = read_fields(
        node,
        {
            "funder": LabelSelector(label="Funders"),
            "closes": LabelSelector(label=["Closing date", "Deadline"]),
            "amount": LabelSelector(label="Maximum award"),
        },
    )
    assert fields["funder"] == "Innovate UK"
    assert fields["closes"] == "3 December 2026 11:00am UK time"
    assert fields["amount"] == "Maximum award: £950,000"


def test_a_label_listed_twice_is_read_once():
    node = Selector(text=card("twice", ("Total fund", "£4,000,000")))
    reader = FieldReader(node)
    assert reader.labelled(["Total fund", "Total fund:", "Award range"]) == "Total fund: £4,000,000"
    assert reader.by_label(["Award range", "Total fund"]) == "£4,000,000"  # first present wins


@pytest.mark.parametrize(
    "prose, amounts",
    [
        ("Grants of up to £50,000 for village halls.", (None, 50_000.0, None)),
        ("A £60 million fund for heat network zoning.", (None, None, 60_000_000.0)),
        ("Awards of £10,000 to £25,000 are available.", (10_000.0, 25_000.0, None)),
        ("Last year we gave £3m to 40 groups.", (None, None, None)),  # said, not offered
        # Shared out among councils: the pot the news announces (was pinned as no amount).
        ("Councils to share £500 million to upgrade homes", (None, None, 500_000_000.0)),
    ],
)
def test_prose_gives_only_the_money_its_words_say_what_it_is(prose, amounts):
    assert tuple(parse_amounts(prose, cued_only=True)) == amounts


@pytest.mark.parametrize("case", table("money_in_text.yaml", keys={"input", "expected", "note"}))
def test_money_in_running_text(case):
    # Feed summaries' wordings, with the figures that are not on offer (tests/cases/money_in_text.yaml).
    assert list(parse_amounts(case["input"], cued_only=True)) == case["expected"]
