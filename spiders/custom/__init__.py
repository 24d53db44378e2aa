"""Hand-written spiders for sources config cannot express: spiders/custom/<source id>.py."""

from pathlib import Path


def custom_spider_path(source_id: str) -> Path:
    return Path(__file__).parent / f"{source_id}.py"
