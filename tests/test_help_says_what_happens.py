"""`--help` of the real `fundwatch` command says what the command does today, as README does:
`sources check` counts the Slack and Teams variables under "config ok", `notify` prints progress
lines as FUNDWATCH_CRAWL_PROGRESS says, and `notify` and `digest` stop with exit 2 on delivery
settings they cannot use. Before, none of the three help texts said so."""

from __future__ import annotations

from tests.crawl_helpers import fundwatch


def help_of(tmp_path, *command: str) -> str:
    done = fundwatch(*command, "--help", config=tmp_path, db=tmp_path / "never.db")
    assert done.returncode == 0, done.stderr
    return " ".join(done.stdout.split())  # click wraps lines where it likes


def test_sources_check_help_says_it_counts_the_delivery_variables(tmp_path):
    said = help_of(tmp_path, "sources", "check")
    assert "count the Slack and Teams variables" in said
    assert "not set in this environment" in said


def test_notify_help_says_it_reports_progress_and_refuses_bad_settings(tmp_path):
    said = help_of(tmp_path, "notify")
    assert "FUNDWATCH_CRAWL_PROGRESS" in said
    assert "exit 2" in said


def test_digest_help_says_bad_settings_are_exit_2(tmp_path):
    assert "exits 2" in help_of(tmp_path, "digest")
