"""Hand-written spiders for sources config cannot express: spiders/custom/<source id>.py."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from config.models import Source


def custom_spider_path(source_id: str) -> Path:
    return Path(__file__).parent / f"{source_id}.py"


def spider_file_check(source: Source) -> str | None:
    """A config check: a custom source needs its spider file (see config.loader.load_sources)."""
    if source.kind == "custom" and not custom_spider_path(source.id).exists():
        return f"field 'kind': custom source needs spiders/custom/{source.id}.py"
    return None
