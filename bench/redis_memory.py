"""Redis memory under editors' writes, and what readers and probes see when Redis is full (issue 19 M6).

Against a redis-server of its own (AOF on, as the service expects), in one process with the Flask
test client, so the figures are Redis's and not the HTTP stack's:

1. Memory per edit: one token PUTs a 16 KB listicle override again and again; history keeps every
   change for HOROSCOPE_HISTORY_DAYS and at least the last HOROSCOPE_HISTORY_MIN_RECORDS per entry,
   so past that many edits (all within a day here) the entry's memory stops growing.
2. Redis full (maxmemory just above what it uses, noeviction): a write, a cached read, a first read,
   /readyz with and without an admin token, and the memory gauges in /metrics.

    .venv/bin/python bench/redis_memory.py [--edits 400]
"""

from __future__ import annotations

import argparse
import re
import sys
import tempfile
from dataclasses import replace
from datetime import UTC, datetime
from pathlib import Path

import redis

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from service import create_app
from service.config import Config
from service.redis_server import RedisServer

NOW = datetime(2026, 2, 4, 4, 30, tzinfo=UTC)  # 10:00 in New Delhi; tomorrow is 2026-02-05


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--edits", type=int, default=400)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as directory:
        server = RedisServer(Path(directory) / "redis").start()
        try:
            run(server.url, args.edits)
        finally:
            server.stop()


def run(url: str, edits: int) -> None:
    config = replace(Config.from_env(), redis_url=url, redis_cluster=False, writes_per_minute=10**9)
    app = create_app(config, clock=lambda: NOW)
    client = app.test_client()
    admin = {"Authorization": f"Bearer {app.extensions['horoscope'].tokens.create('bench', 'admin', NOW)}"}
    direct = redis.Redis.from_url(url)
    try:
        slug = client.get("/v1/listicles/2026-02-05").get_json()["items"][0]["slug"]
        listicle = client.get(f"/v1/listicles/{slug}").get_json()
        items = [{"heading": f"Item {n}", "body": "Word " * 400} for n in range(len(listicle["items"]))]
        body = {
            "title": listicle["title"],
            "teaser": "A teaser.",
            "items": items,
            "tags": [],
            "disclaimer": None,
        }
        print(f"edit body: {len(str(body)) // 1024} KB; history keeps at least {config.history_min_records}")
        before = used_memory(direct)
        marks = sorted({10, 50, 100, edits // 2, edits} - {0})
        for n in range(1, edits + 1):
            body["teaser"] = f"A teaser, edit {n}."
            response = client.put(f"/v1/listicles/{slug}", json=body, headers=admin)
            assert response.status_code == 200, response.get_json()
            if n in marks:
                grown = used_memory(direct) - before
                kept = direct.llen(next(direct.scan_iter(match="*:history")))
                print(
                    f"after {n:4d} edits: Redis grew {grown / 1024:8.0f} KB "
                    f"({grown / n / 1024:5.1f} KB/edit), history holds {kept}"
                )

        print("\nRedis full (maxmemory = used + 64 KB, noeviction):")
        client.get("/v1/horoscopes/leo/2026-02-05")  # cached in this process before Redis fills up
        direct.config_set("maxmemory", used_memory(direct) + 64 * 1024)
        filler = 0
        while True:  # fill the last few KB
            try:
                direct.set(f"bench:filler:{filler}", b"x" * 4096)
            except redis.exceptions.OutOfMemoryError:
                break
            filler += 1
        write = client.patch(f"/v1/listicles/{slug}", json={"teaser": "One more."}, headers=admin)
        print(
            f"  editor write:      {write.status_code} {write.get_json()['detail']!r} "
            f"Retry-After {write.headers.get('Retry-After')}"
        )
        cached = client.get("/v1/horoscopes/leo/2026-02-05")
        print(f"  cached read:       {cached.status_code}")
        first = client.get("/v1/horoscopes/virgo/2026-02-06")
        print(f"  first read:        {first.status_code} {first.get_json().get('detail', '')!r}")
        public = client.get("/readyz")
        print(f"  /readyz (public):  {public.status_code} {public.get_json()['status']}")
        detail = client.get("/readyz", headers=admin).get_json()["checks"]["memory"]["detail"]
        print(f"  /readyz (admin):   memory: {detail}")
        metrics = client.get("/metrics").get_data(as_text=True)
        for name in ("horoscope_redis_used_memory_bytes", "horoscope_redis_maxmemory_bytes"):
            found = re.search(rf"^{name} (\S+)$", metrics, re.MULTILINE)
            print(f"  /metrics {name} {found.group(1) if found else 'missing'}")
    finally:
        direct.close()
        app.extensions["horoscope"].store.close()


def used_memory(client: redis.Redis) -> int:
    return int(client.info("memory")["used_memory"])


if __name__ == "__main__":
    main()
