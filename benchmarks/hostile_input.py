"""Print how long the pure functions take on hostile scraped text (each was once quadratic)."""

from __future__ import annotations

import sys
import time
from datetime import UTC, datetime
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from spiders.eligibility import council_eligibility  # noqa: E402
from spiders.normalise import clean_text, parse_money  # noqa: E402
from spiders.normalise.dates_in_text import labelled_date  # noqa: E402
from spiders.normalise.money import parse_amounts  # noqa: E402
from spiders.normalise.notice_kind import opportunity_kind  # noqa: E402
from spiders.normalise.status import normalise_status  # noqa: E402

NOW = datetime(2026, 6, 1, 9, tzinfo=UTC)

CASES = [
    ("clean_text, 50,000 unclosed tags", lambda: clean_text("<p" * 50_000)),
    ("council_eligibility, 10,000 mentions", lambda: council_eligibility("councils " * 10_000)),
    # Each once slow in its own way (tests/test_eligibility.py checks they are judged at all).
    ("council_eligibility, 5,000 lead-ins", lambda: council_eligibility("open to " * 5_000)),
    (
        "council_eligibility, 5,000 list items",
        lambda: council_eligibility("Who can apply:\n" + "- charities\n" * 5_000),
    ),
    (
        "council_eligibility, partner 20,000 words away",
        lambda: council_eligibility("local authorities " + "word " * 20_000 + "as partners"),
    ),
    (
        "council_eligibility, 5,000 exceptions",
        lambda: council_eligibility("Local authorities can apply " + "except for " * 5_000),
    ),
    (
        "council_eligibility, 5,000 'unless they are'",
        lambda: council_eligibility("Councils cannot apply " + "unless they are " * 5_000),
    ),
    (
        "council_eligibility, 20,000 brackets",
        lambda: council_eligibility("(" * 20_000 + "local authorities"),
    ),
    # "How often we hear from councils" was searched for once a council (3,000: 28 s).
    (
        "council_eligibility, 3,000 'applications from councils'",
        lambda: council_eligibility(
            "applications from councils, " * 3_000 + "but they are eligible"
        ),
    ),
    (
        "council_eligibility, 3,000 partnerships before 'any partner may lead'",
        lambda: council_eligibility(
            "a partnership that includes councils " * 3_000 + "; any partner may lead"
        ),
    ),
    (
        "council_eligibility, 3,000 partnerships before 'Either partner may lead.'",
        lambda: council_eligibility(
            "partnerships between councils and universities " * 3_000 + ". Either partner may lead."
        ),
    ),
    (
        "council_eligibility, 3,000 'should use' before 'instead'",
        lambda: council_eligibility(
            "councils with retained stock should use " * 3_000 + "the other fund instead"
        ),
    ),
    # Welsh clauses (welsh.py): every opening word a start, no verb after any.
    (
        "council_eligibility, 5,000 Welsh openings with no verb",
        lambda: council_eligibility("gall cynghorau tref " * 5_000),
    ),
    (
        "council_eligibility, 3,000 'do not need the support of'",
        lambda: council_eligibility("groups do not need the support of " * 3_000 + "the council"),
    ),
    # Running text read for its closing date: every label a start, none with a date after it.
    ("labelled_date, 20,000 'closes' labels", lambda: labelled_date("closes " * 20_000, "closes")),
    (
        "labelled_date, 5,000 windows",
        lambda: labelled_date("The application window runs from " * 5_000, "opens"),
    ),
    ("parse_money, 20,000 'up to' words", lambda: parse_money("up to " * 20_000 + "£5")),
    # Prose's lone figures, each one award's by its words (money_award.py): every cue anchored.
    (
        "parse_amounts prose, 3,000 'each … will receive'",
        lambda: parse_amounts("Each successful council will receive £5 " * 3_000, cued_only=True),
    ),
    # Thousands parted by spaces: every start inside the run once read to its end (minutes).
    ("parse_money, 20,000 spaced groups", lambda: parse_money("x 1" + " 000" * 20_000 + " x")),
    # A status field that is a page's worth of dated wording: each date a label to read.
    (
        "normalise_status, 20,000 'opens' dates",
        lambda: normalise_status("opens 3 march 2027 " * 20_000, None, None, NOW),
    ),
    (
        "normalise_status, 10,000 'no current'",
        lambda: normalise_status("no current " * 10_000 + "x", None, None, NOW),
    ),
    (
        "opportunity_kind, 20,000 'supplier'",
        lambda: opportunity_kind("contract " * 20_000, "supplier " * 20_000),
    ),
]
for label, call in CASES:
    start = time.perf_counter()
    call()
    print(f"{label}: {(time.perf_counter() - start) * 1000:.0f} ms")
