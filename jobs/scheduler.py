"""The scheduler process: APScheduler 3 (BlockingScheduler) firing every job on its cron in the
portal's time zone, a heartbeat, and a catch-up at start for firings missed while it was down.

Several of these processes may run at once (rolling deploys, replicas): the runner's locks and
idempotency records make each (job, target date) run once across all of them.
"""

from __future__ import annotations

import logging
import signal
from collections.abc import Callable, Sequence
from datetime import date, datetime
from types import FrameType
from typing import TYPE_CHECKING

from apscheduler.executors.pool import ThreadPoolExecutor
from apscheduler.schedulers.blocking import BlockingScheduler
from apscheduler.triggers.interval import IntervalTrigger

from jobs.definitions import JOBS, Job
from jobs.runner import JobRunner
from jobs.runs import RunRecord, Trigger
from jobs.slots import latest_firing, recent_firings
from service.config import Config
from service.logs import ReportedAsDebug
from service.schedules import WallClockCronTrigger

if TYPE_CHECKING:
    from jobs.purging import EdgePurging

log = logging.getLogger(__name__)

HEARTBEAT = "heartbeat"
HEARTBEAT_SECONDS = 30
HEARTBEAT_TTL_SECONDS = 3 * HEARTBEAT_SECONDS  # two missed beats are forgiven, the third is not
# APScheduler logs two INFO lines per run on its executor's logger: for the heartbeat, 5,760 a day.
HEARTBEAT_LOG = logging.getLogger(f"apscheduler.executors.{HEARTBEAT}")
HEARTBEAT_LOG.addFilter(ReportedAsDebug())


class JobScheduler:
    """Fires the jobs on their schedules and makes up for firings missed while no scheduler ran."""

    def __init__(
        self,
        runner: JobRunner,
        config: Config,
        clock: Callable[[], datetime],
        jobs: Sequence[Job] = JOBS,
        edge: EdgePurging | None = None,
    ) -> None:
        self.runner = runner
        self.config = config
        self.clock = clock
        self.jobs = jobs
        self.edge = edge  # purge consumers and the midnight purge, when an edge is configured

    def run_scheduled(self, job: Job) -> RunRecord:
        """The run APScheduler fires: for the latest firing at or before now."""
        now = self.clock()
        firing = latest_firing(job.schedule(self.config), self.config.zone, now) or now
        return self.runner.run(job, job.target_of(firing, self.config.zone), Trigger.SCHEDULE, firing)

    def missed(self) -> list[tuple[Job, date, datetime]]:
        """(job, target date, firing) of recent firings whose target is today or later and not done."""
        now, zone = self.clock(), self.config.zone
        today = self.runner.today()
        found: list[tuple[Job, date, datetime]] = []
        for job in self.jobs:
            recent = recent_firings(job.schedule(self.config), zone, now)
            # A repeating job's latest firing covers the earlier ones; for the rest, the last firing per date.
            latest = {job.target_of(f, zone): f for f in (recent if job.once_per_date else recent[-1:])}
            found += [
                (job, target, firing)
                for target, firing in sorted(latest.items())
                if target >= today and not self.runner.is_done(job, target, firing)
            ]
        return found

    def catch_up(self) -> list[RunRecord]:
        """Run every missed firing now, oldest target first within each job."""
        return [
            self.runner.run(job, target, Trigger.CATCH_UP, firing) for job, target, firing in self.missed()
        ]

    def beat(self) -> None:
        """Write the heartbeat: operators (and GET /v1/jobs) see this scheduler alive."""
        self.runner.ledger.beat(self.runner.scheduler, self.clock(), HEARTBEAT_TTL_SECONDS)
        # It outlives web workers: it notices a Redis that came back empty even if they all restarted.
        self.runner.publisher.epoch.check()

    def build(self) -> BlockingScheduler:
        """An APScheduler with one cron job per job (wall-clock safe across DST) and the heartbeat."""
        zone = self.config.zone
        # The default in-memory job store: never shared, so replicas cannot fire each other's jobs.
        # The heartbeat runs on an executor of its own, whose routine lines are DEBUG (see HEARTBEAT_LOG).
        scheduler = BlockingScheduler(
            timezone=zone, executors={"default": ThreadPoolExecutor(), HEARTBEAT: ThreadPoolExecutor(1)}
        )
        for job in self.jobs:
            scheduler.add_job(
                self.run_scheduled,
                WallClockCronTrigger.from_crontab(job.schedule(self.config), timezone=zone),
                args=[job],
                id=job.name,
                name=job.description,
                max_instances=job.max_instances,
                coalesce=job.coalesce,
                misfire_grace_time=self.config.misfire_grace_seconds,
            )
        scheduler.add_job(
            self.beat,
            IntervalTrigger(seconds=HEARTBEAT_SECONDS, timezone=zone),
            id=HEARTBEAT,
            name="Scheduler heartbeat",
            executor=HEARTBEAT,
            max_instances=1,
            coalesce=True,
            misfire_grace_time=HEARTBEAT_SECONDS,
        )
        if self.edge is not None:
            self.edge.add_jobs(scheduler)
        return scheduler

    def run_forever(self) -> None:
        """Beat, catch up, then fire jobs until SIGTERM or SIGINT (which let a running job finish)."""
        scheduler = self.build()

        def stop(signum: int, _frame: FrameType | None) -> None:
            log.info("signal %d: stopping the scheduler", signum)
            if scheduler.running:
                scheduler.shutdown(wait=True)
            else:
                raise SystemExit(0)  # still catching up: the run's lock is released on the way out

        for signum in (signal.SIGTERM, signal.SIGINT):
            signal.signal(signum, stop)
        self.beat()
        if self.edge is not None:  # first: purges queued while no scheduler ran go out during the catch-up
            self.edge.start()
        try:
            for run in self.catch_up():
                log.info("caught up %s for %s: %s", run.job, run.target_date.isoformat(), run.outcome.value)
            scheduler.start()
        finally:
            if self.edge is not None:
                self.edge.stop()
