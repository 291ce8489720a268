"""Time the scheduled refresh of tomorrow end to end, and a year's backfill through `publish`.

Run by hand: `.venv/bin/python bench/bench_refresh.py`. Starts its own redis-server (append-only,
as in production) in a temporary directory. The refresh figures are in-process with a fixed clock
(cold: first run in the process, skies and phrase banks not yet loaded; then a fresh date with
everything warm; then the same date again, all present). The backfill figure is the wall time of
`horoscope-service publish` as an operator runs it, process start-up included.
"""

from __future__ import annotations

import os
import subprocess
import sys
import tempfile
import time
from datetime import UTC, date, datetime
from pathlib import Path

from jobs.definitions import job_named
from jobs.runner import JobRunner
from jobs.runs import RunLedger, RunRecord, Trigger
from service.config import Config
from service.publishing import Publisher
from service.redis_server import RedisServer
from service.store import Keys, Store, connect

ROOT = Path(__file__).parents[1]
NOW = datetime(2026, 2, 4, 4, 30, tzinfo=UTC)  # 10:00 in Kolkata: tomorrow is Feb 5


def report(label: str, value: float, unit: str) -> None:
    """One aligned line of output."""
    print(f"{label:<58}{value:9.2f} {unit}")


def timed_run(runner: JobRunner, target: date) -> tuple[float, RunRecord]:
    """Seconds of one manual refresh-tomorrow run, and its record."""
    started = time.perf_counter()
    run = runner.run(job_named("refresh-tomorrow"), target, Trigger.MANUAL, NOW)
    return time.perf_counter() - started, run


def bench_refresh(url: str) -> None:
    """Refresh of tomorrow: cold, warm on a fresh date, and again on a done date."""
    config = Config(redis_url=url)
    store = Store(connect(config), Keys(config.key_prefix))
    publisher = Publisher(store, config, lambda: NOW)
    runner = JobRunner(
        RunLedger(store, keep_days=config.retention_days), publisher, lambda: NOW, lock_seconds=60
    )
    for label, target in (
        ("refresh tomorrow, cold process (27 entries)", date(2026, 2, 5)),
        ("refresh tomorrow, warm process, fresh date (27 entries)", date(2026, 2, 6)),
        ("refresh tomorrow, Monday 1 June: daily+weekly+monthly (75)", date(2026, 6, 1)),
        ("refresh tomorrow again, all present (27 entries)", date(2026, 2, 5)),
    ):
        seconds, run = timed_run(runner, target)
        report(label, seconds * 1000, f"ms  {run.counts.as_dict()}")


def bench_backfill(url: str, system: str) -> None:
    """A year of daily horoscopes, 12 signs, through the CLI."""
    env = {**os.environ, "HOROSCOPE_REDIS_URL": url}
    first, last = date(2025, 1, 1), date(2025, 12, 31)
    command = [sys.executable, "-m", "service.cli", "publish", "--from", first.isoformat(), "--to",
               last.isoformat(), "--system", system, "--periods", "daily"]  # fmt: skip
    started = time.perf_counter()
    done = subprocess.run(command, cwd=ROOT, env=env, capture_output=True, text=True, check=True)
    seconds = time.perf_counter() - started
    entries = 12 * ((last - first).days + 1) * (2 if system == "both" else 1)
    report(f"publish a year of daily readings, {system} ({entries})", seconds, f"s   {done.stdout.strip()}")
    report("  per entry", seconds / entries * 1000, "ms")


def main() -> None:
    with tempfile.TemporaryDirectory() as directory:
        server = RedisServer(Path(directory)).start()
        try:
            bench_refresh(server.url)
            bench_backfill(server.url, "tropical")
            bench_backfill(server.url, "both")  # the tropical year is present: sidereal publishes
        finally:
            server.stop()


if __name__ == "__main__":
    main()
