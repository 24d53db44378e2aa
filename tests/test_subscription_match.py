"""Which opportunities a subscription's `match` lets through: one row per criterion and edge."""

from __future__ import annotations

import re
from datetime import UTC, datetime, timedelta

import pytest

from config import keywords
from config.keywords import compile_keywords
from config.models import Subscription
from notifier.alerts import Labels, OpportunityView
from notifier.subscription_match import is_actionable_change, is_alerted_change, matches

NOW = datetime(2026, 11, 25, 9, 0, tzinfo=UTC)


def opportunity(**fields) -> OpportunityView:
    base = {
        "id": "opp",
        "title": "Local Digital Fund round 9",
        "url": "https://example.gov.uk/ldf",
        "funder": "Ministry of Housing, Communities and Local Government",
        "summary": "Funding for councils to fix common problems with open source software.",
        "eligibility": "English local authorities may apply.",
        "closes_at": NOW + timedelta(days=30),
        "amount_min": 10_000.0,
        "amount_max": 100_000.0,
        "status": "open",
        "council_eligible": "yes",
        "tags": ("digital", "transformation"),
        "source_ids": ("find_a_grant", "mhclg_news"),
    }
    base.update(fields)
    return OpportunityView(**base)


def sub(**match) -> Subscription:
    return Subscription.model_validate(
        {"id": "team", "match": match, "slack": {"channel": "C0TEAM001"}}
    )


CASES = [
    # (name, match, opportunity overrides, expected)
    ("empty match takes everything", {}, {}, True),
    ("tag present", {"tags": ["digital"]}, {}, True),
    ("any of several tags", {"tags": ["net_zero", "transformation"]}, {}, True),
    ("tag absent", {"tags": ["net_zero"]}, {}, False),
    ("no tags on the opportunity", {"tags": ["digital"]}, {"tags": ()}, False),
    ("keyword in title, any case", {"keywords": ["DIGITAL"]}, {}, True),
    ("keyword in summary", {"keywords": ["open source"]}, {}, True),
    (
        "keyword phrase across a line wrap",
        {"keywords": ["open source"]},
        {"summary": "open\n  source tools"},
        True,
    ),
    ("keyword in eligibility", {"keywords": ["authorities"]}, {}, True),
    ("keyword only inside a word does not count", {"keywords": ["fix common prob"]}, {}, False),
    (
        "keyword that is part of a longer word",
        {"keywords": ["council"]},
        {"summary": "for councillors"},
        False,
    ),
    (
        "keyword with a trailing star matches endings",
        {"keywords": ["council*"]},
        {"summary": "for councillors"},
        True,
    ),
    ("none of the keywords", {"keywords": ["housing", "flood"]}, {}, False),
    ("keyword in funder only does not count", {"keywords": ["Communities"]}, {}, False),
    ("excluded keyword present", {"exclude_keywords": ["open source"]}, {}, False),
    ("excluded keyword absent", {"exclude_keywords": ["academic"]}, {}, True),
    ("excluded keyword in eligibility", {"exclude_keywords": ["local authorities"]}, {}, False),
    (
        "keyword matches but excluded wins",
        {"keywords": ["digital"], "exclude_keywords": ["round 9"]},
        {},
        False,
    ),
    ("funder substring, any case", {"funders": ["communities and local"]}, {}, True),
    ("funder not listed", {"funders": ["UKRI", "Innovate UK"]}, {}, False),
    ("funder unknown", {"funders": ["UKRI"]}, {"funder": None}, False),
    ("source id listed", {"sources": ["mhclg_news"]}, {}, True),
    ("source id not listed", {"sources": ["ukri_opportunities"]}, {}, False),
    ("council eligible true: yes", {"council_eligible": True}, {}, True),
    (
        "council eligible true: unclear",
        {"council_eligible": True},
        {"council_eligible": "unclear"},
        False,
    ),
    (
        "council eligible true: unknown counts as unclear",
        {"council_eligible": True},
        {"council_eligible": None},
        False,
    ),
    ("council eligible false: no", {"council_eligible": False}, {"council_eligible": "no"}, True),
    ("council eligible false: yes", {"council_eligible": False}, {}, False),
    (
        "eligibility list includes unclear",
        {"council_eligible": ["yes", "unclear"]},
        {"council_eligible": None},
        True,
    ),
    (
        "eligibility list excludes no",
        {"council_eligible": ["yes", "unclear"]},
        {"council_eligible": "no"},
        False,
    ),
    ("min amount met by the maximum", {"min_amount": 50_000}, {}, True),
    ("min amount above the maximum", {"min_amount": 200_000}, {}, False),
    ("min amount met by a lone minimum", {"min_amount": 5_000}, {"amount_max": None}, True),
    (
        "min amount with unknown amount",
        {"min_amount": 1},
        {"amount_min": None, "amount_max": None},
        False,
    ),
    (
        "max amount with unknown amount",
        {"max_amount": 20_000},
        {"amount_min": None, "amount_max": None},
        True,
    ),
    ("max amount reachable from the minimum", {"max_amount": 20_000}, {}, True),
    ("max amount below the minimum", {"max_amount": 5_000}, {}, False),
    ("max amount below a lone maximum", {"max_amount": 5_000}, {"amount_min": None}, False),
    ("closing within the window", {"closing_within_days": 30}, {}, True),
    ("closing after the window", {"closing_within_days": 29}, {}, False),
    (
        "already past its closing date",
        {"closing_within_days": 30},
        {"closes_at": NOW - timedelta(hours=1)},
        False,
    ),
    ("closing date unknown", {"closing_within_days": 30}, {"closes_at": None}, False),
    ("marked closed", {"closing_within_days": 30}, {"status": "closed"}, False),
    (
        "every criterion at once",
        {
            "tags": ["digital"],
            "keywords": ["software"],
            "exclude_keywords": ["academic"],
            "funders": ["MHCLG", "Ministry of Housing"],
            "sources": ["find_a_grant"],
            "council_eligible": True,
            "min_amount": 20_000,
            "max_amount": 500_000,
            "closing_within_days": 45,
        },
        {},
        True,
    ),
]


@pytest.mark.parametrize(("name", "match", "fields", "expected"), CASES, ids=[c[0] for c in CASES])
def test_matches(name, match, fields, expected):
    assert matches(sub(**match), opportunity(**fields), NOW) is expected


def test_sources_match_ids_not_labels():
    view = OpportunityView.from_row(
        {"id": "o", "title": "t", "url": "https://x.example", "source_ids": '["find_a_grant"]'},
        Labels(sources={"find_a_grant": "Find a Grant"}),
    )
    assert view.sources == ("Find a Grant",)
    assert matches(sub(sources=["find_a_grant"]), view, NOW)
    assert not matches(sub(sources=["Find a Grant"]), view, NOW)


def test_keyword_is_literal_text_not_a_pattern():
    assert compile_keywords(["c++"]).search("skills in C++ and Rust")
    assert not compile_keywords(["a.b"]).search("axb")
    assert matches(sub(keywords=["c++"]), opportunity(summary="skills in C++ and Rust"), NOW)
    assert not matches(sub(keywords=["a.b"]), opportunity(summary="axb"), NOW)


def test_subscription_keywords_are_compiled_once_not_per_opportunity(monkeypatch):
    subscription = sub(
        keywords=["open source", "decarbonis*", "children's services"],
        exclude_keywords=["academic", "fellowship*"],
    )
    summaries = [
        "Open-source tools for councils",
        "Decarbonising the fleet",
        "Children\u2019s services",
        "Open source academic research",
        "Fellowships in open source",
        "Road resurfacing",
    ]
    views = [opportunity(id=f"opp{n}", summary=text) for n in range(100) for text in summaries]
    compiled: list[str] = []
    real_compile = re.compile

    def counting_compile(pattern, flags=0):
        compiled.append(pattern)
        return real_compile(pattern, flags)

    keywords.keyword_set.cache_clear()  # earlier tests may have compiled these lists already
    # config/keywords.py compiles through re.compile; count every call while matching.
    monkeypatch.setattr(re, "compile", counting_compile)
    results = [matches(subscription, view, NOW) for view in views]
    assert results == [True, True, True, False, False, False] * 100
    # The phrases of `keywords` make one pattern per first word ("open …", "children's …");
    # `exclude_keywords` are single words (set lookups, no pattern). Once, not per opportunity.
    assert len(compiled) == 2, "one pattern per phrase group, not one per opportunity"
    # The same lists on a subscription loaded again (config reload) are not compiled again either.
    again = sub(
        keywords=["open source", "decarbonis*", "children's services"],
        exclude_keywords=["academic", "fellowship*"],
    )
    assert [matches(again, view, NOW) for view in views[:6]] == [
        True,
        True,
        True,
        False,
        False,
        False,
    ]
    assert len(compiled) == 2


@pytest.mark.parametrize(
    ("changes", "expected"),
    [
        (
            {
                "closes_at": {
                    "before": "2027-01-12T16:00:00+00:00",
                    "after": "2027-01-26T16:00:00+00:00",
                }
            },
            True,
        ),
        ({"amount_max": {"before": 1.0, "after": 2.0}}, True),
        ({"status": {"before": "upcoming", "after": "open"}}, True),
        ({"summary": {"before": "a", "after": "b"}}, False),
        ({"funder": {"before": "a", "after": "b"}, "url": {"before": "x", "after": "y"}}, False),
        (
            {
                "summary": {"before": "a", "after": "b"},
                "eligibility": {"before": "a", "after": "b"},
            },
            True,
        ),
        ({}, False),
        (None, False),
    ],
)
def test_is_actionable_change(changes, expected):
    assert is_actionable_change(changes) is expected


@pytest.mark.parametrize(
    ("changes", "expected"),
    [
        ({"status": {"before": "open", "after": "closed"}}, False),  # the `closed` event tells it
        (
            {
                "status": {"before": "open", "after": "closed"},
                "amount_max": {"before": 1, "after": 2},
            },
            True,
        ),
        ({"status": {"before": "closed", "after": "open"}}, True),  # reopened: a change
        ({"status": {"before": "upcoming", "after": "open"}}, True),
        ({"summary": {"before": "a", "after": "b"}}, False),
    ],
)
def test_is_alerted_change(changes, expected):
    assert is_alerted_change(changes) is expected
