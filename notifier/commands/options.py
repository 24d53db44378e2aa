"""Checks shared by more than one command's options, so a mistake is a usage error (exit 2) at
once, naming the option, rather than found later as a failure or written into what goes out."""

from __future__ import annotations

import click

from config.model_parts import is_web_address


def web_address(ctx: click.Context, param: click.Parameter, url: str | None) -> str | None:
    """An http:// or https:// address, or nothing. Only those are fetched (`sources try --url`)
    or put in links people follow (`export --base-url`): DESIGN's "only http/https links go out"."""
    if url is not None and not is_web_address(url):
        raise click.BadParameter(f"{url!r} is not an http:// or https:// address")
    return url
