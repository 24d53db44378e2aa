"""Notices as sites write them (tests/cases/notice_kinds.yaml), through the whole normalise() step
as a crawl stores them: what kind of opportunity each is, and the status where the row gives one."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest

from config.models import Source
from spiders.items import OpportunitySighting
from spiders.normalise.sighting import normalise
from tests.case_tables import table as case_table

NOTICE_ROWS = case_table(
    "notice_kinds.yaml",
    keys={"notice_type", "title", "status_field", "expected", "status", "note"},
    required=("title", "expected"),
)


@pytest.mark.parametrize("case", NOTICE_ROWS)
def test_a_notice_is_stored_with_its_kind_and_status(case: dict) -> None:
    """Through the whole normalise() step, as a crawl stores it: the kind, and the status where the
    row gives one (a contract award notice is closed, whatever else it says)."""
    raw = OpportunitySighting(
        source_id="notices",
        title=case["title"],
        url="https://notices.example/1",
        notice_type=case.get("notice_type"),
        status=case.get("status_field"),
    )
    source = Source(id="notices", kind="feed", urls=["https://notices.example/"])
    stored = normalise(raw, source, datetime(2026, 6, 1, 9, tzinfo=UTC))
    assert stored.kind == case["expected"]
    if "status" in case:
        assert stored.status == case["status"]
