"""Sampling the real sky: apparent ecliptic positions from JPL DE421, and the Lahiri ayanamsa.

Private helper of `service.content.sky`. Pure computation: the kernel ships inside the
`skyfield-data` package, so nothing is downloaded and no clock is read.
"""

from __future__ import annotations

import atexit
import importlib.resources
from dataclasses import dataclass
from datetime import UTC, date, datetime
from functools import cache
from typing import Any

import numpy as np
from numpy.typing import NDArray
from skyfield.api import load, load_file
from skyfield.framelib import ecliptic_frame
from skyfield.nutationlib import iau2000b_radians

from service.content.zodiac import Planet

FloatArray = NDArray[np.float64]

# DE421 spans 1899-07-29 to 2053-10-08. The supported civil days stay a few days inside it
# so that time zones, light time and the sampling margin never reach past its ends.
FIRST_SUPPORTED_DAY = date(1900, 1, 1)
LAST_SUPPORTED_DAY = date(2053, 9, 30)

_KERNEL_NAMES: dict[Planet, str] = {
    Planet.SUN: "sun",
    Planet.MOON: "moon",
    Planet.MERCURY: "mercury",
    Planet.VENUS: "venus",
    Planet.MARS: "mars",
    # DE421 has only barycenters for the outer planets; the offset to the planet is < 0.1".
    Planet.JUPITER: "jupiter barycenter",
    Planet.SATURN: "saturn barycenter",
    Planet.URANUS: "uranus barycenter",
    Planet.NEPTUNE: "neptune barycenter",
    Planet.PLUTO: "pluto barycenter",
}
BODIES: tuple[Planet, ...] = tuple(_KERNEL_NAMES)

_J2000_JD = 2451545.0
_DAYS_PER_CENTURY = 36525.0
# Lahiri (Chitrapaksha) as the Swiss Ephemeris defines SE_SIDM_LAHIRI (sweph.h): the Indian
# Calendar Reform Committee's 23°15'00.658" at 1956-03-21 0h TT (JD 2435553.5), a true value,
# less that date's nutation in longitude (0.004658035°) to give the mean ayanamsa.
_LAHIRI_EPOCH_JD_TT = 2435553.5
_LAHIRI_MEAN_AT_EPOCH = 23.250182778 - 0.004658035


@dataclass(frozen=True, slots=True)
class Samples:
    """Apparent geocentric positions of every body at a run of instants."""

    xyz: FloatArray  # (body, axis, time): ecliptic and equinox of date, au
    ayanamsa: FloatArray  # (time,): true Lahiri ayanamsa, degrees

    @property
    def longitudes(self) -> FloatArray:
        """Tropical ecliptic longitudes, degrees in [0, 360), shape (body, time)."""
        longitudes: FloatArray = np.degrees(np.arctan2(self.xyz[:, 1], self.xyz[:, 0])) % 360.0
        return longitudes

    def of(self, planet: Planet) -> FloatArray:
        """The (axis, time) positions of one body."""
        positions: FloatArray = self.xyz[BODIES.index(planet)]
        return positions


@cache
def kernel() -> Any:
    """DE421 from the skyfield-data package folder, opened once per process."""
    path = importlib.resources.files("skyfield_data") / "data" / "de421.bsp"
    opened = load_file(str(path))
    atexit.register(opened.close)  # else interpreter exit warns about the still-open file
    return opened


@cache
def timescale() -> Any:
    """Skyfield's built-in ΔT and leap-second tables; no file is read or downloaded."""
    return load.timescale(builtin=True)


def sample(origin: datetime, offsets_hours: FloatArray) -> Samples:
    """Positions of every body at `origin` (aware) plus each offset in hours."""
    utc = origin.astimezone(UTC)
    seconds = utc.second + utc.microsecond / 1e6 + offsets_hours * 3600.0
    times = timescale().utc(utc.year, utc.month, utc.day, utc.hour, utc.minute, seconds)
    bodies = kernel()
    earth = bodies["earth"].at(times)
    to_ecliptic = ecliptic_frame.rotation_at(times)
    xyz = np.stack(
        [
            _rotate(to_ecliptic, earth.observe(bodies[name]).apparent().xyz.au)
            for name in _KERNEL_NAMES.values()
        ]
    )
    return Samples(xyz=xyz, ayanamsa=lahiri_ayanamsa(times.tt, _nutation_in_longitude(times)))


def _rotate(matrices: FloatArray, vectors: FloatArray) -> FloatArray:
    """Apply one 3x3 rotation per instant: (3, 3, time) @ (3, time)."""
    rotated: FloatArray = np.einsum("ijt,jt->it", matrices, vectors)
    return rotated


def _nutation_in_longitude(times: Any) -> FloatArray:
    """Δψ in degrees (IAU 2000B, within 1 mas of the 2000A that the ecliptic frame uses)."""
    d_psi, _ = iau2000b_radians(times)
    return np.degrees(np.asarray(d_psi, dtype=np.float64))


def _general_precession_arcsec(jd_tt: FloatArray) -> FloatArray:
    """IAU 2006 general precession in longitude p_A since J2000 (Capitaine et al. 2003)."""
    t = (jd_tt - _J2000_JD) / _DAYS_PER_CENTURY
    p_a: FloatArray = t * (
        5028.796195 + t * (1.1054348 + t * (0.00007964 + t * (-0.000023857 - t * 3.83e-8)))
    )
    return p_a


_PRECESSION_AT_LAHIRI_EPOCH = float(_general_precession_arcsec(np.array([_LAHIRI_EPOCH_JD_TT]))[0])


def lahiri_ayanamsa(jd_tt: FloatArray, nutation_deg: FloatArray | float = 0.0) -> FloatArray:
    """Lahiri ayanamsa in degrees at TT Julian dates: mean value plus the nutation given."""
    precession = _general_precession_arcsec(np.asarray(jd_tt, dtype=np.float64))
    ayanamsa: FloatArray = (
        _LAHIRI_MEAN_AT_EPOCH + (precession - _PRECESSION_AT_LAHIRI_EPOCH) / 3600.0 + nutation_deg
    )
    return ayanamsa
