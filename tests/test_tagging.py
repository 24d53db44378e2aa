"""Tag rules, driven by tests/cases/tagging.yaml: rules as curators write them in config/tags.yaml."""

from __future__ import annotations

import pytest

from config.models import TagRule
from spiders.tagging import compile_rules, tag
from tests.case_tables import table as case_table

ROW_KEYS = {"input", "rules", "extra", "expected", "note"}


def table(name: str) -> list:
    return case_table(name, keys=ROW_KEYS, required=("input", "rules", "expected"))


@pytest.mark.parametrize("case", table("tagging.yaml"))
def test_tag(case: dict) -> None:
    rules = compile_rules({tag_id: TagRule(**rule) for tag_id, rule in case["rules"].items()})
    assert tag(case["input"], rules, case.get("extra", ())) == case["expected"]


def test_compiled_rules_are_reused_across_items() -> None:
    rules = compile_rules(
        {
            "net_zero": TagRule(any=["net zero", "decarbonis*"]),
            "digital": TagRule(any=["digital"], none=["digital radio"]),
        }
    )
    items = [
        "Decarbonising fleets",
        "Digital skills",
        "Digital radio upgrade",
        "Net zero and digital",
    ]
    assert [tag(text, rules) for text in items] == [
        ["net_zero"],
        ["digital"],
        [],
        ["digital", "net_zero"],
    ]


def test_tags_are_sorted_and_unique() -> None:
    rules = compile_rules({"b": TagRule(any=["grant"]), "a": TagRule(any=["grant*"])})
    assert tag("grant grants grant", rules, extra=["b", "c"]) == ["a", "b", "c"]
