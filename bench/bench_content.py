"""Time the horoscope composer: the twelve signs of one date, and a year of dailies.

Run by hand: `.venv/bin/python bench/bench_content.py`. A warm-up first loads the ephemeris
kernel and the phrase banks (once per process). Each timed run then asks for dates no earlier
call asked for, so the sky's memo cache never answers and every figure includes the snapshot.
"""

from __future__ import annotations

import statistics
import sys
import time
from collections.abc import Callable
from datetime import date, timedelta
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from service.content.calendar import Period
from service.content.composer import compose_horoscope
from service.content.zodiac import Sign, System

SAMPLES = 20
YEAR_START = date(2027, 1, 1)  # a year no one-date sample touches


def twelve_signs(day: date, system: System = System.TROPICAL) -> None:
    """Every sign's daily entry for one date, as the scheduled refresh composes them."""
    for sign in Sign:
        compose_horoscope(sign, day, Period.DAILY, system, today=day)


def timed(call: Callable[..., object], *args: object) -> float:
    """Wall time of one call, in seconds."""
    start = time.perf_counter()
    call(*args)
    return time.perf_counter() - start


def main() -> None:
    """Print the benchmark figures."""
    warm_up = timed(twelve_signs, date(2026, 1, 1))
    print(f"process warm-up (kernel, banks, first date): {warm_up * 1000:8.1f} ms")

    dates = [date(2026, 3, 1) + timedelta(days=7 * n) for n in range(SAMPLES)]
    runs = sorted(timed(twelve_signs, day) for day in dates)
    print(
        f"12 signs, one date, cold sky:  median {statistics.median(runs) * 1000:6.1f} ms,"
        f" worst {runs[-1] * 1000:6.1f} ms  (target < 100 ms)"
    )

    days = [YEAR_START + timedelta(days=n) for n in range(365)]
    start = time.perf_counter()
    for day in days:
        twelve_signs(day)
    year = time.perf_counter() - start
    print(f"a year of dailies, 12 signs, tropical: {year:6.2f} s  (target < 20 s)")

    start = time.perf_counter()
    for day in days:
        twelve_signs(day, System.SIDEREAL)
    print(f"the same year, sidereal (skies now cached): {time.perf_counter() - start:6.2f} s")


if __name__ == "__main__":
    main()
