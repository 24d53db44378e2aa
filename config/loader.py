"""Read the YAML files into typed models; every error names the file, the entry and the field."""

from __future__ import annotations

import os
from collections.abc import Callable, Iterable
from pathlib import Path
from typing import Any

from pydantic import BaseModel, ValidationError

from config.errors import ConfigError
from config.keyword_slips import keyword_problem
from config.misplaced_key import misplaced_key_hint
from config.models import Settings, Source, Subscription, TagRule
from config.plain_words import plain
from config.settings_hint import settings_key_hint
from config.suggest import (
    did_you_mean,
    environment_hint,
    literal_hint,
    pattern_hint,
    selector_shape_hint,
    unknown_key_hint,
)
from config.tag_words import label_hint
from config.union_errors import collapse, is_branch
from config.yaml_file import read_yaml

DEFAULT_CONFIG_DIR = Path("config")


def config_dir(path: str | Path | None = None) -> Path:
    return Path(path or os.environ.get("FUNDWATCH_CONFIG") or DEFAULT_CONFIG_DIR)


def _field_path(loc: Iterable[Any], written: Any = None) -> str:
    """The field as the curator wrote it. `written` (the entry as read) tells their keys from
    pydantic's markers: a key they wrote with a capital ('Every', 'SMTP_PASSWORD') looks like a
    model's name to is_branch, and was dropped ("field '(entry)': unknown key")."""
    out, node = "", written
    for part in loc:
        if isinstance(node, dict) and part in node:
            node = node[part]
        elif isinstance(part, int):
            node = node[part] if isinstance(node, list) and 0 <= part < len(node) else None
            out += f"[{part}]"
            continue
        elif is_branch(part):
            continue  # pydantic's union-branch and key markers say nothing to a curator
        else:
            node = None
        out += f".{part}" if out else str(part)
    return out or "(entry)"


def _errors(
    path: Path,
    entry: str,
    exc: ValidationError,
    model: type[BaseModel] | None = None,
    written: Any = None,
    skip: set = frozenset(),
) -> list[str]:
    seen, out = set(), []
    for err in collapse(exc.errors()):
        if skip and (not err["loc"] or err["loc"][0] in skip):
            continue  # a rule over the entry naming no field may be about a key left out
        field = _field_path(err["loc"], written)
        if err["type"] == "extra_forbidden":
            nearby = unknown_key_hint(model, err["loc"])
            message = "unknown key" + (
                environment_hint(err["loc"][-1])
                or misplaced_key_hint(model, err["loc"], nearby)
                or nearby
                or selector_shape_hint(model, err["loc"])
                or settings_key_hint(model, err["loc"][-1])
                or " (check the spelling)"
            )
        else:
            message = pattern_hint(err) or plain(err) + literal_hint(err)
        line = f"{path}: entry {entry}: field '{field}': {message}"
        if line not in seen:
            seen.add(line)
            out.append(line)
    return out


def _hidden_errors(
    path: Path, entry: str, exc: ValidationError, model: type[BaseModel], written: dict
) -> list[str]:
    """The rules over a whole entry run only once each of its fields reads, so a misspelt key hid
    them (a follow_hosts written as a URL showed only once 'titel' was fixed). Judged again
    without the keys that did not read, they are said now; what may come of those keys' absence
    ('id' missing, "a listing source needs 'item'", a rule naming no field) is not."""
    broken = {err["loc"][0] for err in exc.errors() if err["loc"]}
    rest = {key: value for key, value in written.items() if key not in broken}
    if len(rest) == len(written):
        return []
    try:
        model.model_validate(rest)
    except ValidationError as again:
        return _errors(path, entry, again, model, rest, skip=broken)
    return []


def _keyword_problems(path: Path, entry: str, fields: dict[str, list[str]]) -> list[str]:
    """A keyword that looks for nothing ("", "*") or is a regex ("a|b") is a mistake: name it."""
    return [
        f"{path}: entry {entry}: field '{field}[{position}]': {problem} (got {keyword!r})"
        for field, keywords in fields.items()
        for position, keyword in enumerate(keywords)
        if (problem := keyword_problem(keyword))
    ]


def entry_name(raw: Any, index: int) -> str:
    """How errors name an entry of a YAML list: its id and place, or its place alone."""
    if isinstance(raw, dict) and isinstance(raw.get("id"), str) and raw["id"]:
        return f"'{raw['id']}' (#{index + 1})"
    return f"#{index + 1}"


def _load_list(path: Path, model: type[BaseModel]) -> tuple[list[Any], list[str], dict[str, str]]:
    """The entries that read, the problems of those that did not, and how errors name each good
    one ("'id' (#3)", its place in the file): the caller's own checks (tags, spider files) still
    judge the good ones, so every error is listed at once; they were hidden behind another
    entry's."""
    raw = read_yaml(path)
    if raw is None:
        return [], [], {}
    if not isinstance(raw, list):
        raise ConfigError([f"{path}: expected a list of entries (each starting with '- id: ...')"])
    items, problems, ids = [], [], {}
    # Every id written, valid entry or not: an entry with other errors is a duplicate all the
    # same, said with them rather than only once they are fixed.
    written: dict[str, int] = {}
    for index, entry in enumerate(raw):
        name = entry_name(entry, index)
        if not isinstance(entry, dict):
            problems.append(
                f"{path}: entry {name}: expected a mapping of keys, got {type(entry).__name__}"
            )
            continue
        first = (
            written.setdefault(entry["id"], index) if isinstance(entry.get("id"), str) else index
        )
        if first != index:
            problems.append(
                f"{path}: entry {name}: field 'id': duplicate id, already used by entry #{first + 1}"
            )
        try:
            item = model.model_validate(entry)
        except ValidationError as exc:
            problems.extend(_errors(path, name, exc, model, entry))
            problems.extend(_hidden_errors(path, name, exc, model, entry))
            continue
        if first != index:
            continue
        if item.id in ids:
            problems.append(
                f"{path}: entry {name}: field 'id': duplicate id, already used by entry #{ids[item.id] + 1}"
            )
            continue
        ids[item.id] = index
        items.append(item)
    return items, problems, {i: f"'{i}' (#{index + 1})" for i, index in ids.items()}


def load_tags(directory: str | Path | None = None) -> dict[str, TagRule]:
    path = config_dir(directory) / "tags.yaml"
    raw = read_yaml(path) or {}
    if not isinstance(raw, dict):
        raise ConfigError([f"{path}: expected a mapping of tag id → rule"])
    rules, problems = {}, []
    for tag_id, body in raw.items():
        if not isinstance(tag_id, str) or not tag_id.strip():
            # `1:` or `null:` became a tag named 1 or None, silently.
            written = "null" if tag_id is None else repr(tag_id)
            problems.append(f"{path}: entry {written}: a tag id is a word such as net_zero")
            continue
        if not isinstance(body, dict):
            problems.append(
                f"{path}: entry '{tag_id}': expected a mapping with 'any', 'all' or 'none'"
            )
            continue
        try:
            rule = TagRule.model_validate(body)
        except ValidationError as exc:
            problems.extend(_errors(path, f"'{tag_id}'", exc, TagRule, body))
            continue
        fields = {"any": rule.any, "all": rule.all, "none": rule.none, "except_in": rule.except_in}
        problems.extend(_keyword_problems(path, f"'{tag_id}'", fields))
        rules[str(tag_id)] = rule
    if problems:
        raise ConfigError(problems)
    return rules


def _check_tags(
    path: Path, entries: list[Any], names: dict[str, str], known: dict[str, Any], field: str, getter
) -> list[str]:
    problems = []
    for entry in entries:
        for position, tag in enumerate(getter(entry)):
            if tag not in known:
                hint = label_hint(tag, known) or did_you_mean(tag, known)
                problems.append(
                    f"{path}: entry {names[entry.id]}: field '{field}[{position}]': "
                    f"unknown tag {tag!r}{hint or ' (define it in tags.yaml)'}"
                )
    return problems


# A check another part of the system adds (e.g. "a custom source has its spider file"): given a
# source, a problem as "field 'x': what is wrong", or None.
SourceCheck = Callable[[Source], str | None]


def load_sources(
    directory: str | Path | None = None,
    *,
    tags: dict[str, TagRule] | None = None,
    checks: Iterable[SourceCheck] = (),
    check_tags: bool = True,
) -> list[Source]:
    """The sources; `check_tags=False` skips the tag names when tags.yaml itself could not be read
    (every tag would look unknown: one broken file, a line for each source that uses a tag)."""
    folder = config_dir(directory)
    path = folder / "sources.yaml"
    sources, problems, names = _load_list(path, Source)
    if check_tags:
        known = tags if tags is not None else load_tags(folder)
        problems += _check_tags(path, sources, names, known, "tags", lambda s: s.tags)
    checks = list(checks)
    for source in sources:
        for check in checks:
            problem = check(source)
            if problem:
                problems.append(f"{path}: entry {names[source.id]}: {problem}")
    if problems:
        raise ConfigError(problems)
    return sources


def load_subscriptions(
    directory: str | Path | None = None,
    *,
    tags: dict[str, TagRule] | None = None,
    sources: list[Source] | None = None,
    check_tags: bool = True,
    check_sources: bool = True,
) -> list[Subscription]:
    """The subscriptions; `check_tags` / `check_sources` False skip the names that tags.yaml /
    sources.yaml could not be read to confirm (see load_sources)."""
    folder = config_dir(directory)
    path = folder / "subscriptions.yaml"
    if not path.exists():
        return []
    subscriptions, problems, names = _load_list(path, Subscription)
    if check_tags:
        known_tags = tags if tags is not None else load_tags(folder)
        problems += _check_tags(
            path, subscriptions, names, known_tags, "match.tags", lambda s: s.match.tags
        )
    source_ids = (
        {s.id for s in (sources if sources is not None else load_sources(folder, tags=tags))}
        if check_sources
        else set()
    )
    for sub in subscriptions:
        fields = {
            "match.keywords": sub.match.keywords,
            "match.exclude_keywords": sub.match.exclude_keywords,
        }
        problems.extend(_keyword_problems(path, names[sub.id], fields))
        for position, sid in enumerate(sub.match.sources if check_sources else ()):
            if sid not in source_ids:
                problems.append(
                    f"{path}: entry {names[sub.id]}: field 'match.sources[{position}]': unknown source {sid!r}{did_you_mean(sid, source_ids)}"
                )
    if problems:
        raise ConfigError(problems)
    return subscriptions


def load_settings(directory: str | Path | None = None) -> Settings:
    path = config_dir(directory) / "settings.yaml"
    if not path.exists():
        return Settings()
    raw = read_yaml(path) or {}
    if not isinstance(raw, dict):
        raise ConfigError([f"{path}: expected a mapping"])
    try:
        return Settings.model_validate(raw)
    except ValidationError as exc:
        raise ConfigError(_errors(path, "(settings)", exc, Settings, raw)) from exc
