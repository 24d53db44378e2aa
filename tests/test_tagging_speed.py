"""Tagging's shortcuts give the answers of the long way: a rule's `except_in` phrases are looked for
only in a text holding all their words (spiders/tag_phrases.py); keyword sets search without a
Python call per keyword, and fold only text with a curly apostrophe (config/keywords.py)."""

from __future__ import annotations

import re
import sys

import pytest

from config.keywords import fold
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


FOUR = {
    "net_zero": TagRule(any=["net zero", "decarbonis*", "retrofit*", "heat pump*", "low carbon"]),
    "digital": TagRule(any=["digital*", "data", "cyber*", "IT services", "smart places"]),
    "housing": TagRule(any=["housing", "homeless*", "rough sleep*", "affordable homes"]),
    "transport": TagRule(any=["bus", "cycling", "electric vehicle*"], none=["transport of waste"]),
}


def test_a_call_is_tagged_without_a_python_call_per_keyword() -> None:
    # Python frames entered (no clock): each prefix keyword was a call of its own and each keyword
    # set ran generators; 40 frames for this call and these four rules at 909903b, 17 now.
    rules = compile_rules(FOUR)
    text = (
        "Heritage museum youth sport fund 17. Councils can bid for net zero retrofit and inclusion"
        " projects. UK registered businesses and local authorities can lead a project."
    )
    assert tag(text, rules) == ["net_zero"]
    frames: list[str] = []

    def count(frame, event, arg) -> None:
        if event == "call":
            frames.append(frame.f_code.co_name)

    sys.setprofile(count)
    try:
        got = tag(text, rules)
    finally:
        sys.setprofile(None)
    assert got == ["net_zero"]
    assert len(frames) <= 20, (len(frames), frames)


@pytest.mark.parametrize(
    ("text", "folded"),
    [
        ("Councils can bid – and more.", "Councils can bid – and more."),
        ("Children\u2019s services", "Children's services"),
        ("\u2018Levelling up\u2019", "'Levelling up'"),
        ("Ysgol\u02bcs", "Ysgol's"),
    ],
)
def test_text_is_folded_only_when_it_holds_a_curly_apostrophe(text: str, folded: str) -> None:
    # Translating cost ~1.5 µs a text, twice a call; looking first ~0.04 µs.
    assert fold(text) == folded
    assert (fold(text) is text) == (text == folded)
