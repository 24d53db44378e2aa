"""`fundwatch sources check`: every problem in every config file at once, each naming the file, the
entry and the field.

Loading for a crawl stops at the first file with errors; here a broken tags.yaml does not hide the
problems of sources.yaml or subscriptions.yaml (each is checked against the tag and source ids its
neighbour names, even when that neighbour has errors of its own). Every CSS, XPath and JMESPath
selector is compiled too, and misspellings get the nearest valid key, value or tag.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from types import SimpleNamespace
from typing import Any

from config.errors import ConfigError
from config.loader import entry_name, load_settings, load_subscriptions, load_tags
from config.models import Settings
from config.selectors import entry_problems
from config.suggest import did_you_mean
from config.tag_words import label_hint
from config.yaml_file import read_yaml
from notifier.configuration import load_checked_sources


@dataclass
class Checked:
    problems: list[str] = field(default_factory=list)
    counts: dict[str, int] = field(default_factory=dict)
    subscriptions: list[Any] = field(default_factory=list)  # as read, once every file is good
    settings: Settings | None = None

    def summary(self, directory: Path) -> str:
        return (
            f"config ok: {self.counts.get('sources', 0)} source(s), {self.counts.get('tags', 0)} "
            f"tag(s), {self.counts.get('subscriptions', 0)} subscription(s) in {directory}"
        )


def _raw(path: Path) -> Any:
    """The file's YAML as written, or None when it is missing or unreadable (reported elsewhere)."""
    try:
        return read_yaml(path)
    except ConfigError:
        return None


def selector_problems(path: Path) -> list[str]:
    """Each broken selector in sources.yaml, by file, entry and field."""
    raw = _raw(path)
    if not isinstance(raw, list):
        return []
    return [
        f"{path}: entry {entry_name(entry, index)}: field '{where}': {problem}"
        for index, entry in enumerate(raw)
        if isinstance(entry, dict)
        for where, problem in entry_problems(entry)
    ]


def _ids(raw: Any) -> list[str]:
    """The ids a file names, valid or not: what its neighbours may refer to."""
    if isinstance(raw, dict):
        return [str(key) for key in raw]
    if isinstance(raw, list):
        return [str(e["id"]) for e in raw if isinstance(e, dict) and e.get("id")]
    return []


def reference_problems(
    path: Path, field: str, known: Iterable[str], what: str, refs: Callable[[dict], Any]
) -> list[str]:
    """For a file whose entries did not all validate (so the loader checked no references): each
    unknown tag or source named by any entry, with the nearest known one."""
    labelled = known if isinstance(known, Mapping) and what == "tag" else {}  # id → TagRule
    raw, known = _raw(path), list(known)
    problems = []
    for index, entry in enumerate(raw if isinstance(raw, list) else []):
        values = refs(entry) if isinstance(entry, dict) else None
        for position, value in enumerate(values if isinstance(values, list) else []):
            if isinstance(value, str) and value not in known:
                hint = (
                    label_hint(value, labelled)
                    or did_you_mean(value, known)
                    or (" (define it in tags.yaml)" if what == "tag" else "")
                )
                problems.append(
                    f"{path}: entry {entry_name(entry, index)}: field '{field}[{position}]': "
                    f"unknown {what} {value!r}{hint}"
                )
    return problems


def _match(entry: dict) -> dict:
    return entry.get("match") if isinstance(entry.get("match"), dict) else {}


def _naming(path: Path, refs: Callable[[dict], Any]) -> int:
    """How many entries of a file name something (a tag, a source) through `refs`."""
    raw = _raw(path)
    entries = raw if isinstance(raw, list) else []
    return sum(1 for e in entries if isinstance(e, dict) and isinstance(refs(e), list) and refs(e))


def _not_checked(path: Path, what: str, users: dict[Path, int]) -> list[str]:
    """The one line said instead of a line per use when a file of names could not be read at all:
    every name in it would look unknown, burying the one real error under a line per user. Said
    only where some entry names one (a missing config folder is already said once)."""
    named = [f"{count} of {user.name}" for user, count in users.items() if count]
    if not named:
        return []
    by = " and ".join(named)
    return [f"{path}: the {what} named by entries ({by}) are not checked until this file reads"]


def check_config(directory: Path) -> Checked:
    """Every problem in tags.yaml, sources.yaml (selectors included), subscriptions.yaml and
    settings.yaml; an empty list of problems means the config is good."""
    checked = Checked()
    tags_path = directory / "tags.yaml"
    tags_read = True
    try:
        tags: dict[str, Any] = load_tags(directory)
    except ConfigError as error:
        checked.problems += error.problems
        raw_tags = _raw(tags_path)
        # A bad entry leaves the others' names known; a file that does not read leaves none.
        tags_read = isinstance(raw_tags, dict)
        tags = dict.fromkeys(_ids(raw_tags))
    checked.counts["tags"] = len(tags)

    sources_path = directory / "sources.yaml"
    subscriptions_path = directory / "subscriptions.yaml"
    if not tags_read:
        users = {
            sources_path: _naming(sources_path, lambda e: e.get("tags")),
            subscriptions_path: _naming(subscriptions_path, lambda e: _match(e).get("tags")),
        }
        checked.problems += _not_checked(tags_path, "tags", users)
    sources_read = True
    try:
        sources: list[Any] = load_checked_sources(directory, tags, check_tags=tags_read)
    except ConfigError as error:
        checked.problems += error.problems
        raw_sources = _raw(sources_path)
        sources_read = isinstance(raw_sources, list)
        sources = [SimpleNamespace(id=i) for i in _ids(raw_sources)]
        if tags_read:
            checked.problems += reference_problems(
                sources_path, "tags", tags, "tag", lambda e: e.get("tags")
            )
    checked.problems += selector_problems(sources_path)
    checked.counts["sources"] = len(sources)

    if not sources_read:
        users = {
            subscriptions_path: _naming(subscriptions_path, lambda e: _match(e).get("sources"))
        }
        checked.problems += _not_checked(sources_path, "sources", users)
    try:
        subscriptions = load_subscriptions(
            directory,
            tags=tags,
            sources=sources,
            check_tags=tags_read,
            check_sources=sources_read,
        )
        checked.counts["subscriptions"] = len(subscriptions)
        checked.subscriptions = list(subscriptions)
    except ConfigError as error:
        checked.problems += error.problems
        source_ids = [source.id for source in sources]
        if tags_read:
            checked.problems += reference_problems(
                subscriptions_path, "match.tags", tags, "tag", lambda e: _match(e).get("tags")
            )
        if sources_read:
            checked.problems += reference_problems(
                subscriptions_path,
                "match.sources",
                source_ids,
                "source",
                lambda e: _match(e).get("sources"),
            )
    try:
        checked.settings = load_settings(directory)
    except ConfigError as error:
        checked.problems += error.problems
    checked.problems = list(dict.fromkeys(checked.problems))  # once each, in file order
    return checked
