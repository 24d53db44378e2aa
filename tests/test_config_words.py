"""Config errors in a council operator's words, not the validator's ("Input should be a valid
integer", "Field required"), still naming file, entry and field."""

from __future__ import annotations

import pytest
import yaml

from config.errors import ConfigError
from config.loader import load_settings, load_subscriptions


def test_config_errors_are_in_plain_english_not_the_validators_words(tmp_path):
    # Before: "Input should be a valid integer, unable to parse string as an integer", "Field
    # required", "Input should be a valid string": pydantic's words, not a council operator's.
    (tmp_path / "tags.yaml").write_text("digital: {any: [digital]}\n")
    (tmp_path / "sources.yaml").write_text("[]\n")
    entries = [
        {"id": "team", "closing_soon_days": "abc", "name": ["x"], "email": {"cadence": "daily"}},
        {"id": "other", "email": {"to": ["a@b.example"], "cadense": "daily"}},
    ]
    (tmp_path / "subscriptions.yaml").write_text(yaml.safe_dump(entries))
    (tmp_path / "settings.yaml").write_text("burst_limit: lots\ncrawl: {delay: [1]}\n")
    problems = []
    for load in (load_subscriptions, load_settings):
        with pytest.raises(ConfigError) as caught:
            load(tmp_path)
        problems += caught.value.problems
    subscriptions, settings = tmp_path / "subscriptions.yaml", tmp_path / "settings.yaml"
    assert sorted(problems) == sorted(
        [
            f"{subscriptions}: entry 'team' (#1): field 'name': must be text, got a list",
            f"{subscriptions}: entry 'team' (#1): field 'closing_soon_days': must be a whole "
            "number, got 'abc'",
            f"{subscriptions}: entry 'team' (#1): field 'email.to': missing: this field is required",
            f"{subscriptions}: entry 'other' (#2): field 'email.cadense': unknown key (did you "
            "mean 'cadence'?)",
            f"{settings}: entry (settings): field 'burst_limit': must be a whole number, got 'lots'",
            f"{settings}: entry (settings): field 'crawl.delay': must be a number, got a list",
        ]
    )
