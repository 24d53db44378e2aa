"""Tag rules, driven by tests/cases/tagging.yaml: rules as curators write them in config/tags.yaml."""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml

from config.models import TagRule
from spiders.tagging import compile_rules, tag

CASES = Path(__file__).parent / "cases"
ROW_KEYS = {"input", "rules", "extra", "expected", "note"}


def table(name: str) -> list:
    rows = yaml.safe_load((CASES / name).read_text(encoding="utf-8"))
    params = []
    for index, row in enumerate(rows):
        unknown = set(row) - ROW_KEYS
        assert not unknown, f"{name} row {index + 1}: unknown keys {sorted(unknown)}"
        assert {"input", "rules", "expected"} <= set(row), (
            f"{name} row {index + 1}: needs input, rules, expected"
        )
        label = str(row.get("note") or repr(row["input"]))[:70]
        params.append(pytest.param(row, id=f"{index + 1:02d} {label}"))
    return params


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
