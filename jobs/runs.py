"""What Redis keeps about job runs: their locks, an idempotency record per (job, target date), a
stream of recent runs per job, and the scheduler's heartbeat.

Every key of a job shares the hash tag `{job:<name>}`, so the script that finishes a run (check the
lock, mark the date done, record the run, release) touches one Redis Cluster slot.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import date, datetime
from enum import StrEnum
from typing import Any, cast

from jobs.locks import RunLock
from jobs.tally import Counts
from service.days import isoformat_utc
from service.store import Store

MAX_RUNS = 1000  # runs kept per job (approximately: XADD MAXLEN ~ trims whole stream nodes)

COMPLETE_SCRIPT = """
if redis.call('get', KEYS[1]) ~= ARGV[1] then
    return 0
end
redis.call('set', KEYS[2], ARGV[2], 'PX', ARGV[3])
redis.call('xadd', KEYS[3], 'MAXLEN', '~', ARGV[4], '*', 'run', ARGV[5])
redis.call('del', KEYS[1])
return 1
"""


class Trigger(StrEnum):
    """What started a run."""

    SCHEDULE = "schedule"
    CATCH_UP = "catch-up"  # a firing missed while no scheduler ran, run at start
    MANUAL = "manual"  # the API or the CLI


class RunOutcome(StrEnum):
    """How a run ended."""

    SUCCEEDED = "succeeded"
    FAILED = "failed"
    SKIPPED = "skipped"  # already done, or another process holds its lock


@dataclass(frozen=True, slots=True)
class RunRecord:
    """One run of a job for a target date, as recorded."""

    run_id: str
    job: str
    target_date: date
    trigger: Trigger
    started_at: datetime
    finished_at: datetime
    outcome: RunOutcome
    counts: Counts
    error: str | None  # why a failed run failed
    detail: str | None  # why a run was skipped
    scheduler: str  # the process that ran it: host:pid
    started_by: str | None = None  # who asked for a manual run: a token's name, or cli:<user>

    def document(self) -> dict[str, Any]:
        """The record as stored and served."""
        return {
            "run_id": self.run_id,
            "job": self.job,
            "target_date": self.target_date.isoformat(),
            "trigger": self.trigger.value,
            "started_at": isoformat_utc(self.started_at),
            "finished_at": isoformat_utc(self.finished_at),
            "outcome": self.outcome.value,
            "counts": self.counts.as_dict(),
            "error": self.error,
            "detail": self.detail,
            "scheduler": self.scheduler,
            "started_by": self.started_by,
        }

    @classmethod
    def from_document(cls, document: dict[str, Any]) -> RunRecord:
        """A record as stored."""
        return cls(
            run_id=document["run_id"],
            job=document["job"],
            target_date=date.fromisoformat(document["target_date"]),
            trigger=Trigger(document["trigger"]),
            started_at=datetime.fromisoformat(document["started_at"]),
            finished_at=datetime.fromisoformat(document["finished_at"]),
            outcome=RunOutcome(document["outcome"]),
            counts=Counts.from_dict(document["counts"]),
            error=document["error"],
            detail=document.get("detail"),
            scheduler=document["scheduler"],
            started_by=document.get("started_by"),  # absent from runs recorded before it was
        )


@dataclass(frozen=True, slots=True)
class DoneRecord:
    """The idempotency record of a (job, target date): which run did it, for which firing."""

    run_id: str
    firing: datetime
    counts: Counts


class JobKeys:
    """Key names of the jobs' records."""

    def __init__(self, prefix: str) -> None:
        self.prefix = prefix

    def lock(self, job: str, target: date) -> str:
        """The lock of the run of `job` for `target`."""
        return f"{self.prefix}:{{job:{job}}}:lock:{target.isoformat()}"

    def done(self, job: str, target: date) -> str:
        """The idempotency record of `job` for `target`."""
        return f"{self.prefix}:{{job:{job}}}:done:{target.isoformat()}"

    def runs(self, job: str) -> str:
        """The stream of the job's recent runs."""
        return f"{self.prefix}:{{job:{job}}}:runs"

    @property
    def heartbeat(self) -> str:
        """The latest scheduler heartbeat."""
        return f"{self.prefix}:{{scheduler}}:heartbeat"

    def host_heartbeat(self, host: str) -> str:
        """The latest heartbeat of the schedulers on `host` (its container's health check reads it)."""
        return f"{self.prefix}:{{scheduler}}:heartbeat:{host}"


class RunLedger:
    """Locks, idempotency records, run records and heartbeats in Redis."""

    def __init__(self, store: Store, *, keep_days: int, max_runs: int = MAX_RUNS) -> None:
        self.store = store
        self.keys = JobKeys(store.keys.prefix)
        self.keep_ms = keep_days * 86_400_000
        self.max_runs = max_runs
        self._complete = store.client.register_script(COMPLETE_SCRIPT)

    def lock(self, job: str, target: date, expiry_seconds: float) -> RunLock:
        """The (not yet acquired) lock of one run."""
        return RunLock(self.store, self.keys.lock(job, target), expiry_seconds)

    def done(self, job: str, target: date) -> DoneRecord | None:
        """The idempotency record of `job` for `target`, if a run completed it."""
        found = self.store.call(lambda c: c.get(self.keys.done(job, target)))
        if found is None:
            return None
        document = json.loads(found)
        return DoneRecord(
            document["run_id"],
            datetime.fromisoformat(document["firing"]),
            Counts.from_dict(document["counts"]),
        )

    def complete(self, lock: RunLock, run: RunRecord, firing: datetime) -> bool:
        """Mark the target done, record the run and release, in one step, if the lock is still ours."""
        job, target = run.job, run.target_date
        done = {"run_id": run.run_id, "firing": isoformat_utc(firing), "counts": run.counts.as_dict()}
        keys = [lock.key, self.keys.done(job, target), self.keys.runs(job)]
        record = json.dumps(run.document())
        args: list[str | int] = [lock.token, json.dumps(done), self.keep_ms, self.max_runs, record]
        return bool(self.store.call(lambda c: self._complete(keys=keys, args=args, client=c)))

    def record(self, run: RunRecord) -> None:
        """Append a run to its job's stream, trimming it to about `max_runs`."""
        fields = {"run": json.dumps(run.document())}
        self.store.call(
            lambda c: c.xadd(self.keys.runs(run.job), fields, maxlen=self.max_runs, approximate=True)  # type: ignore[arg-type]
        )

    def runs(self, job: str, limit: int) -> list[RunRecord]:
        """The job's `limit` most recent runs, newest first."""
        entries = self.store.call(lambda c: c.xrevrange(self.keys.runs(job), count=limit))
        return [
            RunRecord.from_document(json.loads(fields[b"run"]))
            for _, fields in cast(list[tuple[bytes, dict[bytes, bytes]]], entries)
        ]

    def last_run(self, job: str) -> RunRecord | None:
        """The job's most recent run."""
        found = self.runs(job, 1)
        return found[0] if found else None

    def beat(self, scheduler: str, now: datetime, ttl_seconds: int) -> None:
        """Say that `scheduler` (host:pid) is alive at `now`, as the latest and as its host's; keys expire."""
        document = json.dumps({"scheduler": scheduler, "at": isoformat_utc(now)})
        keys = (self.keys.heartbeat, self.keys.host_heartbeat(scheduler.rpartition(":")[0] or scheduler))

        def write(client: Any) -> None:
            pipeline = client.pipeline(transaction=False)  # one slot ({scheduler}), one round trip
            for key in keys:
                pipeline.set(key, document, ex=ttl_seconds)
            pipeline.execute()

        self.store.call(write)

    def heartbeat(self, host: str | None = None) -> dict[str, str] | None:
        """The latest heartbeat of any scheduler, or of those on `host`, unless it expired."""
        key = self.keys.heartbeat if host is None else self.keys.host_heartbeat(host)
        found = self.store.call(lambda c: c.get(key))
        return None if found is None else cast(dict[str, str], json.loads(found))
