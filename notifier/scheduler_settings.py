"""The service's timed jobs following settings.yaml's `schedule` as curators edit it while
`fundwatch run` runs, as its crawl jobs follow sources.yaml (notifier/scheduler_follow.py).

The digests, the closing-soon scan and the alerts job were planned once, at start: a new digest
time or `notify_every` waited for a restart, while the digest job itself read the new slot from
the config and so judged the old time's run early or late. An edit that does not read is kept
from here by notifier/kept_config.py (the last good settings, the file, entry and field said once
in the log); `working_hours` is read by each digest job, so it needs nothing here.
"""

from __future__ import annotations

from datetime import datetime

from apscheduler.schedulers.base import BaseScheduler
from apscheduler.triggers.base import BaseTrigger
from apscheduler.triggers.cron import CronTrigger
from apscheduler.triggers.interval import IntervalTrigger

from config.clock import LONDON
from config.model_parts import parse_duration
from config.models import Settings
from config.schedule import parse_slot_spec
from notifier.delivery.digest import schedule_for


def notify_trigger(settings: Settings, start: datetime) -> IntervalTrigger:
    every = parse_duration(settings.schedule.notify_every)
    return IntervalTrigger(seconds=every.total_seconds(), start_date=start, timezone=LONDON)


def timed_triggers(settings: Settings) -> dict[str, tuple[BaseTrigger, str]]:
    """Each timed job's trigger by job id, with what it runs on, for the log."""
    schedule = settings.schedule
    return {
        "closing-soon": (
            CronTrigger(
                **parse_slot_spec(schedule.closing_soon_scan).cron_fields(), timezone=LONDON
            ),
            f"closing-soon scan now {schedule.closing_soon_scan}",
        ),
        **{
            f"digest:{cadence}": (
                CronTrigger(**schedule_for(settings, cadence).cron_fields(), timezone=LONDON),
                f"{cadence} digests now {getattr(schedule, f'{cadence}_digest')}",
            )
            for cadence in ("daily", "weekly")
        },
    }


def follow_schedule(scheduler: BaseScheduler, settings: Settings, now: datetime) -> list[str]:
    """Make the timed jobs those of `settings`; what changed, a line each. A new `notify_every`
    counts from the last alerts run, as a source's new `every` counts from its last crawl."""
    said = []
    for job_id, (trigger, line) in timed_triggers(settings).items():
        job = scheduler.get_job(job_id)
        if job is None or str(job.trigger) == str(trigger):
            continue
        job = scheduler.reschedule_job(job_id, trigger=trigger)
        said.append(f"{line}, next {_when(job.next_run_time)}")
    job = scheduler.get_job("notify")
    every = parse_duration(settings.schedule.notify_every)
    interval = getattr(job.trigger, "interval", None) if job else None
    if job is not None and interval is not None and interval != every:
        due = max(job.next_run_time - interval + every, now)
        scheduler.reschedule_job("notify", trigger=notify_trigger(settings, due))
        said.append(f"alerts now every {settings.schedule.notify_every}, next {_when(due)}")
    return said


def _when(moment: datetime | None) -> str:
    return "never" if moment is None else f"{moment.astimezone(LONDON):%a %d %b %H:%M}"
