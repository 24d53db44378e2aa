"""Tags from keyword rules (config/tags.yaml), compiled once per crawl and applied to every item.

Keywords are written in the one keyword language of config/keywords.py (the same one subscriptions
use): whole words, case-insensitive, a trailing `*` for the rest of a word, a space or hyphen in a
phrase matching any run of spaces or hyphens, curly apostrophes read as plain ones.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass

from config.keywords import compile_keywords, fold
from config.models import TagRule
from spiders.eligibility import council_eligibility
from storage.sighting import Sighting

_NEVER = re.compile(r"(?!)")


@dataclass(frozen=True)
class CompiledRule:
    any: re.Pattern[str] | None  # one alternation: at least one keyword
    all: tuple[re.Pattern[str], ...]  # every keyword
    none: re.Pattern[str] | None  # no keyword may appear
    funders: re.Pattern[str] | None = None  # or the funder's name matches one of these

    def matches(self, text: str, funder: str = "") -> bool:
        """`text` (what the call is about) and `funder` must already be folded
        (config.keywords.fold); tag() does that once per item."""
        if self.none is not None and self.none.search(text):
            return False
        if self.funders is not None and funder and self.funders.search(funder):
            return True
        if self.any is not None and not self.any.search(text):
            return False
        return all(pattern.search(text) for pattern in self.all)


@dataclass(frozen=True)
class CompiledRules:
    rules: Mapping[str, CompiledRule]


def compile_rule(rule: TagRule) -> CompiledRule:
    any_pattern = compile_keywords(rule.any)
    all_patterns = tuple(
        pattern for pattern in (compile_keywords([k]) for k in rule.all) if pattern is not None
    )
    # Blank keywords are dropped; a rule left with nothing to look for must tag nothing, not everything.
    if (rule.any and any_pattern is None) or (any_pattern is None and not all_patterns):
        any_pattern = _NEVER
    return CompiledRule(
        any=any_pattern,
        all=all_patterns,
        none=compile_keywords(rule.none),
        funders=compile_keywords(rule.funders),
    )


def compile_rules(rules: Mapping[str, TagRule]) -> CompiledRules:
    """Compile every tag rule once; the crawl then calls tag() per item."""
    return CompiledRules(rules={tag_id: compile_rule(rule) for tag_id, rule in rules.items()})


def tag(
    text: str | None,
    rules: CompiledRules,
    extra: Iterable[str] = (),
    funder: str | None = None,
) -> list[str]:
    """Sorted, unique tag ids whose rule matches `text` (what the call is about: never the funder's
    name, which is looked at only by rules with `funders:`), plus `extra` (the source's own tags)."""
    found = {t.strip() for t in extra if t and t.strip()}
    if text or funder:
        plain, who = fold(text or ""), fold(funder or "")
        found.update(tag_id for tag_id, rule in rules.rules.items() if rule.matches(plain, who))
    return sorted(found)


def tag_sighting(sighting: Sighting, rules: CompiledRules) -> Sighting:
    """Tags from tags.yaml plus the source's own, and the council verdict with the words that
    decided it."""
    # What the call is about; the funder's name only counts for rules that name funders.
    text = " ".join(filter(None, (sighting.title, sighting.summary, sighting.eligibility)))
    verdict, phrase = council_eligibility(sighting.eligibility, sighting.summary)
    return sighting.model_copy(
        update={
            "tags": tuple(tag(text, rules, sighting.tags, sighting.funder)),
            "council_eligible": verdict,
            "eligibility_phrase": phrase,
        }
    )
