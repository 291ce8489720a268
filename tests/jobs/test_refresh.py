"""What the refresh and the prefill publish, and what they never touch: overrides and frozen entries."""

from __future__ import annotations

import json
from collections.abc import Callable
from datetime import date

import redis

from jobs.definitions import job_named
from jobs.runner import JobRunner
from jobs.runs import RunOutcome, Trigger
from jobs.scheduler import JobScheduler
from jobs.tally import Counts
from service.content.calendar import Period
from service.content.zodiac import Sign, System
from service.store import horoscope_id
from tests.conftest import Clock
from tests.jobs.conftest import KOLKATA, dated_entries, entry_keys, local

REFRESH = job_named("refresh-tomorrow")
PREFILL = job_named("prefill")


def key(day: str, sign: str = "leo", suffix: str = "entry", period: str = "daily") -> str:
    return f"hs:{{{horoscope_id('tropical', period, sign, day)}}}:{suffix}"


def age(client: redis.Redis, entry_key: str) -> bytes:
    """Make a stored entry look written by an older engine; its new bytes."""
    record = json.loads(client.get(entry_key))  # type: ignore[arg-type]
    record["entry"]["version"] = "2000.1.1"
    aged = json.dumps(record).encode()
    client.set(entry_key, aged)
    return aged


def test_overrides_survive_and_old_future_entries_are_regenerated(
    runner: JobRunner, redis_client: redis.Redis
) -> None:
    publisher = runner.publisher
    for sign in (Sign.LEO, Sign.VIRGO):
        publisher.publish_horoscope(sign, date(2026, 2, 5), Period.DAILY, System.TROPICAL)
    aged_leo, aged_virgo = age(redis_client, key("2026-02-05")), age(redis_client, key("2026-02-05", "virgo"))
    override = json.dumps({"fields": {"title": "Editor's Leo"}, "updated_at": "2026-02-04T04:00:00Z"})
    redis_client.set(key("2026-02-05", suffix="override"), override)
    redis_client.lpush(key("2026-02-05", suffix="history"), b'{"by": "editor"}')
    redis_client.set(key("2026-02-05", "libra", "override"), override)  # an override before any entry

    run = runner.run_manual(REFRESH, date(2026, 2, 5))

    assert run.counts == Counts(published=36 - 2 + 3 + 1, refreshed=1, overridden=1)
    assert redis_client.get(key("2026-02-05")) == aged_leo, "an overridden entry is left alone"
    assert redis_client.get(key("2026-02-05", suffix="override")) == override.encode()
    assert redis_client.lrange(key("2026-02-05", suffix="history"), 0, -1) == [b'{"by": "editor"}']
    assert redis_client.get(key("2026-02-05", "libra", "override")) == override.encode()
    virgo = redis_client.get(key("2026-02-05", "virgo"))
    assert virgo != aged_virgo
    assert json.loads(virgo)["entry"]["version"] != "2000.1.1"


def test_todays_entries_are_never_changed(runner: JobRunner, redis_client: redis.Redis) -> None:
    runner.publisher.publish_horoscope(Sign.LEO, date(2026, 2, 4), Period.DAILY, System.TROPICAL)
    aged = age(redis_client, key("2026-02-04"))
    run = runner.run(REFRESH, date(2026, 2, 4), Trigger.CATCH_UP, local(KOLKATA, 2026, 2, 3, 0, 5))
    assert run.outcome is RunOutcome.SUCCEEDED
    assert run.counts == Counts(published=35 + 3 + 1, present=1)
    assert redis_client.get(key("2026-02-04")) == aged, (
        "today's entry is frozen, even if an old engine wrote it"
    )


def test_on_sunday_the_refresh_publishes_next_weeks_readings(
    make_scheduler: Callable[..., JobScheduler], redis_client: redis.Redis, clock: Clock
) -> None:
    clock.now = local(KOLKATA, 2026, 2, 8, 0, 5)  # a Sunday
    run = make_scheduler().run_scheduled(REFRESH)
    assert run.target_date == date(2026, 2, 9)
    assert run.counts == Counts(published=36 + 36 + 3 + 1)
    assert len(entry_keys(redis_client, "horoscope:*:weekly:*:2026-02-09")) == 24
    assert len(entry_keys(redis_client, "horoscope:sidereal:weekly:*:2026-02-09:hi")) == 12


def test_on_a_months_last_day_the_refresh_publishes_next_months_readings(
    make_scheduler: Callable[..., JobScheduler], redis_client: redis.Redis, clock: Clock
) -> None:
    clock.now = local(KOLKATA, 2026, 2, 28, 0, 5)
    run = make_scheduler().run_scheduled(REFRESH)
    assert run.target_date == date(2026, 3, 1)  # a Sunday: no week starts
    assert run.counts == Counts(published=36 + 36 + 3 + 1)
    assert len(entry_keys(redis_client, "horoscope:*:monthly:*:2026-03-01")) == 24
    assert len(entry_keys(redis_client, "horoscope:sidereal:monthly:*:2026-03-01:hi")) == 12
    assert entry_keys(redis_client, "horoscope:*:weekly:*") == set()


def test_the_prefill_covers_the_lookahead_window_and_repeats_each_firing(
    make_scheduler: Callable[..., JobScheduler], redis_client: redis.Redis, clock: Clock
) -> None:
    clock.now = local(KOLKATA, 2026, 2, 4, 9, 31)
    scheduler = make_scheduler(lookahead_days=2)
    first = scheduler.run_scheduled(PREFILL)
    # Feb 4 to 6: three days of daily readings, the week of Feb 2, February, and three days of
    # listicles and of panchang.
    assert first.target_date == date(2026, 2, 4)
    assert first.counts == Counts(published=3 * 36 + 36 + 36 + 3 * 3 + 3)
    for day in ("2026-02-04", "2026-02-05", "2026-02-06"):
        assert len(dated_entries(redis_client, day)) == 36 + 3 + 1
    assert dated_entries(redis_client, "2026-02-07") == set()

    same_firing = scheduler.run_scheduled(PREFILL)
    assert same_firing.outcome is RunOutcome.SKIPPED
    redis_client.delete(key("2026-02-05", "pisces"))  # say an operator deleted one by mistake
    clock.advance(hours=1)
    next_firing = scheduler.run_scheduled(PREFILL)
    assert next_firing.outcome is RunOutcome.SUCCEEDED
    assert next_firing.counts == Counts(published=1, present=first.counts.published - 1)
