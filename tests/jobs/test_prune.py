"""The prune: old generated entries and their feed-index members go; overrides, history and the rest stay."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date

import redis

from jobs.definitions import job_named
from jobs.runner import JobRunner
from jobs.runs import RunOutcome
from jobs.tally import Counts

PRUNE = job_named("prune")
# Clock: Feb 4, 2026. Retention 29 days: the cutoff is Jan 6 (a Tuesday); older entries go.
SETTINGS = {"retention_days": 29, "past_days": 29}

REMOVED = [
    "horoscope:tropical:daily:leo:2026-01-05",
    "horoscope:sidereal:daily:simha:2026-01-01",
    "horoscope:tropical:weekly:leo:2025-12-29",  # ends Jan 4
    "horoscope:tropical:monthly:leo:2025-12-01",
    "listicle:foods-that-promote-longevity:2026-01-05",
    "listicle-plan:2026-01-05",
]
KEPT = [
    "horoscope:tropical:daily:leo:2026-01-06",
    "horoscope:tropical:weekly:leo:2026-01-05",  # starts before the cutoff, ends after it
    "horoscope:tropical:monthly:leo:2026-01-01",
    "listicle:foods-that-promote-longevity:2026-01-06",
    "listicle-plan:2026-01-06",
]


def score(day: date, rank: int) -> int:
    return day.toordinal() * 100 + rank


def test_prune_removes_old_entries_and_keeps_overrides(
    make_runner: Callable[..., JobRunner], redis_client: redis.Redis
) -> None:
    for entry_id in REMOVED + KEPT:
        redis_client.set(f"hs:{{{entry_id}}}:entry", b"{}")
    old = "horoscope:tropical:daily:leo:2026-01-05"
    others = {
        f"hs:{{{old}}}:override": b'{"fields": {}, "updated_at": "2026-01-04T00:00:00Z"}',
        f"hs:{{{old}}}:history": None,
        "hs:{tokens}:by-id": None,
        "hs:{job:refresh-tomorrow}:done:2025-01-01": b"{}",
        "other:{horoscope:tropical:daily:leo:2020-01-01}:entry": b"{}",  # another deployment's prefix
    }
    for other, value in others.items():
        if value is None:
            redis_client.rpush(other, b"{}")
        else:
            redis_client.set(other, value)
    redis_client.zadd(
        "hs:{index}:horoscope",
        {
            old: score(date(2026, 1, 5), 61),
            "horoscope:tropical:daily:leo:2026-01-06": score(date(2026, 1, 6), 61),
        },
    )
    redis_client.zadd("hs:{index}:listicle", {"listicle:a:2026-01-05": score(date(2026, 1, 5), 99)})

    run = make_runner(**SETTINGS).run_manual(PRUNE)

    assert (run.target_date, run.outcome) == (date(2026, 2, 4), RunOutcome.SUCCEEDED)
    assert run.counts == Counts(removed=len(REMOVED))
    assert all(redis_client.exists(f"hs:{{{entry_id}}}:entry") == 0 for entry_id in REMOVED)
    assert all(redis_client.exists(f"hs:{{{entry_id}}}:entry") == 1 for entry_id in KEPT)
    assert all(redis_client.exists(other) == 1 for other in others)
    assert redis_client.zrange("hs:{index}:horoscope", 0, -1) == [b"horoscope:tropical:daily:leo:2026-01-06"]
    assert redis_client.zcard("hs:{index}:listicle") == 0
    assert redis_client.get("hs:{meta}:feed-generation") == b"1", "every process's feed must drop them"


def test_prune_removes_old_hindi_entries_and_keeps_their_overrides(
    make_runner: Callable[..., JobRunner], redis_client: redis.Redis
) -> None:
    old, kept = "horoscope:sidereal:daily:leo:2026-01-05:hi", "horoscope:sidereal:daily:leo:2026-01-06:hi"
    old_week = "horoscope:sidereal:weekly:leo:2025-12-29:hi"  # ends Jan 4
    for entry_id in (old, kept, old_week):
        redis_client.set(f"hs:{{{entry_id}}}:entry", b"{}")
    override = b'{"fields": {"mood": "\xe0\xa4\xb6"}, "updated_at": "2026-01-04T00:00:00Z"}'
    redis_client.set(f"hs:{{{old}}}:override", override)
    redis_client.zadd(
        "hs:{index}:horoscope:hi", {old: score(date(2026, 1, 5), 61), kept: score(date(2026, 1, 6), 61)}
    )

    run = make_runner(**SETTINGS).run_manual(PRUNE)

    assert run.counts == Counts(removed=2)
    assert redis_client.exists(f"hs:{{{old}}}:entry", f"hs:{{{old_week}}}:entry") == 0
    assert redis_client.exists(f"hs:{{{kept}}}:entry") == 1
    assert redis_client.get(f"hs:{{{old}}}:override") == override, "an editor's override is never pruned"
    assert redis_client.zrange("hs:{index}:horoscope:hi", 0, -1) == [kept.encode()]


def test_prune_scans_in_batches_through_many_keys(
    make_runner: Callable[..., JobRunner], redis_client: redis.Redis
) -> None:
    pipeline = redis_client.pipeline(transaction=False)
    for number in range(1200):
        pipeline.set(f"hs:{{listicle:topic-{number}:2025-06-01}}:entry", b"{}")
        pipeline.set(f"hs:{{listicle:topic-{number}:2026-02-01}}:entry", b"{}")
    pipeline.execute()
    run = make_runner(**SETTINGS).run_manual(PRUNE)
    assert run.counts == Counts(removed=1200)
    assert (
        len(list(redis_client.scan_iter(count=1000))) == 1200 + 3
    )  # this year's, the run stream, the done record, the feed generation
