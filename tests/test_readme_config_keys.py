"""Every key a curator or a council may write in the YAML files is in README.md.

README is the public interface of the config files (DESIGN): a key the loader accepts but README
never names is one a curator cannot find (`enabled: false` to pause a source, `allow_private` for
an intranet host, which `sources check` itself tells people to set).
"""

from __future__ import annotations

import re
import types
import typing
from pathlib import Path

from pydantic import BaseModel

from config.models import Match, Source, Subscription, TagRule
from config.settings_model import Settings

README = Path(__file__).resolve().parent.parent / "README.md"


def _models_in(annotation: object) -> list[type[BaseModel]]:
    """The pydantic models an annotation holds (inside Optional, list, dict, Annotated, unions)."""
    if isinstance(annotation, type) and issubclass(annotation, BaseModel):
        return [annotation]
    found: list[type[BaseModel]] = []
    if isinstance(annotation, types.UnionType) or typing.get_origin(annotation) is not None:
        for argument in typing.get_args(annotation):
            found += _models_in(argument)
    return found


def config_keys() -> dict[str, set[str]]:
    """Each YAML key → the models (by name) that accept it, from the top-level models down."""
    keys: dict[str, set[str]] = {}
    seen: set[type[BaseModel]] = set()
    todo: list[type[BaseModel]] = [Source, TagRule, Subscription, Settings]
    while todo:
        model = todo.pop()
        if model in seen:
            continue
        seen.add(model)
        for name, field in model.model_fields.items():
            keys.setdefault(field.alias or name, set()).add(model.__name__)
            todo += _models_in(field.annotation)
    return keys


def test_the_walk_finds_the_nested_models():
    keys = config_keys()
    assert "DetailSpec" in keys["fields"] and "PageParam" in keys["step"]
    assert "EmailTarget" in keys["to"] and "ScheduleSettings" in keys["working_hours"]


def test_every_config_key_is_named_in_the_readme():
    text = README.read_text(encoding="utf-8")
    missing = {
        key: sorted(models)
        for key, models in config_keys().items()
        if not re.search(rf"`{re.escape(key)}`|\b{re.escape(key)}:", text)
    }
    assert not missing, f"config keys README.md never names: {missing}"


def test_the_subscription_example_shows_every_key_a_team_may_write():
    """The officer writes subscriptions.yaml from this one example: a key missing from it (the
    team's `name`, which digests put in their subject) is one they never learn of."""
    text = README.read_text(encoding="utf-8")
    section = text.split("## For councils: write a subscription", 1)[1]
    example = section.split("```yaml", 1)[1].split("```", 1)[0]
    written = set(re.findall(r"(\w+):", example))
    wanted = set(Subscription.model_fields) | {
        field.alias or name for name, field in Match.model_fields.items()
    }
    assert not wanted - written, f"not in README's subscription example: {sorted(wanted - written)}"
