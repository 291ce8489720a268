"""The day's eclipse as a panchang prints it: when it begins and ends, whether it is seen, and sutak.

`eclipses.py` finds eclipses and their greatest moment; this module adds what a reader in India
asks next. Lunar contacts use the Earth's shadow as eclipselib does (Danjon's 1% enlargement): the
eclipse runs from the Moon's first to last contact with the umbra (with the penumbra, for a
penumbral one). Whether it is seen from a place is computed there, topocentrically, on the WGS 84
ellipsoid at sea level: a lunar eclipse is visible when the Moon's upper limb is above the horizon
(34' refraction) while it lasts; a solar one when, from the place, the Moon's disc overlaps the
Sun's while the Sun's upper limb is above the horizon, and its local start and end are those
moments. `visible_in_india` asks the same of every bundled city, which reach India's corners.

Sutak (the inauspicious hours before a grahan) follows the common rule Indian portals print,
attributed to drikpanchang.com: three prahars (9 hours) before a lunar eclipse begins, four (12
hours) before a solar one, observed only where the eclipse is visible and never for a penumbral
lunar eclipse. (drikpanchang itself counts prahars of the local day from the locally visible start,
which can move sutak by an hour or so.)
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta
from functools import lru_cache
from zoneinfo import ZoneInfo

import numpy as np
from skyfield.framelib import itrs
from skyfield.nutationlib import iau2000b_radians

from service.content.crossings import BoolArray
from service.content.eclipses import (
    EARTH_RADIUS_KM,
    MOON_RADIUS_KM,
    SUN_RADIUS_KM,
    Eclipse,
    EclipseKind,
    Luminary,
    eclipses,
)
from service.content.ephemeris import FloatArray, kernel, timescale
from service.content.horizon import itrs_position, itrs_zenith
from service.content.places import Place, default_place, places

_AU_KM = 149_597_870.7
_REFRACTION = np.radians(34.0 / 60.0)
_SPAN = timedelta(hours=4, minutes=30)  # every phase of an eclipse lies within this of its greatest
_STEP_SECONDS = 30.0
LUNAR_SUTAK = timedelta(hours=9)
SOLAR_SUTAK = timedelta(hours=12)


@dataclass(frozen=True, slots=True)
class DayEclipse:
    """An eclipse whose greatest phase falls on the day, seen from the panchang's place."""

    eclipsed: Luminary  # the Sun (Surya Grahan) or the Moon (Chandra Grahan)
    kind: EclipseKind
    maximum: datetime  # greatest eclipse, in the place's zone
    start: datetime | None  # lunar: first umbral (penumbral) contact; solar: as seen here, if seen
    end: datetime | None
    visible_here: bool
    visible_in_india: bool
    sutak_start: datetime | None  # None where sutak does not apply


def eclipse_on(day: date, place: Place) -> DayEclipse | None:
    """The eclipse whose greatest phase falls on this civil day at this place, if any."""
    found = _peaking_on(day, place.timezone)
    return _seen_from(found, place) if found else None


def unseen_from_india(moment: datetime) -> bool:
    """Whether the eclipse greatest at this moment can be seen from nowhere in India (no sutak)."""
    place = default_place()
    found = eclipse_on(moment.astimezone(place.zone).date(), place)
    return found is not None and not found.visible_in_india


@lru_cache(maxsize=256)
def _peaking_on(day: date, timezone: str) -> Eclipse | None:
    """The eclipse whose greatest phase falls on a civil day in a zone (one a day at most)."""
    start = datetime.combine(day, time(0), ZoneInfo(timezone))
    found = eclipses(start.astimezone(UTC), (start + timedelta(days=1)).astimezone(UTC))
    return found[0] if found else None


@lru_cache(maxsize=256)
def _seen_from(eclipse: Eclipse, place: Place) -> DayEclipse:
    zone = place.zone
    sky = _sky_around(eclipse.at)
    everywhere = places() if place in places() else (*places(), place)
    index = everywhere.index(place)
    if eclipse.eclipsed is Luminary.MOON:
        start, end = sky.lunar_contacts(penumbral=eclipse.kind is EclipseKind.PENUMBRAL)
        seen = sky.moon_up(everywhere) & sky.within(start, end)
        visible_here = bool(seen[index].any())
        sutak = start - LUNAR_SUTAK if visible_here and eclipse.kind is not EclipseKind.PENUMBRAL else None
        local_start: datetime | None = start
        local_end: datetime | None = end
    else:
        seen = sky.solar_eclipse_seen(everywhere)
        visible_here = bool(seen[index].any())
        local_start, local_end = sky.first_and_last(seen[index]) if visible_here else (None, None)
        sutak = local_start - SOLAR_SUTAK if local_start is not None else None
    return DayEclipse(
        eclipsed=eclipse.eclipsed,
        kind=eclipse.kind,
        maximum=eclipse.at.astimezone(zone),
        start=local_start.astimezone(zone) if local_start else None,
        end=local_end.astimezone(zone) if local_end else None,
        visible_here=visible_here,
        visible_in_india=bool(seen.any()),
        sutak_start=sutak.astimezone(zone) if sutak else None,
    )


@lru_cache(maxsize=16)
def _sky_around(moment: datetime) -> _Sky:
    return _Sky.around(moment)


@dataclass(frozen=True, slots=True)
class _Sky:
    """Geocentric Sun and Moon (GCRS, km) every 30 s around an eclipse, and the Earth's rotation."""

    instants: tuple[datetime, ...]
    sun: FloatArray  # (3, time)
    moon: FloatArray
    to_itrs: FloatArray  # (3, 3, time): GCRS to the Earth-fixed frame

    @classmethod
    def around(cls, moment: datetime) -> _Sky:
        count = int(2 * _SPAN.total_seconds() / _STEP_SECONDS) + 1
        instants = tuple(moment - _SPAN + timedelta(seconds=_STEP_SECONDS * i) for i in range(count))
        ts = timescale()
        first = ts.from_datetime(instants[0])
        times = ts.tt_jd(first.tt + np.arange(count) * _STEP_SECONDS / 86400.0)
        times._nutation_angles_radians = iau2000b_radians(times)  # as skyfield's almanac does: fast
        earth = kernel()["earth"].at(times)
        sun = earth.observe(kernel()["sun"]).apparent(deflectors=()).position.au * _AU_KM
        moon = earth.observe(kernel()["moon"]).apparent(deflectors=()).position.au * _AU_KM
        return cls(instants, sun, moon, itrs.rotation_at(times))

    def lunar_contacts(self, *, penumbral: bool) -> tuple[datetime, datetime]:
        """First and last contact of the Moon with the umbra (or the penumbra)."""
        sun_distance = np.linalg.norm(self.sun, axis=0)
        moon_distance = np.linalg.norm(self.moon, axis=0)
        separation = _angle_between(-self.sun, self.moon)
        parallax = 1.01 * EARTH_RADIUS_KM / moon_distance + EARTH_RADIUS_KM / sun_distance
        solar_radius = SUN_RADIUS_KM / sun_distance
        shadow = parallax + solar_radius if penumbral else parallax - solar_radius
        return self._crossings(separation - shadow - np.arcsin(MOON_RADIUS_KM / moon_distance))

    def moon_up(self, where: tuple[Place, ...]) -> BoolArray:
        """(place, time): the Moon's upper limb above each place's refracted horizon."""
        altitude, distance = self._topocentric(self.moon, where)
        return np.asarray(altitude > -_REFRACTION - np.arcsin(MOON_RADIUS_KM / distance))

    def solar_eclipse_seen(self, where: tuple[Place, ...]) -> BoolArray:
        """(place, time): the Moon's disc overlaps the Sun's, and the Sun is up, at each place."""
        sun_altitude, sun_distance = self._topocentric(self.sun, where)
        _, moon_distance = self._topocentric(self.moon, where)
        observers = self._observers(where)
        to_sun = self.sun[None] - observers
        to_moon = self.moon[None] - observers
        separation = _angle_between(to_sun, to_moon, axis=1)
        overlap = separation < np.arcsin(SUN_RADIUS_KM / sun_distance) + np.arcsin(
            MOON_RADIUS_KM / moon_distance
        )
        sun_up = sun_altitude > -_REFRACTION - np.arcsin(SUN_RADIUS_KM / sun_distance)
        return np.asarray(overlap & sun_up)

    def within(self, start: datetime, end: datetime) -> BoolArray:
        """(time,): the samples from start to end."""
        return np.array([start <= instant <= end for instant in self.instants])

    def first_and_last(self, mask: BoolArray) -> tuple[datetime, datetime]:
        """The first and last sampled instants where `mask` holds (to the 30-second step)."""
        (hits,) = np.nonzero(mask)
        return self.instants[int(hits[0])], self.instants[int(hits[-1])]

    def _crossings(self, margin: FloatArray) -> tuple[datetime, datetime]:
        """Where `margin` (negative during the contact) first falls below zero and last rises above."""
        (inside,) = np.nonzero(margin < 0)
        first, last = int(inside[0]), int(inside[-1])
        return self._interpolate(margin, first - 1), self._interpolate(margin, last)

    def _interpolate(self, values: FloatArray, index: int) -> datetime:
        """The zero of `values` between samples index and index + 1."""
        fraction = values[index] / (values[index] - values[index + 1])
        return self.instants[index] + timedelta(seconds=float(fraction) * _STEP_SECONDS)

    def _observers(self, where: tuple[Place, ...]) -> FloatArray:
        """(place, 3, time): each place's geocentric position in the GCRS, km."""
        fixed = np.array([itrs_position(p.latitude, p.longitude) for p in where])
        observers: FloatArray = np.einsum("jit,pj->pit", self.to_itrs, fixed)
        return observers

    def _topocentric(self, body: FloatArray, where: tuple[Place, ...]) -> tuple[FloatArray, FloatArray]:
        """(place, time) altitude above each place's horizon (radians, unrefracted) and distance."""
        local = body[None] - self._observers(where)
        distance = np.linalg.norm(local, axis=1)
        up = np.array([itrs_zenith(p.latitude, p.longitude) for p in where])
        zenith = np.einsum("jit,pj->pit", self.to_itrs, up)
        altitude = np.arcsin(np.einsum("pit,pit->pt", local, zenith) / distance)
        return altitude, distance


def _angle_between(a: FloatArray, b: FloatArray, axis: int = 0) -> FloatArray:
    cosine = np.sum(a * b, axis=axis) / (np.linalg.norm(a, axis=axis) * np.linalg.norm(b, axis=axis))
    angle: FloatArray = np.arccos(np.clip(cosine, -1.0, 1.0))
    return angle
