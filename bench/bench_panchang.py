"""Time the panchang: one day (ordinary and eclipse days), and a year of festivals.

Run by hand: `.venv/bin/python bench/bench_panchang.py`. Every timed call asks for a day or year
no earlier call asked for, so the memo caches never answer; the first call, which opens the
kernel, is reported apart.
"""

from __future__ import annotations

import statistics
import time
from collections.abc import Callable
from datetime import date, timedelta

from service.content.festivals import festivals_in
from service.content.panchang import panchang_for
from service.content.places import place


def seconds(call: Callable[[], object]) -> float:
    """Wall time of one call."""
    start = time.perf_counter()
    call()
    return time.perf_counter() - start


def report(label: str, value: float, unit: str) -> None:
    """One aligned line of output."""
    print(f"{label:<50}{value:9.1f} {unit}")


def main() -> None:
    report("first panchang (opens the kernel)", 1000 * seconds(lambda: panchang_for(date(2026, 1, 1))), "ms")
    days = [date(2026, 1, 2) + timedelta(days=n) for n in range(60)]
    ordinary = [1000 * seconds(lambda d=d: panchang_for(d)) for d in days]
    report("panchang, one day, New Delhi (median of 60)", statistics.median(ordinary), "ms")
    report("panchang, one day, New Delhi (slowest of 60)", max(ordinary), "ms")
    mumbai = [1000 * seconds(lambda d=d: panchang_for(d, place("mumbai"))) for d in days[:20]]
    report("panchang, one day, Mumbai (median of 20)", statistics.median(mumbai), "ms")
    eclipse_days = [date(2026, 3, 3), date(2026, 8, 28), date(2027, 8, 2), date(2025, 9, 7)]
    eclipsed = [1000 * seconds(lambda d=d: panchang_for(d)) for d in eclipse_days]
    report("panchang, an eclipse day (median of 4)", statistics.median(eclipsed), "ms")
    years = [1000 * seconds(lambda y=y: festivals_in(y)) for y in range(2030, 2036)]
    report("festivals of a year, New Delhi (median of 6)", statistics.median(years), "ms")


if __name__ == "__main__":
    main()
