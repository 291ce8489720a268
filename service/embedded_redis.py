"""The embedded Redis of `serve`: one per data directory, and how the other commands find it.

Without HOROSCOPE_REDIS_URL, `serve` starts a redis-server on a free loopback port with its
append-only file in `<data dir>/redis/` and writes that server's address to `<data dir>/redis/url`,
where `tokens`, `jobs`, `publish` and `scheduler` read it. It holds an exclusive lock on
`<data dir>/redis/serve.lock`, and so does the redis-server, which inherits it: while that Redis lives
(even after a `serve` killed with SIGKILL), no second one starts on the same append-only file.
"""

from __future__ import annotations

import fcntl
import os
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

from service.redis_server import RedisServer, RedisServerError


class EmbeddedRedisError(Exception):
    """The embedded Redis cannot be started or found; the message says what to do."""


@dataclass(frozen=True)
class EmbeddedRedis:
    """The embedded Redis that belongs to one data directory."""

    data_dir: Path

    @property
    def directory(self) -> Path:
        """Where its append-only file lives."""
        return self.data_dir / "redis"

    @property
    def url_file(self) -> Path:
        """Where `serve` records its address while it runs."""
        return self.directory / "url"

    @property
    def lock_file(self) -> Path:
        return self.directory / "serve.lock"

    @contextmanager
    def running(self) -> Iterator[RedisServer]:
        """Start it for the length of the block, its address recorded; refuse if one runs already."""
        self.directory.mkdir(parents=True, exist_ok=True)
        lock = os.open(self.lock_file, os.O_RDWR | os.O_CREAT, 0o600)
        try:
            try:
                fcntl.flock(lock, fcntl.LOCK_EX | fcntl.LOCK_NB)
            except BlockingIOError:
                raise EmbeddedRedisError(self._taken()) from None
            try:
                server = RedisServer(self.directory, keep_open=(lock,)).start()
            except RedisServerError as error:
                raise EmbeddedRedisError(str(error)) from None
            try:
                recording = self.url_file.with_name("url.new")
                recording.write_text(server.url + "\n")
                recording.replace(self.url_file)  # readers see the old address or the new, never half
                yield server
            finally:
                self.url_file.unlink(missing_ok=True)
                server.stop()
        finally:
            os.close(lock)

    def recorded_url(self) -> str:
        """The address a running `serve` recorded, or EmbeddedRedisError naming what to set."""
        try:
            return self.url_file.read_text().strip()
        except FileNotFoundError:
            raise EmbeddedRedisError(
                f"HOROSCOPE_REDIS_URL is not set and no `serve` runs an embedded Redis with the data "
                f"directory {self.data_dir}. Set HOROSCOPE_DATA_DIR to the data directory of the running "
                "`serve` (it prints it at start), set HOROSCOPE_REDIS_URL to your Redis, "
                "or start `horoscope-service serve`."
            ) from None

    def _taken(self) -> str:
        try:
            where = f" at {self.url_file.read_text().strip()}"
        except FileNotFoundError:
            where = ""
        return (
            f"The embedded Redis of {self.directory} is already running{where}: another `serve` uses this "
            "data directory, or a killed one left its redis-server behind (stop it with "
            "`redis-cli -u <its url> shutdown`). Give this `serve` its own HOROSCOPE_DATA_DIR, "
            "or point it at the running Redis with HOROSCOPE_REDIS_URL."
        )
