"""What Slack would say about a message's blocks, for the stand-in (tests/slack_standin.py), using
slack_sdk's own models of Slack's limits."""

from __future__ import annotations

from typing import Any

from slack_sdk.errors import SlackObjectFormationError
from slack_sdk.models.blocks import Block

MAX_BLOCKS = 50


def block_errors(blocks: Any) -> list[str]:
    """What Slack would say about the blocks, using slack_sdk's own models of Slack's limits."""
    if not isinstance(blocks, list):
        return ["blocks must be an array"]
    if len(blocks) > MAX_BLOCKS:
        return [f"no more than {MAX_BLOCKS} items allowed [json-pointer:/blocks]"]
    errors = []
    for index, raw in enumerate(blocks):
        try:
            block = Block.parse(raw)
            if block is None:
                raise SlackObjectFormationError("unknown block type")
            block.validate_json()
        except (SlackObjectFormationError, KeyError, TypeError, ValueError) as exc:
            errors.append(f"{exc} [json-pointer:/blocks/{index}]")
    return errors
