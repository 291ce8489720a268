"""The data epoch: /readyz tells a Redis that lost the service's data from a fresh or restarted one."""

from __future__ import annotations

import json
import logging
import shutil
from collections.abc import Callable
from pathlib import Path

import pytest
from click.testing import CliRunner
from flask import Flask

from service.cli import main
from service.redis_server import RedisServer
from tests.conftest import Clock
from tests.redis_fixtures import client_for

PAST = "/v1/horoscopes/leo/2026-01-20"  # never read before the loss: it would be composed again
TODAY = "/v1/horoscopes/leo/2026-02-04"


def admin_headers(app: Flask, clock: Clock, name: str = "ravi") -> dict[str, str]:
    token = app.extensions["horoscope"].tokens.create(name, "admin", clock())
    return {"Authorization": f"Bearer {token}"}


def restart_empty(server: RedisServer, directory: Path) -> RedisServer:
    """Stop `server` and start an empty one on its port, with persistence on, as after a lost volume."""
    server.stop()
    return RedisServer(directory, server.port).start()


def test_a_fresh_redis_is_ready_and_gets_its_epoch(
    make_app: Callable[..., Flask], redis_client, clock: Clock
) -> None:
    app = make_app()
    assert redis_client.get("hs:{meta}:epoch") is None
    answer = app.test_client().get("/readyz", headers=admin_headers(app, clock))
    assert answer.status_code == 200
    assert answer.get_json()["checks"]["data"]["ok"] is True
    epoch = json.loads(redis_client.get("hs:{meta}:epoch"))
    assert (epoch["created_at"], epoch["origin"]) == ("2026-02-04T04:30:00Z", "initialised")
    assert epoch["id"] in answer.get_json()["checks"]["data"]["detail"]

    restarted = make_app()  # the service restarted on the same Redis
    assert restarted.test_client().get("/readyz").status_code == 200
    assert json.loads(redis_client.get("hs:{meta}:epoch")) == epoch, "written once"


def test_redis_restarted_from_its_append_only_file_is_ready(
    private_redis: RedisServer, make_app: Callable[..., Flask], clock: Clock
) -> None:
    app = make_app(redis_url=private_redis.url)
    headers = admin_headers(app, clock)
    client = app.test_client()
    assert client.get("/readyz").status_code == 200
    assert client.patch(f"{PAST}/override", json={"mood": "Calm"}, headers=headers).status_code == 200

    private_redis.stop()  # SIGTERM: Redis flushes its append-only file, as in any planned restart
    private_redis.start()

    assert client.get("/readyz").status_code == 200
    assert make_app(redis_url=private_redis.url).test_client().get("/readyz").status_code == 200


def test_redis_restarted_empty_is_data_lost_until_an_operator_resets_the_epoch(
    private_redis: RedisServer,
    make_app: Callable[..., Flask],
    clock: Clock,
    tmp_path: Path,
    caplog: pytest.LogCaptureFixture,
) -> None:
    app = make_app(redis_url=private_redis.url)
    client = app.test_client()
    assert client.get("/readyz").status_code == 200

    empty = restart_empty(private_redis, tmp_path / "empty")
    try:
        with caplog.at_level(logging.ERROR, logger="service.epoch"):
            answer = client.get("/readyz")
        assert answer.status_code == 503
        assert answer.get_json() == {
            "status": "not ready",
            "checks": {
                "redis": {"ok": True},
                "persistence": {"ok": True},
                "data": {"ok": False},
                "memory": {"ok": True, "affects_readiness": False},
                "tomorrow": {"ok": False, "affects_readiness": False},
                "scheduler": {"ok": False, "affects_readiness": False},
            },
        }
        [logged] = [record for record in caplog.records if record.levelno == logging.ERROR]
        assert "data lost" in logged.getMessage()
        assert "horoscope-service data reset-epoch --yes" in logged.getMessage()

        past = client.get(PAST)
        assert past.status_code == 503, "a past date is not composed again with a new published_at"
        assert past.get_json()["type"] == "/problems/data-lost"
        assert past.headers["Retry-After"] == "5"
        assert client.get(TODAY).status_code == 200, "today's entries are still served"
        assert "horoscope_data_lost 1.0" in client.get("/metrics").get_data(as_text=True)

        later = make_app(redis_url=empty.url)  # a worker started after the loss saw nothing, and still knows
        assert later.test_client().get("/readyz").status_code == 503
        status = CliRunner().invoke(main, ["data", "status"], env={"HOROSCOPE_REDIS_URL": empty.url})
        assert "data lost" in status.output

        env = {"HOROSCOPE_REDIS_URL": empty.url}
        refused = CliRunner().invoke(main, ["data", "reset-epoch"], env=env)
        assert refused.exit_code != 0
        assert "--yes" in refused.output
        reset = CliRunner().invoke(main, ["data", "reset-epoch", "--yes"], env=env)
        assert reset.exit_code == 0, reset.output

        assert client.get("/readyz").status_code == 200
        assert later.test_client().get("/readyz").status_code == 200
        assert client.get(PAST).status_code == 200
        assert "horoscope_data_lost 0.0" in client.get("/metrics").get_data(as_text=True)
    finally:
        empty.kill()


def test_a_first_start_on_the_emptied_redis_does_not_hide_the_loss(
    private_redis: RedisServer, make_app: Callable[..., Flask], tmp_path: Path
) -> None:
    seen = make_app(redis_url=private_redis.url).test_client()
    assert seen.get("/readyz").status_code == 200
    empty = restart_empty(private_redis, tmp_path / "empty")
    try:
        newcomer = make_app(redis_url=empty.url).test_client()
        assert newcomer.get("/readyz").status_code == 200, "it cannot tell an empty Redis from a new one"
        assert seen.get("/readyz").status_code == 503, "the process that saw the old epoch can"
        assert newcomer.get("/readyz").status_code == 503, "and tells every process, through Redis"
    finally:
        empty.kill()


def test_redis_restored_from_an_older_copy_is_data_lost(
    private_redis: RedisServer, make_app: Callable[..., Flask], clock: Clock, tmp_path: Path
) -> None:
    app = make_app(redis_url=private_redis.url)
    headers = admin_headers(app, clock)
    client = app.test_client()
    assert client.get("/readyz").status_code == 200
    private_redis.stop()
    shutil.copytree(private_redis.directory, tmp_path / "backup")
    private_redis.start()
    assert client.patch(f"{PAST}/override", json={"mood": "Calm"}, headers=headers).status_code == 200
    assert client.get("/readyz").status_code == 200

    private_redis.stop()  # restored from the backup: the edit is gone, the epoch is the same
    shutil.rmtree(private_redis.directory)
    shutil.copytree(tmp_path / "backup", private_redis.directory)
    private_redis.start()

    answer = client.get("/readyz", headers=headers)
    assert answer.status_code == 503
    assert "write generation went back" in answer.get_json()["checks"]["data"]["detail"]
    stored = client_for(private_redis.url, cluster=False)
    try:
        assert json.loads(stored.get("hs:{meta}:epoch"))["lost"] is True
    finally:
        stored.close()
