"""Behind a real Varnish: the edge's hit ratio under a read mix with editors' writes, and the time from
an editor's write to its text at the edge (the purge lag).

    .venv/bin/python bench/edge_purge.py [--seconds 30] [--writes 50]

Starts its own Redis, `horoscope-service serve` (2 workers), `horoscope-service scheduler` (the purge
consumer) and varnishd with deploy/varnish/default.vcl, all on free loopback ports, with the default
purge settings (a purge is due 1.5 s after its write, HOROSCOPE_EDGE_PURGE_DELAY_SECONDS).

1. Read mix: 8 threads on keep-alive connections read the 12 signs' today (alias), dated today and
   tomorrow, and the all-twelve pages of today and tomorrow, at random, for --seconds, while an editor
   patches a random sign's today once a second. Hit ratio = X-Cache HIT / reads.
2. Lag: --writes times, an editor patches one sign's headline; the dated URL is read through Varnish
   every 20 ms until it shows the new headline. Median, 90th percentile and worst.
"""

from __future__ import annotations

import argparse
import http.client
import json
import os
import random
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from collections import Counter
from datetime import UTC, datetime, timedelta
from pathlib import Path

ROOT = Path(__file__).parents[1]
sys.path.insert(0, str(ROOT))

from service.config import Config  # noqa: E402
from service.days import local_today  # noqa: E402
from service.redis_server import RedisServer, free_port  # noqa: E402
from service.store import Keys, Store, connect  # noqa: E402
from service.tokens import Tokens  # noqa: E402
from tests.edge.varnish import Varnish, ensure_varnish, fetch  # noqa: E402
from tests.service.test_serve import start_serve, stop  # noqa: E402

SIGNS = ("aries", "taurus", "gemini", "cancer", "leo", "virgo", "libra", "scorpio", "sagittarius",
         "capricorn", "aquarius", "pisces")  # fmt: skip


def patch(origin: str, token: str, sign: str, day: str, headline: str) -> None:
    status, _, body = fetch(
        f"{origin}/v1/horoscopes/{sign}/{day}/override",
        {"Authorization": f"Bearer {token}", "Content-Type": "application/json"},
        method="PATCH",
        data=json.dumps({"headline": headline}).encode(),
    )
    assert status == 200, body


def read_mix(varnish_port: int, paths: list[str], stop_at: float, counts: Counter[str]) -> None:
    connection = http.client.HTTPConnection("127.0.0.1", varnish_port, timeout=10)
    local: Counter[str] = Counter()
    while time.monotonic() < stop_at:
        connection.request("GET", random.choice(paths))
        answer = connection.getresponse()
        answer.read()
        local[answer.getheader("X-Cache", "?") if answer.status == 200 else f"status {answer.status}"] += 1
    connection.close()
    counts.update(local)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--seconds", type=float, default=30.0)
    parser.add_argument("--writes", type=int, default=50)
    args = parser.parse_args()
    reason = ensure_varnish()
    if reason:
        sys.exit(f"needs Varnish with xkey: {reason}")
    with tempfile.TemporaryDirectory() as temporary:
        directory = Path(temporary)
        redis_server = RedisServer(directory / "redis").start()
        varnish_port = free_port()
        settings = {
            "redis_url": redis_server.url,
            "edge_backends": "varnish",
            "varnish_urls": f"http://127.0.0.1:{varnish_port}",
            "log_level": "WARNING",
        }
        env = {k: v for k, v in os.environ.items() if not k.startswith("HOROSCOPE_")}
        env |= {f"HOROSCOPE_{k.upper()}": v for k, v in settings.items()}
        origin, origin_port = start_serve(directory, workers=2, **settings)
        scheduler = subprocess.Popen(
            [sys.executable, "-m", "service.cli", "scheduler"], cwd=ROOT, env=env, stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )  # fmt: skip
        varnish = Varnish(directory / "varnish", origin_port, port=varnish_port).start()
        try:
            config = Config(redis_url=redis_server.url)
            store = Store(connect(config), Keys(config.key_prefix))
            token = Tokens(store).create("bench", "editor", datetime.now(UTC))
            store.close()
            origin_url = f"http://127.0.0.1:{origin_port}"
            today = local_today(datetime.now(UTC), config.zone)
            tomorrow = today + timedelta(days=1)
            paths = [f"/v1/horoscopes/{s}/{d}" for s in SIGNS for d in ("today", today, tomorrow)]
            paths += [f"/v1/horoscopes/{d}" for d in ("today", today, tomorrow)]
            for path in paths:  # published and cached once, as the prefill and first readers would
                fetch(varnish.url + path)
            time.sleep(3)  # the scheduler's start-up catch-up (prefill) settles first

            counts: Counter[str] = Counter()
            stop_at = time.monotonic() + args.seconds
            readers = [
                threading.Thread(target=read_mix, args=(varnish_port, paths, stop_at, counts))
                for _ in range(8)
            ]
            for reader in readers:
                reader.start()
            writes = 0
            while time.monotonic() < stop_at:
                patch(origin_url, token, random.choice(SIGNS), today.isoformat(), f"Mix Edit {writes}")
                writes += 1
                time.sleep(1.0)
            for reader in readers:
                reader.join()
            reads = sum(counts.values())
            rate = reads / args.seconds
            print(f"read mix: {reads} reads in {args.seconds:.0f} s ({rate:.0f}/s) with {writes} writes: "
                  f"hit ratio {counts['HIT'] / reads:.4f} ({dict(counts)})")  # fmt: skip

            lags = []
            for n in range(args.writes):
                sign = SIGNS[n % len(SIGNS)]
                path = f"/v1/horoscopes/{sign}/{today.isoformat()}"
                fetch(varnish.url + path)  # cached at the edge before the write
                headline = f"Lag Probe {n}"
                started = time.monotonic()
                patch(origin_url, token, sign, today.isoformat(), headline)
                while json.loads(fetch(varnish.url + path)[2])["headline"] != headline:
                    time.sleep(0.02)
                lags.append(time.monotonic() - started)
            lags.sort()
            print(
                f"purge lag (write to new text at the edge) over {len(lags)} writes: median "
                f"{statistics.median(lags):.2f} s, p90 {lags[int(len(lags) * 0.9) - 1]:.2f} s, "
                f"worst {lags[-1]:.2f} s, best {lags[0]:.2f} s"
            )
            print(f"load average: {os.getloadavg()[0]:.1f}")
        finally:
            varnish.stop()
            scheduler.terminate()
            scheduler.wait(timeout=30)
            stop(origin)
            redis_server.kill()


if __name__ == "__main__":
    main()
