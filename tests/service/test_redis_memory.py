"""A Redis short of memory: /readyz and /metrics say so, and 503s do not quote Redis's errors."""

from __future__ import annotations

import logging
import re
from collections.abc import Callable

import pytest
from flask import Flask

from service.redis_server import RedisServer
from tests.conftest import Clock
from tests.redis_fixtures import client_for

OVERRIDE = "/v1/horoscopes/virgo/2026-02-05/override"


def test_readiness_and_metrics_report_redis_memory(
    private_redis: RedisServer, make_app: Callable[..., Flask], clock: Clock
) -> None:
    app = make_app(redis_url=private_redis.url)
    headers = {
        "Authorization": f"Bearer {app.extensions['horoscope'].tokens.create('ravi', 'admin', clock())}"
    }
    client = app.test_client()
    redis = client_for(private_redis.url, cluster=False)
    try:
        healthy = client.get("/readyz", headers=headers).get_json()
        assert healthy["status"] == "ready"
        assert healthy["checks"]["memory"]["ok"] is True
        assert "no maxmemory set" in healthy["checks"]["memory"]["detail"]

        used = int(redis.info("memory")["used_memory"])
        redis.config_set("maxmemory", used * 104 // 100)  # within 5 % of it: writes are about to be refused
        near = client.get("/readyz", headers=headers)
        assert near.status_code == 200, "cached reads still work: the replica stays in rotation"
        assert near.get_json()["status"] == "degraded"
        assert "within 5% of maxmemory" in near.get_json()["checks"]["memory"]["detail"]
        assert client.get("/readyz").get_json() == {
            "status": "degraded",
            "checks": {
                name: {
                    "ok": ok,
                    **({} if name in ("redis", "persistence", "data") else {"affects_readiness": False}),
                }
                for name, ok in (
                    ("redis", True),
                    ("persistence", True),
                    ("data", True),
                    ("memory", False),
                    ("tomorrow", False),
                    ("scheduler", False),
                )
            },
        }
        metrics = client.get("/metrics").get_data(as_text=True)
        maximum = re.search(r"^horoscope_redis_maxmemory_bytes (\S+)$", metrics, re.MULTILINE)
        assert maximum is not None
        assert float(maximum.group(1)) == used * 104 // 100
        assert re.search(r"^horoscope_redis_used_memory_bytes \d", metrics, re.MULTILINE)

        redis.config_set("maxmemory-policy", "allkeys-lru")
        redis.config_set("maxmemory", used * 10)
        evicting = client.get("/readyz", headers=headers).get_json()
        assert evicting["status"] == "degraded"
        assert "noeviction" in evicting["checks"]["memory"]["detail"]
    finally:
        redis.close()


def test_writes_refused_for_memory_are_503_without_redis_details(
    private_redis: RedisServer,
    make_app: Callable[..., Flask],
    clock: Clock,
    caplog: pytest.LogCaptureFixture,
) -> None:
    app = make_app(redis_url=private_redis.url)
    headers = {
        "Authorization": f"Bearer {app.extensions['horoscope'].tokens.create('ravi', 'admin', clock())}"
    }
    client = app.test_client()
    assert client.get("/v1/horoscopes/virgo/2026-02-05").status_code == 200
    assert client.get("/readyz").status_code == 200
    redis = client_for(private_redis.url, cluster=False)
    try:
        redis.config_set("maxmemory", 1)  # nothing more fits: every write is refused
        with caplog.at_level(logging.WARNING, logger="service.errors"):
            refused = client.patch(OVERRIDE, json={"mood": "Full"}, headers=headers)
            guessed = client.patch(
                OVERRIDE, json={"mood": "Full"}, headers={"Authorization": "Bearer hs_a_b"}
            )
        assert refused.status_code == 503
        assert refused.headers["Retry-After"] == "5"
        assert refused.get_json()["detail"] == "The content store is unavailable; retry shortly."
        for answer in (refused, guessed):  # a failed login's count is a write too
            text = answer.get_data(as_text=True)
            assert "hs:" not in text
            assert "127.0.0.1" not in text
            assert "maxmemory" not in text
        logged = [record.getMessage() for record in caplog.records]
        assert any(refused.headers["X-Request-ID"] in line and "maxmemory" in line for line in logged), (
            "the details go to the log, with the request id"
        )

        degraded = client.get("/readyz", headers=headers)
        assert degraded.status_code == 200
        assert degraded.get_json()["status"] == "degraded"
        assert "refused a command for lack of memory" in degraded.get_json()["checks"]["memory"]["detail"]
    finally:
        redis.config_set("maxmemory", 0)
        redis.close()
