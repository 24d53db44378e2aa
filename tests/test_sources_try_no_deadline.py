"""`fundwatch sources try` on round 15's sites whose closing-date fields say something read right
instead of a date: the lottery finder's "Ongoing – apply at any time" (no deadline) and the
per-year table's "Closed – reopens April 2027" (a status), and "To be confirmed". Each was shown "no date in …" and
counted "read but not usable", as a broken selector is, sending the curator to fix one."""

from __future__ import annotations

from tests.unseen_serving import try_on_loopback


def test_a_rolling_deadline_is_said_to_be_none_not_unusable(tmp_path):
    result, _ = try_on_loopback("lottery_programme_finder", tmp_path)
    assert result.returncode == 0, result.stdout + result.stderr
    lines = result.stdout.splitlines()
    assert "  closes       no deadline: 'Ongoing – apply at any time'" in lines
    # "To be confirmed" names no date, rightly read: the funder's own word, counted apart, not
    # as a selector to fix. Before: "no date in 'To be confirmed'", "(1 read but not usable)".
    assert "  closes       to be confirmed: 'To be confirmed'" in lines
    want = "  closes       3/5 (60%)  (1 with no deadline)  (1 to be confirmed)"
    assert want in lines


def test_a_closing_date_field_holding_a_status_says_so(tmp_path):
    # "Closed – reopens April 2027" in the Deadline column gives the call its status (upcoming);
    # it was shown "no date in …" and counted "read but not usable".
    result, _ = try_on_loopback("per_year_per_head_amounts", tmp_path)
    assert result.returncode == 0, result.stdout + result.stderr
    lines = result.stdout.splitlines()
    assert "  closes       a status: 'Closed – reopens April 2027'" in lines
    assert "  closes       2/4 (50%)  (1 gave a status)  (1 with no deadline)" in lines


def test_an_opening_read_from_a_one_date_closing_field_is_said_to_be_the_closing_date(tmp_path):
    # Round 18's Olivero list names its "Closing date" window for opens and closes; the call whose
    # field holds one date was shown "opens  no date in '08/01/2027'" and counted not usable.
    result, _ = try_on_loopback("olivero_daterange_rows", tmp_path)
    assert result.returncode == 0, result.stdout + result.stderr
    lines = result.stdout.splitlines()
    assert "  opens        the closing date only: '08/01/2027'" in lines
    assert "  opens        4/5 (80%)  (1 the closing date only)" in lines


def test_an_opening_from_a_window_in_the_closing_field_says_where_it_came_from(tmp_path):
    # Round 22's council table: "4 January – 26 March 2027" under "Closing date", no opening
    # field. The opening it gives was said to be "read from the item's text".
    result, _ = try_on_loopback("pdf_guidance_portal_table", tmp_path)
    assert result.returncode == 0, result.stdout + result.stderr
    want = "  opens        4 Jan 2027 (the start of the closing date's window: '4 January – 26 March 2027')"
    assert want in result.stdout.splitlines()
