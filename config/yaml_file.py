"""Read one config file as YAML; whatever is wrong with it becomes one ConfigError naming the file.

A curator's file can fail before YAML parses it: saved in Windows-1252 by an editor ("Café" as a
lone 0xE9 byte), or a folder where the file belongs. And YAML itself lets a key be written twice,
keeping the last silently: a second `net_zero:` in tags.yaml would replace the first tag's rule, a
second `match:` in a subscription would drop the first's conditions. Both are refused here with the
line of each, so every command that reads config says so instead of a traceback or a quiet change.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import yaml

from config.errors import ConfigError

# libyaml's parser where PyYAML was built with it: a national sources.yaml of 500 entries parses in
# 0.08 s instead of 0.72 s, and every service job and command reads the config afresh.
_SAFE = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


def parse_yaml(text: str) -> Any:
    """YAML text as yaml.safe_load reads it, through libyaml where PyYAML has it: the snapshot
    folders and the tests' case tables (the largest 265 kB) parse nine times faster."""
    return yaml.load(text, Loader=_SAFE)  # noqa: S506 - a SafeLoader


class _UniqueKeyLoader(_SAFE):  # type: ignore[misc,valid-type]
    """A safe loader that refuses a mapping key written twice (YAML's merge key `<<` aside)."""


def _mapping(loader: _UniqueKeyLoader, node: yaml.MappingNode) -> dict[Any, Any]:
    first_line: dict[Any, int] = {}
    for key_node, _ in node.value:
        if key_node.tag == "tag:yaml.org,2002:merge":
            continue
        key = loader.construct_object(key_node, deep=True)
        try:
            seen = first_line.get(key)
        except TypeError:  # an unhashable key: construct_mapping reports it as YAML does
            continue
        line = key_node.start_mark.line + 1
        if seen is not None:
            raise yaml.constructor.ConstructorError(
                None,
                None,
                f"key {key!r} written twice (first at line {seen}); keep one",
                key_node.start_mark,
            )
        first_line[key] = line
    return loader.construct_mapping(node, deep=True)


_UniqueKeyLoader.add_constructor(yaml.resolver.BaseResolver.DEFAULT_MAPPING_TAG, _mapping)


def _undecodable_line(data: bytes, error: UnicodeDecodeError) -> int:
    return data[: error.start].count(b"\n") + 1


def read_yaml(path: Path) -> Any:
    """The file's YAML, or ConfigError: missing, unreadable, not UTF-8, not YAML, a key twice."""
    if not path.exists():
        folder = path.parent
        if not folder.is_dir():  # the folder given is wrong, not a file in it: say so once
            what = "not a folder" if folder.exists() else "no such config folder"
            raise ConfigError([f"{folder}: {what}: check --config or FUNDWATCH_CONFIG"])
        raise ConfigError([f"{path}: file not found"])
    try:
        data = path.read_bytes()
    except OSError as exc:  # a folder where the file belongs, no permission to read it
        raise ConfigError([f"{path}: cannot read: {exc.strerror or exc}"]) from exc
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as exc:
        line = _undecodable_line(data, exc)
        raise ConfigError(
            [
                f"{path}: line {line}: not UTF-8 text (byte 0x{data[exc.start]:02x}); save it as UTF-8"
            ]
        ) from exc
    try:
        return yaml.load(text, Loader=_UniqueKeyLoader)  # noqa: S506 - a SafeLoader subclass
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        where = f" line {mark.line + 1}:" if mark else ""
        said = str(getattr(exc, "problem", exc))
        problem = f"{said}{_tab_hint(text, mark) or _shape_hint(said)}"
        raise ConfigError([f"{path}:{where} not valid YAML: {problem}"]) from exc


def _tab_hint(text: str, mark: Any) -> str:
    """A tab an editor put in is invisible, and YAML's own words for it ("found character that
    cannot start any token") do not name it: say so when the line YAML stopped on holds one."""
    lines = text.splitlines()
    if mark is None or mark.line >= len(lines) or "\t" not in lines[mark.line]:
        return ""
    return " (a tab on this line: YAML indents with spaces only, replace it with spaces)"


# YAML's words for the slips people make, and what to look at. An indentation slip ("did not
# find expected key") names no indentation, and "mapping values are not allowed" is as often an
# unquoted "Label: value" as a line pushed in too far.
_SHAPE_HINTS = (
    (
        ("did not find expected key", "expected '-' indicator", "expected <block end>"),
        "check this line's indentation: each key in line with the keys beside it",
    ),
    (
        ("mapping values are not allowed",),
        "a line indented more than the one above it, or a value holding ': ' that needs quotes",
    ),
    (("could not find expected ':'",), "a key without its ':', on this line or the one before"),
)


def _shape_hint(problem: str) -> str:
    for phrases, hint in _SHAPE_HINTS:
        if any(phrase in problem for phrase in phrases):
            return f" ({hint})"
    return ""
