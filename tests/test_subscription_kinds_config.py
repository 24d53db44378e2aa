"""A subscription's `kinds` (and the radar's other keys, `near` and `opening_soon_days`) checked as
subscriptions.yaml is loaded: each error names the file, the entry and the field, and a misspelt
kind suggests the right one."""

from __future__ import annotations

import pytest
import yaml

from config.errors import ConfigError
from config.loader import load_subscriptions


@pytest.mark.parametrize(
    "fields, fragment",
    [
        ({"kinds": ["market_engagment"]}, "field 'kinds[0]': must be 'funding', "),
        ({"kinds": ["tender", "grants"]}, "field 'kinds[1]'"),
        (
            {"kinds": "market_engagement"},
            "field 'kinds': must be a list such as [a, b], got 'market_engagement'",
        ),
        ({"opening_soon_days": 0}, "field 'opening_soon_days': must be at least 1, got 0"),
        ({"opening_soon_days": 400}, "field 'opening_soon_days': must be at most 365, got 400"),
        ({"events": ["new", "opening-soon"]}, "(did you mean 'opening_soon'?)"),
        ({"kind": ["tender"]}, "field 'kind': unknown key (did you mean 'kinds'?)"),
        ({"near": "Leeds"}, "field 'near': must be a list such as [a, b], got 'Leeds'"),
        ({"near": ["Leeds", "x"]}, "field 'near[1]': must be at least 2 characters long, got 'x'"),
    ],
)
def test_config_errors_name_the_file_entry_and_field(tmp_path, fields, fragment):
    (tmp_path / "tags.yaml").write_text("digital: {any: [digital]}\n")
    (tmp_path / "sources.yaml").write_text("[]\n")
    entry = {"id": "radar", "email": {"to": ["radar@example.gov.uk"]}, **fields}
    (tmp_path / "subscriptions.yaml").write_text(yaml.safe_dump([entry]))
    with pytest.raises(ConfigError) as caught:
        load_subscriptions(tmp_path)
    (line,) = caught.value.problems
    assert line.startswith(f"{tmp_path / 'subscriptions.yaml'}: entry 'radar' (#1): "), line
    assert fragment in line, line


def test_a_misspelt_kind_suggests_the_right_one(tmp_path):
    (tmp_path / "tags.yaml").write_text("{}\n")
    (tmp_path / "sources.yaml").write_text("[]\n")
    entry = {"id": "radar", "kinds": ["market_engagment"], "email": {"to": ["a@example.gov.uk"]}}
    (tmp_path / "subscriptions.yaml").write_text(yaml.safe_dump([entry]))
    with pytest.raises(ConfigError) as caught:
        load_subscriptions(tmp_path)
    assert caught.value.problems[0].endswith("(did you mean 'market_engagement'?)")
