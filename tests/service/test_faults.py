"""Faults under load: Redis going away and coming back, against real redis-server processes."""

from __future__ import annotations

import signal
import threading
import time
from collections import Counter

from service.redis_server import RedisServer

SIGNS = ["aries", "taurus", "gemini", "cancer", "leo", "virgo"]


def test_a_redis_outage_under_read_load(private_redis: RedisServer, make_app) -> None:
    app = make_app(redis_url=private_redis.url, cache_check_seconds=0.2, redis_timeout=0.5)
    warm = app.test_client()
    for sign in SIGNS[:3]:  # these are cached in the process; the other three are not
        assert warm.get(f"/v1/horoscopes/{sign}/2026-02-05").status_code == 200

    statuses: Counter[int] = Counter()
    slowest = [0.0]
    lock = threading.Lock()

    def read(rounds: int) -> None:
        client = app.test_client()
        for n in range(rounds):
            started = time.monotonic()
            status = client.get(f"/v1/horoscopes/{SIGNS[n % len(SIGNS)]}/2026-02-05").status_code
            with lock:
                statuses[status] += 1
                slowest[0] = max(slowest[0], time.monotonic() - started)

    private_redis.stop()
    readers = [threading.Thread(target=read, args=(60,)) for _ in range(4)]
    for reader in readers:
        reader.start()
    for reader in readers:
        reader.join()
    assert set(statuses) <= {200, 503}, f"only cached answers or 503 during an outage, got {statuses}"
    assert statuses[200] >= 4 * 30, "the cached half keeps being served"
    assert statuses[503] >= 1
    assert slowest[0] < 2.0, "no request may hang during an outage"

    private_redis.start()
    returned = time.monotonic()
    client = app.test_client()
    while client.get("/v1/horoscopes/virgo/2026-02-05").status_code != 200:
        assert time.monotonic() - returned < 2.0, "reads must recover within 2 s of Redis returning"


def test_everything_survives_a_restart_from_the_append_only_file(
    private_redis: RedisServer, make_app, clock
) -> None:
    app = make_app(redis_url=private_redis.url)
    parts = app.extensions["horoscope"]
    editor = {"Authorization": f"Bearer {parts.tokens.create('asha', 'admin', clock())}"}
    client = app.test_client()
    page = client.get("/v1/horoscopes/2026-02-05").get_json()
    listicles = client.get("/v1/listicles/2026-02-05").get_json()
    client.patch("/v1/horoscopes/leo/2026-02-05/override", json={"mood": "Steady"}, headers=editor)
    client.patch("/v1/horoscopes/leo/2026-02-05/override", json={"mood": "Bright"}, headers=editor)
    run = client.post("/v1/jobs/prefill/runs", json={}, headers=editor).get_json()

    private_redis.kill()  # a crash: only what reached the append-only file comes back
    private_redis.start()

    fresh = make_app(redis_url=private_redis.url).test_client()
    again = fresh.get("/v1/horoscopes/2026-02-05").get_json()
    assert [item["published_at"] for item in again["items"]] == [
        item["published_at"] for item in page["items"]
    ]
    assert again["items"][4]["mood"] == "Bright"
    assert fresh.get("/v1/listicles/2026-02-05").get_json() == listicles
    history = fresh.get("/v1/horoscopes/leo/2026-02-05/history", headers=editor).get_json()["items"]
    assert [record["changes"][0]["after"] for record in history] == ["Bright", "Steady"]
    runs = fresh.get("/v1/jobs/prefill/runs").get_json()["items"]
    assert runs[0]["run_id"] == run["run_id"]


def test_a_stalled_redis_answers_503_after_one_timeout(private_redis: RedisServer, make_app) -> None:
    """SIGSTOPped Redis: a read it must answer gives up after the 1 s timeout, not after retries (L7)."""
    app = make_app(redis_url=private_redis.url, redis_timeout=1.0)
    client = app.test_client()
    assert client.get("/v1/horoscopes/leo/2026-02-05").status_code == 200  # a pooled connection exists
    assert private_redis.process is not None
    private_redis.process.send_signal(signal.SIGSTOP)
    try:
        started = time.monotonic()
        response = client.get("/v1/horoscopes/virgo/2026-02-05")  # not cached: it needs Redis
        elapsed = time.monotonic() - started
    finally:
        private_redis.process.send_signal(signal.SIGCONT)
    assert response.status_code == 503
    assert response.headers["Retry-After"] == "5"
    assert elapsed < 1.9, f"a stalled Redis held the request {elapsed:.2f} s (timeout 1 s)"
