"""`serve`'s embedded Redis: one per data directory, found by the other commands, and nothing shared."""

from __future__ import annotations

import fcntl
import os
import signal
import subprocess
import sys
import time
import urllib.error
import urllib.request
from pathlib import Path

import pytest
import redis

from service.embedded_redis import EmbeddedRedis, EmbeddedRedisError
from service.redis_server import free_port

ROOT = Path(__file__).parents[2]
CLI = [sys.executable, "-m", "service.cli"]


def test_a_second_embedded_redis_on_one_data_directory_is_refused(tmp_path: Path) -> None:
    embedded = EmbeddedRedis(tmp_path / "var")
    with embedded.running() as first:
        assert embedded.url_file.read_text() == first.url + "\n"
        with pytest.raises(EmbeddedRedisError, match=f"already running at {first.url}"), embedded.running():
            pass
        assert embedded.url_file.read_text() == first.url + "\n"
        with redis.Redis.from_url(first.url) as client:
            assert client.ping()
    assert not embedded.url_file.exists()
    with embedded.running() as again, redis.Redis.from_url(again.url) as client:  # free once stopped
        assert client.ping()


KILLED_SERVE = """
import os, signal, sys
from pathlib import Path
from service.embedded_redis import EmbeddedRedis
with EmbeddedRedis(Path(sys.argv[1])).running():
    os.kill(os.getpid(), signal.SIGKILL)
"""


def test_a_redis_server_a_killed_serve_left_behind_keeps_its_directory(tmp_path: Path) -> None:
    embedded = EmbeddedRedis(tmp_path / "var")
    killed = subprocess.run([sys.executable, "-c", KILLED_SERVE, str(embedded.data_dir)], cwd=ROOT)
    assert killed.returncode == -signal.SIGKILL
    orphan = redis.Redis.from_url(embedded.url_file.read_text().strip())
    try:
        assert orphan.ping()
        with (
            pytest.raises(EmbeddedRedisError, match="a killed one left its redis-server behind"),
            embedded.running(),
        ):
            pass
    finally:
        orphan.shutdown(nosave=True)
        orphan.close()
    # Its files, the lock among them, close when its last thread has exited: wait for that, not longer.
    deadline = time.monotonic() + 30
    with embedded.lock_file.open() as lock:
        while True:
            try:
                fcntl.flock(lock, fcntl.LOCK_SH | fcntl.LOCK_NB)
                break
            except BlockingIOError:
                assert time.monotonic() < deadline, "the orphaned redis-server never let go of the lock"
                time.sleep(0.01)
    with embedded.running():  # its redis-server gone, the directory is free again
        pass


def wait_ready(server: subprocess.Popen[bytes], port: int) -> None:
    deadline = time.monotonic() + 60
    while True:
        assert server.poll() is None, "serve exited early"
        try:
            with urllib.request.urlopen(f"http://127.0.0.1:{port}/readyz", timeout=5) as answer:
                if answer.status == 200:
                    return
        except (OSError, urllib.error.HTTPError):
            pass  # not listening yet
        assert time.monotonic() < deadline, "serve did not become ready within 60 s"
        time.sleep(0.05)


@pytest.mark.slow
def test_serve_tells_other_commands_where_its_redis_is_and_shares_nothing(tmp_path: Path) -> None:
    site, elsewhere, home = tmp_path / "site", tmp_path / "elsewhere", tmp_path / "home"
    for directory in (site, elsewhere, home):
        directory.mkdir()
    env = {k: v for k, v in os.environ.items() if not k.startswith(("HOROSCOPE_", "XDG_RUNTIME_DIR"))}
    env["HOME"] = str(home)  # where gunicorn would put its per-user control socket
    port = free_port()

    def serve_command(port: int) -> list[str]:
        return [
            *CLI,
            "serve",
            "--port",
            str(port),
            "--workers",
            "1",
            "--gunicorn-config",
            str(ROOT / "gunicorn.conf.py"),
        ]

    log = tmp_path / "serve.log"
    with log.open("wb") as output:  # the default data directory: ./var where serve runs
        server = subprocess.Popen(serve_command(port), cwd=site, env=env, stdout=output, stderr=output)
    try:
        wait_ready(server, port)
        told = f"other commands find it with HOROSCOPE_DATA_DIR={site / 'var'}"
        assert told in log.read_text()

        def tokens(where: Path, **settings: str) -> subprocess.CompletedProcess[str]:
            command = [*CLI, "tokens", "create", "--name", "asha"]
            return subprocess.run(command, cwd=where, env=env | settings, capture_output=True, text=True)

        lost = tokens(elsewhere)
        assert lost.returncode == 1
        assert f"with the data directory {elsewhere / 'var'}. Set HOROSCOPE_DATA_DIR" in lost.stderr
        found = tokens(elsewhere, HOROSCOPE_DATA_DIR=str(site / "var"))
        assert found.returncode == 0, found.stderr
        assert found.stdout.startswith("hs_")

        second = subprocess.run(serve_command(free_port()), cwd=site, env=env, capture_output=True, text=True)
        assert second.returncode == 1
        assert f"The embedded Redis of {site / 'var' / 'redis'} is already running" in second.stderr
        wait_ready(server, port)  # the first goes on

        assert not (home / ".gunicorn").exists(), "gunicorn opened a per-user control socket"
        assert "Control socket" not in log.read_text()
    finally:
        server.send_signal(signal.SIGTERM)
        assert server.wait(timeout=30) == 0
