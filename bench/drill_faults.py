"""Fault drill, run by hand: what readers see while Redis and gunicorn workers fail under load.

    .venv/bin/python bench/drill_faults.py

Starts a real redis-server (append-only) and `horoscope-service serve` (2 workers) on loopback,
reads 12 signs x 3 dates from 4 threads, and prints answer counts per phase:
  1. steady load; 2. Redis stopped for 5 s; 3. Redis back (and how long until reads recover);
  4. a worker SIGKILLed under load; 5. SIGTERM to the server under load (in-flight requests finish).
Everything is bounded in time and stays on 127.0.0.1.
"""

from __future__ import annotations

import http.client
import os
import signal
import subprocess
import sys
import tempfile
import threading
import time
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).parents[1]
sys.path.insert(0, str(ROOT))

from service.redis_server import RedisServer, free_port  # noqa: E402

PATHS = [f"/v1/horoscopes/{sign}/{day}" for sign in ("aries", "taurus", "gemini", "cancer", "leo", "virgo",
         "libra", "scorpio", "sagittarius", "capricorn", "aquarius", "pisces")
         for day in ("yesterday", "today", "tomorrow")]  # fmt: skip


class Load:
    """Reader threads that tally every answer (status, or the error's name) and the slowest one."""

    def __init__(self, port: int, threads: int = 4) -> None:
        self.port = port
        self.tally: Counter[str] = Counter()
        self.slowest = 0.0
        self.lock = threading.Lock()
        self.running = True
        self.threads = [threading.Thread(target=self.read, args=(n,), daemon=True) for n in range(threads)]

    def read(self, offset: int) -> None:
        n = offset
        while self.running:
            started = time.monotonic()
            try:
                connection = http.client.HTTPConnection("127.0.0.1", self.port, timeout=10)
                connection.request("GET", PATHS[n % len(PATHS)])
                outcome = str(connection.getresponse().status)
                connection.close()
            except OSError as error:
                outcome = type(error).__name__
            with self.lock:
                self.tally[outcome] += 1
                self.slowest = max(self.slowest, time.monotonic() - started)
            n += 1

    def phase(self, seconds: float) -> tuple[Counter[str], float]:
        """Counts and the slowest answer over the next `seconds`."""
        with self.lock:
            self.tally, self.slowest = Counter(), 0.0
        time.sleep(seconds)
        with self.lock:
            return Counter(self.tally), self.slowest


def wait_ready(port: int, timeout: float = 30) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        try:
            connection = http.client.HTTPConnection("127.0.0.1", port, timeout=1)
            connection.request("GET", "/readyz")
            if connection.getresponse().status == 200:
                return
        except OSError:
            pass
        time.sleep(0.1)
    raise SystemExit("the service did not become ready")


def gunicorn_workers(serve_pid: int) -> tuple[int, set[int]]:
    def children(pid: int) -> set[int]:
        out = subprocess.run(["ps", "-o", "pid=", "--ppid", str(pid)], capture_output=True, text=True).stdout
        return {int(line) for line in out.split()}

    master = next(
        pid for pid in children(serve_pid) if b"gunicorn" in Path(f"/proc/{pid}/cmdline").read_bytes()
    )
    return master, children(master)


def report(name: str, counts: Counter[str], slowest: float) -> None:
    print(f"{name:<34} {dict(sorted(counts.items()))}  slowest {slowest * 1000:.0f} ms")


def main() -> None:
    work = Path(tempfile.mkdtemp())
    redis = RedisServer(work / "redis").start()
    port = free_port()
    env = {**os.environ, "HOROSCOPE_REDIS_URL": redis.url, "HOROSCOPE_DATA_DIR": str(work / "var")}
    serve = subprocess.Popen(
        [sys.executable, "-m", "service.cli", "serve", "--port", str(port), "--workers", "2"],
        cwd=ROOT, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
    )  # fmt: skip
    load = Load(port)
    try:
        wait_ready(port)
        for thread in load.threads:
            thread.start()
        report("1. steady", *load.phase(3))
        redis.stop()
        report("2. Redis stopped (5 s)", *load.phase(5))
        redis.start()
        returned = time.monotonic()
        connection = http.client.HTTPConnection("127.0.0.1", port, timeout=5)
        while True:
            connection.request("GET", "/v1/horoscopes/leo/today?system=sidereal")
            response = connection.getresponse()
            response.read()
            if response.status == 200:
                break
        print(f"   reads recovered {time.monotonic() - returned:.2f} s after Redis returned")
        report("3. Redis back", *load.phase(3))
        _master, workers = gunicorn_workers(serve.pid)
        os.kill(min(workers), signal.SIGKILL)
        report("4. a worker SIGKILLed", *load.phase(3))
        print(f"   workers before {sorted(workers)}, after {sorted(gunicorn_workers(serve.pid)[1])}")
        serve.send_signal(signal.SIGTERM)
        report("5. SIGTERM (graceful stop)", *load.phase(2))
        print(f"   serve exited with {serve.wait(timeout=30)}")
    finally:
        load.running = False
        if serve.poll() is None:
            serve.kill()
        redis.stop()


if __name__ == "__main__":
    main()
