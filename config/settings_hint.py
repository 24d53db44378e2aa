"""An unknown key in a source or a subscription that is a setting of settings.yaml: said so.

A council officer wrote `burst_limit: 2` under their subscription, as the README's "burst_limit"
paragraphs talk of a channel's limit, and was told "unknown key (check the spelling)": there is no
spelling of it a subscription takes. The key is named where it goes instead.
"""

from __future__ import annotations

from typing import Any

from pydantic import BaseModel

from config.settings_model import ScheduleSettings, Settings

# The settings a source or subscription entry might be mistaken for holding: the whole-service
# ones (not the sections, nor crawl's generic "contact", "delay", "timeout").
SETTINGS_KEYS = {
    **{
        name: name
        for name in Settings.model_fields
        if name not in ("crawl", "curators", "schedule")
    },
    **{name: f"schedule.{name}" for name in ScheduleSettings.model_fields},
}


def settings_key_hint(model: type[BaseModel] | None, key: Any) -> str:
    """' (burst_limit is set once, in config/settings.yaml …)', or ''."""
    where = SETTINGS_KEYS.get(key) if isinstance(key, str) else None
    if where is None or model is None or model.__module__ == Settings.__module__:
        return ""
    return (
        f" ({key} is set once, in config/settings.yaml as `{where}`, not per entry; "
        "see README, Going live)"
    )
