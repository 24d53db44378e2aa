"""What a crawl process's exit says of the runs it left unfinished (notifier/crawl_launcher.py):
a death by the stop signal itself is a stop, as the crawl process's own STOPPED exit is."""

from __future__ import annotations

import signal

import pytest

from notifier.crawl_launcher import cut_short_reasons
from notifier.health.judge import stopped_by_signal
from spiders.crawl_exit import STOPPED, UNRECORDED, UNRECORDED_BEFORE_TURN, UNRECORDED_RUN


@pytest.mark.parametrize("returncode", [STOPPED, -signal.SIGTERM, -signal.SIGINT])
def test_a_stopped_or_signalled_crawl_reads_as_stopped(returncode):
    cut, unstarted = cut_short_reasons(returncode, None)
    assert stopped_by_signal(cut) and stopped_by_signal(unstarted)


@pytest.mark.parametrize(
    ("returncode", "says"),
    [
        (-signal.SIGKILL, "the crawl process exited with code -9 before this source's turn"),
        (1, "the crawl process exited with code 1 before this source's turn"),
        (None, "the crawl timed out after 30s before this source's turn"),
        (UNRECORDED, UNRECORDED_BEFORE_TURN),
    ],
)
def test_any_other_end_is_the_crawls_failure(returncode, says):
    cut, unstarted = cut_short_reasons(returncode, 30)
    assert unstarted == (says if says.startswith("not started: ") else f"not started: {says}")
    assert not stopped_by_signal(cut) and not stopped_by_signal(unstarted)
    if returncode == UNRECORDED:
        assert cut == UNRECORDED_RUN
