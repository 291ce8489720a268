"""How rare a meeting of two slow planets is: the year they last met before this one.

A conjunction of slow planets comes as a series of one or three exact meetings within about a
year (a retrograde loop can make three), and series repeat only every decade or more. So the
previous meeting is the last exact conjunction more than two years earlier, found by sampling
both bodies every few days back through the ephemeris.
"""

from __future__ import annotations

from datetime import UTC, datetime, time, timedelta
from functools import cache

import numpy as np

from service.content.ephemeris import BODIES, FIRST_SUPPORTED_DAY, sample
from service.content.zodiac import Planet

# Sidereal orbital periods in years, for the mean interval between two planets' meetings.
_ORBIT_YEARS = {
    Planet.JUPITER: 11.862,
    Planet.SATURN: 29.457,
    Planet.URANUS: 84.02,
    Planet.NEPTUNE: 164.8,
    Planet.PLUTO: 248.0,
}
_SAME_SERIES = timedelta(days=2 * 365)
_STEP_DAYS = 4.0  # slow planets close on each other by well under a degree in that time
_CHUNK_YEARS = 40


@cache
def previous_conjunction_year(first: Planet, second: Planet, at: datetime) -> int | None:
    """The year of the pair's previous series of conjunctions before `at`, or None before 1900."""
    rows = [BODIES.index(first), BODIES.index(second)]
    earliest = datetime.combine(FIRST_SUPPORTED_DAY, time(12), UTC)
    end = at.astimezone(UTC) - _SAME_SERIES
    while end > earliest:
        start = max(earliest, end - timedelta(days=365.25 * _CHUNK_YEARS))
        days = np.arange(0.0, (end - start).total_seconds() / 86400.0, _STEP_DAYS)
        longitudes = sample(start, days * 24.0).longitudes[rows]
        separation = (longitudes[0] - longitudes[1]) % 360.0
        # An exact conjunction is where the separation wraps past 0 (or 360) between samples.
        wraps = np.flatnonzero(np.abs(np.diff(separation)) > 180.0)
        if wraps.size:
            return (start + timedelta(days=float(days[wraps[-1]]))).year
        end = start
    return None


def meeting_cycle_years(first: Planet, second: Planet) -> int:
    """The mean years between two slow planets' conjunctions (their synodic period), rounded."""
    a, b = _ORBIT_YEARS[first], _ORBIT_YEARS[second]
    return round(1.0 / abs(1.0 / a - 1.0 / b))
