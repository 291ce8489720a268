import signal
import time
from collections.abc import Callable, Iterator

import pytest
import redis
from redis.crc import key_slot

from service.config import Config
from service.redis_server import RedisServer
from service.store import Edit, Keys, Store, StoreUnavailable, connect, listicle_id, listicle_plan_id
from tests.redis_fixtures import CLUSTER


@pytest.fixture
def make_store() -> Iterator[Callable[..., Store]]:
    """Stores on a URL, closed after the test."""
    built: list[Store] = []

    def build(url: str, cluster: bool = CLUSTER) -> Store:
        built.append(Store(connect(Config(redis_url=url, redis_cluster=cluster)), Keys("test")))
        return built[-1]

    yield build
    for store in built:
        store.close()


def test_keys_share_one_hash_tag_per_entry() -> None:
    keys = Keys("hs")
    entry_id = "horoscope:tropical:daily:leo:2026-02-05"
    assert keys.entry(entry_id) == "hs:{horoscope:tropical:daily:leo:2026-02-05}:entry"
    assert keys.override(entry_id) == "hs:{horoscope:tropical:daily:leo:2026-02-05}:override"


def test_an_editor_written_listicle_shares_its_dates_list_slot() -> None:
    """So that creating, withdrawing or restoring it and changing the list is one cluster transaction."""
    keys = Keys("hs")
    editorial, plan = listicle_id("custom-three-winter-walks", "2026-02-05"), listicle_plan_id("2026-02-05")
    assert (
        keys.entry(editorial)
        == "hs:{listicle-plan:2026-02-05}:listicle:custom-three-winter-walks:2026-02-05:entry"
    )
    names = [keys.entry(editorial), keys.override(editorial), keys.history(editorial), keys.override(plan)]
    assert {key_slot(name.encode()) for name in names} == {key_slot(keys.entry(plan).encode())}
    generated = listicle_id("foods-that-promote-longevity", "2026-02-05")
    assert keys.entry(generated) == "hs:{listicle:foods-that-promote-longevity:2026-02-05}:entry"


def test_first_publisher_wins(make_store, redis_url: str) -> None:
    store = make_store(redis_url)
    assert store.publish("e1", b"first") == (b"first", True)
    assert store.publish("e1", b"second") == (b"first", False)
    assert store.fetch("e1").record == b"first"


def test_fetch_returns_record_and_override(make_store, redis_url: str, redis_client) -> None:
    store = make_store(redis_url)
    assert store.fetch("e1").record is None
    store.publish("e1", b"{}")
    redis_client.set(store.keys.override("e1"), b'{"fields":{}}')
    fetched = store.fetch("e1")
    assert (fetched.record, fetched.override) == (b"{}", b'{"fields":{}}')


def test_generation_counts_writes(make_store, redis_url: str) -> None:
    store = make_store(redis_url)
    assert store.generation() == 0
    store.bump_generation()
    assert store.bump_generation() == 2
    assert store.generation() == 2


def test_persistence_is_reported(make_store, redis_url: str, private_redis: RedisServer) -> None:
    assert make_store(redis_url).persistence().aof_enabled
    with redis.Redis.from_url(private_redis.url) as client:
        client.config_set("appendonly", "no")
    persistence = make_store(private_redis.url, cluster=False).persistence()
    assert not persistence.aof_enabled
    assert "disabled" in persistence.detail


def test_an_outage_fails_fast_and_recovers(private_redis: RedisServer) -> None:
    ticks = [0.0]
    store = Store(connect(Config(redis_url=private_redis.url)), Keys("t"), monotonic=lambda: ticks[0])
    try:
        store.publish("e1", b"x")
        private_redis.stop()
        with pytest.raises(StoreUnavailable, match="unreachable"):
            store.fetch("e1")
        private_redis.start()
        with pytest.raises(StoreUnavailable):  # within the cooldown the adapter does not even try
            store.fetch("e1")
        ticks[0] += 1.0
        assert store.fetch("e1").record == b"x"  # the append-only file kept it
    finally:
        store.close()


def test_a_stalled_redis_costs_one_timeout_per_call(private_redis: RedisServer) -> None:
    """A timeout is not retried: a stalled Redis would only time out again (issue 19 L7)."""
    ticks = [0.0]
    store = Store(connect(Config(redis_url=private_redis.url)), Keys("t"), monotonic=lambda: ticks[0])
    assert private_redis.process is not None
    calls: dict[str, Callable[[], object]] = {
        "read": lambda: store.fetch("e1"),
        "transaction": lambda: store.edit("e1", lambda _entry, _count: Edit(b"{}", b"{}")),
        "ping": store.ping,
    }
    try:
        store.publish("e1", b"x")
        private_redis.process.send_signal(signal.SIGSTOP)
        for name, call in calls.items():
            ticks[0] += store.cooldown  # past the cooldown: the adapter tries Redis again
            started = time.monotonic()
            with pytest.raises(StoreUnavailable, match="TimeoutError"):
                call()
            # The timeout is 1 s; its retry made it 2 s, and 4 s with the health check's own retry.
            assert time.monotonic() - started < 1.9, f"{name} waited for a retry"
    finally:
        private_redis.process.send_signal(signal.SIGCONT)
        store.close()
