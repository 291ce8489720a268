"""Catch-up at start, and the APScheduler wiring of the scheduler process."""

from __future__ import annotations

import logging
import threading
from collections.abc import Callable
from datetime import UTC, date, datetime

import pytest
import redis
from apscheduler.events import EVENT_JOB_ERROR, EVENT_JOB_EXECUTED, JobExecutionEvent

from jobs.definitions import job_named
from jobs.runs import RunOutcome, Trigger
from jobs.scheduler import HEARTBEAT_SECONDS, JobScheduler
from service.schedules import WallClockCronTrigger
from tests.conftest import Clock
from tests.jobs.conftest import KOLKATA, NEW_YORK, dated_entries, local, recorded_runs

REFRESH = job_named("refresh-tomorrow")


def missed(scheduler: JobScheduler) -> list[tuple[str, date]]:
    return [(job.name, target) for job, target, _ in scheduler.missed()]


def test_a_scheduler_down_over_midnight_catches_up_at_start(
    make_scheduler: Callable[..., JobScheduler], redis_client: redis.Redis, clock: Clock
) -> None:
    clock.now = local(KOLKATA, 2026, 2, 4, 0, 5)
    make_scheduler().run_scheduled(REFRESH)  # Feb 5 published on time; then the scheduler went down

    clock.now = local(KOLKATA, 2026, 2, 5, 8, 0)  # it comes back after the 00:05 firing of Feb 5
    scheduler = make_scheduler(lookahead_days=0)
    assert missed(scheduler) == [
        ("refresh-tomorrow", date(2026, 2, 6)),
        ("prefill", date(2026, 2, 5)),
        ("prune", date(2026, 2, 5)),
    ]
    runs = scheduler.catch_up()
    assert [(run.job, run.target_date, run.trigger, run.outcome) for run in runs] == [
        ("refresh-tomorrow", date(2026, 2, 6), Trigger.CATCH_UP, RunOutcome.SUCCEEDED),
        ("prefill", date(2026, 2, 5), Trigger.CATCH_UP, RunOutcome.SUCCEEDED),
        ("prune", date(2026, 2, 5), Trigger.CATCH_UP, RunOutcome.SUCCEEDED),
    ]
    assert runs[0].counts.published == 36 + 3 + 1  # readings (3 editions), listicles, the panchang
    assert len(dated_entries(redis_client, "2026-02-06")) == 36 + 3 + 1
    assert [run.target_date for run in recorded_runs(redis_client, REFRESH.name)] == [
        date(2026, 2, 5),
        date(2026, 2, 6),
    ], "Feb 5 was done before the downtime and is not run again"
    assert missed(scheduler) == [], "a second start finds nothing to catch up"


def test_a_first_start_publishes_today_and_tomorrow(
    make_scheduler: Callable[..., JobScheduler], redis_client: redis.Redis
) -> None:
    scheduler = make_scheduler()  # 10:00 on Feb 4 in Kolkata, nothing ever ran
    assert [t for name, t in missed(scheduler) if name == "refresh-tomorrow"] == [
        date(2026, 2, 4),
        date(2026, 2, 5),
    ]


def test_catch_up_skips_dates_already_past(make_scheduler: Callable[..., JobScheduler], clock: Clock) -> None:
    clock.now = local(KOLKATA, 2026, 2, 5, 0, 3)  # before the Feb 5 firing: the Feb 3 firing targeted Feb 4
    refresh_targets = [t for name, t in missed(make_scheduler()) if name == "refresh-tomorrow"]
    assert refresh_targets == [date(2026, 2, 5)]


def test_catch_up_across_the_short_new_york_day(
    make_scheduler: Callable[..., JobScheduler], clock: Clock
) -> None:
    clock.now = local(NEW_YORK, 2026, 3, 8, 12, 0)  # down since before the 23-hour day began
    refresh_targets = [
        t for name, t in missed(make_scheduler(timezone="America/New_York")) if name == "refresh-tomorrow"
    ]
    assert refresh_targets == [date(2026, 3, 8), date(2026, 3, 9)]


def test_catch_up_across_the_long_new_york_day(
    make_scheduler: Callable[..., JobScheduler], clock: Clock
) -> None:
    clock.now = local(NEW_YORK, 2026, 11, 1, 23, 59)  # the 25-hour day's last minute
    scheduler = make_scheduler(timezone="America/New_York", lookahead_days=0)
    refresh_targets = [t for name, t in missed(scheduler) if name == "refresh-tomorrow"]
    assert refresh_targets == [date(2026, 11, 1), date(2026, 11, 2)]
    run = scheduler.run_scheduled(REFRESH)
    assert (run.target_date, run.outcome) == (date(2026, 11, 2), RunOutcome.SUCCEEDED)


def test_the_scheduler_fires_each_job_on_its_wall_clock_cron(
    make_scheduler: Callable[..., JobScheduler],
) -> None:
    scheduler = make_scheduler(
        timezone="America/New_York", misfire_grace_seconds=900, prune_schedule="0 4 * * *"
    )
    aps = scheduler.build()
    jobs = {job.id: job for job in aps.get_jobs()}
    assert set(jobs) == {"refresh-tomorrow", "prefill", "prune", "heartbeat"}
    for name in ("refresh-tomorrow", "prefill", "prune"):
        job = jobs[name]
        assert isinstance(job.trigger, WallClockCronTrigger)
        assert str(job.trigger.timezone) == "America/New_York"
        assert (job.max_instances, job.coalesce, job.misfire_grace_time) == (1, True, 900)
    assert str(jobs["prune"].trigger) == str(WallClockCronTrigger.from_crontab("0 4 * * *"))
    assert jobs["heartbeat"].trigger.interval.total_seconds() == HEARTBEAT_SECONDS


@pytest.mark.parametrize("level", [logging.INFO, logging.DEBUG])
def test_heartbeats_log_at_debug(
    make_scheduler: Callable[..., JobScheduler],
    redis_client: redis.Redis,
    caplog: pytest.LogCaptureFixture,
    level: int,
) -> None:
    caplog.set_level(level)
    aps = make_scheduler().build()
    for job in aps.get_jobs():
        if job.id != "heartbeat":
            aps.remove_job(job.id)  # only the heartbeat fires in this test
    aps.modify_job("heartbeat", next_run_time=datetime.now(UTC))
    finished: list[JobExecutionEvent] = []
    done = threading.Event()

    def heard(event: JobExecutionEvent) -> None:
        finished.append(event)
        done.set()

    aps.add_listener(heard, EVENT_JOB_EXECUTED | EVENT_JOB_ERROR)
    running = threading.Thread(target=aps.start)
    running.start()
    try:
        assert done.wait(timeout=30), "the heartbeat did not fire"
    finally:
        aps.shutdown(wait=True)
        running.join(timeout=30)
    assert [event.exception for event in finished] == [None]
    assert redis_client.exists("hs:{scheduler}:heartbeat")
    # APScheduler's two lines per run ("Running job", "executed successfully"): every 30 s, all day,
    # so DEBUG, and at INFO the log stays quiet.
    beats = [
        record
        for record in caplog.records
        if record.name.startswith("apscheduler.executors") and "Scheduler heartbeat" in record.getMessage()
    ]
    assert [record.levelname for record in beats] == (["DEBUG", "DEBUG"] if level == logging.DEBUG else [])
