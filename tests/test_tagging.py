"""Tag rules, driven by tests/cases/tagging.yaml: rules as curators write them in config/tags.yaml."""

from __future__ import annotations

import re

import pytest

from config.loader import load_tags
from config.models import TagRule
from spiders.tagging import compile_rules, tag, tag_sighting
from storage.sighting import Sighting
from tests.case_tables import table as case_table

# A row gives its own rules and the exact tags (input, expected), or says `rules: shipped` and gives a
# call (title, summary, eligibility, funder) with the tags of config/tags.yaml it must get (`has`) and
# must not (`lacks`): a curator's edit to tags.yaml may add others.
ROW_KEYS = {"input", "rules", "extra", "funder", "expected", "note"}
SHIPPED_KEYS = {"title", "summary", "eligibility", "has", "lacks"}


def _row_shape(row: dict) -> str | None:
    if row["rules"] == "shipped":
        if "title" not in row or not (row.get("has") or row.get("lacks")):
            return "a shipped-rules row needs a title and a tag it has or lacks"
        return None
    if not {"input", "expected"} <= set(row) or SHIPPED_KEYS & set(row):
        return "a row with its own rules needs input and expected (not title, has or lacks)"
    return None


def table(name: str) -> list:
    return case_table(name, keys=ROW_KEYS | SHIPPED_KEYS, required=("rules",), check=_row_shape)


SHIPPED = compile_rules(load_tags())


@pytest.mark.parametrize("case", table("tagging.yaml"))
def test_tag(case: dict) -> None:
    if case["rules"] == "shipped":
        # What tag_sighting() reads: title, summary and eligibility; the funder only for funder rules.
        text = " ".join(filter(None, (case["title"], case.get("summary"), case.get("eligibility"))))
        got = set(tag(text, SHIPPED, funder=case.get("funder")))
        assert set(case.get("has", ())) <= got, f"missing {set(case['has']) - got}"
        assert not got & set(case.get("lacks", ())), f"wrongly tagged {got & set(case['lacks'])}"
        return
    rules = compile_rules({tag_id: TagRule(**rule) for tag_id, rule in case["rules"].items()})
    got = tag(case["input"], rules, case.get("extra", ()), case.get("funder"))
    assert got == case["expected"]


def test_compiled_rules_are_reused_across_items(monkeypatch: pytest.MonkeyPatch) -> None:
    rule_table = {
        "net_zero": TagRule(any=["net zero", "decarbonis*"]),
        "digital": TagRule(any=["digital"], none=["digital radio"]),
        "social_care": TagRule(all=["social care", "adult*"]),
    }
    compiled: list[str] = []
    real_compile = re.compile

    def counting_compile(pattern, flags=0):
        compiled.append(pattern)
        return real_compile(pattern, flags)

    # config/keywords.py compiles through re.compile; count every call while rules are built and used.
    monkeypatch.setattr(re, "compile", counting_compile)
    rules = compile_rules(rule_table)
    # One-word keywords are set lookups, no regex; each list with phrases is one pattern: the `any`
    # of net_zero, the `none` of digital, and the `all` keyword "social care". Three, once each,
    # each when first searched (config/lazy_pattern.py): none yet.
    assert compiled == []
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
    assert tag("Adult social care", rules) == ["social_care"]
    assert len(compiled) == 3
    many = [text for _ in range(250) for text in [*items, "Adult social care"]]
    assert [tag(text, rules) for text in many] == [
        ["net_zero"],
        ["digital"],
        [],
        ["digital", "net_zero"],
        ["social_care"],
    ] * 250
    assert len(compiled) == 3, "tagging 1,255 items compiled nothing more"


def test_tags_are_sorted_and_unique() -> None:
    rules = compile_rules({"b": TagRule(any=["grant"]), "a": TagRule(any=["grant*"])})
    assert tag("grant grants grant", rules, extra=["b", "c"]) == ["a", "b", "c"]


def test_a_sighting_is_tagged_by_what_it_is_about_not_by_who_funds_it() -> None:
    rules = compile_rules(
        {
            "housing": TagRule(any=["housing"]),
            "community": TagRule(any=["communit*"]),
            "transport": TagRule(any=["bus"]),
            "research": TagRule(any=["research"], funders=["UK Research and Innovation"]),
        }
    )
    bus = Sighting(
        source_id="govuk",
        title="Bus service improvement funding",
        url="https://www.gov.uk/bus",
        funder="Ministry of Housing, Communities and Local Government",
    )
    assert tag_sighting(bus, rules).tags == ("transport",)
    ukri = bus.model_copy(update={"title": "Digital twins", "funder": "UK Research and Innovation"})
    assert tag_sighting(ukri, rules).tags == ("research",)
