"""Slow-client benchmark, run by hand: readers' latency while slowloris connections are open.

    .venv/bin/python bench/slow_clients.py                         # the repository's gunicorn.conf.py
    .venv/bin/python bench/slow_clients.py --worker-class gthread  # the same with gunicorn's thread worker

Starts a real redis-server and `horoscope-service serve` (2 workers) on loopback, publishes and
caches today's horoscopes, then reads them from `--readers` threads (one request per connection,
like readers arriving) for `--seconds` with no attack, and again while `--slow-headers` connections
drip header lines and `--slow-bodies` connections drip a PATCH body (half with an editor's token, half
without), a line or a byte a second, each replaced as soon as the server drops it (the attacks of
issue 19 H1, tests/slow_clients.py). Prints requests, failures and p50/p99/max latency per phase,
and how the slow connections ended. Target: readers' p99 under 1 s during the attack.
"""

from __future__ import annotations

import argparse
import http.client
import os
import subprocess
import sys
import tempfile
import threading
import time
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).parents[1]
sys.path.insert(0, str(ROOT))

from drill_faults import wait_ready  # noqa: E402  (bench/ is the script's own folder on sys.path)

from service.config import Config  # noqa: E402
from service.days import utc_now  # noqa: E402
from service.redis_server import RedisServer, free_port  # noqa: E402
from service.store import Keys, Store, connect  # noqa: E402
from service.tokens import Tokens  # noqa: E402
from tests.slow_clients import SLOW_HEADERS, SlowClients, slow_body  # noqa: E402

SIGNS = ("aries", "taurus", "gemini", "cancer", "leo", "virgo",
         "libra", "scorpio", "sagittarius", "capricorn", "aquarius", "pisces")  # fmt: skip
TIMEOUT = 10.0  # seconds a reader waits before counting a request as failed


class Readers:
    """Threads reading cached horoscopes, each request on a new connection; latencies and failures."""

    def __init__(self, port: int, count: int) -> None:
        self.port = port
        self.latencies: list[float] = []
        self.failures: Counter[str] = Counter()
        self.lock = threading.Lock()
        self.running = True
        self.threads = [threading.Thread(target=self.read, args=(n,), daemon=True) for n in range(count)]
        for thread in self.threads:
            thread.start()

    def read(self, offset: int) -> None:
        n = offset
        while self.running:
            started = time.perf_counter()
            try:
                connection = http.client.HTTPConnection("127.0.0.1", self.port, timeout=TIMEOUT)
                connection.request("GET", f"/v1/horoscopes/{SIGNS[n % len(SIGNS)]}/today")
                response = connection.getresponse()
                response.read()
                connection.close()
                failure = None if response.status == 200 else str(response.status)
            except OSError as error:
                failure = type(error).__name__
            with self.lock:
                if failure is None:
                    self.latencies.append(time.perf_counter() - started)
                else:
                    self.failures[failure] += 1
            n += 1

    def phase(self, seconds: float) -> tuple[list[float], Counter[str]]:
        """Latencies of the answers and the failures over the next `seconds`."""
        with self.lock:
            self.latencies, self.failures = [], Counter()
        time.sleep(seconds)
        with self.lock:
            return sorted(self.latencies), Counter(self.failures)

    def stop(self) -> None:
        self.running = False
        for thread in self.threads:
            thread.join()


def percentile(ordered: list[float], share: float) -> float:
    return ordered[min(len(ordered) - 1, int(share * len(ordered)))] if ordered else float("nan")


def report(name: str, latencies: list[float], failures: Counter[str], seconds: float) -> None:
    ms = [value * 1000 for value in latencies]
    print(
        f"| {name} | {len(ms) / seconds:,.0f} | {sum(failures.values())} {dict(failures) or ''} | "
        f"{percentile(ms, 0.50):.1f} | {percentile(ms, 0.99):.1f} | {ms[-1] if ms else float('nan'):.1f} |"
    )


def gunicorn_config(worker_class: str | None, scratch: Path) -> Path:
    """The repository's gunicorn.conf.py, or a copy that runs another worker class."""
    config = ROOT / "gunicorn.conf.py"
    if worker_class is None:
        return config
    other = scratch / "gunicorn.conf.py"
    other.write_text(config.read_text() + f"\nworker_class = {worker_class!r}\nthreads = 4\n")
    return other


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--seconds", type=float, default=15, help="length of each phase")
    parser.add_argument("--readers", type=int, default=2, help="reader threads")
    parser.add_argument("--slow-headers", type=int, default=50)
    parser.add_argument("--slow-bodies", type=int, default=10)
    parser.add_argument("--worker-class", help="run gunicorn.conf.py with this worker class instead")
    options = parser.parse_args()

    scratch = Path(tempfile.mkdtemp(prefix="horoscope-slow-clients-"))
    redis_server = RedisServer(scratch / "redis").start()
    store = Store(connect(Config(redis_url=redis_server.url)), Keys("hs"))
    token = Tokens(store).create("bench", "editor", utc_now())
    store.close()
    port = free_port()
    env = {k: v for k, v in os.environ.items() if not k.startswith("HOROSCOPE_")}
    env |= {"HOROSCOPE_REDIS_URL": redis_server.url, "HOROSCOPE_DATA_DIR": str(scratch / "var")}
    config = gunicorn_config(options.worker_class, scratch)
    serve = subprocess.Popen(
        [sys.executable, "-m", "service.cli", "serve", "--port", str(port), "--workers", "2",
         "--gunicorn-config", str(config)],
        cwd=ROOT, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
    )  # fmt: skip
    attack: list[SlowClients] = []
    readers: Readers | None = None
    try:
        wait_ready(port)
        for sign in SIGNS:  # published and cached in both workers before the clock starts
            for _ in range(4):
                connection = http.client.HTTPConnection("127.0.0.1", port, timeout=TIMEOUT)
                connection.request("GET", f"/v1/horoscopes/{sign}/today")
                connection.getresponse().read()
                connection.close()
        readers = Readers(port, options.readers)
        print(f"{config.name if options.worker_class is None else options.worker_class + ' worker'}, "
              f"2 workers; {options.readers} readers, {options.seconds:g} s per phase\n")  # fmt: skip
        print("| phase | reads/s | failed | p50 ms | p99 ms | max ms |\n|---|---:|---:|---:|---:|---:|")
        report("no attack", *readers.phase(options.seconds), options.seconds)
        attack = [
            SlowClients(port, options.slow_headers, SLOW_HEADERS),
            SlowClients(port, options.slow_bodies // 2, slow_body()),
            SlowClients(port, options.slow_bodies - options.slow_bodies // 2, slow_body(token)),
        ]
        for clients in attack:
            clients.start()
        name = f"{options.slow_headers} slow headers + {options.slow_bodies} slow bodies open"
        report(name, *readers.phase(options.seconds), options.seconds)
        headers, anonymous, editors = attack
        print(
            "\nslow connections ended by the server (status of its answer, 0: closed unanswered): "
            f"headers {dict(headers.answers)}, bodies without a token {dict(anonymous.answers)}, "
            f"with one {dict(editors.answers)}"
        )
    finally:
        if readers is not None:
            readers.running = False
        for clients in attack:
            clients.close()
        serve.terminate()
        try:
            serve.wait(timeout=30)
        except subprocess.TimeoutExpired:
            serve.kill()
        redis_server.stop()
        if readers is not None:
            readers.stop()


if __name__ == "__main__":
    main()
