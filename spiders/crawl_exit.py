"""The crawl process's exit statuses, read by the crawl launcher (kept apart from the crawl process so
the launcher does not import Scrapy to know them)."""

# A signal (Ctrl-C, SIGTERM from a service manager) stopped the crawl before its end: the launcher
# then keeps an unfinished first round open, so the sources it cut short are resumed as the round's,
# not taken for sources added later (storage/first_round.py).
STOPPED = 3

# The repository refused a run the crawl process had to write (a full disk, a read-only or locked
# file): the launcher records the sources' runs itself, or says in one line that it cannot either.
UNRECORDED = 4
UNRECORDED_RUN = "could not write this run to the repository (full, read-only or locked)"
UNRECORDED_BEFORE_TURN = "not started: the crawl could not write to the repository"

# The repository took no more writes part way through a source (a full disk): its run failed for
# the machine's sake, not the source's. Like a stop, it keeps an unfinished first round open, so
# once space is freed that source's calls are announced as the round's, not stored silently as a
# baseline beside the few the full disk let through announced.
REFUSED = 5

# What a run stopped by a signal says, from the crawl process (a source it was reading) or from the
# launcher (one it never reached). An operator's stop says nothing of the source: source health
# passes over a run whose whole reason is one of these (notifier/health/judge.py).
STOPPED_RUN = "the crawl was stopped (a signal) before it finished"
STOPPED_BEFORE_TURN = "not started: the crawl was stopped (a signal) before this source's turn"


def stopped_by_signal(reason: str | None) -> bool:
    return reason in (STOPPED_RUN, STOPPED_BEFORE_TURN)
