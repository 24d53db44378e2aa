"""Config files that are not plain YAML text: every command says which file and what is wrong, in one
line with exit 2, never a traceback; a key written twice (a tag id, a subscription's `match`) is an
error naming both lines, not a silent last-one-wins."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.crawl_helpers import fundwatch, write_config

SOURCE = {
    "id": "good_listing",
    "kind": "listing",
    "urls": ["https://funder.example.org/grants/"],
    "item": "li.grant",
    "fields": {"title": "h3 a::text", "url": "h3 a::attr(href)"},
}
SUBSCRIPTION = {"id": "team", "match": {"tags": ["net_zero"]}, "email": {"to": ["a@b.example"]}}


@pytest.fixture
def folder(tmp_path: Path) -> Path:
    return write_config(tmp_path / "config", [SOURCE], [SUBSCRIPTION])


def one_line_error(result, *fragments: str) -> None:
    assert result.returncode == 2, (result.returncode, result.stdout, result.stderr)
    assert "Traceback" not in result.stderr, result.stderr
    for fragment in fragments:
        assert fragment in result.stderr, result.stderr


@pytest.mark.parametrize("command", [("sources", "check"), ("sources", "list"), ("search", "x")])
def test_a_file_that_is_not_utf8_is_named(folder, command):
    path = folder / "sources.yaml"
    text = path.read_bytes()
    path.write_bytes(
        text.replace(b"kind: listing\n", b"kind: listing\n  name: Caf\xe9 grants\n", 1)
    )
    result = fundwatch(*command, config=folder, db=folder / "fw.db")
    one_line_error(result, str(path), "line 3", "UTF-8")


def test_a_folder_where_a_file_belongs_is_named(folder):
    path = folder / "tags.yaml"
    path.unlink()
    path.mkdir()
    result = fundwatch("sources", "check", config=folder, db=folder / "fw.db")
    one_line_error(result, str(path), "cannot read")


def test_a_tag_written_twice_is_an_error_naming_both_lines(folder):
    path = folder / "tags.yaml"
    path.write_text(
        "net_zero: {label: Net zero, any: [net zero]}\n"
        "housing: {any: [housing]}\n"
        "net_zero: {any: [retrofit]}\n"
    )
    result = fundwatch("sources", "check", config=folder, db=folder / "fw.db")
    one_line_error(result, str(path), "line 3", "'net_zero'", "line 1")


def test_a_key_written_twice_in_an_entry_is_an_error(folder):
    path = folder / "subscriptions.yaml"
    path.write_text(
        "- id: team\n"
        "  match: {tags: [net_zero]}\n"
        "  email: {to: [a@b.example]}\n"
        "  match: {keywords: [retrofit]}\n"
    )
    result = fundwatch("sources", "check", config=folder, db=folder / "fw.db")
    one_line_error(result, str(path), "line 4", "'match'", "line 2")


@pytest.mark.parametrize("command", [("sources", "check"), ("sources", "list"), ("search", "x")])
@pytest.mark.parametrize("wrong", ["missing", "a_file"])
def test_a_config_folder_that_is_not_one_is_said_once(tmp_path, command, wrong):
    # Not "tags.yaml: file not found" and "sources.yaml: file not found": the folder is wrong.
    folder = tmp_path / wrong
    if wrong == "a_file":
        folder.write_text("not a folder")
    result = fundwatch(*command, config=folder, db=tmp_path / "fw.db")
    what = "not a folder" if wrong == "a_file" else "no such config folder"
    assert result.returncode == 2
    assert result.stderr.splitlines() == [
        f"config error: {folder}: {what}: check --config or FUNDWATCH_CONFIG"
    ]
