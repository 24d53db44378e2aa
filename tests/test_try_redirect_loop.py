"""`sources try` names a redirect loop as the crawl does. Round 16's next_page_redirect_loop
(page 2 → its trailing-slash twin → back) went round urllib's four times and the last 301's body
was read as the page: "no items matched 'li.directory__record' on …?page=2: the page layout may
have changed", about a page that was never reached."""

from __future__ import annotations

from tests.unseen_serving import try_on_loopback


def test_a_next_page_redirecting_in_a_loop_is_said_as_one(tmp_path):
    result, asked = try_on_loopback("next_page_redirect_loop", tmp_path)
    said = result.stdout + result.stderr
    assert "3 item(s)" in said
    assert (
        "redirect loop on http://127.0.0.1:" in said
        and "/funding/directory/?page=2 (redirected" in said
    )
    assert "no items matched" not in said
    # Each address of the loop asked once, not round and round.
    assert asked[2:] == [("/funding/directory?page=2", 301), ("/funding/directory/?page=2", 301)]
