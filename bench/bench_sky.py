"""Time the sky snapshot: cold first call, warm daily, weekly, monthly, and a year of dailies.

Run by hand: `.venv/bin/python bench/bench_sky.py`. Every timed call uses dates no earlier
call asked for, so the memo cache never answers; only the cold figure includes the kernel load.
"""

from __future__ import annotations

import importlib
import statistics
import time
from collections.abc import Callable
from datetime import date, timedelta
from functools import partial

SAMPLES = 30


def seconds(call: Callable[[], object]) -> float:
    """Wall time of one call."""
    start = time.perf_counter()
    call()
    return time.perf_counter() - start


def seconds_since(started: float) -> float:
    """Wall time since a perf_counter reading."""
    return time.perf_counter() - started


def median_ms(sky_for: Callable[..., object], first_days: list[date], length_days: int) -> float:
    """Median milliseconds of uncached snapshots spanning `length_days` from each first day."""
    span = timedelta(days=length_days - 1)
    return 1000 * statistics.median(seconds(partial(sky_for, d, d + span)) for d in first_days)


def report(label: str, value: float, unit: str) -> None:
    """One aligned line of output."""
    print(f"{label:<50}{value:9.1f} {unit}")


def main() -> None:
    """Print the figures."""
    started = time.perf_counter()
    sky = importlib.import_module("service.content.sky")
    report("import of service.content.sky (skyfield, numpy)", seconds_since(started) * 1000, "ms")
    sky_for = sky.sky_for

    cold = seconds(lambda: sky_for(date(2026, 1, 1)))
    report("cold first daily snapshot (kernel load included)", 1000 * cold, "ms")

    dailies = [date(2027, 1, 1) + timedelta(days=3 * n) for n in range(SAMPLES)]
    report(f"warm daily snapshot, median of {SAMPLES}", median_ms(sky_for, dailies, 1), "ms")

    weeks = [date(2028, 1, 1) + timedelta(days=8 * n) for n in range(SAMPLES)]
    report(f"weekly (7 days), median of {SAMPLES}", median_ms(sky_for, weeks, 7), "ms")

    months = [date(2029, 1, 1) + timedelta(days=32 * n) for n in range(SAMPLES // 3)]
    report(f"monthly (31 days), median of {len(months)}", median_ms(sky_for, months, 31), "ms")

    year = [date(2031, 1, 1) + timedelta(days=n) for n in range(365)]
    report("365 daily snapshots in sequence", seconds(lambda: [sky_for(d) for d in year]), "s")


if __name__ == "__main__":
    main()
