"""Every command has help and appears in the README; the quickstart's two targets exist (sqlite-utils style)."""

from __future__ import annotations

import re

import click
import pytest
from click.testing import CliRunner

from notifier.cli import COMMANDS, cli
from notifier.commands.sources import SOURCE_COMMANDS, sources
from tests.crawl_helpers import ROOT

README = (ROOT / "README.md").read_text()


def commands(group: click.Group, prefix: tuple[str, ...] = ()):
    context = click.Context(group)
    for name in group.list_commands(context):
        command = group.get_command(context, name)
        path = (*prefix, name)
        yield path, command
        if isinstance(command, click.Group):
            yield from commands(command, path)


ALL = list(commands(cli))


def test_every_command_is_listed_and_loads():
    assert sorted(name for (name, *rest), _ in ALL if not rest) == sorted(COMMANDS)
    assert len(ALL) >= 11  # the seven commands and the four `sources` subcommands


@pytest.mark.parametrize("name", sorted(COMMANDS))
def test_the_listed_summary_says_what_the_command_does(name):
    """`fundwatch --help` lists commands without importing them: its summaries must stay true."""
    command = cli.get_command(click.Context(cli), name)
    summary = COMMANDS[name][2].rstrip(".")
    words = lambda text: re.findall(r"[a-z]+", text.lower())  # noqa: E731
    first_sentence = command.help.strip().split("\n\n")[0]
    missing = set(words(summary)) - set(words(first_sentence)) - {"and", "the", "of", "on"}
    assert len(missing) <= 2, f"{name}: {summary!r} vs {first_sentence!r}"
    listing = CliRunner().invoke(cli, ["--help"]).output
    assert re.search(rf"^\s+{name}\s+{re.escape(COMMANDS[name][2][:20])}", listing, re.M)


@pytest.mark.parametrize("path,command", ALL, ids=[" ".join(p) for p, _ in ALL])
def test_command_has_help_and_is_in_the_readme(path, command):
    result = CliRunner().invoke(cli, [*path, "--help"])
    assert result.exit_code == 0, result.output
    assert command.help and len(command.help.strip()) > 20, (
        f"{' '.join(path)} needs a real help text"
    )
    assert (
        f"Usage: cli {' '.join(path)}" in result.output
        or f"Usage: fundwatch {' '.join(path)}" in result.output
    )
    assert re.search(rf"^\s+{re.escape(' '.join(path))}\b", README, re.M), (
        f"README lists no `{' '.join(path)}`"
    )


def test_every_option_is_in_the_readme_or_help_only_for_obvious_flags():
    for path, command in ALL:
        for param in command.params:
            if isinstance(param, click.Option) and param.name not in (
                "help",
                "verbose",
                "limit",
                "as_json",
            ):
                flag = max(param.opts, key=len)
                assert flag in README, f"README does not mention {flag} of `{' '.join(path)}`"


def test_quickstart_is_exactly_make_demo_and_make_test():
    block = README.split("## Quickstart", 1)[1].split("```sh", 1)[1].split("```", 1)[0]
    assert [line.strip() for line in block.strip().splitlines()] == ["make demo", "make test"]
    makefile = (ROOT / "Makefile").read_text()
    assert re.search(r"^demo:", makefile, re.M) and re.search(r"^test:", makefile, re.M)
    assert "fundwatch demo" in makefile and "pytest" in makefile
    assert "make test" in (ROOT / ".ci" / "run").read_text()


@pytest.mark.parametrize("name", sorted(SOURCE_COMMANDS))
def test_the_listed_sources_summary_says_what_the_subcommand_does(name):
    """`fundwatch sources --help` lists subcommands without importing them: the same rule."""
    command = sources.get_command(click.Context(sources), name)
    first_sentence = command.help.strip().split("\n\n")[0]
    words = lambda text: re.findall(r"[a-z]+", text.lower())  # noqa: E731
    summary = SOURCE_COMMANDS[name][2]
    missing = set(words(summary)) - set(words(first_sentence)) - {"and", "the", "of", "on"}
    assert len(missing) <= 2, f"sources {name}: {summary!r} vs {first_sentence!r}"


@pytest.mark.parametrize("name", ["notify", "digest"])
def test_delivery_help_names_every_channel_it_delivers_to(name):
    """Teams alerts and digests go out like Slack's: help that names only Slack and email sends a
    Teams user to the README to learn whether `notify` and `digest` serve them at all."""
    shown = " ".join(CliRunner().invoke(cli, [name, "--help"]).output.split())
    assert all(channel in shown for channel in ("Slack", "Teams")), shown


@pytest.mark.parametrize(
    "path,said",
    [
        (["sources", "try"], ["Exit 1", "Exit 2 on a config error", "headers_env", "not http(s)"]),
        (["sources", "status"], ["crawling now", "interrupted", "note"]),
    ],
)
def test_help_says_what_the_readme_s_command_table_says(path, said):
    """`sources try --help` gave exits 0 and 1 but not the README's 2 (a config error such as an
    unset headers_env variable, or a --url not http(s)); `sources status --help` named none of the
    lines for a crawl under way or killed part way (walk12)."""
    shown = " ".join(CliRunner().invoke(cli, [*path, "--help"]).output.split())
    assert all(words in shown for words in said), shown
