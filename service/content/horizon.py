"""Sunrise, sunset, moonrise and moonset at a place, as Indian almanacs print them.

Convention (drikpanchang.com's and the newspapers'; the tests check it against published times):
a body rises or sets when its upper limb touches a sea-level horizon under the standard 34' of
refraction. The Sun's centre is then 50' below the true horizon (34' plus a 16' radius, as the US
Naval Observatory and skyfield take it); the Moon's is 34' plus its apparent radius seen from the
place, and its parallax (up to a degree) is included by observing from the place itself, a point
of the WGS 84 ellipsoid. A moonrise or moonset belongs to the civil day on which it happens; on
about one day a month the Moon does not rise (or set) at all that day.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from enum import Enum
from functools import lru_cache

import numpy as np

from service.content.eclipses import MOON_RADIUS_KM
from service.content.ephemeris import FloatArray, timescale
from service.content.lunisolar import Newton, Positions, positions_at, refine
from service.content.places import Place

_REFRACTION = np.radians(34.0 / 60.0)
_SUN_HORIZON = np.radians(-50.0 / 60.0)
_WGS84_A_KM = 6378.137
_WGS84_F = 1.0 / 298.257223563
_WGS84_E2 = _WGS84_F * (2.0 - _WGS84_F)
_DEGREES_PER_SOLAR_DAY = 360.0


class Body(Enum):
    SUN = "sun"
    MOON = "moon"


def itrs_position(latitude: float, longitude: float) -> FloatArray:
    """A sea-level point of the WGS 84 ellipsoid, Earth-fixed, km."""
    phi, lam = np.radians(latitude), np.radians(longitude)
    normal_radius = _WGS84_A_KM / np.sqrt(1.0 - _WGS84_E2 * np.sin(phi) ** 2)
    return np.array(
        [
            normal_radius * np.cos(phi) * np.cos(lam),
            normal_radius * np.cos(phi) * np.sin(lam),
            normal_radius * (1.0 - _WGS84_E2) * np.sin(phi),
        ]
    )


def itrs_zenith(latitude: float, longitude: float) -> FloatArray:
    """The local vertical (the ellipsoid's normal), Earth-fixed, as a unit vector."""
    phi, lam = np.radians(latitude), np.radians(longitude)
    return np.array([np.cos(phi) * np.cos(lam), np.cos(phi) * np.sin(lam), np.sin(phi)])


def topocentric(at: Positions, body: Body, place: Place) -> FloatArray:
    """(3, time): the body seen from the place, Earth-fixed axes, km."""
    geocentric = at.sun if body is Body.SUN else at.moon
    fixed: FloatArray = np.einsum("ijt,jt->it", at.to_itrs, geocentric)
    return fixed - itrs_position(place.latitude, place.longitude)[:, None]


def horizon_margin(at: Positions, body: Body, place: Place) -> FloatArray:
    """Radians the body's upper limb stands above the refracted horizon (negative: below it)."""
    local = topocentric(at, body, place)
    distance = np.linalg.norm(local, axis=0)
    altitude = np.arcsin(itrs_zenith(place.latitude, place.longitude) @ local / distance)
    if body is Body.SUN:
        margin: FloatArray = altitude - _SUN_HORIZON
    else:
        margin = altitude + _REFRACTION + np.arcsin(MOON_RADIUS_KM / distance)
    return margin


@dataclass(frozen=True, slots=True)
class Crossing:
    """Instants a body crosses the horizon, being refined (rising: from below to above)."""

    body: Body
    rising: bool
    search: Newton


def crossings_in(sampled: Positions, body: Body, place: Place) -> tuple[Crossing, Crossing]:
    """The body's risings and settings between samples (hourly is fine), located for refinement."""
    margin = horizon_margin(sampled, body, place)
    above = margin >= 0
    (before,) = np.nonzero(above[1:] != above[:-1])
    fraction = margin[before] / (margin[before] - margin[before + 1])
    guesses = sampled.jd[before] + fraction * (sampled.jd[before + 1] - sampled.jd[before])
    rising = ~above[before]

    def residual(at: Positions) -> FloatArray:
        return horizon_margin(at, body, place)

    return (
        Crossing(body, True, Newton(guesses[rising], residual)),
        Crossing(body, False, Newton(guesses[~rising], residual)),
    )


def local_midnights(place: Place, first_day: date, last_day: date) -> tuple[datetime, datetime]:
    """The place's midnight starting first_day and the one ending last_day (aware)."""
    zone = place.zone
    return (
        datetime.combine(first_day, time(0), zone),
        datetime.combine(last_day + timedelta(days=1), time(0), zone),
    )


def tt_of(moment: datetime) -> float:
    """An aware datetime as a TT Julian date."""
    return float(timescale().from_datetime(moment).tt)


@lru_cache(maxsize=64)
def sun_times(place: Place, first_day: date, last_day: date) -> tuple[FloatArray, FloatArray]:
    """Sunrise and sunset (TT Julian dates) of each civil day first_day..last_day, in order.

    Each is first placed from the Sun's hour angle at local noon, then refined on the real positions.
    """
    days = [first_day + timedelta(days=n) for n in range((last_day - first_day).days + 1)]
    noons = np.array([tt_of(datetime.combine(day, time(12), place.zone)) for day in days])
    at = positions_at(noons)
    local = topocentric(at, Body.SUN, place)
    hour_angle = (place.longitude - np.degrees(np.arctan2(local[1], local[0])) + 180.0) % 360.0 - 180.0
    declination = np.arcsin(local[2] / np.linalg.norm(local, axis=0))
    latitude = np.radians(place.latitude)
    cos_half_day = (np.sin(_SUN_HORIZON) - np.sin(latitude) * np.sin(declination)) / (
        np.cos(latitude) * np.cos(declination)
    )
    if np.any(np.abs(cos_half_day) >= 1.0):  # only polar latitudes lack a daily sunrise
        raise ValueError(f"{place.name}: the Sun does not rise and set every day")
    half_day = np.degrees(np.arccos(cos_half_day))

    def residual(positions: Positions) -> FloatArray:
        return horizon_margin(positions, Body.SUN, place)

    rises = Newton(noons + (-half_day - hour_angle) / _DEGREES_PER_SOLAR_DAY, residual)
    sets = Newton(noons + (half_day - hour_angle) / _DEGREES_PER_SOLAR_DAY, residual)
    refine([rises, sets], steps=2)
    return rises.at, sets.at
