"""The one keyword language (config/keywords.py): tags and subscriptions must give the same answer.

Every row of tests/cases/keywords.yaml goes through the tag path (compile_rules/tag, as `any` and
as `none`), the subscription path (matches() with match.keywords and with match.exclude_keywords)
and config.keywords.mentions_any.
"""

from __future__ import annotations

import subprocess
import sys
from datetime import UTC, datetime

import pytest

from config.keywords import compile_keywords, fold, is_blank, keyword_pattern, mentions_any
from config.models import Subscription, TagRule
from notifier.alerts import OpportunityView
from notifier.subscription_match import matches
from spiders.tagging import compile_rules, tag
from tests.case_tables import table as case_table
from tests.crawl_helpers import ROOT

NOW = datetime(2026, 11, 25, 9, 0, tzinfo=UTC)
# A word every text gets, so a rule can be written that tags unless its `none` keywords appear.
ALWAYS = "fundwatchmarker"


def _one_way(row: dict) -> str | None:
    if ("keyword" in row) == ("keywords" in row):
        return "give exactly one of 'keyword' or 'keywords'"
    if not isinstance(row["expected"], bool):
        return "expected must be true or false"
    return None


def keyword_rows() -> list:
    return case_table(
        "keywords.yaml",
        keys={"keyword", "keywords", "input", "expected", "note"},
        required=("input", "expected"),
        check=_one_way,
    )


def keywords_of(row: dict) -> list[str]:
    return row["keywords"] if "keywords" in row else [row["keyword"]]


def tagged(text: str, rule: TagRule) -> bool:
    return tag(text, compile_rules({"t": rule})) == ["t"]


def subscribed(text: str, match: dict) -> bool:
    subscription = Subscription.model_validate(
        {"id": "team", "match": match, "slack": {"channel": "C0TEAM001"}}
    )
    view = OpportunityView(id="opp", title=text, url="https://example.gov.uk/fund")
    return matches(subscription, view, NOW)


@pytest.mark.parametrize("row", keyword_rows())
def test_tags_and_subscriptions_agree(row: dict) -> None:
    words, text, expected = keywords_of(row), row["input"], row["expected"]
    marked = f"{text}\n{ALWAYS}"
    answers = {
        "tag any": tagged(text, TagRule(any=words)),
        "tag none": not tagged(marked, TagRule(any=[ALWAYS], none=words)),
        "subscription keywords": subscribed(text, {"keywords": words}),
        "subscription exclude_keywords": not subscribed(text, {"exclude_keywords": words}),
        "mentions_any": mentions_any(text, words),
    }
    assert answers == dict.fromkeys(answers, expected)


@pytest.mark.parametrize("row", [r for r in keyword_rows() if "keyword" in r.values[0]])
def test_tag_all_reads_the_same_language(row: dict) -> None:
    # `all` compiles each keyword on its own; it must read them exactly as `any` does.
    assert tagged(row["input"], TagRule(all=[row["keyword"]])) is row["expected"]


@pytest.mark.parametrize("blank", ["", "   ", "*", "  *  ", "-", " - ", "**", "\u2013"])
def test_blank_keywords_look_for_nothing(blank: str) -> None:
    assert keyword_pattern(blank) is None
    assert is_blank(blank)
    assert compile_keywords([blank]) is None
    assert compile_keywords([]) is None
    assert not mentions_any("anything * - at all", [blank])


def test_fold_straightens_curly_apostrophes_only() -> None:
    assert (
        fold("children\u2019s \u2018quoted\u2019 council\u02bcs") == "children's 'quoted' council's"
    )
    assert fold('"double" quotes – stay') == '"double" quotes – stay'


def test_one_compiled_alternation_for_a_keyword_list() -> None:
    pattern = compile_keywords(["net zero", "", "decarbonis*", "C++"])
    assert pattern is not None
    found = [m.group(0) for m in pattern.finditer(fold("Net-Zero; decarbonising C++ and netzero"))]
    assert found == ["Net-Zero", "decarbonising", "C++"]


def test_mentions_any_on_no_text() -> None:
    assert not mentions_any(None, ["grant"])
    assert not mentions_any("", ["grant"])


def test_config_keywords_imports_nothing_from_the_pipeline() -> None:
    # It is the language people write in config/; the harvest and the notifier depend on it, not
    # the other way round.
    code = (
        "import sys, config.keywords\n"
        "bad = sorted(m for m in sys.modules if m.split('.')[0] in {'spiders', 'storage', 'notifier'})\n"
        "assert not bad, bad\n"
    )
    subprocess.run([sys.executable, "-c", code], cwd=ROOT, check=True)
