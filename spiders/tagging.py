"""Tags from keyword rules (config/tags.yaml), compiled once per crawl and applied to every item.

A keyword is literal text matched as whole words, case-insensitively. Two conveniences only:
a trailing `*` stands for the rest of a word (`decarbonis*`), and a space or hyphen inside a
phrase matches any run of spaces or hyphens (`net zero` finds "net-zero" and "Net  Zero").
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass

from config.models import TagRule

# Curly apostrophes are common in pasted text; treat them as the plain one on both sides.
_APOSTROPHES = str.maketrans({"\u2019": "'", "\u2018": "'"})
_GAP = r"[\s\-\u2010\u2011\u2012\u2013]+"  # a run of spaces or hyphens (incl. Unicode hyphens, en dash)
_PARTS = re.compile(_GAP)
_NEVER = re.compile(r"(?!)")


@dataclass(frozen=True)
class CompiledRule:
    any: re.Pattern[str] | None  # one alternation: at least one keyword
    all: tuple[re.Pattern[str], ...]  # every keyword
    none: re.Pattern[str] | None  # no keyword may appear

    def matches(self, text: str) -> bool:
        if self.none is not None and self.none.search(text):
            return False
        if self.any is not None and not self.any.search(text):
            return False
        return all(pattern.search(text) for pattern in self.all)


@dataclass(frozen=True)
class CompiledRules:
    rules: Mapping[str, CompiledRule]


def keyword_pattern(keyword: str) -> str | None:
    """The regex source for one keyword, or None for a blank one (which would match everything)."""
    word = keyword.strip().translate(_APOSTROPHES)
    wildcard = word.endswith("*")
    if wildcard:
        word = word[:-1]
    parts = [re.escape(part) for part in _PARTS.split(word.strip(" -")) if part]
    if not parts:
        return None
    body = _GAP.join(parts)
    # Lookarounds rather than \b, so keywords that start or end with a symbol ("C++", "£") still work.
    return rf"(?<!\w){body}" + (r"\w*" if wildcard else r"(?!\w)")


def _alternation(keywords: Iterable[str]) -> re.Pattern[str] | None:
    sources = [p for p in (keyword_pattern(k) for k in keywords) if p]
    if not sources:
        return None
    return re.compile("|".join(f"(?:{s})" for s in sources), re.IGNORECASE)


def compile_rule(rule: TagRule) -> CompiledRule:
    any_pattern = _alternation(rule.any)
    all_patterns = tuple(
        re.compile(source, re.IGNORECASE)
        for source in (keyword_pattern(k) for k in rule.all)
        if source
    )
    # Blank keywords are dropped; a rule left with nothing to look for must tag nothing, not everything.
    if (rule.any and any_pattern is None) or (any_pattern is None and not all_patterns):
        any_pattern = _NEVER
    return CompiledRule(any=any_pattern, all=all_patterns, none=_alternation(rule.none))


def compile_rules(rules: Mapping[str, TagRule]) -> CompiledRules:
    """Compile every tag rule once; the crawl then calls tag() per item."""
    return CompiledRules(rules={tag_id: compile_rule(rule) for tag_id, rule in rules.items()})


def tag(text: str | None, rules: CompiledRules, extra: Iterable[str] = ()) -> list[str]:
    """Sorted, unique tag ids whose rule matches `text`, plus `extra` (the source's own tags)."""
    found = {t.strip() for t in extra if t and t.strip()}
    if text:
        plain = text.translate(_APOSTROPHES)
        found.update(tag_id for tag_id, rule in rules.rules.items() if rule.matches(plain))
    return sorted(found)
