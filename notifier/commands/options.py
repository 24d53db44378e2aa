"""Checks shared by more than one command's options, so a mistake is a usage error (exit 2) at
once, naming the option, rather than found later as a failure or written into what goes out."""

from __future__ import annotations

from urllib.parse import urlsplit

import click

from config.model_parts import is_web_address


def web_address(ctx: click.Context, param: click.Parameter, url: str | None) -> str | None:
    """An http:// or https:// address, or nothing. Only those are fetched (`sources try --url`)
    or put in links people follow (`export --base-url`): DESIGN's "only http/https links go out"."""
    if url is not None and not is_web_address(url):
        raise click.BadParameter(f"{url!r} is not an http:// or https:// address")
    return url


def base_address(ctx: click.Context, param: click.Parameter, url: str | None) -> str | None:
    """Where `fundwatch serve` publishes the repository, as every call's page link starts
    (`export --base-url`): an http(s) address with nothing after its path. A query or fragment
    came before the appended `/opportunity/<id>` ('…/fw?x=1/opportunity/…', a link to the
    home page), and a user name or password was published in every link of the file."""
    if url is None:
        return None
    parts = urlsplit(url.strip())
    if parts.username is not None or parts.password is not None:
        # Not repeated: it holds a password, and this line may be logged.
        raise click.BadParameter(
            "it carries a user name or password, which every link in the export would publish: "
            "give the address without it"
        )
    web_address(ctx, param, url)
    if parts.query or parts.fragment or url.rstrip().endswith(("?", "#")):
        raise click.BadParameter(
            f"{url!r} has a query or fragment (?…, #…): the page links are made by adding "
            "/opportunity/<id> to the address, so give it without one"
        )
    return url.strip()
