"""Running a job for a target date exactly once across every scheduler process, and recording it.

The order matters: take the run's lock, then check the idempotency record (a run that finished just
before we got the lock must not be repeated), work while a thread renews the lock, and finish in one
script that marks the date done and records the run only if the lock is still ours. A process that
dies midway leaves no done record; once its lock expires the next tick or process runs the target
again, and the idempotent work counts what the first attempt stored as present.
"""

from __future__ import annotations

import logging
import os
import socket
import uuid
from collections.abc import Callable
from contextlib import suppress
from datetime import date, datetime

from jobs.definitions import Job
from jobs.errors import RunInProgress
from jobs.runs import RunLedger, RunOutcome, RunRecord, Trigger
from jobs.tally import Counts, Tally
from service.days import local_today
from service.publishing import Publisher
from service.store import StoreUnavailable

log = logging.getLogger(__name__)

NOTHING = Counts()


def process_name() -> str:
    """This process, as run records name it: host:pid."""
    return f"{socket.gethostname()}:{os.getpid()}"


class JobRunner:
    """Runs jobs under their locks and records every run."""

    def __init__(
        self,
        ledger: RunLedger,
        publisher: Publisher,
        clock: Callable[[], datetime],
        *,
        lock_seconds: float,
        scheduler: str | None = None,
        observe: Callable[[Counts], None] | None = None,
    ) -> None:
        self.ledger = ledger
        self.publisher = publisher
        self.clock = clock
        self.lock_seconds = lock_seconds
        self.scheduler = scheduler or process_name()
        self.observe = observe  # told the counts after every entry (progress bars, tests)

    def today(self) -> date:
        """The portal's local date now."""
        return local_today(self.clock(), self.publisher.config.zone)

    def is_done(self, job: Job, target: date, firing: datetime) -> bool:
        """Whether a run did `job` for `target` (a repeating job: for this firing or a later one)."""
        done = self.ledger.done(job.name, target)
        return done is not None and (job.once_per_date or done.firing >= firing)

    def run_manual(self, job: Job, target: date | None = None, *, started_by: str | None = None) -> RunRecord:
        """Run now, even if the target is done; RunInProgress if another process is running it.

        `started_by` names who asked (an admin token's name, or cli:<user>) in the run's record.
        """
        now = self.clock()
        target = target or job.target_of(now, self.publisher.config.zone)
        job.check_target(target, self.today(), self.publisher.config)
        return self.run(job, target, Trigger.MANUAL, now, started_by=started_by)

    def run(
        self, job: Job, target: date, trigger: Trigger, firing: datetime, *, started_by: str | None = None
    ) -> RunRecord:
        """Run `job` for `target` unless it is done or running elsewhere; the recorded run."""
        started, run_id = self.clock(), uuid.uuid4().hex

        def record(outcome: RunOutcome, counts: Counts = NOTHING, **why: str) -> RunRecord:
            return RunRecord(
                run_id, job.name, target, trigger, started, self.clock(), outcome, counts,
                why.get("error"), why.get("detail"), self.scheduler, started_by,
            )  # fmt: skip

        repeatable = trigger is Trigger.MANUAL
        if not repeatable and self.is_done(job, target, firing):
            return self._recorded(record(RunOutcome.SKIPPED, detail="already done"))
        lock = self.ledger.lock(job.name, target, self.lock_seconds)
        if not lock.acquire():
            skipped = self._recorded(record(RunOutcome.SKIPPED, detail="another process is running it"))
            if repeatable:
                raise RunInProgress(
                    f"{job.name} for {target.isoformat()} is running in another process; "
                    "see its runs for when it finishes."
                )
            return skipped
        try:
            # Again under the lock: a run may have finished between the first check and our lock.
            if not repeatable and self.is_done(job, target, firing):
                return self._recorded(record(RunOutcome.SKIPPED, detail="already done"))
            tally = Tally(lambda: self._step(lock.ensure_held, tally))
            try:
                with lock.kept_alive():
                    job.work(self.publisher, target, tally)
            except Exception as error:
                log.exception("%s for %s failed", job.name, target.isoformat())
                return self._recorded(
                    record(RunOutcome.FAILED, tally.counts, error=f"{type(error).__name__}: {error}")
                )
            succeeded = record(RunOutcome.SUCCEEDED, tally.counts)
            if self.ledger.complete(lock, succeeded, firing):
                log.info(
                    "%s for %s succeeded",
                    job.name,
                    target.isoformat(),
                    extra={"fields": succeeded.document()},
                )
                return succeeded
            lost = record(
                RunOutcome.FAILED, tally.counts, error="lost the lock before finishing; it will be retried"
            )
            return self._recorded(lost)
        finally:
            # A no-op when complete() released it or it expired; never let it hide the real error.
            with suppress(StoreUnavailable):
                lock.release()

    def _step(self, ensure_held: Callable[[], None], tally: Tally) -> None:
        ensure_held()
        if self.observe is not None:
            self.observe(tally.counts)

    def _recorded(self, run: RunRecord) -> RunRecord:
        self.ledger.record(run)
        return run
