"""The embedded redis-server never starts on data a newer Redis wrote (it would start empty)."""

from __future__ import annotations

from pathlib import Path

import pytest

from service.redis_server import (
    VERSION_FILE,
    RedisServer,
    RedisServerError,
    binary_version,
    redis_server_binary,
)


def test_a_started_server_records_its_version(tmp_path: Path) -> None:
    server = RedisServer(tmp_path / "data").start()
    try:
        version = binary_version(redis_server_binary())
        assert (tmp_path / "data" / VERSION_FILE).read_text() == ".".join(map(str, version))
    finally:
        server.stop()
    server.start()  # the same binary on its own data starts again
    server.stop()


def test_an_older_binary_refuses_data_a_newer_redis_wrote(tmp_path: Path) -> None:
    directory = tmp_path / "data"
    directory.mkdir()
    (directory / VERSION_FILE).write_text("99.0.0")
    with pytest.raises(
        RedisServerError, match=r"written by redis-server 99\.0\.0.*HOROSCOPE_REDIS_SERVER_BINARY"
    ):
        RedisServer(directory).start()


def test_a_multi_part_append_only_file_needs_redis_7(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    binary = redis_server_binary()
    if binary_version(binary) >= (7, 0, 0):
        pytest.skip(f"{binary} reads Redis 7's appendonlydir")
    directory = tmp_path / "data"
    (directory / "appendonlydir").mkdir(
        parents=True
    )  # what Redis 7 writes; 6.2 would ignore it and start empty
    with pytest.raises(RedisServerError, match=r"redis-server 7\.0\.0"):
        RedisServer(directory).start()
