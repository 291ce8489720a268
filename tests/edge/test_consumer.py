"""The purge consumer on a real Redis, with a target that records what it is asked and fails on demand."""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from dataclasses import replace

import pytest

from service.config import Config
from service.edge.consumer import PurgeConsumer, backlog
from service.edge.purges import PurgeQueue
from service.edge.tags import EdgeTags
from service.store import Keys, Store, connect
from tests.edge.conftest import until


class Target:
    """Records every purge; raises the failures queued in `failures`, in order."""

    def __init__(self, name: str = "fake", max_tags: int = 100) -> None:
        self.name = name
        self.max_tags = max_tags
        self.calls: list[tuple[list[str], bool]] = []
        self.failures: list[Exception] = []

    def purge(self, tags: Sequence[str], hard: bool) -> str:
        self.calls.append((list(tags), hard))
        if self.failures:
            raise self.failures.pop(0)
        return "ok"


class Clock:
    def __init__(self) -> None:
        self.ms = 1_000_000
        self.seconds = 0.0

    def now_ms(self) -> int:
        return self.ms

    def monotonic(self) -> float:
        return self.seconds


@pytest.fixture
def store(config: Config) -> Iterator[Store]:
    built = Store(connect(config), Keys(config.key_prefix))
    yield built
    built.close()


@pytest.fixture
def edge_config(config: Config) -> Config:
    return replace(
        config,
        edge_backends=("varnish",),
        varnish_urls=("http://v:1",),
        edge_purge_attempts=3,
        edge_purge_backoff_seconds=1.0,
        edge_purges_per_second=100.0,
    )


@pytest.fixture
def clock() -> Clock:  # type: ignore[override]
    return Clock()


def queue_for(store: Store, clock: Clock, repeat: float = 0.0) -> PurgeQueue:
    return PurgeQueue(
        store.keys, EdgeTags("hs."), delay_seconds=1.5, repeat_seconds=repeat, now_ms=clock.now_ms
    )


def consumer_for(
    store: Store, target: Target, config: Config, clock: Clock, name: str = "c1"
) -> PurgeConsumer:
    consumer = PurgeConsumer(
        store, target, config, consumer=name, now_ms=clock.now_ms, monotonic=clock.monotonic
    )
    consumer.ensure_group()
    return consumer


def stats(store: Store) -> dict[str, str]:
    return {k.decode(): v.decode() for k, v in store.client.hgetall(store.keys.purge_stats).items()}


def test_purges_wait_for_the_delay_then_go_out_coalesced(
    store: Store, edge_config: Config, clock: Clock
) -> None:
    queue, target = queue_for(store, clock), Target()
    consumer = consumer_for(store, target, edge_config, clock)
    queue.submit(store, ["hs.a", "hs.b"], hard=False, reason="edit")
    queue.submit(store, ["hs.b", "hs.c"], hard=False, reason="edit")
    queue.submit(store, ["hs.c"], hard=True, reason="takedown")
    clock.ms += 1499
    assert consumer.step() == 0
    assert target.calls == [], "not before the process caches have dropped the old text"
    clock.ms += 1
    assert consumer.step() == 3
    assert target.calls == [(["hs.c"], True), (["hs.a", "hs.b"], False)]
    assert store.client.xpending(store.keys.purges, consumer.group)["pending"] == 0
    counted = stats(store)
    assert counted["purged|fake|ok"] == "3"
    assert counted["lag|fake|2.0"] == "3"  # 1.5 s from write to purge
    assert "lag|fake|1.0" not in counted
    assert backlog(store, ["fake"]) == {"fake": (0, 0)}


def test_a_purge_is_sent_again_after_the_repeat(store: Store, edge_config: Config, clock: Clock) -> None:
    queue, target = queue_for(store, clock, repeat=5.0), Target()
    consumer = consumer_for(store, target, edge_config, clock)
    queue.submit(store, ["hs.a"], hard=False, reason="edit")
    clock.ms += 1500
    assert consumer.step() == 1
    clock.ms += 5000
    assert consumer.step() == 1
    assert target.calls == [(["hs.a"], False), (["hs.a"], False)]
    assert stats(store)["lag|fake|+Inf"] == "1", "the lag counts the first sending only"


def test_failures_back_off_and_retry_until_the_purge_goes_through(
    store: Store, edge_config: Config, clock: Clock
) -> None:
    from service.edge.backends import PurgeFailed

    queue, target = queue_for(store, clock), Target()
    target.failures = [PurgeFailed("down", retryable=True), PurgeFailed("down", retryable=True)]
    consumer = consumer_for(store, target, edge_config, clock)
    queue.submit(store, ["hs.a"], hard=False, reason="edit")
    clock.ms += 1500
    assert consumer.step() == 0
    assert consumer.step() == 0
    assert len(target.calls) == 1, "backing off: 1 s after the first failure"
    clock.ms += 1000
    consumer.step()
    assert len(target.calls) == 2
    clock.ms += 1000
    consumer.step()
    assert len(target.calls) == 2, "2 s after the second"
    clock.ms += 1000
    assert consumer.step() == 1
    assert len(target.calls) == 3
    assert stats(store)["purged|fake|retried"] == "2"
    assert store.client.xpending(store.keys.purges, consumer.group)["pending"] == 0


def test_a_purge_that_keeps_failing_goes_to_the_dead_letter_stream(
    store: Store, edge_config: Config, clock: Clock
) -> None:
    from service.edge.backends import PurgeFailed

    queue, target = queue_for(store, clock), Target()
    target.failures = [PurgeFailed("connection refused", retryable=True)] * 3
    consumer = consumer_for(store, target, edge_config, clock)
    queue.submit(store, ["hs.a"], hard=False, reason="edit")
    for _ in range(3):
        clock.ms += 60_000
        consumer.step()
    assert len(target.calls) == 3
    ((_, dead),) = store.client.xrange(store.keys.dead_purges)
    assert dead[b"tags"] == b"hs.a"
    assert dead[b"attempts"] == b"3"
    assert dead[b"target"] == b"fake"
    assert b"connection refused" in dead[b"error"]
    assert store.client.xpending(store.keys.purges, consumer.group)["pending"] == 0
    assert stats(store)["purged|fake|dead"] == "1"


def test_a_refusal_goes_to_the_dead_letter_stream_at_once(
    store: Store, edge_config: Config, clock: Clock
) -> None:
    from service.edge.backends import PurgeFailed

    queue, target = queue_for(store, clock), Target()
    target.failures = [PurgeFailed("403 Forbidden", retryable=False)]
    consumer = consumer_for(store, target, edge_config, clock)
    queue.submit(store, ["hs.a"], hard=False, reason="edit")
    clock.ms += 1500
    assert consumer.step() == 1
    assert store.client.xlen(store.keys.dead_purges) == 1


def test_events_a_crashed_consumer_held_are_taken_over(
    store: Store, edge_config: Config, clock: Clock
) -> None:
    config = replace(edge_config, edge_purge_claim_seconds=0.05)
    queue, crashed, survivor = queue_for(store, clock), Target(), Target()
    gone = consumer_for(store, crashed, config, clock, "host-a:1")
    queue.submit(store, ["hs.a"], hard=False, reason="edit")
    gone.step()  # read, not yet due: pending under host-a:1, which then dies
    assert crashed.calls == []
    taking_over = consumer_for(store, survivor, config, clock, "host-b:2")
    clock.ms += 1500
    until(lambda: taking_over.step())  # once the event has been idle past the claim time (Redis's clock)
    assert survivor.calls == [(["hs.a"], False)]
    assert store.client.xpending(store.keys.purges, taking_over.group)["pending"] == 0


def test_the_rate_limit_spreads_requests_out(store: Store, edge_config: Config, clock: Clock) -> None:
    config = replace(edge_config, edge_purges_per_second=1.0)
    queue, target = queue_for(store, clock), Target(max_tags=1)
    consumer = consumer_for(store, target, config, clock)
    queue.submit(store, ["hs.a", "hs.b"], hard=False, reason="edit")
    clock.ms += 1500
    assert consumer.step() == 0  # the first request went, the second waits for a token
    assert len(target.calls) == 1
    clock.seconds += 1.0
    clock.ms += 1000
    consumer.step()
    assert consumer.waiting == {}


def test_each_target_has_a_group_of_its_own(store: Store, edge_config: Config, clock: Clock) -> None:
    from service.edge.backends import PurgeFailed

    queue, down, up = queue_for(store, clock), Target("down"), Target("up")
    down.failures = [PurgeFailed("down", retryable=True)]
    failing, working = (
        consumer_for(store, down, edge_config, clock),
        consumer_for(store, up, edge_config, clock),
    )
    queue.submit(store, ["hs.a"], hard=False, reason="edit")
    clock.ms += 1500
    assert failing.step() == 0
    assert working.step() == 1
    assert backlog(store, ["down", "up", "never-started"]) == {
        "down": (1, 0),
        "up": (0, 0),
        "never-started": (0, 1),
    }
