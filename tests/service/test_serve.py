"""The README's run command: `horoscope-service serve` with its embedded Redis, as a real process tree."""

from __future__ import annotations

import json
import os
import re
import signal
import subprocess
import sys
import threading
import time
import urllib.error
import urllib.request
from pathlib import Path

import pytest
import redis

from service.redis_server import free_port

ROOT = Path(__file__).parents[2]


def get(url: str) -> tuple[int, bytes]:
    try:
        with urllib.request.urlopen(url, timeout=5) as response:
            return response.status, response.read()
    except urllib.error.HTTPError as error:
        return error.code, error.read()


def start_serve(
    tmp_path: Path, workers: int, output: int | None = None, **settings: str
) -> tuple[subprocess.Popen[bytes], int]:
    """`horoscope-service serve` on a free port with HOROSCOPE_* `settings`, once /readyz answers 200."""
    port = free_port()
    env = {k: v for k, v in os.environ.items() if not k.startswith("HOROSCOPE_")}
    env |= {"HOROSCOPE_DATA_DIR": str(tmp_path / "var")} | {
        f"HOROSCOPE_{k.upper()}": v for k, v in settings.items()
    }
    server = subprocess.Popen(
        [sys.executable, "-m", "service.cli", "serve", "--port", str(port), "--workers", str(workers)],
        cwd=ROOT,
        env=env,
        stdout=output if output is not None else subprocess.DEVNULL,
        stderr=subprocess.STDOUT,
    )
    deadline = time.monotonic() + 30
    try:
        while True:
            assert server.poll() is None, "serve exited early"
            try:
                if get(f"http://127.0.0.1:{port}/readyz")[0] == 200:
                    return server, port
            except OSError:
                pass  # not listening yet
            assert time.monotonic() < deadline, "serve did not become ready within 30 s"
            time.sleep(0.1)
    except BaseException:
        stop(server)
        raise


def stop(server: subprocess.Popen[bytes]) -> None:
    """SIGTERM, so that serve stops its Redis and gunicorn too; SIGKILL if it does not exit."""
    server.terminate()
    try:
        server.communicate(timeout=30)
    except subprocess.TimeoutExpired:
        server.kill()
        server.communicate()


@pytest.mark.slow
def test_serve_runs_gunicorn_on_an_embedded_redis_and_stops_both(tmp_path: Path) -> None:
    server, port = start_serve(tmp_path, workers=2, output=subprocess.PIPE)
    try:
        status, body = get(f"http://127.0.0.1:{port}/readyz")
        assert json.loads(body)["checks"]["persistence"]["ok"] is True
        for _ in range(20):  # new connections each time: both workers get some
            status, body = get(f"http://127.0.0.1:{port}/v1/horoscopes/leo/today")
            assert status == 200
            assert json.loads(body)["sign"] == "leo"
        status, metrics = get(f"http://127.0.0.1:{port}/metrics")
        assert status == 200
        sample = (
            rb'horoscope_http_requests_total\{method="GET",route="/v1/horoscopes/<sign>/<day>",status="200"\}'
        )
        counted = re.findall(sample + rb" (\S+)", metrics)
        assert counted, "the request counter must be exported"
        assert sum(float(value) for value in counted) == 20.0, "metrics must add up across workers"
    finally:
        server.send_signal(signal.SIGTERM)
        assert server.wait(timeout=30) == 0
    output, _ = server.communicate()
    redis_port = int(re.search(r"embedded Redis at redis://127.0.0.1:(\d+)/0", output.decode()).group(1))  # type: ignore[union-attr]
    with pytest.raises(redis.ConnectionError), redis.Redis(port=redis_port, socket_connect_timeout=1) as gone:
        gone.ping()
    aof = list((tmp_path / "var" / "redis").glob("appendonly*"))
    assert aof, "the embedded Redis must keep an append-only file under the data directory"
    with pytest.raises(urllib.error.URLError, match="refused"):
        get(f"http://127.0.0.1:{port}/healthz")


def children(pid: int) -> set[int]:
    """Process ids whose parent is `pid`, read from /proc."""
    found = set()
    for stat in Path("/proc").glob("[0-9]*/stat"):
        try:
            fields = stat.read_text().rsplit(")", 1)[1].split()
        except OSError:
            continue  # the process ended while we looked
        if int(fields[1]) == pid:
            found.add(int(stat.parent.name))
    return found


@pytest.mark.slow
def test_a_killed_worker_is_replaced_and_service_goes_on(tmp_path: Path) -> None:
    server, port = start_serve(tmp_path, workers=2)
    deadline = time.monotonic() + 30
    try:
        master = next(
            pid for pid in children(server.pid) if b"gunicorn" in Path(f"/proc/{pid}/cmdline").read_bytes()
        )
        workers = children(master)
        assert len(workers) == 2
        victim = min(workers)
        os.kill(victim, signal.SIGKILL)
        while True:
            now = children(master)
            if victim not in now and len(now) == 2:
                break
            assert time.monotonic() < deadline + 30, "gunicorn must replace a killed worker"
            time.sleep(0.05)
        for _ in range(10):
            assert get(f"http://127.0.0.1:{port}/v1/horoscopes/leo/today")[0] == 200
    finally:
        server.send_signal(signal.SIGTERM)
        assert server.wait(timeout=30) == 0


@pytest.mark.slow
def test_sigterm_lets_an_in_flight_request_finish(tmp_path: Path, private_redis) -> None:
    server, port = start_serve(tmp_path, workers=1, redis_url=private_redis.url, redis_timeout="10")
    observer = redis.Redis.from_url(private_redis.url)
    deadline = time.monotonic() + 30
    try:
        # Writes wait until we unpause: a first read finds the entry missing, then blocks publishing it.
        # (The pause lapses by itself after 20 s should the test fail before unpausing.)
        observer.execute_command("CLIENT", "PAUSE", "20000", "WRITE")
        answers: list[tuple[int, bytes]] = []
        reader = threading.Thread(
            target=lambda: answers.append(get(f"http://127.0.0.1:{port}/v1/horoscopes/virgo/today"))
        )
        reader.start()
        # Redis flags a client held by the pause "b" (blocked): the worker's write, mid-request.
        while not any("b" in client["flags"] for client in observer.client_list()):
            assert time.monotonic() < deadline, "the read never reached Redis"
        server.send_signal(signal.SIGTERM)  # the read is in flight, inside the worker
        observer.execute_command("CLIENT", "UNPAUSE")
        reader.join(timeout=30)
        assert server.wait(timeout=30) == 0
        [(status, body)] = answers
        assert status == 200
        assert json.loads(body)["sign"] == "virgo"
    finally:
        observer.execute_command("CLIENT", "UNPAUSE")
        observer.close()
        if server.poll() is None:
            stop(server)  # SIGTERM first: a SIGKILLed serve would leave its gunicorn running
