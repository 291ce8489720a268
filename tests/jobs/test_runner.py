"""Exactly once per (job, target date) within one Redis: idempotency records, locks, run records."""

from __future__ import annotations

import json
from collections.abc import Callable
from datetime import date

import pytest
import redis

from jobs.definitions import job_named
from jobs.errors import RunInProgress
from jobs.locks import RunLock
from jobs.runner import JobRunner
from jobs.runs import RunLedger, RunOutcome, RunRecord, Trigger
from jobs.scheduler import JobScheduler
from jobs.tally import Counts
from tests.conftest import Clock
from tests.jobs.conftest import KOLKATA, dated_entries, entry_keys, local, recorded_runs

REFRESH = job_named("refresh-tomorrow")
FEB_5 = date(2026, 2, 5)
# A Thursday: 12 signs x 3 editions (English in 2 systems, Hindi) of daily readings, 3 listicles and
# the panchang.
TOMORROWS_ENTRIES = 36 + 3 + 1


def test_the_scheduled_refresh_publishes_tomorrow_once(
    make_scheduler: Callable[..., JobScheduler], redis_client: redis.Redis, clock: Clock
) -> None:
    clock.now = local(KOLKATA, 2026, 2, 4, 0, 5)
    scheduler = make_scheduler()
    first = scheduler.run_scheduled(REFRESH)
    assert (first.target_date, first.trigger, first.outcome) == (
        FEB_5,
        Trigger.SCHEDULE,
        RunOutcome.SUCCEEDED,
    )
    assert first.counts == Counts(published=TOMORROWS_ENTRIES)
    assert len(entry_keys(redis_client, "horoscope:*2026-02-05")) == 24
    assert len(entry_keys(redis_client, "horoscope:sidereal:daily:*:2026-02-05:hi")) == 12
    assert len(entry_keys(redis_client, "listicle:*2026-02-05")) == 3
    stored = {key: redis_client.get(key) for key in entry_keys(redis_client)}

    clock.now = local(KOLKATA, 2026, 2, 4, 23, 59)  # a late tick the same day: Feb 5 is done
    again = scheduler.run_scheduled(REFRESH)
    assert (again.target_date, again.outcome, again.detail) == (FEB_5, RunOutcome.SKIPPED, "already done")
    assert {key: redis_client.get(key) for key in entry_keys(redis_client)} == stored

    done = scheduler.runner.ledger.done(REFRESH.name, FEB_5)
    assert done is not None
    assert done.run_id == first.run_id
    assert done.counts == first.counts
    assert 0 < redis_client.pttl("hs:{job:refresh-tomorrow}:done:2026-02-05") <= 400 * 86_400_000
    assert [run.run_id for run in recorded_runs(redis_client, REFRESH.name)] == [first.run_id, again.run_id]


def test_a_manual_run_repeats_a_done_date_idempotently(runner: JobRunner, redis_client: redis.Redis) -> None:
    first = runner.run_manual(REFRESH)  # the clock says 10:00 on Feb 4 in Kolkata
    assert (first.target_date, first.trigger, first.outcome) == (FEB_5, Trigger.MANUAL, RunOutcome.SUCCEEDED)
    second = runner.run_manual(REFRESH, FEB_5)
    assert second.outcome is RunOutcome.SUCCEEDED
    assert second.counts == Counts(present=TOMORROWS_ENTRIES)
    assert len(recorded_runs(redis_client, REFRESH.name)) == 2


def test_a_run_held_elsewhere_is_skipped_or_refused(runner: JobRunner, redis_client: redis.Redis) -> None:
    holder = runner.ledger.lock(REFRESH.name, FEB_5, 30)
    assert holder.acquire()
    firing = local(KOLKATA, 2026, 2, 4, 0, 5)
    skipped = runner.run(REFRESH, FEB_5, Trigger.SCHEDULE, firing)
    assert (skipped.outcome, skipped.detail) == (RunOutcome.SKIPPED, "another process is running it")
    with pytest.raises(RunInProgress, match="2026-02-05"):
        runner.run_manual(REFRESH, FEB_5)
    assert entry_keys(redis_client) == set()
    assert redis_client.get(holder.key) == holder.token.encode(), "nobody but the holder releases its lock"
    assert runner.ledger.done(REFRESH.name, FEB_5) is None


def test_a_run_that_dies_midway_is_finished_by_the_retry(
    make_runner: Callable[..., JobRunner], redis_client: redis.Redis
) -> None:
    def crash_after_ten(counts: Counts) -> None:
        if counts.published == 10:
            raise RuntimeError("the process died")

    firing = local(KOLKATA, 2026, 2, 4, 0, 5)
    crashed = make_runner(observe=crash_after_ten).run(REFRESH, FEB_5, Trigger.SCHEDULE, firing)
    assert (crashed.outcome, crashed.error) == (RunOutcome.FAILED, "RuntimeError: the process died")
    assert crashed.counts == Counts(published=10)
    assert len(dated_entries(redis_client, "2026-02-05")) == 10
    assert redis_client.keys("hs:{job:*}:lock:*") == [], "a failed run lets go of its lock"

    retry = make_runner().run(REFRESH, FEB_5, Trigger.SCHEDULE, firing)
    assert retry.outcome is RunOutcome.SUCCEEDED
    assert retry.counts == Counts(published=TOMORROWS_ENTRIES - 10, present=10)
    assert len(dated_entries(redis_client, "2026-02-05")) == TOMORROWS_ENTRIES


def test_a_run_whose_lock_was_taken_over_records_no_done(
    make_runner: Callable[..., JobRunner], redis_client: redis.Redis
) -> None:
    lock_key = "hs:{job:refresh-tomorrow}:lock:2026-02-05"

    def taken_over_at_the_end(counts: Counts) -> None:
        if counts.published == TOMORROWS_ENTRIES:  # as if we had paused past the expiry and another took over
            redis_client.set(lock_key, "someone-else")

    run = make_runner(observe=taken_over_at_the_end).run(
        REFRESH, FEB_5, Trigger.SCHEDULE, local(KOLKATA, 2026, 2, 4, 0, 5)
    )
    assert run.outcome is RunOutcome.FAILED
    assert run.error is not None
    assert "lost the lock" in run.error
    assert redis_client.get(lock_key) == b"someone-else"
    assert redis_client.get("hs:{job:refresh-tomorrow}:done:2026-02-05") is None


def test_the_lock_is_renewed_while_the_run_lives_and_lost_when_taken(
    runner: JobRunner, redis_client: redis.Redis
) -> None:
    lock = RunLock(runner.ledger.store, "hs:{job:test}:lock:2026-02-05", expiry_seconds=0.15)
    assert lock.acquire()
    assert not RunLock(runner.ledger.store, lock.key, 10).acquire()
    with lock.kept_alive():
        assert not lock.lost.wait(0.5), "renewed past three expiries"
        assert redis_client.get(lock.key) == lock.token.encode()
        redis_client.set(lock.key, "thief", px=10_000)
        assert lock.lost.wait(2.0), "the renewer notices the lock is someone else's"
    with pytest.raises(Exception, match="expired or was taken over"):
        lock.ensure_held()
    assert not lock.renew()
    assert not lock.release()
    assert redis_client.get(lock.key) == b"thief"


def test_runs_are_listed_newest_first_and_trimmed(runner: JobRunner) -> None:
    ledger = RunLedger(runner.ledger.store, keep_days=1, max_runs=1000)
    base = runner.run_manual(job_named("prune"))
    for number in range(1300):
        ledger.record(RunRecord(**{**_fields(base), "run_id": f"run-{number}"}))
    newest = ledger.runs("prune", 3)
    assert [run.run_id for run in newest] == ["run-1299", "run-1298", "run-1297"]
    assert ledger.last_run("prune") == newest[0]
    kept = ledger.store.call(lambda client: client.xlen(ledger.keys.runs("prune")))
    assert 1000 <= kept < 1301, "XADD MAXLEN ~ keeps about the last 1,000"


def test_the_heartbeat_expires_unless_renewed(
    make_scheduler: Callable[..., JobScheduler], redis_client: redis.Redis
) -> None:
    scheduler = make_scheduler()
    assert scheduler.runner.ledger.heartbeat() is None
    scheduler.beat()
    assert scheduler.runner.ledger.heartbeat() == {"scheduler": "test:1", "at": "2026-02-04T04:30:00Z"}
    assert 0 < redis_client.ttl("hs:{scheduler}:heartbeat") <= 90


def _fields(run: RunRecord) -> dict[str, object]:
    return {name: getattr(run, name) for name in RunRecord.__dataclass_fields__}


def test_records_round_trip_through_json(runner: JobRunner) -> None:
    run = runner.run_manual(job_named("prune"))
    assert RunRecord.from_document(json.loads(json.dumps(run.document()))) == run
