"""The crawl process's exit statuses, read by the crawl launcher (kept apart from the crawl process so
the launcher does not import Scrapy to know them)."""

# A signal (Ctrl-C, SIGTERM from a service manager) stopped the crawl before its end: the launcher
# then keeps an unfinished first round open, so the sources it cut short are resumed as the round's,
# not taken for sources added later (storage/first_round.py).
STOPPED = 3
