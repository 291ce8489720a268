"""The scheduler publishes the Hindi rashifal ahead as it does the English editions: tomorrow's Hindi
dailies once, caught up after downtime, never over an editor's override."""

from __future__ import annotations

import json
from collections.abc import Callable
from datetime import date

import redis

from jobs.definitions import job_named
from jobs.runner import JobRunner
from jobs.runs import RunOutcome
from jobs.scheduler import JobScheduler
from jobs.tally import Counts
from service.content.calendar import Period
from service.content.zodiac import Sign
from service.hindi_publishing import HINDI_FEED, hindi_horoscope_id, publish_hindi, refresh_hindi
from service.publishing import Outcome
from service.store import Keys
from tests.conftest import Clock
from tests.jobs.conftest import KOLKATA, entry_keys, local

REFRESH = job_named("refresh-tomorrow")
FEB_5 = date(2026, 2, 5)
KEYS = Keys("hs")


def hindi_dailies(client: redis.Redis, day: str) -> set[bytes]:
    return entry_keys(client, f"horoscope:sidereal:daily:*:{day}:hi")


def test_a_refresh_run_leaves_tomorrows_hindi_dailies_stored_once(
    make_scheduler: Callable[..., JobScheduler], redis_client: redis.Redis, clock: Clock
) -> None:
    clock.now = local(KOLKATA, 2026, 2, 4, 0, 5)
    scheduler = make_scheduler()
    first = scheduler.run_scheduled(REFRESH)
    assert (first.target_date, first.outcome) == (FEB_5, RunOutcome.SUCCEEDED)
    assert len(hindi_dailies(redis_client, "2026-02-05")) == 12
    for sign in Sign:
        stored = json.loads(redis_client.get(KEYS.entry(hindi_horoscope_id(Period.DAILY, sign, FEB_5))))  # type: ignore[arg-type]
        assert stored["published_at"] == "2026-02-03T18:35:00Z", "published by the run, ahead of readers"
        assert stored["entry"]["sign"] == sign.value
        assert "राशिफल" in stored["entry"]["title"]
    indexed = {member.decode() for member in redis_client.zrange(KEYS.index(HINDI_FEED), 0, -1)}
    assert indexed == {hindi_horoscope_id(Period.DAILY, sign, FEB_5) for sign in Sign}
    records = {key: redis_client.get(key) for key in hindi_dailies(redis_client, "2026-02-05")}

    clock.advance(hours=20)
    assert scheduler.run_scheduled(REFRESH).outcome is RunOutcome.SKIPPED  # the same date: done
    again = scheduler.runner.run_manual(REFRESH, FEB_5)  # by hand: every entry is present already
    assert again.counts == Counts(present=first.counts.published)
    assert {key: redis_client.get(key) for key in hindi_dailies(redis_client, "2026-02-05")} == records


def test_a_scheduler_down_over_midnight_catches_up_tomorrows_hindi_dailies(
    make_scheduler: Callable[..., JobScheduler], redis_client: redis.Redis, clock: Clock
) -> None:
    clock.now = local(KOLKATA, 2026, 2, 5, 8, 0)  # it missed the 00:05 firing of Feb 4 and of Feb 5
    make_scheduler(lookahead_days=0).catch_up()
    assert len(hindi_dailies(redis_client, "2026-02-05")) == 12
    assert len(hindi_dailies(redis_client, "2026-02-06")) == 12


def test_the_refresh_leaves_a_hindi_override_alone_and_renews_an_old_engines_future_entry(
    runner: JobRunner, redis_client: redis.Redis
) -> None:
    publisher = runner.publisher
    leo, virgo = (hindi_horoscope_id(Period.DAILY, sign, FEB_5) for sign in (Sign.LEO, Sign.VIRGO))
    for sign in (Sign.LEO, Sign.VIRGO):
        publish_hindi(publisher, sign, FEB_5, Period.DAILY)
    override = json.dumps({"fields": {"mood": "शांत"}, "updated_at": "2026-02-04T04:00:00Z"})
    redis_client.set(KEYS.override(leo), override)
    record = json.loads(redis_client.get(KEYS.entry(virgo)))  # type: ignore[arg-type]
    record["entry"]["version"] = "2000.1.1"  # written by an older engine
    redis_client.set(KEYS.entry(virgo), json.dumps(record))

    assert refresh_hindi(publisher, Sign.LEO, FEB_5, Period.DAILY) is Outcome.OVERRIDDEN
    assert refresh_hindi(publisher, Sign.VIRGO, FEB_5, Period.DAILY) is Outcome.REFRESHED
    assert redis_client.get(KEYS.override(leo)) == override.encode()
    renewed = json.loads(redis_client.get(KEYS.entry(virgo)))  # type: ignore[arg-type]
    assert renewed["entry"]["version"] != "2000.1.1"
    assert renewed["published_at"] == record["published_at"]
    assert refresh_hindi(publisher, Sign.VIRGO, FEB_5, Period.DAILY) is Outcome.PRESENT
