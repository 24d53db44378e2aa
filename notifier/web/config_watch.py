"""The web repository's config, read again when its YAML changes: `fundwatch serve` runs for weeks
beside the service, which reads the YAML afresh for every job, and a team added to
subscriptions.yaml expects its feed and calendar without anyone restarting the site."""

from __future__ import annotations

from collections.abc import Callable
from contextvars import ContextVar
from pathlib import Path

from notifier.configuration import Config, load_config
from notifier.kept_config import KeptConfig, Words

SERVE = Words(
    "fundwatch.serve",
    "config in {directory} not read again, still serving the last good: {error}",
    changed="config in {directory} changed: read again",
)

# The config one request was answered with, per watch: a results page asks for a label per facet
# value and per tag on each row, and one look at the folder per request is enough (it was one per
# label: some hundreds of globs and stats on a page of 100 calls).
_ANSWERED: ContextVar[dict[int, Config] | None] = ContextVar("fundwatch_config", default=None)


def one_look_per_request(app: Callable) -> Callable:
    """ASGI middleware: within one request, every ConfigWatch looks at its folder once."""

    async def answer(scope, receive, send):
        token = _ANSWERED.set({})
        try:
            await app(scope, receive, send)
        finally:
            _ANSWERED.reset(token)

    return answer


class ConfigWatch(KeptConfig):
    """The config as last read well; read again on a request after its files change. A file
    that no longer reads (saved half-way, a typo) keeps the last good config and says why once
    in the log: the site must not go down over an edit. The service's KeptConfig, looked at once
    per request."""

    def __init__(
        self,
        config: Config,
        directory: Path,
        load: Callable[[Path], Config] = lambda d: load_config(d, fetching=False),
    ):
        super().__init__(directory, load, first=config, words=SERVE)

    def current(self) -> Config:
        answered = _ANSWERED.get()
        if answered is None:
            return super().current()
        if id(self) not in answered:
            answered[id(self)] = super().current()
        return answered[id(self)]
