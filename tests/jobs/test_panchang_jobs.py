"""The scheduler publishes the default city's panchang ahead of readers; the prune removes old ones."""

from __future__ import annotations

import json
from collections.abc import Callable
from datetime import date

import redis
from flask import Flask

from jobs.definitions import job_named
from jobs.runner import JobRunner
from jobs.scheduler import JobScheduler
from jobs.tally import Counts
from tests.conftest import Clock
from tests.jobs.conftest import KOLKATA, entry_keys, local

REFRESH = job_named("refresh-tomorrow")
PREFILL = job_named("prefill")
PRUNE = job_named("prune")


def stored(client: redis.Redis, city: str, day: str) -> dict:  # type: ignore[type-arg]
    return json.loads(client.get(f"hs:{{panchang:{city}:{day}}}:entry"))  # type: ignore[arg-type]


def test_the_refresh_publishes_tomorrows_panchang_and_readers_get_that_record(
    make_scheduler: Callable[..., JobScheduler],
    make_app: Callable[..., Flask],
    redis_client: redis.Redis,
    clock: Clock,
) -> None:
    clock.now = local(KOLKATA, 2026, 2, 4, 0, 5)
    run = make_scheduler().run_scheduled(REFRESH)
    assert run.target_date == date(2026, 2, 5)
    assert entry_keys(redis_client, "panchang:*") == {b"hs:{panchang:new-delhi:2026-02-05}:entry"}
    record = stored(redis_client, "new-delhi", "2026-02-05")
    assert record["published_at"] == "2026-02-03T18:35:00Z"  # 00:05 in New Delhi

    clock.advance(hours=10)
    with make_app().test_client() as client:
        document = client.get("/v1/panchang/tomorrow").get_json()
    assert document == {
        **record["entry"],
        "published_at": record["published_at"],
        "updated_at": record["updated_at"],
    }


def test_the_prefill_publishes_the_configured_citys_lookahead_days(
    make_scheduler: Callable[..., JobScheduler], redis_client: redis.Redis, clock: Clock
) -> None:
    clock.now = local(KOLKATA, 2026, 2, 4, 9, 31)
    make_scheduler(place="mumbai", lookahead_days=2).run_scheduled(PREFILL)
    assert entry_keys(redis_client, "panchang:*") == {
        f"hs:{{panchang:mumbai:{day}}}:entry".encode() for day in ("2026-02-04", "2026-02-05", "2026-02-06")
    }
    assert stored(redis_client, "mumbai", "2026-02-05")["entry"]["place"]["slug"] == "mumbai"


def test_a_future_panchang_that_no_longer_matches_is_recomposed_and_today_stays_frozen(
    runner: JobRunner, redis_client: redis.Redis
) -> None:
    first = runner.run_manual(PREFILL, date(2026, 2, 4))  # Feb 4 (today) to Feb 6
    written = {}
    for day in ("2026-02-04", "2026-02-05"):  # as if an older release had computed them otherwise
        record = stored(redis_client, "new-delhi", day)
        record["entry"]["sunrise"] = f"{day}T07:00:00+05:30"
        written[day] = json.dumps(record).encode()
        redis_client.set(f"hs:{{panchang:new-delhi:{day}}}:entry", written[day])

    again = runner.run_manual(PREFILL, date(2026, 2, 4))

    assert again.counts == Counts(refreshed=1, present=first.counts.published - 1)
    assert redis_client.get("hs:{panchang:new-delhi:2026-02-04}:entry") == written["2026-02-04"]
    tomorrow = stored(redis_client, "new-delhi", "2026-02-05")
    assert tomorrow["entry"]["sunrise"] != "2026-02-05T07:00:00+05:30"


def test_the_prune_removes_old_panchangs(
    make_runner: Callable[..., JobRunner], redis_client: redis.Redis
) -> None:
    for day in ("2026-01-05", "2026-01-06"):
        redis_client.set(f"hs:{{panchang:new-delhi:{day}}}:entry", b"{}")
    run = make_runner(retention_days=29, past_days=29).run_manual(PRUNE)  # cutoff: Jan 6
    assert run.counts == Counts(removed=1)
    assert entry_keys(redis_client, "panchang:*") == {b"hs:{panchang:new-delhi:2026-01-06}:entry"}
