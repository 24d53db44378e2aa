"""When digests go out: "mon-fri 08:00"-style slots in Europe/London, parsed and stepped through.

In config because settings.yaml is validated with it; the notifier and the scheduler use the same.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta

from config.clock import LONDON
from config.lazy_pattern import lazy_pattern

DAYS = ("mon", "tue", "wed", "thu", "fri", "sat", "sun")
_TIME = lazy_pattern(r"^([01]?\d|2[0-3]):([0-5]\d)$")


@dataclass(frozen=True)
class SlotSpec:
    """When digests go out: these weekdays (0 = Monday) at this local London time."""

    days: frozenset[int]
    hour: int
    minute: int

    def slot_on(self, day: date) -> datetime:
        # 08:00 exists every day in London; an hour skipped by the clocks going forward would be
        # read with the earlier offset, i.e. an hour later on the wall clock, which is harmless.
        return datetime(day.year, day.month, day.day, self.hour, self.minute, tzinfo=LONDON)

    def latest(self, now: datetime) -> datetime:
        """The most recent slot at or before `now`, in UTC."""
        today = now.astimezone(LONDON).date()
        for back in range(8):
            day = today - timedelta(days=back)
            if day.weekday() in self.days:
                slot = self.slot_on(day)
                if slot <= now:
                    return slot.astimezone(UTC)
        raise AssertionError("a slot spec always has at least one day")  # pragma: no cover

    def next_after(self, now: datetime) -> datetime:
        """The first slot strictly after `now`, in UTC."""
        today = now.astimezone(LONDON).date()
        for ahead in range(8):
            day = today + timedelta(days=ahead)
            if day.weekday() in self.days:
                slot = self.slot_on(day)
                if slot > now:
                    return slot.astimezone(UTC)
        raise AssertionError("a slot spec always has at least one day")  # pragma: no cover

    def cron_fields(self) -> dict[str, str | int]:
        """The same schedule as APScheduler CronTrigger arguments (timezone Europe/London)."""
        return {
            "day_of_week": ",".join(DAYS[d] for d in sorted(self.days)),
            "hour": self.hour,
            "minute": self.minute,
        }


def _day(name: str, spec: str) -> int:
    key = name.strip().lower()
    for index, short in enumerate(DAYS):
        if key == short or (len(key) > 3 and key.startswith(short) and key.endswith("day")):
            return index
    raise ValueError(
        f"unknown day {name.strip()!r} in schedule {spec!r}: use mon, tue, wed, thu, fri, sat, "
        "sun, a range such as mon-fri, a list such as mon,wed,fri, or daily"
    )


def parse_slot_spec(spec: str) -> SlotSpec:
    """'mon-fri 08:00', 'mon 08:00', 'mon,wed,fri 17:30', 'daily 08:00' or '08:00' (every day)."""
    words = (spec or "").split()
    example = "expected days and a time like 'mon-fri 08:00', 'mon 08:00' or 'daily 08:00'"
    if not words or len(words) > 2:
        raise ValueError(f"schedule {spec!r}: {example}")
    time_text = words[-1]
    match = _TIME.match(time_text)
    if not match:
        raise ValueError(
            f"schedule {spec!r}: time {time_text!r} must be HH:MM, 24-hour (e.g. 08:00)"
        )
    day_text = words[0].lower() if len(words) == 2 else "daily"
    return SlotSpec(_days(day_text, spec, example), int(match.group(1)), int(match.group(2)))


def _days(day_text: str, spec: str, example: str) -> frozenset[int]:
    if day_text in ("daily", "every", "*"):
        return frozenset(range(7))
    days: set[int] = set()
    for part in day_text.split(","):
        if not part:
            raise ValueError(f"schedule {spec!r}: empty day in {day_text!r}; {example}")
        if "-" in part:
            first, _, last = part.partition("-")
            start, end = _day(first, spec), _day(last, spec)
            # A range may wrap the weekend: fri-mon is Friday to Monday.
            days.update((start + i) % 7 for i in range((end - start) % 7 + 1))
        else:
            days.add(_day(part, spec))
    return frozenset(days)


@dataclass(frozen=True)
class WorkingHours:
    """When a missed digest may be caught up: these weekdays, between these London times."""

    days: frozenset[int]
    start: tuple[int, int]
    end: tuple[int, int]

    def contains(self, moment: datetime) -> bool:
        local = moment.astimezone(LONDON)
        return local.weekday() in self.days and self.start <= (local.hour, local.minute) < self.end


def parse_working_hours(spec: str) -> WorkingHours:
    """'mon-fri 08:00-18:00' (the default), 'daily 07:00-21:00'."""
    example = "expected days and hours like 'mon-fri 08:00-18:00'"
    words = (spec or "").split()
    if len(words) != 2 or "-" not in words[1]:
        raise ValueError(f"working hours {spec!r}: {example}")
    first, _, last = words[1].partition("-")
    times = [_TIME.match(first), _TIME.match(last)]
    if not all(times):
        raise ValueError(f"working hours {spec!r}: times must be HH:MM, 24-hour; {example}")
    start, end = ((int(m.group(1)), int(m.group(2))) for m in times)
    if start >= end:
        raise ValueError(f"working hours {spec!r}: the start must be before the end")
    return WorkingHours(_days(words[0].lower(), spec, example), start, end)
