"""Tags from keyword rules (config/tags.yaml), compiled once per crawl and applied to every item.

Keywords are written in the one keyword language of config/keywords.py (the same one subscriptions
use): whole words, case-insensitive, a trailing `*` for the rest of a word, a space or hyphen in a
phrase matching any run of spaces or hyphens, curly apostrophes read as plain ones.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass

from config.keywords import KeywordSet, Text, prepare
from config.models import TagRule
from spiders.eligibility import council_eligibility
from spiders.tag_phrases import ExceptPhrases
from storage.sighting import Sighting


@dataclass(frozen=True)
class CompiledRule:
    any: KeywordSet | None  # at least one keyword (None: the rule gives no `any`)
    all: tuple[KeywordSet, ...]  # every keyword
    none: KeywordSet | None  # no keyword may appear
    funders: KeywordSet | None = None  # or the funder's name matches one of these
    # Phrases whose words do not count for `any` and `all` ("monitoring data"): found, then blanked.
    except_in: ExceptPhrases | None = None

    def matches(self, text: Text, funder: Text | None = None) -> bool:
        """`text` is what the call is about and `funder` who funds it, each prepare()d once per item
        by tag()."""
        if self.none is not None and self.none.search(text):
            return False
        if self.funders is not None and funder is not None and self.funders.search(funder):
            return True
        if self.except_in is not None:
            text = self.except_in.blanked(text)
        if self.any is not None and not self.any.search(text):
            return False
        if self.any is None and not self.all:
            return False  # nothing to look for in the text (a rule of funders only, or blanks)
        return all(keywords.search(text) for keywords in self.all)


@dataclass(frozen=True)
class CompiledRules:
    rules: Mapping[str, CompiledRule]


def compile_rule(rule: TagRule) -> CompiledRule:
    # Blank keywords are dropped; a rule left with nothing to look for must tag nothing, not everything.
    every = tuple(s for s in (KeywordSet([k]) for k in rule.all) if not s.empty)
    return CompiledRule(
        any=KeywordSet(rule.any) if rule.any else None,
        all=every,
        none=KeywordSet(rule.none) if rule.none else None,
        funders=KeywordSet(rule.funders) if rule.funders else None,
        except_in=_except_in(rule.except_in),
    )


def _except_in(keywords: list[str]) -> ExceptPhrases | None:
    phrases = ExceptPhrases(keywords)
    return None if phrases.empty else phrases


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
        about, who = prepare(text), prepare(funder) if funder else None
        found.update(tag_id for tag_id, rule in rules.rules.items() if rule.matches(about, who))
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
