"""Concurrent first reads, and reads through a Redis outage, against real Redis servers."""

from __future__ import annotations

import threading
import time
from collections.abc import Callable

from flask import Flask

from service.redis_server import RedisServer
from service.store import Keys, horoscope_id


def test_concurrent_first_reads_publish_once(make_app, redis_client) -> None:
    # Eight "processes" (apps with their own caches and connections) read the same new entry at once.
    apps = [make_app() for _ in range(8)]
    barrier = threading.Barrier(len(apps))
    bodies: list[bytes] = []

    def read(app) -> None:  # type: ignore[no-untyped-def]
        client = app.test_client()
        barrier.wait()
        bodies.append(client.get("/v1/horoscopes/capricorn/2026-02-06").data)

    threads = [threading.Thread(target=read, args=(app,)) for app in apps]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert len(bodies) == 8
    assert len(set(bodies)) == 1, "every reader must see the one stored entry"
    keys = list(redis_client.scan_iter(match="hs:{horoscope:*}:entry"))
    assert keys == [Keys("hs").entry(horoscope_id("tropical", "daily", "capricorn", "2026-02-06")).encode()]


def test_reads_through_a_redis_outage(private_redis: RedisServer, make_app: Callable[..., Flask]) -> None:
    app = make_app(redis_url=private_redis.url, cache_check_seconds=0.05, retry_after_seconds=7)
    client = app.test_client()
    served = client.get("/v1/horoscopes/leo/2026-02-05")
    assert served.status_code == 200

    private_redis.stop()
    cached = client.get("/v1/horoscopes/leo/2026-02-05")
    assert cached.status_code == 200, "an entry this process validated moments ago is still correct"
    assert cached.data == served.data
    missing = client.get("/v1/horoscopes/virgo/2026-02-05")
    assert missing.status_code == 503
    assert missing.mimetype == "application/problem+json"
    assert missing.headers["Retry-After"] == "7"
    assert client.get("/readyz").status_code == 503

    private_redis.start()
    deadline = time.monotonic() + 3.0
    while client.get("/v1/horoscopes/virgo/2026-02-05").status_code != 200:
        assert time.monotonic() < deadline, "reads must recover without a restart"
    assert client.get("/readyz").status_code == 200


def test_an_unreachable_redis_fails_fast(make_app: Callable[..., Flask]) -> None:
    # Nothing listens on port 1: connection refused must become a 503 at once, never a hang or a 500.
    client = make_app(redis_url="redis://127.0.0.1:1/0").test_client()
    started = time.monotonic()
    response = client.get("/v1/horoscopes/leo/2026-02-05")
    assert response.status_code == 503
    assert time.monotonic() - started < 2.0
