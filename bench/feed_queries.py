"""What feed queries cost one process: CPU microseconds per request, calling the WSGI app directly.

Run by hand: `.venv/bin/python bench/feed_queries.py [--days 120]`. It starts its own redis-server,
publishes `--days` days of daily horoscopes and listicles up to today, then times: the default feed
(a cached answer); a tag no item carries, new on every request (the adversarial review's M9 probe);
a catalog tag and `limit` pair new on every request (a new variant each time); and a publication
followed by a rare tag's read (the walk of the window a publication costs the next such reader).
"""

from __future__ import annotations

import argparse
import itertools
import shutil
import sys
import tempfile
import time
from collections.abc import Iterator
from datetime import timedelta
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "bench"))

from hot_path import WsgiApp, call, environ  # noqa: E402

from service import create_app  # noqa: E402
from service.config import Config  # noqa: E402
from service.content.calendar import Period  # noqa: E402
from service.content.listicles import load_catalog  # noqa: E402
from service.content.zodiac import Sign, System  # noqa: E402
from service.redis_server import RedisServer  # noqa: E402


def cpu_us(app: WsgiApp, queries: Iterator[str], count: int) -> tuple[float, set[str]]:
    """Median over 5 rounds of CPU microseconds per request, and the statuses answered."""
    statuses: set[str] = set()
    rounds = []
    for _ in range(5):
        started = time.process_time()
        for _ in range(count // 5):
            status, _body = call(app, environ("/v1/feed", next(queries)))
            statuses.add(status)
        rounds.append((time.process_time() - started) / (count // 5) * 1e6)
    return sorted(rounds)[2], statuses


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--days", type=int, default=120, help="days of content to publish (default 120)")
    parser.add_argument("--requests", type=int, default=500, help="requests per scenario (default 500)")
    args = parser.parse_args()
    scratch = Path(tempfile.mkdtemp(prefix="feed-bench-"))
    redis_server = RedisServer(scratch / "redis").start()
    try:
        app = create_app(Config(redis_url=redis_server.url, log_level="WARNING"))
        publisher = app.extensions["horoscope"].publisher
        today = publisher.today()
        started = time.perf_counter()
        for back in range(args.days):
            day = today - timedelta(days=back)
            for sign in Sign:
                publisher.publish_horoscope(sign, day, Period.DAILY, System.TROPICAL)
            publisher.refresh_listicles(day)
        elapsed = time.perf_counter() - started
        print(f"published {args.days} days (12 horoscopes + listicles a day) in {elapsed:.1f} s")

        n = args.requests
        tags = sorted({tag for topic in load_catalog().values() for tag in topic.tags})
        counter = itertools.count()
        scenarios = {
            "default feed (cached)": itertools.repeat(""),
            "a new unknown tag each request": (f"tag=no-such-tag-{i}" for i in counter),
            "a new catalog tag and limit each request": (
                f"tag={tags[i % len(tags)]}&limit={1 + i // len(tags) % 100}" for i in counter
            ),
        }
        print(f"{'scenario':<46} {'CPU µs/req':>11}  statuses")
        for name, queries in scenarios.items():
            micros, statuses = cpu_us(app, queries, n)
            print(f"{name:<46} {micros:>11,.0f}  {', '.join(sorted(statuses))}")

        rounds = []
        for back in range(args.days, args.days + 5):  # each publishes one older entry, then reads
            publisher.publish_horoscope(Sign.LEO, today - timedelta(days=back), Period.DAILY, System.TROPICAL)
            started = time.process_time()
            call(app, environ("/v1/feed", "tag=blood-pressure&limit=100"))
            rounds.append((time.process_time() - started) * 1e6)
        print(f"{'first rare-tag read after a publication':<46} {sorted(rounds)[2]:>11,.0f}")
    finally:
        redis_server.stop()
        shutil.rmtree(scratch, ignore_errors=True)


if __name__ == "__main__":
    main()
