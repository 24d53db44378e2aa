"""A click group whose commands are imported only when they run, so `--help` and light commands
do not pay for heavy ones (Scrapy, Datasette, APScheduler)."""

from __future__ import annotations

import importlib
from collections.abc import Callable, Mapping

import click

REST = "fundwatch.rest"  # ctx.meta: the words after a group's own options


def asks_for_help(ctx: click.Context) -> bool:
    """Whether the command line asks for a command's help (`fundwatch crawl --help`)."""
    rest = ctx.meta.get(REST, [])
    words = rest[: rest.index("--")] if "--" in rest else rest
    return any(word in ctx.help_option_names for word in words)


class LazyGroup(click.Group):
    """Click's documented lazy-loading group: a command is imported only when it is used.
    `lazy`: name → (module in notifier/commands, attribute, the one line its group's help shows);
    `before_import`: name → what to do before that command's module is imported (it may take half
    a second: `run` hears a stop signal from the start, notifier/service_starting.py)."""

    def __init__(
        self,
        *args,
        lazy: dict[str, tuple[str, str, str]],
        before_import: Mapping[str, Callable[[], None]] | None = None,
        **kwargs,
    ) -> None:
        super().__init__(*args, **kwargs)
        self.lazy = lazy
        self.before_import = before_import or {}

    def list_commands(self, ctx: click.Context) -> list[str]:
        return sorted(self.lazy)

    def get_command(self, ctx: click.Context, name: str) -> click.Command | None:
        if name not in self.lazy:
            return None
        module, attribute, _ = self.lazy[name]
        if name in self.before_import:
            self.before_import[name]()
        return getattr(importlib.import_module(f"notifier.commands.{module}"), attribute)

    def resolve_command(self, ctx: click.Context, args: list[str]):
        # Kept for the group's callback, which runs before the command reads them: `--help` on
        # a command shows its help without the checks the command would make (notifier/cli.py).
        ctx.meta[REST] = list(args)
        return super().resolve_command(ctx, args)

    def format_commands(self, ctx: click.Context, formatter: click.HelpFormatter) -> None:
        rows = [(name, self.lazy[name][2]) for name in self.list_commands(ctx)]
        with formatter.section("Commands"):
            formatter.write_dl(rows)
