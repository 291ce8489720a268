"""Real redis-server processes for the tests: one shared per session, or private ones to kill.

HOROSCOPE_TEST_REDIS=cluster runs the shared target as a three-master Redis Cluster instead of a
single server, so the same store, API, editor and scheduler tests cover both.
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
import redis

from service.config import Config
from service.redis_server import RedisClusterServers, RedisServer
from service.store import close_client

CLUSTER = os.environ.get("HOROSCOPE_TEST_REDIS", "single") == "cluster"


def client_for(url: str, cluster: bool = CLUSTER) -> Any:
    """A plain redis-py client for inspecting what the service stored."""
    return redis.RedisCluster.from_url(url) if cluster else redis.Redis.from_url(url)


@pytest.fixture(scope="session")
def redis_target(tmp_path_factory: pytest.TempPathFactory) -> Iterator[RedisServer | RedisClusterServers]:
    """The session's shared Redis: a single server, or a cluster when HOROSCOPE_TEST_REDIS=cluster."""
    directory = tmp_path_factory.mktemp("redis")
    target = RedisClusterServers(directory) if CLUSTER else RedisServer(directory)
    target.start()
    yield target
    target.stop()


@pytest.fixture
def redis_url(redis_target: RedisServer | RedisClusterServers) -> str:
    """The shared target's URL, with every database emptied (on a cluster, node by node)."""
    nodes = redis_target.nodes if isinstance(redis_target, RedisClusterServers) else [redis_target]
    for node in nodes:
        client = redis.Redis.from_url(node.url)
        client.flushall()
        client.close()
    return redis_target.url


@pytest.fixture
def redis_client(redis_url: str) -> Iterator[Any]:
    """A client of the shared target, to look at what the service stored."""
    client = client_for(redis_url)
    yield client
    close_client(client)


@pytest.fixture
def config(redis_url: str) -> Config:
    """Default settings, pointed at the shared target."""
    return Config(redis_url=redis_url, redis_cluster=CLUSTER)


@pytest.fixture
def private_redis(tmp_path: Path) -> Iterator[RedisServer]:
    """A single redis-server of this test's own, which it may stop, kill and restart."""
    server = RedisServer(tmp_path / "redis").start()
    yield server
    server.kill()
