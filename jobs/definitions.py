"""The jobs: one list, each with a stable name, its schedule setting and the rule for its target date.

A run's target date is the portal-local date of the firing it belongs to, plus the job's offset.
A scheduled run belongs to the latest firing at or before its start (so a run delayed past
midnight still targets the right date), a catch-up run to the firing it makes up for, and a manual
run to the moment it is asked for. With the default 00:05 refresh, a run on Feb 4 targets Feb 5,
and so does anything scheduled later that day; it runs only if Feb 5 is not done yet.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from typing import TYPE_CHECKING
from zoneinfo import ZoneInfo

from jobs.errors import InvalidTarget, UnknownJob
from jobs.prune import prune
from jobs.refresh import prefill, refresh_tomorrow
from jobs.tally import Tally
from service.config import Config

if TYPE_CHECKING:  # only `jobs run` and the scheduler need the composer behind it
    from service.publishing import Publisher

Work = Callable[["Publisher", date, Tally], None]


@dataclass(frozen=True)
class Job:
    """A scheduled job and how APScheduler runs it."""

    name: str  # stable: the APScheduler id, the Redis hash tag, the URL segment
    description: str
    schedule_setting: str  # the Config field holding its cron expression
    work: Work
    days_after_firing: int  # target date = local date of the firing + this
    once_per_date: bool = True  # False: every firing runs again (the prefill re-checks hourly)
    publishes: bool = True  # its targets may lie in the future
    max_instances: int = 1
    coalesce: bool = True  # a backlog of missed firings runs once

    def schedule(self, config: Config) -> str:
        """The cron expression, in the portal's time zone."""
        schedule: str = getattr(config, self.schedule_setting)
        return schedule

    def target_of(self, firing: datetime, zone: ZoneInfo) -> date:
        """The date a run for `firing` works on."""
        return firing.astimezone(zone).date() + timedelta(days=self.days_after_firing)

    def check_target(self, target: date, today: date, config: Config) -> None:
        """InvalidTarget unless a manual run may work on `target` (inside the readers' window)."""
        first = today - timedelta(days=config.past_days)
        last = today + timedelta(days=config.future_days if self.publishes else 0)
        if not first <= target <= last:
            raise InvalidTarget(
                f"{self.name} can run for a date from {first.isoformat()} to {last.isoformat()}, "
                f"not {target.isoformat()}."
            )


JOBS: tuple[Job, ...] = (
    Job(
        "refresh-tomorrow",
        "Publish tomorrow's daily readings in every edition, Hindi too (and a week's or month's starting "
        "tomorrow), listicles and panchang; regenerate those an older engine wrote.",
        "refresh_schedule",
        refresh_tomorrow,
        days_after_firing=1,
    ),
    Job(
        "prefill",
        "Make sure every reading, listicle and panchang of today and the look-ahead days is published.",
        "prefill_schedule",
        prefill,
        days_after_firing=0,
        once_per_date=False,
    ),
    Job(
        "prune",
        "Remove generated entries older than the retention window; overrides and history stay.",
        "prune_schedule",
        prune,
        days_after_firing=0,
        publishes=False,
    ),
)


def job_named(name: str) -> Job:
    """The job called `name`, or UnknownJob."""
    for job in JOBS:
        if job.name == name:
            return job
    raise UnknownJob(f"No job '{name}'; the jobs are {', '.join(job.name for job in JOBS)}.")
