"""`fundwatch sources try` on round 15's lottery finder (tests/sites/lottery_programme_finder),
whose "Ongoing – apply at any time" deadline is read right as none: it was shown as "no date in …"
and counted "read but not usable", as a broken selector is, sending the curator to fix one."""

from __future__ import annotations

from tests.unseen_sites import try_on_loopback


def test_a_rolling_deadline_is_said_to_be_none_not_unusable(tmp_path):
    result, _ = try_on_loopback("lottery_programme_finder", tmp_path)
    assert result.returncode == 0, result.stdout + result.stderr
    lines = result.stdout.splitlines()
    assert "  closes       no deadline: 'Ongoing – apply at any time'" in lines
    # "To be confirmed" names no date and says nothing of a deadline: still not usable.
    assert "  closes       no date in 'To be confirmed'" in lines
    want = "  closes       3/5 (60%)  (1 read but not usable)  (1 with no deadline)"
    assert want in lines
