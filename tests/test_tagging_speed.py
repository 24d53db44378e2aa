"""Tagging's shortcuts give the answers of the long way: a rule's `except_in` phrases are looked for
only in a text holding all their words (spiders/tag_phrases.py)."""

from __future__ import annotations

import re

import pytest

from config.loader import load_tags
from config.models import TagRule
from spiders.tag_phrases import _alternation
from spiders.tagging import compile_rules, tag

RULE = {
    "net_zero": TagRule(
        any=["retrofit*", "heat pump*"],
        except_in=[
            "retrofit Changing Places",
            "sprinkler* … retrofit*",
            "Changing Places … retrofit*",
        ],
    )
}


def test_a_phrase_whose_other_words_are_absent_is_never_compiled_or_run(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    # Every call naming a retrofit ran net zero's whole alternation of 13 phrases over its text:
    # ~45 µs of the ~85 µs tagging took for each of the pipeline benchmark's calls.
    compiled: list[str] = []
    real_compile = re.compile

    def counting_compile(pattern, flags=0):
        compiled.append(pattern)
        return real_compile(pattern, flags)

    _alternation.cache_clear()  # as a crawl starts: no alternation compiled yet
    monkeypatch.setattr(re, "compile", counting_compile)
    rules = compile_rules(RULE)
    texts = [f"Whole-house retrofit of council homes, round {n}" for n in range(200)]
    assert [tag(text, rules) for text in texts] == [["net_zero"]] * 200
    # Before: the alternation of all three phrases, compiled with the rules and run on each text.
    assert [p for p in compiled if "sprinkl" in p or "{0,3}?" in p] == []
    # A text holding a phrase's words: only the phrases that can be there, compiled once.
    assert tag("Retrofit Changing Places toilets", rules) == []
    assert tag("Retrofitting Changing Places toilets", rules) == ["net_zero"]
    assert tag("Changing Places toilets: retrofit grants", rules) == []
    assert tag("Changing Places and heat pump retrofit grants", rules) == ["net_zero"]
    # "retrofit Changing Places" and "Changing Places … retrofit*" in one alternation, once
    assert len([p for p in compiled if "{0,3}?" in p]) == 1
    assert not any("sprinkl" in p for p in compiled)


@pytest.mark.parametrize(
    "text",
    [
        # An "İ" matches "i" case-insensitively but folds to "i" and a dot: "changİng" is no
        # "changing" in the folded text, though the phrase's pattern finds it.
        "Retrofit Changİng Places toilets",
        "Retrofit CHANGİNG PLACES toilets",
        # A dotless "ı" matches "I" case-insensitively and folds to itself.
        "Retrofit Changıng Places toilets",
    ],
)
def test_letters_whose_folding_differs_are_read_as_the_phrase_pattern_reads_them(text) -> None:
    assert tag(text, compile_rules(RULE)) == []


@pytest.mark.parametrize(
    "text",
    [
        "Retrofit Changing Places toilets and a whole-house retrofit",
        "Sprinkler retrofit in care homes, with heat pumps",
        "Changing Places toilets, then the retrofit of the hall",
        "Monitoring data for the digital inclusion programme",
        "Monitoring and evaluation data: data sharing across the council's services",
        "Retrofitting sprinklers. Retrofit of homes for energy efficiency.",
    ],
)
def test_shipped_rules_blank_the_phrases_they_name(text) -> None:
    # The same texts through the shipped tags.yaml and the long way (every phrase looked for).
    shipped = compile_rules(load_tags())
    phrased = {tag_id for tag_id, rule in shipped.rules.items() if rule.except_in is not None}
    assert phrased == {"net_zero", "digital"}
    assert sorted(phrased & set(tag(text, shipped))) == _long_way(text, shipped, phrased)


def _long_way(text, rules, phrased) -> list[str]:
    """Each of these rules (only `any`, and `except_in`) with its phrases blanked by one
    alternation of them all, as before."""
    from config.keywords import any_of, prepare

    about, found = prepare(text), []
    for tag_id in phrased:
        rule, ready = rules.rules[tag_id], about
        assert rule.none is None and not rule.all and rule.funders is None
        if rule.except_in.finder.search(about):
            pattern = any_of(source for _, source in rule.except_in.phrases)
            ready = prepare(pattern.sub(_blank, about.folded))
        if rule.any is not None and rule.any.search(ready):
            found.append(tag_id)
    return sorted(found)


def _blank(match: re.Match[str]) -> str:
    return " " + " ".join(words for words in match.groups() if words) + " "
